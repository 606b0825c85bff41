"""From one neuron to a trained network: the neuron, the MLP, the loss, the loop.

Everything the primer trains is here, small enough to read in one sitting:
`neuron` (weights, bias, ReLU), `MLP` (layers of neurons), `fit` (the training loop:
zero_grad, backward, step; it returns the loss history), `trajectory` (one training
run recorded for an explorer) and `decision_grid` (a classifier's answer everywhere
on the plane).
"""

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from . import data, density
from .validate import check_choice, check_float, check_int, check_tensor

LIM = 2.0  # the plane the moons live in: [-LIM, LIM]^2
OPTIMIZERS = ("sgd", "adam")

# The primer's two experiments (the notebook spells them out; tests check its claims).
MOONS = {"n_train": 200, "n_val": 200, "noise": 0.1, "seed": 0}
TRAINING = {"steps": 300, "lr": 0.01, "optimizer": "adam", "batch_size": 32, "seed": 0}
FEW_POINTS = {"n_train": 20, "n_val": 300, "noise": 0.25, "seed": 0}
# a third, untouched set for the final score (another seed: fresh points)
TEST_POINTS = {"n_train": 300, "n_val": 0, "noise": 0.25, "seed": 1}
BIG_NET = {"hidden": 64, "depth": 3, "seed": 0}
OVERFIT_TRAINING = {"steps": 400, "lr": 0.001, "optimizer": "adam", "seed": 0}


def uniform_guess_loss(num_classes):
    """Cross-entropy of guessing every one of K classes with p = 1/K: ln K nats."""
    return math.log(check_int("num_classes", num_classes, 1))

# ----------------------------------------------------------------------------- data


def moons(n_train, n_val=0, noise=0.1, seed=0):
    """Labelled two-moons points: (x_train (n, 2), y_train (n,), x_val, y_val)."""
    n_train = check_int("n_train", n_train, 1)
    n_val = check_int("n_val", n_val, 0)
    noise = check_float("noise", noise, 0)
    n = n_train + max(n_val, 1)
    x, y = data.sample_2d("moons", n, seed, std=noise, labels=True)
    return x[:n_train], y[:n_train], x[n_train : n_train + n_val], y[n_train:][:n_val]


# ----------------------------------------------------------------------------- models


def relu(z):
    """The ReLU activation: max(0, z), element by element."""
    return z.clamp(min=0)


def neuron(x, w, b, activation=True):
    """One neuron on points x (N, D): relu(x @ w + b) -> (N,); w (D,), b a number."""
    x = check_tensor("x", x, ndim=2)
    w = check_tensor("w", w, shape=(x.shape[1],))
    z = x @ w + b  # (N,): a weighted sum of the inputs plus the bias
    return relu(z) if activation else z


class MLP(nn.Module):
    """Multi-layer perceptron: Linear -> ReLU, `depth` times, then Linear to logits."""

    def __init__(self, in_features=2, hidden=16, depth=2, out_features=2):
        super().__init__()
        check_int("in_features", in_features, 1)
        check_int("hidden", hidden, 1, 4096)
        check_int("depth", depth, 0, 16)
        check_int("out_features", out_features, 1)
        sizes = [in_features] + [hidden] * depth + [out_features]
        layers = []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(nn.Linear(a, b))
            if i < len(sizes) - 2:  # no activation after the last layer: logits
                layers.append(nn.ReLU())
        self.net = nn.Sequential(*layers)
        self.in_features = in_features

    def forward(self, x):
        """Points x (N, in_features) -> logits (N, out_features)."""
        check_tensor("x", x, shape=(None, self.in_features))
        return self.net(x)


def make_mlp(hidden=16, depth=2, seed=0):
    """An MLP for 2-D points and 2 classes, its starting weights drawn from `seed`."""
    torch.manual_seed(check_int("seed", seed, 0))
    return MLP(2, hidden, depth, 2)


def count_parameters(model):
    """How many numbers training adjusts in `model`."""
    return sum(p.numel() for p in model.parameters())


def make_optimizer(name, parameters, lr):
    """torch.optim.SGD or Adam over `parameters` with learning rate `lr`."""
    check_choice("optimizer", name, OPTIMIZERS)
    lr = check_float("lr", lr, 0, low_open=True)
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr)
    return torch.optim.Adam(parameters, lr=lr)


# ----------------------------------------------------------------------------- training


@dataclass
class FitHistory:
    """Loss per step (in nats) on the training points and, if given, on held-out ones.

    train[i] and val[i] are measured with the weights after i steps.
    """

    train: list = field(default_factory=list)
    val: list = field(default_factory=list)
    diverged: bool = False

    @property
    def steps(self):
        """How many losses were recorded (steps taken + 1)."""
        return len(self.train)

    def best_val_step(self):
        """The step with the lowest validation loss (where to stop early)."""
        if not self.val:
            raise ValueError("no validation losses: pass x_val and y_val to fit()")
        return min(range(len(self.val)), key=self.val.__getitem__)


def _check_labelled(name, x, y):
    """Points (N, 2) with integer labels (N,), at least one of them."""
    check_tensor(f"x_{name}", x, shape=(None, 2))
    check_tensor(f"y_{name}", y, shape=(len(x),), dtype_kind="int")
    if len(x) == 0:
        raise ValueError(f"x_{name} holds no points")


def fit(
    model,
    x,
    y,
    steps=300,
    lr=0.01,
    optimizer="adam",
    batch_size=None,
    x_val=None,
    y_val=None,
    seed=0,
    on_step=None,
):
    """Train `model` to classify x (N, 2) as y (N,); returns a FitHistory.

    Each step: pick a batch (all points if batch_size is None), compute the
    cross-entropy, then zero_grad -> backward -> step. Stops early if the loss
    stops being a finite number. on_step(i, model) runs before step i (and after
    the last one), e.g. to record snapshots.
    """
    _check_labelled("train", x, y)
    steps = check_int("steps", steps, 0)
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, 1, len(x))
    if (x_val is None) != (y_val is None):
        raise ValueError("give both x_val and y_val, or neither")
    if x_val is not None:
        _check_labelled("val", x_val, y_val)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    opt = make_optimizer(optimizer, model.parameters(), lr)
    history = FitHistory()
    for i in range(steps + 1):
        if x_val is not None:
            with torch.no_grad():
                history.val.append(F.cross_entropy(model(x_val), y_val).item())
        if on_step is not None:
            on_step(i, model)
        if batch_size is None:
            xb, yb = x, y
        else:
            idx = torch.randperm(len(x), generator=g)[:batch_size]  # (batch_size,)
            xb, yb = x[idx], y[idx]
        loss = F.cross_entropy(model(xb), yb)  # mean -ln p(true class), in nats
        history.train.append(loss.item())
        if not math.isfinite(history.train[-1]):
            history.diverged = True
            break
        if i == steps:  # the loss after the last step is recorded; no further step
            break
        opt.zero_grad()  # forget the last step's gradients (PyTorch adds them up)
        loss.backward()  # backpropagation: d loss / d every weight
        opt.step()  # move every weight a little against its gradient
    return history


def decision_grid(model, lim=LIM, size=60):
    """p(class 1) from `model` at every point of a grid over the plane: (size, size)."""
    lim = check_float("lim", lim, 0, low_open=True)
    size = check_int("size", size, 2, 1000)
    with torch.no_grad():
        logits = model(density.grid(lim, size))  # (size*size, 2)
    return logits.softmax(dim=1)[:, 1].reshape(size, size)  # bottom row first


def accuracy(model, x, y):
    """Share of the points whose most probable class is the true one."""
    _check_labelled("eval", x, y)
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


@dataclass
class Trajectory:
    """A recorded training run: losses per step, the boundary every `every` steps."""

    lr: float
    optimizer: str
    every: int
    losses: list  # training loss per step, in nats
    grids: list  # p(class 1) on the plane, (size, size), at steps 0, every, 2*every...
    accuracies: list  # accuracy on the training points at the same steps
    diverged: bool

    def at(self, step):
        """(grid, accuracy, loss) after `step` steps (the last recorded if diverged)."""
        step = check_int("step", step, 0)
        k = min(step // self.every, len(self.grids) - 1)
        loss = self.losses[min(k * self.every, len(self.losses) - 1)]
        return self.grids[k], self.accuracies[k], loss


def trajectory(
    x, y, lr, optimizer="sgd", steps=300, every=10, hidden=16, seed=0, size=50
):
    """Train a fresh MLP for `steps` and record it, so an explorer only browses."""
    steps = check_int("steps", steps, 1)
    every = check_int("every", every, 1, steps)
    model = make_mlp(hidden, 2, seed)
    grids, accuracies = [], []

    def record(i, m):
        if i % every == 0:
            grids.append(decision_grid(m, LIM, size))
            accuracies.append(accuracy(m, x, y))

    history = fit(model, x, y, steps, lr, optimizer, seed=seed, on_step=record)
    grids = [g.nan_to_num(0.5) for g in grids]  # a diverged net has no opinion
    return Trajectory(lr, optimizer, every, history.train, grids, accuracies,
                      history.diverged)


# ----------------------------------------------------------------------------- by hand


def finite_difference(f, w, h=1e-4):
    """The slope of f at the number w from two nearby values: (f(w+h) - f(w-h)) / 2h."""
    if not callable(f):
        raise TypeError(f"f must be a function of one number, got {type(f).__name__}")
    w = check_float("w", w)
    h = check_float("h", h, 0, low_open=True)
    return (float(f(w + h)) - float(f(w - h))) / (2 * h)


def descend(grad, w0, lr, steps):
    """Plain gradient descent on one number: w <- w - lr * grad(w); returns every w."""
    if not callable(grad):
        raise TypeError(f"grad must be a function, got {type(grad).__name__}")
    w = check_float("w0", w0)
    lr = check_float("lr", lr, 0, low_open=True)
    steps = check_int("steps", steps, 0)
    path = [w]
    for _ in range(steps):
        w = w - lr * float(grad(w))
        path.append(w)
        if not math.isfinite(w):
            break
    return path
