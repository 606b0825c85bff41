"""Exercises for notebook 03 (tiny GPT): top-k filtering, one training step."""

import copy

import torch

from ..sampling import top_k_filter
from ..transformer import GPT, GPTConfig
from .base import Exercise, Mistake, call, expect_close

# -- q1: top-k filtering -------------------------------------------------------------


def _check_top_k(fn):
    logits = torch.tensor([[2.0, -1.0, 0.5, 3.0, 0.0], [0.1, 0.2, 0.3, 0.4, 0.5]])
    for k in (1, 2, 5):
        got = call(fn, logits.clone(), k)
        want = top_k_filter(logits, k)
        if isinstance(got, torch.Tensor) and got.shape == want.shape:
            kept = torch.isfinite(got).sum(-1)
            if (kept != k).any():
                raise Mistake(
                    f"with k={k} each row should keep exactly {k} logit(s) and set "
                    f"the rest to -inf; you kept {kept.tolist()}"
                )
            smallest = torch.isfinite(top_k_filter(-logits, k))
            if k < logits.shape[-1] and torch.equal(torch.isfinite(got), smallest):
                raise Mistake("you kept the k *smallest* logits: keep the largest")
        expect_close(got, want, f"top_k_filter(logits, k={k})")


top_k = Exercise(
    "Top-k filtering",
    _check_top_k,
    hint="logits.topk(k, dim=-1).values[..., -1:] is each row's k-th largest logit; "
    "set every logit below it to float('-inf') with torch.where or masked_fill.",
    solution="""def top_k_filter(logits, k):
    kth = logits.topk(k, dim=-1).values[..., -1:]      # (B, 1): the k-th largest
    return logits.masked_fill(logits < kth, float("-inf"))""",
)

# -- q2: one training step -----------------------------------------------------------


def training_step_solution(model, optimizer, x, y):
    logits, loss = model(x, y)  # forward: predictions and cross-entropy
    optimizer.zero_grad()  # forget the previous step's gradients
    loss.backward()  # backward: d loss / d every weight
    optimizer.step()  # nudge the weights downhill
    return loss.item()


def _check_step(fn):
    torch.manual_seed(0)
    config = GPTConfig(vocab_size=5, block_size=8, n_layer=1, n_head=2, n_embd=16)
    model = GPT(config)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    g = torch.Generator().manual_seed(0)
    x = torch.randint(5, (4, 8), generator=g)
    y = (x + 1) % 5  # learnable: the next id is this one plus one
    with torch.no_grad():
        _, first = model(x, y)
    before = [p.detach().clone() for p in model.parameters()]
    got = call(fn, model, opt, x, y)
    if isinstance(got, torch.Tensor):
        if got.numel() != 1:
            raise Mistake(
                f"return one number, the batch's mean loss: got a tensor of shape "
                f"{tuple(got.shape)}"
            )
        if got.requires_grad:
            raise Mistake("return loss.item(), a plain number, not the tensor")
        got = got.item()
    expect_close(
        got, first.item(), "the loss you returned (before the update)", atol=1e-4
    )
    if all(torch.equal(a, b) for a, b in zip(before, model.parameters())):
        raise Mistake(
            "the weights did not change: call loss.backward() and then optimizer.step()"
        )
    reference = copy.deepcopy(model)  # the gradient this step alone should leave
    _, loss = reference(x, y)
    loss.backward()
    call(fn, model, opt, x, y)
    for p, ref in zip(model.parameters(), reference.parameters()):
        if p.grad is not None and p.grad.abs().sum() > 0:  # zero_grad after: fine
            if not torch.allclose(p.grad, ref.grad, atol=1e-5, rtol=1e-3):
                raise Mistake(
                    "the gradients of this step are mixed with the previous "
                    "step's: call optimizer.zero_grad() before loss.backward()"
                )
    losses = [got] + [call(fn, model, opt, x, y) for _ in range(20)]
    if not float(losses[-1]) < 0.5 * float(losses[0]):
        raise Mistake(
            f"after 20 steps the loss went from {losses[0]:.3f} to "
            f"{float(losses[-1]):.3f}; it should fall: check each of the four "
            "lines"
        )


training_step = Exercise(
    "One training step",
    _check_step,
    hint="Four lines: logits, loss = model(x, y); optimizer.zero_grad(); "
    "loss.backward(); optimizer.step(); then return loss.item().",
    solution="""def training_step(model, optimizer, x, y):
    logits, loss = model(x, y)   # forward: predictions and cross-entropy
    optimizer.zero_grad()        # forget the previous step's gradients
    loss.backward()              # backward: d loss / d every weight
    optimizer.step()             # nudge the weights downhill
    return loss.item()""",
)
