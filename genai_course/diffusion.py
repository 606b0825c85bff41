"""Denoising diffusion: a noise schedule, a denoiser and samplers, kept apart.

The names follow Hugging Face diffusers so you will recognise them later:
a schedule has `betas`, `alphas_cumprod`, `timesteps` and `add_noise(x0, noise, t)`;
`DDPMScheduler` and `DDIMScheduler` have `set_timesteps(num_inference_steps)` and
`step(model_output, t, sample)`; a denoiser is called as `model(sample, timestep,
class_labels)` and predicts the noise that was added (Ho et al. 2020). One
difference: our "cosine" schedule is what diffusers calls "squaredcos_cap_v2".
"""

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from .data import DIGIT_WORDS, load_digits, sample_2d
from .training import train
from .validate import check_choice, check_float, check_int, check_tensor

SCHEDULES = ("linear", "cosine")
NUM_CLASSES = 10  # digit classes; label 10 is the "null" class (no prompt)
NULL_CLASS = NUM_CLASSES


# ----------------------------------------------------------------------------- schedule


class NoiseSchedule:
    """How much noise is mixed in at each of `num_train_timesteps` steps.

    x_t = sqrt(alphas_cumprod[t]) * x0 + sqrt(1 - alphas_cumprod[t]) * noise
    "linear": betas from beta_start to beta_end (DDPM); "cosine": Nichol & Dhariwal
    (diffusers' "squaredcos_cap_v2").
    """

    def __init__(
        self,
        num_train_timesteps=1000,
        beta_schedule="linear",
        beta_start=1e-4,
        beta_end=0.02,
    ):
        self.T = check_int("num_train_timesteps", num_train_timesteps, 2, 100_000)
        self.beta_schedule = check_choice("beta_schedule", beta_schedule, SCHEDULES)
        if beta_schedule == "linear":
            beta_start = check_float("beta_start", beta_start, 0, 1, low_open=True)
            beta_end = check_float("beta_end", beta_end, beta_start, 1, high_open=True)
            betas = torch.linspace(beta_start, beta_end, self.T, dtype=torch.float64)
        else:
            betas = _cosine_betas(self.T)
        self.betas = betas.float()  # (T,)
        self.alphas = (1 - betas).float()  # (T,)
        self.alphas_cumprod = torch.cumprod(1 - betas, 0).float()  # (T,) falls to ~0
        # float64 copies for the samplers: 1 - abar near t = 0 cancels in float32
        self._betas64, self._abar64 = betas, torch.cumprod(1 - betas, 0)
        self.timesteps = torch.arange(self.T - 1, -1, -1)  # T-1, ..., 0

    def check_timestep(self, t):
        """t as a long tensor, or a ValueError naming the accepted range [0, T)."""
        if isinstance(t, torch.Tensor):
            check_tensor("t", t, dtype_kind="int")
            if t.numel() and (t.min() < 0 or t.max() >= self.T):
                raise ValueError(
                    f"timesteps must be in [0, {self.T}), got values from "
                    f"{int(t.min())} to {int(t.max())}"
                )
            return t.long()
        t = check_int("t", t)
        if not 0 <= t < self.T:
            raise ValueError(f"t must be in [0, {self.T}), got {t}")
        return torch.tensor(t)

    def add_noise(self, x0, noise, t):
        """Jump straight to x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) noise."""
        check_tensor("x0", x0)
        check_tensor("noise", noise, shape=tuple(x0.shape))
        abar = self._per_sample(self.alphas_cumprod, self.check_timestep(t), x0)
        return abar.sqrt() * x0 + (1 - abar).sqrt() * noise

    def signal_to_noise(self):
        """SNR_t = abar_t / (1 - abar_t) for every t, shape (T,)."""
        return self.alphas_cumprod / (1 - self.alphas_cumprod)

    @staticmethod
    def _per_sample(values, t, x):
        """values[t] shaped to broadcast against x (t scalar or (B,))."""
        v = values[t].to(x.dtype)
        return v.reshape(-1, *([1] * (x.dim() - 1))) if v.dim() else v

    def __repr__(self):
        return f"NoiseSchedule(T={self.T}, beta_schedule={self.beta_schedule!r})"


def _cosine_betas(T, s=0.008, max_beta=0.999):
    """betas whose abar_t follows cos^2 (Nichol & Dhariwal 2021), as in diffusers."""

    def f(u):
        return math.cos((u + s) / (1 + s) * math.pi / 2) ** 2

    betas = [min(1 - f((i + 1) / T) / f(i / T), max_beta) for i in range(T)]
    return torch.tensor(betas, dtype=torch.float64)


def predict_original(schedule, model_output, t, sample):
    """x0 implied by a noise prediction: (x_t - sqrt(1 - abar) eps) / sqrt(abar)."""
    abar = NoiseSchedule._per_sample(schedule.alphas_cumprod, t, sample)
    return (sample - (1 - abar).sqrt() * model_output) / abar.sqrt()


# ----------------------------------------------------------------------------- samplers


@dataclass
class SchedulerOutput:
    """What one `step` returns: the less noisy sample and the x0 it aimed at."""

    prev_sample: torch.Tensor
    pred_original_sample: torch.Tensor


class _Scheduler:
    def __init__(self, schedule, clip_sample=False):
        if not isinstance(schedule, NoiseSchedule):
            raise TypeError(
                f"schedule must be a NoiseSchedule, got {type(schedule).__name__}"
            )
        self.schedule = schedule
        self.clip_sample = bool(clip_sample)
        self.set_timesteps(schedule.T)

    def set_timesteps(self, num_inference_steps):
        """Use `num_inference_steps` evenly spaced timesteps, from T-1 down to 0."""
        T = self.schedule.T
        n = check_int("num_inference_steps", num_inference_steps, 1, T)
        self.num_inference_steps = n
        self.timesteps = torch.linspace(T - 1, 0, n).round().long()  # descending
        return self

    def previous_timestep(self, t):
        """The timestep after t in this sampler's list, or -1 after the last one."""
        later = self.timesteps[self.timesteps < int(t)]
        return int(later[0]) if len(later) else -1

    def _alphas(self, t):
        """abar_t, abar_prev, the beta of the whole jump t -> prev, and prev."""
        abar = self.schedule._abar64
        t, prev = int(t), self.previous_timestep(t)
        abar_prev = abar[prev] if prev >= 0 else torch.tensor(1.0, dtype=abar.dtype)
        if prev == t - 1:  # a single step: use beta_t itself
            beta = self.schedule._betas64[t]
        else:
            beta = 1 - abar[t] / abar_prev
        return abar[t], abar_prev, beta, prev

    def _x0(self, model_output, t, sample, abar_t):
        x0 = (sample - (1 - abar_t).sqrt() * model_output) / abar_t.sqrt()
        if self.clip_sample:  # images live in [-1, 1]; re-derive eps to match
            x0 = x0.clamp(-1, 1)
            model_output = (sample - abar_t.sqrt() * x0) / (1 - abar_t).sqrt()
        return x0, model_output

    @staticmethod
    def _noise(sample, generator, variance_noise):
        if variance_noise is not None:
            return check_tensor("variance_noise", variance_noise, shape=sample.shape)
        return torch.randn(
            sample.shape, generator=generator, dtype=sample.dtype, device=sample.device
        )


class DDPMScheduler(_Scheduler):
    """Ancestral sampling (Ho et al. 2020): the mean of q(x_prev | x_t, x0) + noise."""

    def step(self, model_output, t, sample, generator=None, variance_noise=None):
        """One reverse step from x_t to x_prev given the predicted noise."""
        check_tensor("sample", sample)
        check_tensor("model_output", model_output, shape=tuple(sample.shape))
        self.schedule.check_timestep(int(t))
        abar_t, abar_prev, beta, prev = self._alphas(t)  # beta: noise added prev -> t
        x0, _ = self._x0(model_output, t, sample, abar_t)
        mean = (abar_prev.sqrt() * beta / (1 - abar_t)) * x0 + (
            (1 - beta).sqrt() * (1 - abar_prev) / (1 - abar_t)
        ) * sample
        if prev < 0:  # the last step returns the mean: no noise at t = 0
            return SchedulerOutput(mean, x0)
        variance = (1 - abar_prev) / (1 - abar_t) * beta
        noise = self._noise(sample, generator, variance_noise)
        return SchedulerOutput(mean + variance.sqrt() * noise, x0)


class DDIMScheduler(_Scheduler):
    """DDIM (Song et al. 2021): eta=0 is deterministic, eta=1 matches DDPM."""

    def step(
        self, model_output, t, sample, eta=0.0, generator=None, variance_noise=None
    ):
        """One reverse step: re-noise the predicted x0 to the previous timestep."""
        check_tensor("sample", sample)
        check_tensor("model_output", model_output, shape=tuple(sample.shape))
        self.schedule.check_timestep(int(t))
        eta = check_float("eta", eta, 0, 1)
        abar_t, abar_prev, beta, prev = self._alphas(t)
        x0, eps = self._x0(model_output, t, sample, abar_t)
        sigma = eta * ((1 - abar_prev) / (1 - abar_t) * beta).sqrt()
        direction = (1 - abar_prev - sigma**2).clamp(min=0).sqrt() * eps
        prev_sample = abar_prev.sqrt() * x0 + direction
        if eta > 0 and prev >= 0:
            prev_sample = prev_sample + sigma * self._noise(
                sample, generator, variance_noise
            )
        return SchedulerOutput(prev_sample, x0)


SAMPLERS = {"ddpm": DDPMScheduler, "ddim": DDIMScheduler}


def make_scheduler(name, schedule, num_inference_steps, clip_sample=False):
    """A "ddpm" or "ddim" scheduler set to `num_inference_steps` steps."""
    check_choice("sampler", name, tuple(SAMPLERS))
    return SAMPLERS[name](schedule, clip_sample).set_timesteps(num_inference_steps)


# ----------------------------------------------------------------------------- recorder


@dataclass
class Trajectory:
    """A reverse process, frame by frame: what the scrubber browses."""

    timesteps: list  # t of each frame: the noise is x_(T-1), -1 marks the final x0
    samples: torch.Tensor  # (F, *shape) x_t at each frame, noise first, x0 last
    pred_original: torch.Tensor  # (F, *shape) the model's guess of x0 from each x_t


@dataclass
class TrajectoryRecorder:
    """Keep every `every`-th state of a sampling run (always the first and the last)."""

    every: int = 1
    timesteps: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    pred_original: list = field(default_factory=list)

    def record(self, t, sample, pred_original):
        self.timesteps.append(int(t))
        self.samples.append(sample.detach().clone())
        self.pred_original.append(pred_original.detach().clone())

    def trajectory(self):
        return Trajectory(
            self.timesteps, torch.stack(self.samples), torch.stack(self.pred_original)
        )


# ----------------------------------------------------------------------------- sampling


def guided_noise(model, sample, t, class_labels=None, guidance_weight=0.0):
    """Classifier-free guidance (Ho & Salimans 2022): (1 + w) eps_cond - w eps_null.

    w = 0 is the plain conditional prediction; diffusers' guidance_scale is 1 + w.
    """
    w = check_float("guidance_weight", guidance_weight, 0)
    timestep = torch.full((len(sample),), int(t), dtype=torch.long)
    if class_labels is None or w == 0:
        return model(sample, timestep, class_labels)
    null = torch.full_like(class_labels, NULL_CLASS)
    both = model(  # one batched call for the conditional and the null prediction
        torch.cat([sample, sample]),
        torch.cat([timestep, timestep]),
        torch.cat([class_labels, null]),
    )
    cond, uncond = both.chunk(2)
    return (1 + w) * cond - w * uncond


@torch.no_grad()
def sample(
    model,
    scheduler,
    noise,
    class_labels=None,
    guidance_weight=0.0,
    generator=None,
    recorder=None,
):
    """Run the reverse process from `noise` (x_T) to x0 along scheduler.timesteps."""
    check_tensor("noise", noise)
    if class_labels is not None:
        check_tensor(
            "class_labels", class_labels, shape=(len(noise),), dtype_kind="int"
        )
    x = noise
    for i, t in enumerate(scheduler.timesteps.tolist()):
        eps = guided_noise(model, x, t, class_labels, guidance_weight)
        out = scheduler.step(eps, t, x, generator=generator)
        if recorder is not None and i % recorder.every == 0:
            recorder.record(t, x, out.pred_original_sample)  # x_t and its x0 guess
        x = out.prev_sample
    if recorder is not None:
        recorder.record(-1, x, x)  # the finished sample
    return x


# ------------------------------------------------------------------------- denoisers


def timestep_embedding(timesteps, dim, max_period=10_000):
    """Sinusoidal features of integer timesteps (B,) -> (B, dim), as in transformers."""
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half) / half)  # (half,)
    angles = timesteps.float()[:, None] * freqs[None]  # (B, half)
    return torch.cat([angles.sin(), angles.cos()], dim=1)


def _timesteps(timestep, batch):
    if isinstance(timestep, torch.Tensor) and timestep.dim() == 1:
        return timestep
    return torch.full((batch,), int(timestep), dtype=torch.long)


class MLPDenoiser(nn.Module):
    """Predicts the noise in a 2-D point x_t from (x_t, t): an MLP on [x, emb(t)]."""

    def __init__(self, hidden=128, num_layers=3, time_embed_dim=32):
        super().__init__()
        self.time_embed_dim = time_embed_dim
        self.inp = nn.Linear(2 + time_embed_dim, hidden)
        self.time_proj = nn.Linear(time_embed_dim, hidden)
        self.blocks = nn.ModuleList(
            nn.Linear(hidden, hidden) for _ in range(num_layers)
        )
        self.out = nn.Linear(hidden, 2)

    def forward(self, sample, timestep, class_labels=None):  # (B, 2) -> (B, 2)
        temb = timestep_embedding(
            _timesteps(timestep, len(sample)), self.time_embed_dim
        )
        h = F.silu(self.inp(torch.cat([sample, temb], dim=1)))  # (B, H)
        h = h + self.time_proj(temb)  # t once more, after the non-linearity
        for block in self.blocks:
            h = h + F.silu(block(h))  # residual: easy to train, fast to converge
        return self.out(h)


class _ResBlock(nn.Module):
    def __init__(self, cin, cout, cond_dim):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.cond = nn.Linear(cond_dim, cout)
        self.norm1 = nn.GroupNorm(8, cin)
        self.norm2 = nn.GroupNorm(8, cout)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, cond):  # x: (B, cin, H, W), cond: (B, cond_dim)
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.cond(cond)[:, :, None, None]  # add time + class per channel
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class ConvDenoiser(nn.Module):
    """A tiny U-Net for 8x8 digits, conditioned on t and on a class (10 = null)."""

    def __init__(self, channels=32, time_embed_dim=64):
        super().__init__()
        c, d = channels, time_embed_dim
        self.time_embed_dim = d
        self.time_mlp = nn.Sequential(nn.Linear(d, d), nn.SiLU(), nn.Linear(d, d))
        self.class_embed = nn.Embedding(NUM_CLASSES + 1, d)  # +1: the null class
        self.conv_in = nn.Conv2d(1, c, 3, padding=1)
        self.down = _ResBlock(c, c, d)  # 8x8
        self.mid1 = _ResBlock(c, 2 * c, d)  # 4x4
        self.mid2 = _ResBlock(2 * c, 2 * c, d)
        self.up = _ResBlock(3 * c, c, d)  # 8x8, with the skip connection
        self.conv_out = nn.Conv2d(c, 1, 3, padding=1)

    def forward(self, sample, timestep, class_labels=None):  # (B, 1, 8, 8)
        b = len(sample)
        if class_labels is None:
            class_labels = torch.full((b,), NULL_CLASS, dtype=torch.long)
        temb = timestep_embedding(_timesteps(timestep, b), self.time_embed_dim)
        cond = self.time_mlp(temb) + self.class_embed(class_labels)  # (B, d)
        h8 = self.down(self.conv_in(sample), cond)  # (B, c, 8, 8)
        h4 = self.mid2(self.mid1(F.avg_pool2d(h8, 2), cond), cond)  # (B, 2c, 4, 4)
        up = F.interpolate(h4, scale_factor=2, mode="nearest")  # (B, 2c, 8, 8)
        return self.conv_out(F.silu(self.up(torch.cat([up, h8], 1), cond)))


class GaussianMixtureDenoiser(nn.Module):
    """The exact noise prediction for data from a Gaussian mixture: no training.

    If x0 ~ sum_k w_k N(mu_k, std^2 I), then x_t ~ sum_k w_k N(sqrt(abar) mu_k, v I)
    with v = abar std^2 + 1 - abar, and the best eps is -sqrt(1 - abar) * score(x_t).
    """

    def __init__(self, means, std, schedule, weights=None):
        super().__init__()
        self.means = check_tensor("means", means, ndim=2).float()  # (K, D)
        self.std = check_float("std", std, 0)
        self.schedule = schedule
        k = len(self.means)
        self.weights = torch.full((k,), 1 / k) if weights is None else weights

    def forward(self, sample, timestep, class_labels=None):  # (B, D) -> (B, D)
        t = _timesteps(timestep, len(sample))
        abar = self.schedule.alphas_cumprod[t][:, None, None]  # (B, 1, 1)
        v = abar * self.std**2 + 1 - abar
        diff = abar.sqrt() * self.means[None] - sample[:, None]  # (B, K, D)
        logits = self.weights.log() - diff.pow(2).sum(-1) / (2 * v[:, :, 0])  # (B, K)
        score = (logits.softmax(1)[:, :, None] * diff / v).sum(1)  # (B, D)
        return -(1 - abar[:, 0]).sqrt() * score


# ----------------------------------------------------------------------------- training


def diffusion_loss(
    model, schedule, x0, generator=None, class_labels=None, p_uncond=0.1
):
    """Noise a batch at random timesteps and score the model's noise guess (MSE)."""
    t = torch.randint(schedule.T, (len(x0),), generator=generator)  # (B,)
    noise = torch.randn(x0.shape, generator=generator)
    xt = schedule.add_noise(x0, noise, t)
    if class_labels is not None and p_uncond > 0:  # sometimes hide the prompt: CFG
        drop = torch.rand(len(x0), generator=generator) < p_uncond
        class_labels = torch.where(drop, NULL_CLASS, class_labels)
    return F.mse_loss(model(xt, t, class_labels), noise)


@torch.no_grad()
def loss_per_timestep(model, schedule, x0, timesteps, class_labels=None, seed=0):
    """The denoiser's noise-prediction MSE on x0 (N, ...) at each of `timesteps`.

    The same loss as `diffusion_loss`, but with t fixed instead of random: shape (K,).
    """
    check_tensor("x0", x0)
    timesteps = schedule.check_timestep(torch.as_tensor(timesteps))  # (K,)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    losses = []
    for t in timesteps.tolist():
        noise = torch.randn(x0.shape, generator=g)
        xt = schedule.add_noise(x0, noise, t)
        timestep = torch.full((len(x0),), t, dtype=torch.long)
        losses.append(F.mse_loss(model(xt, timestep, class_labels), noise))
    return torch.stack(losses)


def fit(
    model,
    schedule,
    x,
    class_labels=None,
    steps=None,
    seconds=None,
    batch_size=256,
    lr=2e-3,
    seed=0,
    progress=True,
    desc="denoiser",
    ema_decay=None,
):
    """Train `model` to predict noise on data x (N, ...); returns training.History.

    ema_decay: keep an exponential moving average of the weights and load it into the
    model at the end (as DDPM does): it smooths out the last steps' noise.
    """
    check_tensor("x", x)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    total = steps if steps is not None else None
    sched = (
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, total, eta_min=lr / 20)
        if total
        else None
    )

    ema = None
    if ema_decay is not None:
        ema_decay = check_float("ema_decay", ema_decay, 0, 1, high_open=True)
        ema = [p.detach().clone() for p in model.parameters()]

    def step(_):
        idx = torch.randint(len(x), (batch_size,), generator=g)
        labels = None if class_labels is None else class_labels[idx]
        loss = diffusion_loss(model, schedule, x[idx], g, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
        if ema is not None:
            with torch.no_grad():
                for e, p in zip(ema, model.parameters()):
                    e.lerp_(p, 1 - ema_decay)
        return loss.item()

    model.train()
    history = train(step, steps=steps, seconds=seconds, desc=desc, progress=progress)
    if ema is not None:
        with torch.no_grad():
            for e, p in zip(ema, model.parameters()):
                p.copy_(e)
    model.eval()
    return history


# ----------------------------------------------------------------------------- recipes

DATASETS_2D = ("moons", "swiss_roll", "ring")
TRAIN_POINTS_2D = 20_000
STEPS_2D = 12000  # about 20 s on one thread
STEPS_DIGITS = 4000


def schedule_2d():
    return NoiseSchedule(1000, "linear")


def schedule_digits():
    return NoiseSchedule(1000, "linear")


def train_2d(name, steps=STEPS_2D, seconds=None, seed=0, progress=True):
    """A fresh MLPDenoiser trained on a 2-D toy; returns (model, History)."""
    check_choice("2-D data set", name, DATASETS_2D)
    torch.manual_seed(seed)
    model = MLPDenoiser()
    x = sample_2d(name, TRAIN_POINTS_2D, seed=seed)
    history = fit(
        model, schedule_2d(), x, steps=steps, seconds=seconds, seed=seed,
        progress=progress, desc=f"denoiser on {name}", ema_decay=0.995,
    )  # fmt: skip
    return model, history


def to_pixels(x):
    """Model space [-1, 1] -> pixels [0, 1]."""
    return ((x + 1) / 2).clamp(0, 1)


def train_digits(steps=STEPS_DIGITS, seconds=None, seed=0, progress=True):
    """A class-conditional ConvDenoiser trained on the digits -> (model, History)."""
    torch.manual_seed(seed)
    model = ConvDenoiser()
    digits = load_digits()
    history = fit(
        model, schedule_digits(), digits.x_train * 2 - 1, digits.y_train,
        steps=steps, seconds=seconds, batch_size=128, seed=seed, progress=progress,
        desc="digit denoiser",
    )  # fmt: skip
    return model, history


def pretrain_moons():
    return train_2d("moons", progress=False)[0]


def pretrain_swiss_roll():
    return train_2d("swiss_roll", progress=False)[0]


def pretrain_ring():
    return train_2d("ring", progress=False)[0]


def pretrain_digits():
    return train_digits(progress=False)[0]


def load_2d(name):
    """The shipped denoiser for a 2-D toy (trained from scratch if it is missing)."""
    from .checkpoints import load_or_train

    check_choice("2-D data set", name, DATASETS_2D)
    model = load_or_train(
        f"diffusion_{name}", MLPDenoiser(), lambda m: m.load_state_dict(
            train_2d(name)[0].state_dict())
    )  # fmt: skip
    return model.eval()


def load_digit_model():
    """The shipped class-conditional digit denoiser."""
    from .checkpoints import load_or_train

    model = load_or_train(
        "diffusion_digits", ConvDenoiser(),
        lambda m: m.load_state_dict(train_digits()[0].state_dict()),
    )  # fmt: skip
    return model.eval()


# ----------------------------------------------------------------------------- prompts


def parse_prompt(prompt):
    """A digit word ("seven") or digit ("7") -> 7; else a ValueError listing them."""
    if not isinstance(prompt, str):
        raise TypeError(f"prompt must be a str, got {type(prompt).__name__}")
    word = prompt.strip().lower()
    if word in DIGIT_WORDS:
        return DIGIT_WORDS.index(word)
    if len(word) == 1 and word.isdigit():
        return int(word)
    raise ValueError(
        f"this model only knows the ten digit words, got {prompt!r}; "
        f"try one of: {', '.join(DIGIT_WORDS)}"
    )


@torch.no_grad()
def generate_digits(
    model, prompt, n=8, num_inference_steps=20, guidance_weight=2.0, seed=0,
    sampler="ddim", recorder=None,
):  # fmt: skip
    """n images (n, 1, 8, 8) in [0, 1] of the digit named by `prompt`.

    `prompt` is a digit word, a class 0-9, or None for no prompt (the null class).
    """
    if prompt is None:
        label = NULL_CLASS
    elif isinstance(prompt, str):
        label = parse_prompt(prompt)
    else:
        label = check_int("class label", prompt, 0, NUM_CLASSES - 1)
    n = check_int("n", n, 1, 10_000)
    scheduler = make_scheduler(
        sampler, schedule_digits(), num_inference_steps, clip_sample=True
    )
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    noise = torch.randn(n, 1, 8, 8, generator=g)
    labels = torch.full((n,), label, dtype=torch.long)
    x = sample(model, scheduler, noise, labels, guidance_weight, g, recorder)
    return to_pixels(x)
