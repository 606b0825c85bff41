import pytest
import torch

from genai_course import comparison
from genai_course import engines as eng


def test_coordinate_logits_match_the_model():
    model = eng.make_ring_transformer(seed=1).eval()
    x_logits, y_logits = eng.coordinate_logits(model)
    bins, bos = eng.RING_TOKENS.bins, eng.RING_TOKENS.bos
    assert x_logits.shape == (bins,) and y_logits.shape == (bins, bins)
    seq = torch.tensor([[bos, 5]])
    with torch.no_grad():
        logits, _ = model(seq)
    assert torch.allclose(logits[0, 0, :bins], x_logits, atol=1e-5)
    assert torch.allclose(logits[0, 1, :bins], y_logits[5], atol=1e-5)


def test_table_sampling_follows_the_table():
    bins = eng.RING_TOKENS.bins
    x_logits = torch.full((bins,), -1e9)
    x_logits[10] = 0.0  # x is always bin 10
    y_logits = torch.full((bins, bins), -1e9)
    y_logits[10, 50] = 0.0  # and given x = 10, y is always bin 50
    pts = eng.sample_from_logits(x_logits, y_logits, 200, seed=0)
    assert (eng.RING_TOKENS.encode(pts) == torch.tensor([10, 50])).all()
    # high temperature spreads mass over the other bins
    x_logits = torch.zeros(bins)
    x_logits[10] = 3.0
    cold = eng.sample_from_logits(x_logits, torch.zeros(bins, bins), 2000, 0, 0.3)
    hot = eng.sample_from_logits(x_logits, torch.zeros(bins, bins), 2000, 0, 3.0)
    share = [
        (eng.RING_TOKENS.encode(p)[:, 0] == 10).float().mean() for p in (cold, hot)
    ]
    assert share[0] > 0.99 and share[1] < 0.2
    with pytest.raises(ValueError, match="temperature"):
        eng.sample_from_logits(x_logits, y_logits, 5, temperature=0)


def test_sample_points_never_emits_the_start_token():
    model = eng.make_ring_transformer(seed=0).eval()  # untrained: any token is likely
    pts = eng.sample_points(model, 500, seed=0, temperature=5.0)
    assert pts.shape == (500, 2) and pts.abs().max() <= eng.RING_TOKENS.lim


def test_shipped_ring_transformer_and_gan_capture_the_ring():
    gan_engine, gpt_engine = eng.gan_engine(), eng.transformer_engine()
    r = comparison.compare([gan_engine, gpt_engine], n=1000, timing=False)
    for name in ("gan", "transformer"):
        assert r[name]["modes"] == 8, name
        assert r[name]["swd_ratio"] < 3, name


def test_gan_truncation_draws_noise_from_a_truncated_normal():
    from genai_course import gan

    model = eng.make_ring_gan(seed=0)
    full = eng.sample_gan(model.generator, 300, seed=0)
    assert torch.allclose(full, gan.sample(model.generator, 300, seed=0))
    calls = []
    generator = model.generator
    real_forward = generator.forward
    generator.forward = lambda z: calls.append(z) or real_forward(z)
    tight = eng.sample_gan(generator, 2000, seed=0, truncation=0.5)
    z = calls[-1]  # (2000, noise_dim): every value inside [-0.5, 0.5], spread over it
    assert z.abs().max() <= 0.5 and z.abs().max() > 0.45 and z.std() > 0.2
    assert tight.std(0).sum() < full.std(0).sum()  # less diverse
    with pytest.raises(ValueError, match="truncation"):
        eng.sample_gan(generator, 3, truncation=0)


def test_ring_training_lowers_the_loss():
    model = eng.make_ring_transformer(seed=0)
    history = eng.fit_ring_transformer(model, steps=30, progress=False)
    assert history.losses[-1] < history.losses[0] - 0.5  # from ~ln(65) = 4.2


def test_the_three_engines_as_notebook_08_reports_them():
    """Notebook 08's takeaway: all 8 modes, SWD ratios within 2x, speeds far apart."""
    r = comparison.compare(eng.engines(), n=1000, seed=0)
    ratios = [r[name]["swd_ratio"] for name in ("gan", "diffusion", "transformer")]
    assert all(r[name]["modes"] == 8 for name in r), r
    assert max(ratios) < 2 * min(ratios), ratios
    speed = {name: r[name]["samples_per_s"] for name in r}
    # one pass per batch, two, a thousand: orders of magnitude, robust to load
    assert speed["gan"] > 3 * speed["transformer"] > 30 * speed["diffusion"], speed
