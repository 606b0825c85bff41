import torch
import torch.nn.functional as F

from genai_course.exercises import ____
from genai_course.exercises import gan as ex


def test_discriminator_loss_right_and_wrong():
    q = ex.discriminator_loss
    assert q.check().status == "not attempted"
    assert q.check(lambda r, f: ____).status == "not attempted"
    assert q.check(ex.discriminator_loss_solution).passed
    flipped = q.check(lambda r, f: -ex.discriminator_loss_solution(r, f))
    assert flipped.status == "incorrect" and "sign" in flipped.message
    swapped = q.check(lambda r, f: ex.discriminator_loss_solution(f, r))
    assert "swapped" in swapped.message
    naive = q.check(
        lambda r, f: -(torch.sigmoid(r).log() + (1 - torch.sigmoid(f)).log()).mean()
    )
    assert naive.status == "incorrect" and "softplus" in naive.message
    per_sample = q.check(lambda r, f: F.softplus(-r) + F.softplus(f))
    assert "one number" in per_sample.message
    assert "torch.Tensor" in q.check(lambda r, f: 0.5).message
    assert "raised ZeroDivisionError" in q.check(lambda r, f: 1 / 0).message
    only_real = q.check(lambda r, f: F.softplus(-r).mean())
    assert only_real.status == "incorrect" and "wrong values" in only_real.message


def test_generator_loss_right_and_wrong():
    q = ex.generator_loss
    assert q.check().status == "not attempted"
    assert q.check(ex.generator_loss_solution).passed
    minimax = q.check(lambda f: -F.softplus(f).mean())
    assert minimax.status == "incorrect" and "minimax" in minimax.message
    assert "sign" in q.check(lambda f: -F.softplus(-f).mean()).message
    assert "one number" in q.check(lambda f: F.softplus(-f)).message
    detached = q.check(lambda f: torch.tensor(F.softplus(-f).mean().item()))
    assert detached.status == "incorrect" and "differentiable" in detached.message
    assert "raised KeyError" in q.check(lambda f: {}["x"]).message
    assert "expected a function" in q.check("softplus").message
    assert "Solution" in str(q.solution()) and "softplus" in str(q.hint())
