"""Exercises for notebook 04 (a GAN in 2-D): the two losses of the feedback loop."""

import torch
import torch.nn.functional as F

from .base import Exercise, Mistake, call, expect_close


def _scores():
    g = torch.Generator().manual_seed(3)
    real = 2 * torch.randn(64, generator=g) + 1  # D's raw scores (logits), (64,)
    fake = 2 * torch.randn(64, generator=g) - 1
    return real, fake


def _scalar(out, what):
    if not isinstance(out, torch.Tensor):
        raise Mistake(f"return a torch.Tensor (a scalar), got {type(out).__name__}")
    if out.dim() != 0:
        raise Mistake(
            f"{what} should be one number (a 0-dim tensor): take the .mean() over "
            f"the batch; got shape {tuple(out.shape)}"
        )
    return out


# -- q1: the discriminator's loss -----------------------------------------------------


def discriminator_loss_solution(real_scores, fake_scores):
    """-log D(x) - log(1 - D(G(z))), with D = sigmoid(score), averaged."""
    return F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()


def _check_d_loss(fn):
    real, fake = _scores()
    want = discriminator_loss_solution(real, fake)
    out = _scalar(call(fn, real, fake), "the discriminator loss")
    if torch.allclose(out, -want, atol=1e-4):
        raise Mistake(
            "the sign is flipped: D *minimises* -log D(real) - log(1 - D(fake)), "
            "so the loss is positive and shrinks as D gets better"
        )
    if torch.allclose(out, discriminator_loss_solution(fake, real), atol=1e-4):
        raise Mistake("real and fake are swapped: D should score real samples high")
    expect_close(out, want, "the discriminator loss")
    wrong = call(fn, torch.tensor([-100.0]), torch.tensor([100.0]))  # sure and wrong
    value = float(torch.as_tensor(wrong).detach())
    if not abs(value - 200.0) < 1e-2:
        raise Mistake(
            "a D that is sure and wrong (real score -100, fake score 100) should have "
            f"a loss of 200, got {value:.3g}: log(sigmoid(x)) underflows to -inf; "
            "use F.softplus(-x) for -log(sigmoid(x))"
        )


discriminator_loss = Exercise(
    "The discriminator loss",
    _check_d_loss,
    hint="D(x) = sigmoid(score). -log(sigmoid(s)) = softplus(-s) and "
    "-log(1 - sigmoid(s)) = softplus(s). Average each over its batch and add them.",
    solution="""def discriminator_loss(real_scores, fake_scores):
    # real_scores: (B,), fake_scores: (B,) raw scores (logits) from D
    return F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()""",
)


# -- q2: the non-saturating generator loss -------------------------------------------


def generator_loss_solution(fake_scores):
    """-log D(G(z)), averaged: steep exactly when D is sure the fakes are fake."""
    return F.softplus(-fake_scores).mean()


def _check_g_loss(fn):
    _, fake = _scores()
    want = generator_loss_solution(fake)
    out = _scalar(call(fn, fake), "the generator loss")
    if torch.allclose(out, -F.softplus(fake).mean(), atol=1e-4):
        raise Mistake(
            "that is the original minimax loss log(1 - D(G(z))): it saturates when D "
            "is sure. The non-saturating loss is -log D(G(z)) instead"
        )
    if torch.allclose(out, -want, atol=1e-4):
        raise Mistake("the sign is flipped: G minimises -log D(G(z))")
    expect_close(out, want, "the generator loss")
    s = torch.tensor([-8.0], requires_grad=True)  # D is sure this fake is fake
    loss = call(fn, s)
    if not isinstance(loss, torch.Tensor) or not loss.requires_grad:
        raise Mistake("keep the loss differentiable: use torch operations only")
    (grad,) = torch.autograd.grad(loss, s)
    if grad.abs().item() < 0.5:
        raise Mistake(
            f"when D is sure a fake is fake (score -8) the gradient is "
            f"{grad.item():.3g}: too flat to learn from"
        )


generator_loss = Exercise(
    "The non-saturating generator loss",
    _check_g_loss,
    hint="G wants D(G(z)) = sigmoid(score) near 1, so it minimises "
    "-log(sigmoid(score)) = softplus(-score), averaged over the batch.",
    solution="""def generator_loss(fake_scores):
    # fake_scores: (B,) D's raw scores on the generator's samples
    return F.softplus(-fake_scores).mean()""",
)
