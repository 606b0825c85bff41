"""Exercises for notebook 02 (attention): softmax with temperature, the causal
mask, one attention head."""

import math

import torch

from ..attention import causal_mask as causal_mask_solution
from .base import Exercise, Mistake, call, expect_close

# -- q1: softmax with temperature ------------------------------------------------


def softmax_solution(scores, temperature):
    z = scores / temperature
    z = z - z.max(dim=-1, keepdim=True).values  # exp of big numbers overflows
    e = z.exp()
    return e / e.sum(dim=-1, keepdim=True)


def _check_softmax(fn):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(3, 5, generator=g)
    for t in (1.0, 0.5, 3.0):
        got = call(fn, x.clone(), t)
        if isinstance(got, torch.Tensor) and got.shape == x.shape:
            if torch.allclose(got.sum(-1), torch.ones(3), atol=1e-4) and t != 1.0:
                if torch.allclose(got, x.softmax(-1), atol=1e-4):
                    raise Mistake(
                        f"with temperature {t} you returned the plain softmax: "
                        "divide the scores by the temperature first"
                    )
        expect_close(
            got,
            x.softmax(-1) if t == 1 else (x / t).softmax(-1),
            f"softmax(scores, temperature={t})",
        )
    big = torch.tensor([[1000.0, 999.0, 0.0]])
    got = call(fn, big, 1.0)
    if isinstance(got, torch.Tensor) and torch.isnan(got).any():
        raise Mistake(
            "scores of 1000 give NaN: exp(1000) overflows. Subtract the row's "
            "maximum before exp() (softmax does not change when you do)"
        )
    expect_close(got, big.softmax(-1), "softmax of large scores")


softmax_with_temperature = Exercise(
    "Softmax with temperature",
    _check_softmax,
    hint="Divide the scores by the temperature, subtract each row's max "
    "(keepdim=True), exponentiate, then divide by the row sums.",
    solution="""def softmax(scores, temperature):
    z = scores / temperature
    z = z - z.max(dim=-1, keepdim=True).values  # exp of big numbers overflows
    e = z.exp()
    return e / e.sum(dim=-1, keepdim=True)""",
)

# -- q2: the causal mask -----------------------------------------------------------


def _check_mask(fn):
    for T in (4, 7, 1):
        got = call(fn, T)
        want = causal_mask_solution(T)
        if not isinstance(got, torch.Tensor):
            raise Mistake(f"return a torch.Tensor, got {type(got).__name__}")
        if got.shape != want.shape:
            raise Mistake(
                f"for T={T} the mask should be ({T}, {T}), got {tuple(got.shape)}"
            )
        if got.dtype != torch.bool:
            raise Mistake(f"return a bool tensor (True = may look), got {got.dtype}")
        if T > 1 and torch.equal(got, want.T):
            raise Mistake(
                "your mask lets each word see the future, not the past: row i is "
                "the query, so keep the lower triangle (tril), not the upper"
            )
        if T > 1 and torch.equal(got, ~want):
            raise Mistake("True should mean 'may look': your mask is inverted")
        if not torch.equal(got, want):
            raise Mistake(
                f"for T={T} your mask differs from the causal one in "
                f"{int((got != want).sum())} places; word i may look at words "
                "0..i, itself included"
            )


causal_mask = Exercise(
    "The causal mask",
    _check_mask,
    hint="torch.ones(T, T, dtype=torch.bool) then keep the lower triangle: .tril()",
    solution="""def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).tril()""",
)

# -- q3: one attention head --------------------------------------------------------


def head_solution(x, W_q, W_k, W_v):
    q, k, v = x @ W_q, x @ W_k, x @ W_v  # (T, d) each
    scores = q @ k.T / math.sqrt(k.shape[-1])  # (T, T)
    weights = scores.softmax(dim=-1)
    return weights @ v  # (T, d)


def _check_head(fn):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 6, generator=g)
    W_q, W_k, W_v = (torch.randn(6, 4, generator=g) for _ in range(3))
    got = call(fn, x, W_q, W_k, W_v)
    want = head_solution(x, W_q, W_k, W_v)
    if isinstance(got, torch.Tensor) and got.shape == want.shape:
        q, k, v = x @ W_q, x @ W_k, x @ W_v
        unscaled = (q @ k.T).softmax(-1) @ v
        if torch.allclose(got, unscaled, atol=1e-4):
            raise Mistake(
                "divide the scores by sqrt(d), the size of each key, before the softmax"
            )
        if torch.allclose(got, (q @ k.T / 2).softmax(0) @ v, atol=1e-4):
            raise Mistake("softmax over the keys: use dim=-1 (each row sums to 1)")
    expect_close(got, want, "the head's output")


one_head = Exercise(
    "One attention head",
    _check_head,
    hint="q, k, v = x @ W_q, x @ W_k, x @ W_v; scores = q @ k.T / sqrt(d); "
    "weights = softmax over the last dim; return weights @ v.",
    solution="""def attention_head(x, W_q, W_k, W_v):
    q, k, v = x @ W_q, x @ W_k, x @ W_v           # (T, d) each
    scores = q @ k.T / math.sqrt(k.shape[-1])     # (T, T)
    weights = scores.softmax(dim=-1)              # each row sums to 1
    return weights @ v                            # (T, d)""",
)
