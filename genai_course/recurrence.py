"""A plain recurrent network (RNN), read word by word, to set beside attention.

An RNN carries one state vector h along the sequence: h_t = tanh(x_t W_x + h_{t-1} W_h).
Step t needs h_{t-1}, so the T steps must run one after another. Attention computes
every position's output from a few matrix products with no step waiting for another.
`count_matmuls` shows that structure: 2T products in a row for the RNN, a fixed few for
attention, whatever T is.
"""

import time

import torch
from torch.overrides import TorchFunctionMode

from .attention import scaled_dot_product_attention
from .validate import check_int, check_tensor


def rnn_states(x, W_x, W_h):
    """(T, d) inputs -> (T, d) states, one step at a time: each needs the last."""
    check_tensor("x", x, ndim=2)
    check_tensor("W_h", W_h, ndim=2)
    d = W_h.shape[0]
    check_tensor("W_x", W_x, shape=(x.shape[1], d))
    check_tensor("W_h", W_h, shape=(d, d))
    h = torch.zeros(d, dtype=x.dtype)  # (d,)
    states = []
    for t in range(x.shape[0]):  # T sequential steps
        h = torch.tanh(x[t] @ W_x + h @ W_h)  # (d,)
        states.append(h)
    return torch.stack(states)  # (T, d)


def attention_outputs(x, W_q, W_k):
    """(T, d) inputs -> (T, d) outputs for every position at once."""
    out, _ = scaled_dot_product_attention(x @ W_q, x @ W_k, x)  # (T, d)
    return out


_MATMULS = {torch.matmul, torch.mm, torch.bmm, torch.Tensor.matmul,
            torch.Tensor.__matmul__, torch.Tensor.__rmatmul__}


class _MatmulCounter(TorchFunctionMode):
    """Counts the matrix products run while it is active."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.count += func in _MATMULS
        return func(*args, **(kwargs or {}))


def count_matmuls(fn, *args):
    """How many matrix products fn(*args) runs; each `@` counts once."""
    if not callable(fn):
        raise TypeError(f"fn must be a function, got {type(fn).__name__}")
    with _MatmulCounter() as counter:
        fn(*args)
    return counter.count


def time_rnn_vs_attention(lengths=(64, 128, 256, 512), d=64, repeats=5, seed=0):
    """Seconds for an RNN pass and an attention pass at each length (best of repeats).

    Run with one thread (torch.set_num_threads(1)) for a fair comparison.
    """
    d = check_int("d", d, 1)
    repeats = check_int("repeats", repeats, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    W_x, W_h = (torch.randn(d, d, generator=g) / d**0.5 for _ in range(2))
    rnn, attn = [], []
    for T in lengths:
        x = torch.randn(check_int("T", T, 1), d, generator=g)  # (T, d)
        rnn.append(_best_time(rnn_states, (x, W_x, W_h), repeats))
        attn.append(_best_time(attention_outputs, (x, W_x, W_h), repeats))
    return {"lengths": list(lengths), "rnn": rnn, "attention": attn}


def _best_time(fn, args, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best
