"""Exercises for notebooks 06 and 07 (diffusion)."""

import torch

from ..diffusion import NoiseSchedule
from .base import Exercise, Mistake, ____, call, expect_close  # noqa: F401

_SCHEDULE = NoiseSchedule(1000, "linear")

# -- 06 q1: add_noise ------------------------------------------------------------------


def add_noise_solution(x0, noise, t, alphas_cumprod):
    """x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) noise, t a (B,) tensor of timesteps."""
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))  # (B, 1, ...)
    return abar.sqrt() * x0 + (1 - abar).sqrt() * noise


def _check_add_noise(fn):
    g = torch.Generator().manual_seed(0)
    x0, noise = torch.randn(6, 2, generator=g), torch.randn(6, 2, generator=g)
    t = torch.tensor([0, 10, 200, 500, 800, 999])
    abar = _SCHEDULE.alphas_cumprod
    got = call(fn, x0, noise, t, abar)
    want = add_noise_solution(x0, noise, t, abar)
    if isinstance(got, torch.Tensor) and got.shape == want.shape:
        a = abar[t][:, None]
        if torch.allclose(got, a * x0 + (1 - a) * noise, atol=1e-5):
            raise Mistake(
                "you mixed with abar and 1 - abar directly: those are variances. "
                "Scale x0 by sqrt(abar) and the noise by sqrt(1 - abar)."
            )
        if torch.allclose(got, x0 + (1 - a).sqrt() * noise, atol=1e-5):
            raise Mistake("the signal must fade too: multiply x0 by sqrt(abar_t)")
    expect_close(got, want, "x_t")
    images = torch.randn(2, 1, 8, 8, generator=g)
    got = call(fn, images, torch.zeros_like(images), torch.tensor([0, 999]), abar)
    expect_close(
        got,
        add_noise_solution(
            images, torch.zeros_like(images), torch.tensor([0, 999]), abar
        ),
        "x_t for a batch of images (B, 1, 8, 8): reshape abar to (B, 1, 1, 1)",
    )


add_noise = Exercise(
    "add_noise",
    _check_add_noise,
    hint="abar = alphas_cumprod[t] has shape (B,); reshape it so it broadcasts over "
    "each sample (abar.reshape(-1, *[1] * (x0.dim() - 1))), then return "
    "abar.sqrt() * x0 + (1 - abar).sqrt() * noise.",
    solution="""def add_noise(x0, noise, t, alphas_cumprod):
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x0.dim() - 1)))  # (B, 1, ...)
    return abar.sqrt() * x0 + (1 - abar).sqrt() * noise""",
)

# -- 06 q2: one DDPM reverse step ------------------------------------------------------


def ddpm_step_solution(x_t, eps, t, betas, alphas_cumprod, z):
    """Algorithm 2 of Ho et al. (2020) for one integer t, with sigma_t^2 = beta_t."""
    beta, abar = betas[t], alphas_cumprod[t]
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return mean + beta.sqrt() * z if t > 0 else mean


def _check_ddpm_step(fn):
    g = torch.Generator().manual_seed(1)
    betas, abar = _SCHEDULE.betas, _SCHEDULE.alphas_cumprod
    x, eps, z = (torch.randn(5, 2, generator=g) for _ in range(3))
    for t in (999, 400, 1):
        got = call(fn, x, eps, t, betas, abar, z)
        want = ddpm_step_solution(x, eps, t, betas, abar, z)
        if isinstance(got, torch.Tensor) and got.shape == want.shape:
            mean = ddpm_step_solution(x, eps, t, betas, abar, torch.zeros_like(z))
            if torch.allclose(got, mean, atol=1e-5):
                raise Mistake(
                    f"at t = {t} you returned the mean only: DDPM adds fresh "
                    "noise sqrt(beta_t) * z at every step except the last"
                )
            tilde = (1 - abar[t - 1]) / (1 - abar[t]) * betas[t]
            if torch.allclose(got, mean + tilde.sqrt() * z, atol=1e-5):
                continue  # the other variance choice of the paper: also right
        expect_close(got, want, f"x_(t-1) at t = {t}")
    got = call(fn, x, eps, 0, betas, abar, z)
    last = ddpm_step_solution(x, eps, 0, betas, abar, z)
    if isinstance(got, torch.Tensor) and got.shape == last.shape:
        if not torch.allclose(got, last, atol=1e-5):
            raise Mistake(
                "at t = 0 the step must add no noise: it returns the mean, the "
                "final clean sample"
            )
    expect_close(got, last, "x_0 at t = 0")


ddpm_step = Exercise(
    "One DDPM reverse step",
    _check_ddpm_step,
    hint="mean = (x_t - beta_t / sqrt(1 - abar_t) * eps) / sqrt(1 - beta_t); then add "
    "sqrt(beta_t) * z, except when t == 0.",
    solution="""def ddpm_step(x_t, eps, t, betas, alphas_cumprod, z):
    beta, abar = betas[t], alphas_cumprod[t]
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return mean + beta.sqrt() * z if t > 0 else mean""",
)

# -- 07 q1: classifier-free guidance ---------------------------------------------------


def guidance_solution(eps_cond, eps_uncond, w):
    """(1 + w) eps_cond - w eps_uncond: w = 0 is plain conditioning."""
    return (1 + w) * eps_cond - w * eps_uncond


def _check_guidance(fn):
    g = torch.Generator().manual_seed(2)
    cond, uncond = (torch.randn(4, 1, 8, 8, generator=g) for _ in range(2))
    got0 = call(fn, cond, uncond, 0.0)
    if (
        isinstance(got0, torch.Tensor)
        and got0.shape == uncond.shape
        and torch.allclose(got0.float(), uncond, atol=1e-6)
    ):
        raise Mistake(
            "with w = 0 you returned the unconditional prediction: this exercise "
            "uses Ho & Salimans' weight, where w = 0 means plain conditioning "
            "((1 + w) * eps_cond - w * eps_uncond; diffusers calls 1 + w the scale)"
        )
    expect_close(got0, cond, "the guided noise at w = 0")
    for w in (1.0, 3.5):
        expect_close(
            call(fn, cond, uncond, w),
            guidance_solution(cond, uncond, w),
            f"the guided noise at w = {w}",
        )


guidance = Exercise(
    "Classifier-free guidance",
    _check_guidance,
    hint="Start from the conditional prediction and push further away from the "
    "unconditional one: eps_cond + w * (eps_cond - eps_uncond).",
    solution="""def guide(eps_cond, eps_uncond, w):
    return (1 + w) * eps_cond - w * eps_uncond""",
)
