"""Self-attention from scratch: scores, scale, mask, softmax, weighted sum, heads.

Names and argument order follow PyTorch (`F.scaled_dot_product_attention`,
`nn.MultiheadAttention`) so the teaching version can be checked against the real one.
"""

import math

import torch
from torch import nn

from .validate import check_float, check_int, check_tensor


def causal_mask(T, device=None):
    """(T, T) bool: True where query i may look at key j, i.e. j <= i (no future)."""
    T = check_int("T", T, 1)
    return torch.ones(T, T, dtype=torch.bool, device=device).tril()


def attention_stages(q, k, v, mask=None, scale=None, temperature=1.0):
    """Every intermediate of attention: scores, scaled, masked, weights, out.

    q: (..., Tq, d), k: (..., Tk, d), v: (..., Tk, dv). mask: bool, True = may attend
    (broadcast to (..., Tq, Tk)). scale defaults to 1/sqrt(d); temperature divides the
    scaled scores (small = sharper). A query whose keys are all masked attends to
    nothing: its weights and output are zeros (PyTorch would give NaN).
    """
    _check_qkv(q, k, v)
    temperature = check_float("temperature", temperature, 0, low_open=True)
    d = q.shape[-1]
    scale = 1.0 / math.sqrt(d) if scale is None else check_float("scale", scale)
    scores = q @ k.transpose(-2, -1)  # (..., Tq, Tk)
    scaled = scores * (scale / temperature)
    masked = scaled
    if mask is not None:
        mask = _check_mask(mask, scores.shape)
        masked = scaled.masked_fill(~mask, float("-inf"))
    # softmax with the max subtracted; rows with nothing allowed stay all-zero
    top = masked.amax(-1, keepdim=True).nan_to_num(0.0, neginf=0.0)
    e = (masked - top).exp()
    total = e.sum(-1, keepdim=True)
    weights = e / total.clamp_min(torch.finfo(e.dtype).tiny)
    out = weights @ v  # (..., Tq, dv)
    return {
        "scores": scores,
        "scaled": scaled,
        "masked": masked,
        "weights": weights,
        "out": out,
    }


def score_scaling(dims=(4, 64, 1024), num_keys=12, rows=500, seed=0):
    """Why attention divides by sqrt(d): random q, k with unit-variance entries.

    q·k sums d products, so its variance grows like d and the softmax of such
    scores piles nearly all the weight on one key; divided by sqrt(d) the variance
    stays near 1 at every d. One dict per d: variance of q·k unscaled and scaled,
    and the mean largest softmax weight over `num_keys` keys, unscaled and scaled.
    """
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    num_keys = check_int("num_keys", num_keys, 2)
    rows = check_int("rows", rows, 2)
    results = []
    for d in dims:
        d = check_int("d", d, 1)
        q = torch.randn(rows, 1, d, generator=g)  # (rows, 1, d)
        k = torch.randn(rows, num_keys, d, generator=g)  # fresh keys for every query
        scores = (q * k).sum(-1)  # (rows, num_keys), every q·k an independent pair
        scaled = scores / math.sqrt(d)
        results.append(
            {
                "d": d,
                "var": scores.var().item(),
                "var_scaled": scaled.var().item(),
                "top_weight": scores.softmax(-1).amax(-1).mean().item(),
                "top_weight_scaled": scaled.softmax(-1).amax(-1).mean().item(),
            }
        )
    return results


def scaled_dot_product_attention(
    q, k, v, mask=None, is_causal=False, scale=None, temperature=1.0
):
    """softmax(q k^T * scale / temperature, masked) v -> (out, weights).

    out: (..., Tq, dv), weights: (..., Tq, Tk), rows summing to 1 (0 if fully masked).
    `mask` is bool with True where attending is allowed; `is_causal` adds the
    causal mask.
    """
    if is_causal:
        if q.shape[-2] != k.shape[-2]:
            raise ValueError(
                "is_causal needs as many queries as keys, got "
                f"{q.shape[-2]} queries and {k.shape[-2]} keys"
            )
        causal = causal_mask(q.shape[-2], q.device)
        mask = causal if mask is None else (_check_mask(mask, causal.shape) & causal)
    s = attention_stages(q, k, v, mask=mask, scale=scale, temperature=temperature)
    return s["out"], s["weights"]


def _check_qkv(q, k, v):
    for name, x in (("q", q), ("k", k), ("v", v)):
        check_tensor(name, x)
        if x.dim() < 2:
            raise ValueError(
                f"{name} must be (..., T, d) with at least 2 dims, "
                f"got shape {tuple(x.shape)}"
            )
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            f"q and k must have the same last dim d, got q {tuple(q.shape)} and "
            f"k {tuple(k.shape)}"
        )
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"k and v must have the same number of positions, got k {tuple(k.shape)} "
            f"and v {tuple(v.shape)}"
        )


def _check_mask(mask, shape):
    if not isinstance(mask, torch.Tensor) or mask.dtype != torch.bool:
        raise TypeError(
            "mask must be a bool tensor (True = may attend), got "
            f"{getattr(mask, 'dtype', type(mask).__name__)}"
        )
    try:
        torch.broadcast_shapes(mask.shape, shape)
    except RuntimeError:
        raise ValueError(
            f"mask of shape {tuple(mask.shape)} does not broadcast to the scores "
            f"{tuple(shape)}"
        ) from None
    return mask


class MultiHeadAttention(nn.Module):
    """n_head attention heads side by side, batch first: (B, T, C) -> (B, T, C).

    Its parameters have the same layout as `nn.MultiheadAttention` (in_proj_weight
    stacks W_q, W_k, W_v), so one's state_dict loads into the other.
    """

    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        embed_dim = check_int("embed_dim", embed_dim, 1)
        num_heads = check_int("num_heads", num_heads, 1)
        if embed_dim % num_heads:
            raise ValueError(
                f"embed_dim ({embed_dim}) must be divisible by num_heads ({num_heads})"
            )
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.head_dim = embed_dim // num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim)) if bias else None
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def forward(self, query, key=None, value=None, mask=None, is_causal=False):
        """-> (out (B, Tq, C), weights (B, n_head, Tq, Tk)), one map per head."""
        key = query if key is None else key
        value = key if value is None else value
        for name, x in (("query", query), ("key", key), ("value", value)):
            check_tensor(name, x, shape=(None, None, self.embed_dim))
        w_q, w_k, w_v = self.in_proj_weight.chunk(3)
        b_q, b_k, b_v = (
            self.in_proj_bias.chunk(3)
            if self.in_proj_bias is not None
            else (None, None, None)
        )
        q = self._heads(nn.functional.linear(query, w_q, b_q))  # (B, nh, Tq, hd)
        k = self._heads(nn.functional.linear(key, w_k, b_k))  # (B, nh, Tk, hd)
        v = self._heads(nn.functional.linear(value, w_v, b_v))  # (B, nh, Tk, hd)
        out, weights = scaled_dot_product_attention(
            q, k, v, mask=mask, is_causal=is_causal
        )
        B, _, Tq, _ = out.shape
        out = out.transpose(1, 2).reshape(B, Tq, self.embed_dim)  # heads side by side
        return self.out_proj(out), weights

    def _heads(self, x):
        B, T, _ = x.shape
        return x.view(B, T, self.num_heads, self.head_dim).transpose(1, 2)


def sinusoidal_positions(T, d, base=10000.0):
    """(T, d) positional encoding of "Attention is all you need".

    PE[t, 2i] = sin(t / base^(2i/d)), PE[t, 2i+1] = cos(t / base^(2i/d)).
    """
    T = check_int("T", T, 1)
    d = check_int("d", d, 2)
    if d % 2:
        raise ValueError(f"d must be even (sin and cos pairs), got {d}")
    base = check_float("base", base, 1, low_open=True)
    t = torch.arange(T, dtype=torch.float32)[:, None]  # (T, 1)
    freq = base ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)  # (d/2,)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(t * freq)
    pe[:, 1::2] = torch.cos(t * freq)
    return pe
