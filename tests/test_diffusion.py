import pytest
import torch
import torch.nn.functional as F

from genai_course import diffusion as d
from genai_course import metrics
from genai_course.data import DIGIT_WORDS, mode_centers, sample_2d


@pytest.fixture(params=d.SCHEDULES)
def schedule(request):
    return d.NoiseSchedule(1000, request.param)


def test_add_noise_matches_closed_form_mean_and_variance(schedule):
    g = torch.Generator().manual_seed(0)
    x0 = torch.tensor([[1.5, -0.5]]).repeat(200_000, 1)  # (N, 2), one fixed point
    for t in (0, 250, 999):
        abar = schedule.alphas_cumprod[t]
        xt = schedule.add_noise(x0, torch.randn(x0.shape, generator=g), t)
        want_mean = abar.sqrt() * x0[0]
        assert torch.allclose(xt.mean(0), want_mean, atol=0.01)
        assert torch.allclose(xt.var(0), (1 - abar).expand(2), rtol=0.02, atol=1e-5)


def test_add_noise_per_sample_timesteps():
    s = d.NoiseSchedule()
    x0, noise = torch.ones(3, 1, 8, 8), torch.zeros(3, 1, 8, 8)
    xt = s.add_noise(x0, noise, torch.tensor([0, 500, 999]))
    assert xt.shape == x0.shape and xt.dtype == torch.float32
    got = xt[:, 0, 0, 0]
    assert torch.allclose(got, s.alphas_cumprod[[0, 500, 999]].sqrt())


def test_alphas_cumprod_monotone_in_unit_interval_ends_in_noise(schedule):
    abar = schedule.alphas_cumprod
    assert abar.shape == (1000,) and len(schedule.betas) == 1000
    assert (abar > 0).all() and (abar < 1).all()
    assert (abar[1:] < abar[:-1]).all()
    assert abar[0] > 0.99 and abar[-1] < 1e-3  # the last step is almost pure noise
    assert schedule.timesteps[0] == 999 and schedule.timesteps[-1] == 0


def test_linear_betas_are_ddpm():
    s = d.NoiseSchedule(1000, "linear")
    assert s.betas[0].item() == pytest.approx(1e-4)
    assert s.betas[-1].item() == pytest.approx(0.02)


def test_bad_schedule_and_timesteps_list_what_is_accepted():
    with pytest.raises(ValueError, match="cosine"):
        d.NoiseSchedule(1000, "quadratic")
    s = d.NoiseSchedule()
    x = torch.zeros(2, 2)
    with pytest.raises(ValueError, match=r"\[0, 1000\)"):
        s.add_noise(x, x, 1000)
    with pytest.raises(ValueError, match=r"\[0, 1000\)"):
        s.add_noise(x, x, torch.tensor([-1, 3]))
    with pytest.raises(TypeError):
        s.add_noise(x, x, 2.5)
    with pytest.raises(ValueError, match="shape"):
        s.add_noise(x, torch.zeros(3, 2), 4)


@pytest.mark.parametrize("bad", [0, 1001, 2.0, "20"])
def test_bad_step_counts(bad):
    with pytest.raises((ValueError, TypeError), match="num_inference_steps"):
        d.DDIMScheduler(d.NoiseSchedule()).set_timesteps(bad)
    with pytest.raises(ValueError, match="ddim"):
        d.make_scheduler("euler", d.NoiseSchedule(), 10)


def test_timesteps_choice_of_step_count():
    sched = d.DDIMScheduler(d.NoiseSchedule()).set_timesteps(20)
    ts = sched.timesteps
    assert len(ts) == 20 and ts[0] == 999 and ts[-1] == 0 and (ts[1:] < ts[:-1]).all()
    assert (
        sched.previous_timestep(999) == int(ts[1]) and sched.previous_timestep(0) == -1
    )
    one = d.DDPMScheduler(d.NoiseSchedule()).set_timesteps(1)
    assert one.timesteps.tolist() == [999]


def test_ddim_eta1_with_all_steps_equals_ddpm(schedule):
    ddpm, ddim = d.DDPMScheduler(schedule), d.DDIMScheduler(schedule)
    g = torch.Generator().manual_seed(0)
    x, eps, z = (torch.randn(64, 2, generator=g) for _ in range(3))
    for t in (999, 500, 10, 1, 0):
        a = ddpm.step(eps, t, x, variance_noise=z)
        b = ddim.step(eps, t, x, eta=1.0, variance_noise=z)
        assert torch.allclose(a.prev_sample, b.prev_sample, atol=1e-4), t
        assert torch.allclose(a.pred_original_sample, b.pred_original_sample)


@pytest.mark.parametrize("steps", [5, 20, 100])
def test_ddim_eta1_equals_ddpm_with_skipped_timesteps_too(steps):
    # notebook 06, section 5: "eta = 1 gives exactly our DDPM sampler, at any number
    # of steps"; a jump t -> t' is one forward step with beta = 1 - abar_t / abar_t'
    s = d.NoiseSchedule()
    ddpm, ddim = (d.make_scheduler(name, s, steps) for name in ("ddpm", "ddim"))
    assert ddpm.timesteps.tolist() == ddim.timesteps.tolist()
    g = torch.Generator().manual_seed(0)
    x, eps, z = (torch.randn(64, 2, generator=g) for _ in range(3))
    for t in ddpm.timesteps.tolist():
        a = ddpm.step(eps, t, x, variance_noise=z).prev_sample
        b = ddim.step(eps, t, x, eta=1.0, variance_noise=z).prev_sample
        assert torch.allclose(a, b, atol=1e-4), t


def test_the_x0_form_and_the_eps_form_of_the_ddpm_step_agree():
    # notebook 06: section 2 writes the step as a_t x0_hat + b_t x_t (+ noise), with
    # a_t = sqrt(abar_prev) beta_t / (1 - abar_t), b_t = sqrt(alpha_t) (1 - abar_prev)
    # / (1 - abar_t); exercise 2 writes the same mean with eps (Ho et al., Alg. 2)
    from genai_course.exercises.diffusion import ddpm_step_solution

    s = d.NoiseSchedule()
    g = torch.Generator().manual_seed(0)
    x, eps = torch.randn(64, 2, generator=g), torch.randn(64, 2, generator=g)
    zero = torch.zeros_like(x)
    abar = s.alphas_cumprod.double()
    for t in (999, 400, 10, 1):
        x0 = d.predict_original(s, eps, t, x).double()
        a = abar[t - 1].sqrt() * s.betas[t] / (1 - abar[t])
        b = s.alphas[t].sqrt() * (1 - abar[t - 1]) / (1 - abar[t])
        by_x0 = (a * x0 + b * x).float()
        by_eps = ddpm_step_solution(x, eps, t, s.betas, s.alphas_cumprod, zero)
        by_scheduler = d.DDPMScheduler(s).step(eps, t, x, variance_noise=zero)
        assert torch.allclose(by_x0, by_eps, atol=1e-3), t
        assert torch.allclose(by_x0, by_scheduler.prev_sample, atol=1e-3), t
    last = d.DDPMScheduler(s).step(eps, 0, x)  # a_1 = 1, b_1 = 0: the result is x0_hat
    assert torch.allclose(last.prev_sample, d.predict_original(s, eps, 0, x), atol=1e-4)


def test_ddim_eta0_is_deterministic_and_last_step_returns_x0():
    s = d.NoiseSchedule()
    ddim = d.DDIMScheduler(s).set_timesteps(10)
    x, eps = torch.randn(5, 2), torch.randn(5, 2)
    a = ddim.step(eps, 999, x).prev_sample
    b = ddim.step(eps, 999, x, generator=torch.Generator().manual_seed(1)).prev_sample
    assert torch.equal(a, b)
    last = ddim.step(eps, 0, x)
    ddpm_last = d.DDPMScheduler(s).step(eps, 0, x)
    assert torch.allclose(last.prev_sample, last.pred_original_sample)
    assert torch.allclose(ddpm_last.prev_sample, last.prev_sample, atol=1e-6)


def test_the_exact_noise_inverts_add_noise():
    s = d.NoiseSchedule()
    x0, noise = torch.randn(8, 2), torch.randn(8, 2)
    xt = s.add_noise(x0, noise, 700)
    out = d.DDIMScheduler(s).set_timesteps(50).step(noise, 700, xt)
    assert torch.allclose(out.pred_original_sample, x0, atol=1e-4)
    assert torch.allclose(d.predict_original(s, noise, 700, xt), x0, atol=1e-4)


def _fixed_eps(value):
    class Model(torch.nn.Module):
        def forward(self, sample, timestep, class_labels=None):
            if class_labels is None:
                return torch.zeros_like(sample)
            return torch.where(class_labels[:, None] == d.NULL_CLASS, 0.0, value) + (
                0 * sample
            )

    return Model()


def test_guidance_weight_zero_gives_the_conditional_prediction():
    model = d.ConvDenoiser()
    x, labels = torch.randn(4, 1, 8, 8), torch.tensor([0, 3, 7, 9])
    with torch.no_grad():
        cond = model(x, torch.full((4,), 300), labels)
        got = d.guided_noise(model, x, 300, labels, 0.0)
        assert torch.allclose(got, cond)
        strong = d.guided_noise(model, x, 300, labels, 2.0)
        uncond = model(x, torch.full((4,), 300), torch.full((4,), d.NULL_CLASS))
        assert torch.allclose(strong, 3 * cond - 2 * uncond, atol=1e-5)
    toy = _fixed_eps(1.0)  # conditional says 1, null says 0: guidance extrapolates
    out = d.guided_noise(toy, torch.zeros(2, 2), 5, torch.tensor([1, 2]), 3.0)
    assert torch.allclose(out, torch.full((2, 2), 4.0))
    with pytest.raises(ValueError):
        d.guided_noise(toy, torch.zeros(2, 2), 5, torch.tensor([1, 2]), -1.0)


@pytest.mark.parametrize("sampler", list(d.SAMPLERS))
def test_shapes_and_dtypes_survive_every_path(sampler):
    s = d.NoiseSchedule(1000, "cosine")
    mlp, conv = d.MLPDenoiser(), d.ConvDenoiser()
    g = torch.Generator().manual_seed(0)
    x2 = d.sample(mlp, d.make_scheduler(sampler, s, 5), torch.randn(7, 2), generator=g)
    assert x2.shape == (7, 2) and x2.dtype == torch.float32
    rec = d.TrajectoryRecorder(every=2)
    labels = torch.tensor([1, 2, 3])
    sched = d.make_scheduler(sampler, s, 5, clip_sample=True)
    img = d.sample(conv, sched, torch.randn(3, 1, 8, 8), labels, 1.5, g, rec)
    assert img.shape == (3, 1, 8, 8) and img.dtype == torch.float32
    assert img.abs().max() <= 1.0 + 1e-5  # clip_sample keeps x0 in [-1, 1]
    traj = rec.trajectory()
    assert traj.timesteps == [999, 500, 0, -1]  # before steps 1, 3, 5, then x0
    assert traj.samples.shape == (4, 3, 1, 8, 8)
    assert traj.pred_original.shape == traj.samples.shape
    assert torch.equal(traj.samples[-1], img)
    assert torch.equal(traj.pred_original[-1], img)
    loss = d.diffusion_loss(conv, s, torch.rand(6, 1, 8, 8), g, torch.arange(6))
    assert loss.dim() == 0 and loss.dtype == torch.float32


def test_mixture_denoiser_samples_the_ring_without_training():
    s = d.NoiseSchedule()
    model = d.GaussianMixtureDenoiser(mode_centers("ring"), 0.05, s)
    g = torch.Generator().manual_seed(0)
    x = d.sample(
        model, d.DDPMScheduler(s), torch.randn(2000, 2, generator=g), None, 0, g
    )
    ratio = metrics.swd_ratio(x, sample_2d("ring", 2000, 1), sample_2d("ring", 2000, 2))
    assert ratio < 1.5
    stats = metrics.mode_stats(x, mode_centers("ring"), 0.05)
    assert stats["modes"] == 8 and stats["hq_pct"] > 95


def test_a_short_fit_lowers_the_loss():
    torch.manual_seed(0)
    model = d.MLPDenoiser(hidden=32)
    history = d.fit(
        model, d.NoiseSchedule(), sample_2d("moons", 2000), steps=150, progress=False
    )
    first, last = history.losses[:20], history.losses[-20:]
    assert sum(last) / 20 < 0.8 * sum(first) / 20


def test_prompts():
    assert [d.parse_prompt(w) for w in DIGIT_WORDS] == list(range(10))
    assert d.parse_prompt("  Seven ") == 7 and d.parse_prompt("3") == 3
    with pytest.raises(ValueError, match="zero, one, two"):
        d.parse_prompt("a cat in a spacesuit")
    with pytest.raises(ValueError, match="digit words"):
        d.parse_prompt("")
    with pytest.raises(TypeError):
        d.parse_prompt(7.0)


def test_shipped_digit_model_draws_the_requested_digits():
    from genai_course.classifier import accuracy, load_digit_classifier

    model, judge = d.load_digit_model(), load_digit_classifier()
    imgs = torch.cat([d.generate_digits(model, c, n=5, seed=c) for c in range(10)])
    assert imgs.shape == (50, 1, 8, 8) and 0 <= imgs.min() and imgs.max() <= 1
    assert accuracy(judge, imgs, torch.arange(10).repeat_interleave(5)) >= 0.8


@pytest.mark.parametrize("name", d.DATASETS_2D)
def test_shipped_2d_models_beat_noise(name):
    model = d.load_2d(name)
    g = torch.Generator().manual_seed(0)
    sched = d.make_scheduler("ddim", d.schedule_2d(), 20)
    x = d.sample(model, sched, torch.randn(1000, 2, generator=g), generator=g)
    data, ref = sample_2d(name, 1000, 1), sample_2d(name, 1000, 2)
    noise = torch.randn(1000, 2, generator=g)
    assert metrics.swd_ratio(x, data, ref) < 2.5
    assert metrics.swd_ratio(noise, data, ref) > 4  # untrained: no better than noise


def test_loss_per_timestep_is_the_training_loss_at_a_fixed_t():
    s = d.NoiseSchedule()
    exact = d.GaussianMixtureDenoiser(mode_centers("ring"), 0.05, s)
    x0 = sample_2d("ring", 500, seed=0)
    losses = d.loss_per_timestep(exact, s, x0, [0, 999, 500], seed=3)
    assert losses.shape == (3,)
    g = torch.Generator().manual_seed(3)
    noise = torch.randn(x0.shape, generator=g)  # the first draw is used at t = 0
    want = ((exact(s.add_noise(x0, noise, 0), 0) - noise) ** 2).mean()
    assert losses[0].item() == pytest.approx(want.item())
    with pytest.raises(ValueError, match=r"\[0, 1000\)"):
        d.loss_per_timestep(exact, s, x0, [1000])


def test_noise_is_hardest_to_guess_at_small_t_for_the_shipped_moons_model():
    # notebook 06: at large t, x_t is almost all noise, so the noise is easy to
    # guess; at small t it hides inside the data's own spread
    model, s = d.load_2d("moons"), d.schedule_2d()
    x0 = sample_2d("moons", 2000, seed=1)
    small = d.loss_per_timestep(model, s, x0, range(0, 50, 5)).mean()
    large = d.loss_per_timestep(model, s, x0, range(900, 1000, 10)).mean()
    assert small > 0.5 and large < 0.01 and small > 50 * large
    # the best possible denoiser (exact, for the ring) shows the same shape
    exact = d.GaussianMixtureDenoiser(mode_centers("ring"), 0.05, s)
    ring = sample_2d("ring", 2000, seed=1)
    small = d.loss_per_timestep(exact, s, ring, range(0, 50, 5)).mean()
    large = d.loss_per_timestep(exact, s, ring, range(900, 1000, 10)).mean()
    assert small > 0.3 and large < 0.01


def test_most_of_the_shaping_happens_at_small_t():
    # notebook 06, the exact reverse process on the ring: still shapeless at t = 499
    s = d.NoiseSchedule()
    exact = d.GaussianMixtureDenoiser(mode_centers("ring"), 0.05, s)
    g = torch.Generator().manual_seed(0)
    rec = d.TrajectoryRecorder()
    d.sample(exact, d.DDPMScheduler(s), torch.randn(500, 2, generator=g), None, 0, g,
             rec)  # fmt: skip
    traj = rec.trajectory()
    ring, ref = sample_2d("ring", 500, seed=1), sample_2d("ring", 500, seed=2)
    swd = {f: metrics.swd_ratio(traj.samples[f], ring, ref) for f in (0, 500, 1000)}
    assert traj.timesteps[500] == 499
    assert swd[500] > 0.8 * swd[0] and swd[1000] < 1.5  # half the steps, little shape


def test_ddim_beats_ddpm_on_the_swiss_roll():
    # notebook 06's StepsExplorer claims, with its own settings (300 points, seeds)
    from genai_course.widgets.diffusion import _data, _samples

    def ratio(name, sampler, steps, seed):
        x = _samples(name, sampler, steps, seed)
        return metrics.swd_ratio(x, _data(name, seed + 100), _data(name, seed + 200))

    for seed in (0, 1, 2):
        for steps in (5, 10, 20):
            assert ratio("swiss_roll", "ddim", steps, seed) < ratio(
                "swiss_roll", "ddpm", steps, seed
            )
    for name in d.DATASETS_2D:  # below 5 steps both fail; with 1 step they agree
        for sampler in ("ddpm", "ddim"):
            assert ratio(name, sampler, 3, 0) > 3
        one_step = [_samples(name, sampler, 1, 0) for sampler in ("ddpm", "ddim")]
        assert torch.allclose(*one_step)


def test_denoiser_arrows_wild_then_to_the_middle_then_to_the_data():
    # notebook 06's scrubber: the x0 guess at t = 999 divides by sqrt(abar) ~ 0.006
    from genai_course.widgets.diffusion import _grid, denoiser_field

    model, s = d.load_2d("moons"), d.schedule_2d()
    grid, data = _grid(1.9), sample_2d("moons", 2000)

    def guesses(t):  # where each arrow points: the guess of x0 from each grid point
        return grid + denoiser_field(model, s, grid, t)

    def to_data(x):  # mean distance to the nearest data point
        return torch.cdist(x, data).min(1).values.mean().item()

    assert guesses(999).std(0).min() > 1  # wild
    middle = guesses(797)
    assert middle.std(0).max() < 0.3 and (middle.mean(0) - data.mean(0)).norm() < 0.2
    assert to_data(guesses(40)) < 0.5 * to_data(grid)  # towards the nearest data


def test_the_same_noise_carries_over_between_prompts():
    # notebook 07: with DDIM (eta = 0) the starting noise fixes slant, thickness, ...
    model = d.load_digit_model()
    a = [d.generate_digits(model, k, n=8, seed=0).flatten(1) for k in (1, 3, 7)]
    b = [d.generate_digits(model, k, n=8, seed=1).flatten(1) for k in (1, 3, 7)]

    def likeness(x, y):  # mean cosine similarity of the images' deviations
        return F.cosine_similarity(x - x.mean(0), y - y.mean(0)).mean().item()

    pairs = [(0, 1), (0, 2), (1, 2)]
    same = sum(likeness(a[i], a[j]) for i, j in pairs) / 3
    other = sum(likeness(a[i], b[j]) for i, j in pairs) / 3
    assert same > 0.15 and same > other + 0.1
    again = d.generate_digits(model, 3, n=8, seed=0)  # deterministic
    assert torch.equal(again.flatten(1), a[1])
