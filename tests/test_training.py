import math

import pytest
import torch

from genai_course.training import History, train


def test_trains_for_the_step_budget_and_records_losses():
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)

    def step(i):
        loss = (w - 3).pow(2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    h = train(step, steps=50, progress=False)
    assert h.steps == 50 and h.losses[0] == 9.0 and h.losses[-1] < 1e-6
    assert abs(w.item() - 3) < 1e-3
    h = train(step, steps=5, progress=False, history=h)
    assert h.steps == 55


def test_time_budget_stops_the_loop():
    h = train(lambda i: 1.0, seconds=0.05, progress=False)
    assert 0.05 <= h.seconds < 1.0 and h.steps > 0


def test_keyboard_interrupt_stops_cleanly(capsys):
    def step(i):
        if i == 3:
            raise KeyboardInterrupt
        return float(i)

    h = train(step, steps=10, progress=False)
    assert h.interrupted and h.losses == [0.0, 1.0, 2.0]
    assert "Interrupted after 3 steps" in capsys.readouterr().out


def test_divergence_stops_with_a_message(capsys):
    h = train(lambda i: math.inf if i == 2 else 1.0, steps=10, progress=False)
    assert h.diverged and h.steps == 3
    assert "smaller learning rate" in capsys.readouterr().out


def test_smoothed_is_a_running_mean():
    assert History(losses=[4.0, 2.0, 0.0, 2.0]).smoothed(2) == [4.0, 3.0, 1.0, 1.0]


@pytest.mark.parametrize(
    "kwargs, err",
    [
        ({}, ValueError),
        ({"steps": 0}, ValueError),
        ({"seconds": -1}, ValueError),
        ({"steps": 1.5}, TypeError),
    ],
)
def test_bad_budgets(kwargs, err):
    with pytest.raises(err):
        train(lambda i: 0.0, **kwargs)


def test_step_must_be_callable():
    with pytest.raises(TypeError, match="step"):
        train(42, steps=1)
