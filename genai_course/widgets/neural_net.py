"""Training explorer: learning rate and steps -> decision boundary and loss curve."""

from functools import lru_cache

import ipywidgets as W

from .. import neural_net
from ..renderers.neural_net import training_view
from .base import Explorer

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_STEPS = 200
EVERY = 10  # a boundary snapshot every 10 steps: the steps slider browses them
N_POINTS = 150
NOISE = 0.1
GRID_SIZE = 36


@lru_cache(maxsize=4)
def _points(seed):
    x, y, _, _ = neural_net.moons(N_POINTS, 0, NOISE, seed=seed)
    return x, y


@lru_cache(maxsize=64)
def _run(lr, optimizer, seed):
    """One training run, recorded once and then only browsed (~0.1 s)."""
    x, y = _points(seed)
    return neural_net.trajectory(
        x, y, lr, optimizer, MAX_STEPS, EVERY, hidden=16, seed=seed, size=GRID_SIZE
    )


class TrainingExplorer(Explorer):
    """Train a small MLP on the moons: how the learning rate shapes the training."""

    title = "Gradient descent: learning rate, steps, optimizer"

    def make_controls(self):
        style = {"description_width": "initial"}
        return {
            "lr": W.SelectionSlider(
                options=LEARNING_RATES, value=0.3, description="learning rate",
                style=style, continuous_update=False,
            ),
            "steps": W.IntSlider(
                MAX_STEPS // 2, 0, MAX_STEPS, step=EVERY, description="steps",
                continuous_update=False,
            ),
            "optimizer": W.Dropdown(
                options={"SGD (plain gradient descent)": "sgd", "Adam": "adam"},
                value="sgd", description="optimizer",
            ),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed",
                                continuous_update=False),
        }

    def compute(self, lr, steps, optimizer, seed):
        run = _run(lr, optimizer, seed)
        probs, acc, loss = run.at(steps)
        x, y = _points(seed)
        return {"run": run, "steps": steps, "probs": probs, "accuracy": acc,
                "loss": loss, "x": x, "y": y}

    def render(self, s):
        run = s["run"]
        return training_view(
            s["x"], s["y"], s["probs"], neural_net.LIM,
            {f"{run.optimizer.upper()}, lr {run.lr:g}": run.losses},
            step=s["steps"], title=f"after {s['steps']} steps", ymax=2.0,
            guess=neural_net.uniform_guess_loss(2),
        )

    def describe(self, s):
        run, steps = s["run"], s["steps"]
        text = (
            f"{run.optimizer.upper()}, learning rate {run.lr:g}: after {steps} steps "
            f"the training loss is {s['loss']:.3f} nats "
            f"(guessing: {neural_net.uniform_guess_loss(2):.3f}); "
            f"{100 * s['accuracy']:.0f}% of the {len(s['x'])} points on the right side"
        )
        if run.diverged:
            text += f"\nthe loss stopped being a number at step {len(run.losses) - 1}"
        elif steps >= run.every and run.losses[steps] > run.losses[steps - run.every]:
            text += "\nthe loss went up over the last steps: the steps overshoot"
        return text
