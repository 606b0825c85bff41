"""Exercises for notebook 01 (primer): a gradient-descent step by hand, cross-entropy
in nats, one training step with backward() and an optimizer."""

import math

import torch
import torch.nn.functional as F

from ..neural_net import make_mlp
from .base import Exercise, Mistake, NotAttempted, ____, call, expect_close

# -- q1: one gradient-descent step by hand -------------------------------------------


def gd_step_solution(w, b, x, y, lr):
    """One step on L = mean((w * x + b - y)^2): the gradients worked out by hand."""
    error = w * x + b - y  # (N,)
    grad_w = (2 * error * x).mean()
    grad_b = (2 * error).mean()
    return w - lr * grad_w, b - lr * grad_b


def _as_pair(got):
    if got is ____ or (isinstance(got, tuple) and any(v is ____ for v in got)):
        raise NotAttempted("replace every ____ with your new w and b")
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Mistake(f"return two numbers, (new_w, new_b); got {got!r:.60}")
    if any(isinstance(v, (str, bytes)) for v in got):
        raise Mistake(f"return two numbers, (new_w, new_b); got {got!r:.60}")
    try:
        return float(got[0]), float(got[1])
    except (TypeError, ValueError, RuntimeError):
        raise Mistake(f"return two numbers, (new_w, new_b); got {got!r:.60}") from None


def _check_gd_step(fn):
    x = torch.tensor([1.0, 2.0, 3.0, -1.0])
    y = torch.tensor([3.0, 5.0, 6.0, -1.0])
    for w, b, lr in ((0.5, 0.0, 0.1), (2.0, 1.0, 0.01)):
        got_w, got_b = _as_pair(call(fn, w, b, x.clone(), y.clone(), lr))
        want_w, want_b = (float(v) for v in gd_step_solution(w, b, x, y, lr))
        grad_w, grad_b = (w - want_w) / lr, (b - want_b) / lr
        if math.isclose(got_w, w + lr * grad_w, abs_tol=1e-4) and not math.isclose(
            got_w, want_w, abs_tol=1e-4
        ):
            raise Mistake(
                "your step went uphill: the loss grows along the gradient, so "
                "subtract lr * gradient (w - lr * grad_w)"
            )
        if math.isclose(got_w, w - grad_w, abs_tol=1e-4) and lr != 1:
            raise Mistake(
                "multiply the gradient by the learning rate lr before you step"
            )
        if math.isclose(got_w, w - lr * grad_w / 2, abs_tol=1e-4):
            raise Mistake(
                "your step is half the size it should be: the slope of "
                "(error)^2 is 2 * error * (slope of the error)"
            )
        expect_close(got_w, want_w, f"new w (for w={w}, b={b}, lr={lr})")
        expect_close(got_b, want_b, f"new b (for w={w}, b={b}, lr={lr})")


gd_step = Exercise(
    "One gradient-descent step by hand",
    _check_gd_step,
    hint="error = w * x + b - y. The slope of mean(error**2) with respect to w is "
    "mean(2 * error * x), with respect to b it is mean(2 * error). Then step "
    "against each: w - lr * grad_w, b - lr * grad_b.",
    solution="""def gd_step(w, b, x, y, lr):
    error = w * x + b - y                # (N,)
    grad_w = (2 * error * x).mean()      # d loss / d w
    grad_b = (2 * error).mean()          # d loss / d b
    return w - lr * grad_w, b - lr * grad_b""",
)

# -- q2: cross-entropy in nats ---------------------------------------------------------


def cross_entropy_solution(logits, targets):
    """Mean of -ln softmax(logits)[true class] over the rows: (N, K), (N,) -> nats."""
    z = logits - logits.max(dim=1, keepdim=True).values  # exp of big numbers overflows
    probs = z.exp() / z.exp().sum(dim=1, keepdim=True)  # (N, K), rows sum to 1
    return -probs[torch.arange(len(targets)), targets].log().mean()


def _check_cross_entropy(fn):
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(6, 4, generator=g) * 2
    targets = torch.tensor([0, 3, 1, 1, 2, 0])
    got = call(fn, logits.clone(), targets.clone())
    want = F.cross_entropy(logits, targets)
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.reshape(())
    if isinstance(got, torch.Tensor) and got.shape == (6,):
        raise Mistake("return one number, the mean over the rows, not one per row")
    value = _number(got)
    probs = logits.softmax(dim=1)[torch.arange(6), targets]
    wrong = {
        "you computed bits (log base 2): the course measures loss in nats, with the "
        "natural log ln (torch.log)": -probs.log2().mean(),
        "the loss should be positive: it is MINUS the log of a probability": probs.log()
        .mean(),
        "take the mean over the rows, not the sum": -probs.log().sum(),
        "turn the logits into probabilities with softmax before taking the log": (
            -logits[torch.arange(6), targets].mean()
        ),
    }
    for message, value_wrong in wrong.items():
        if math.isclose(value, float(value_wrong), rel_tol=1e-4, abs_tol=1e-5):
            raise Mistake(message)
    expect_close(value, float(want), "the cross-entropy of these logits")
    big = call(fn, torch.tensor([[1000.0, 0.0], [0.0, 1000.0]]), torch.tensor([0, 1]))
    if not math.isfinite(_number(big)):
        raise Mistake(
            "logits of 1000 give inf or NaN: exp(1000) overflows. Subtract each "
            "row's maximum before exp(); the softmax does not change"
        )
    expect_close(_number(big), 0.0, "the cross-entropy of very confident right answers")


def _number(got):
    if isinstance(got, (str, bytes)):
        raise Mistake(f"return one number, got the text {got!r:.30}")
    if isinstance(got, torch.Tensor) and got.numel() != 1:
        raise Mistake(
            "return one number (a 0-dim tensor or a float), "
            f"got shape {tuple(got.shape)}"
        )
    try:
        return float(got)
    except (TypeError, ValueError):
        raise Mistake(f"return one number, got {type(got).__name__}") from None


cross_entropy = Exercise(
    "Cross-entropy in nats",
    _check_cross_entropy,
    hint="probs = softmax of each row (exp, then divide by the row's sum); pick each "
    "row's true-class probability with probs[torch.arange(N), targets]; then "
    "-log and the mean.",
    solution="""def cross_entropy(logits, targets):
    z = logits - logits.max(dim=1, keepdim=True).values   # avoid exp overflow
    probs = z.exp() / z.exp().sum(dim=1, keepdim=True)    # (N, K) softmax
    p_true = probs[torch.arange(len(targets)), targets]   # (N,)
    return -p_true.log().mean()                           # nats""",
)

# -- q3: one training step -----------------------------------------------------------


def train_step_solution(model, optimizer, x, y):
    """Cross-entropy on (x, y), then zero_grad -> backward -> step; returns the loss."""
    loss = F.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def _setup():
    g = torch.Generator().manual_seed(3)
    x = torch.randn(16, 2, generator=g)
    y = (x[:, 0] * x[:, 1] > 0).long()
    model = make_mlp(hidden=8, depth=1, seed=3)
    return model, torch.optim.SGD(model.parameters(), lr=0.5), x, y


def _params(model):
    return torch.cat([p.detach().flatten() for p in model.parameters()])


def _check_train_step(fn):
    mine, my_opt, x, y = _setup()
    ref, ref_opt, _, _ = _setup()
    start = _params(mine)
    got = call(fn, mine, my_opt, x, y)
    want = train_step_solution(ref, ref_opt, x, y)
    if torch.equal(_params(mine), start):
        raise Mistake(
            "the weights did not move. The order is: optimizer.zero_grad(), "
            "loss.backward() (computes the gradients), optimizer.step() (moves "
            "the weights)"
        )
    if not torch.allclose(_params(mine), _params(ref), atol=1e-5):
        raise Mistake(
            "the weights moved, but not as cross-entropy's gradient says: compute "
            "loss = F.cross_entropy(model(x), y) and take exactly one optimizer.step()"
        )
    call(fn, mine, my_opt, x, y)
    train_step_solution(ref, ref_opt, x, y)
    if not torch.allclose(_params(mine), _params(ref), atol=1e-5):
        raise Mistake(
            "the first step was right, the second was not: PyTorch adds new "
            "gradients to the old ones, so call optimizer.zero_grad() before "
            "loss.backward() in every step"
        )
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    if not isinstance(got, (int, float)):
        raise Mistake(
            f"return the loss as a number (loss.item()), got {type(got).__name__}"
        )
    expect_close(got, want, "the returned loss (before the step)")


train_step = Exercise(
    "One training step",
    _check_train_step,
    hint="Four lines: loss = F.cross_entropy(model(x), y); optimizer.zero_grad(); "
    "loss.backward(); optimizer.step(); then return loss.item().",
    solution="""def train_step(model, optimizer, x, y):
    loss = F.cross_entropy(model(x), y)   # logits (N, 2) vs labels (N,)
    optimizer.zero_grad()                 # forget the last step's gradients
    loss.backward()                       # backpropagation: fill every .grad
    optimizer.step()                      # move each weight against its gradient
    return loss.item()""",
)
