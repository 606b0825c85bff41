import torch

from genai_course.exercises import ____
from genai_course.exercises import diffusion as ex


def test_add_noise_right_and_wrong():
    assert ex.add_noise.check().status == "not attempted"
    assert ex.add_noise.check(lambda x0, n, t, a: ____).status == "not attempted"
    assert ex.add_noise.check(ex.add_noise_solution).passed

    def no_sqrt(x0, noise, t, abar):
        a = abar[t].reshape(-1, *([1] * (x0.dim() - 1)))
        return a * x0 + (1 - a) * noise

    assert "variances" in ex.add_noise.check(no_sqrt).message

    def no_fade(x0, noise, t, abar):
        a = abar[t].reshape(-1, *([1] * (x0.dim() - 1)))
        return x0 + (1 - a).sqrt() * noise

    assert "fade" in ex.add_noise.check(no_fade).message

    def no_reshape(x0, noise, t, abar):  # works for (B, 2)? no: (B,) vs (B, 2)
        return abar[t].sqrt() * x0 + (1 - abar[t]).sqrt() * noise

    assert ex.add_noise.check(no_reshape).status == "incorrect"
    assert "shape (6, 2)" in ex.add_noise.check(lambda *a: torch.zeros(3)).message
    assert "torch.Tensor" in ex.add_noise.check(lambda *a: [0.0]).message
    assert "raised IndexError" in ex.add_noise.check(lambda *a: [][1]).message


def test_ddpm_step_right_and_wrong():
    assert ex.ddpm_step.check().status == "not attempted"
    assert ex.ddpm_step.check(ex.ddpm_step_solution).passed

    def tilde(x, eps, t, betas, abar, z):  # the posterior variance: also accepted
        beta = betas[t]
        mean = (x - beta / (1 - abar[t]).sqrt() * eps) / (1 - beta).sqrt()
        if t == 0:
            return mean
        return mean + ((1 - abar[t - 1]) / (1 - abar[t]) * beta).sqrt() * z

    assert ex.ddpm_step.check(tilde).passed

    def mean_only(x, eps, t, betas, abar, z):
        return ex.ddpm_step_solution(x, eps, t, betas, abar, 0 * z)

    assert "fresh" in ex.ddpm_step.check(mean_only).message

    def noisy_end(x, eps, t, betas, abar, z):
        return ex.ddpm_step_solution(x, eps, max(t, 1), betas, abar, z)

    assert "t = 0" in ex.ddpm_step.check(noisy_end).message

    def forgot_scale(x, eps, t, betas, abar, z):
        return x - betas[t] / (1 - abar[t]).sqrt() * eps + betas[t].sqrt() * z

    assert "wrong values" in ex.ddpm_step.check(forgot_scale).message
    assert "shape (5, 2)" in ex.ddpm_step.check(lambda *a: torch.zeros(2)).message
    assert "raised ZeroDivisionError" in ex.ddpm_step.check(lambda *a: 1 / 0).message


def test_guidance_right_and_wrong():
    assert ex.guidance.check().status == "not attempted"
    assert ex.guidance.check(ex.guidance_solution).passed
    diffusers_form = lambda c, u, w: u + w * (c - u)  # noqa: E731
    assert "Ho & Salimans" in ex.guidance.check(diffusers_form).message
    only_cond = lambda c, u, w: c  # noqa: E731
    assert "w = 1.0" in ex.guidance.check(only_cond).message
    assert "shape (4, 1, 8, 8)" in ex.guidance.check(lambda c, u, w: c[0]).message
    assert "raised" in ex.guidance.check(lambda c, u, w: c + u[:3]).message
