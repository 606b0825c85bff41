"""Turning next-token logits into a choice: temperature, top-k, top-p (nucleus).

Each filter takes logits (..., V) and returns logits with the dropped tokens set to
-inf; `next_token_probs` chains them and `sample_next` draws from the result.
"""

import torch

from .validate import check_float, check_int, check_tensor


def apply_temperature(logits, temperature):
    """logits / temperature, computed so that a tiny temperature never gives NaN.

    temperature must be > 0; as it goes to 0 the softmax becomes greedy (all mass
    on the largest logit), as it grows the softmax flattens toward uniform.
    """
    check_tensor("logits", logits)
    temperature = check_float("temperature", temperature, 0, low_open=True)
    top = logits.amax(-1, keepdim=True)
    return (logits - top) / temperature  # the max is 0, the rest <= 0 (or -inf)


def top_k_filter(logits, k):
    """Keep exactly the k largest logits (ties broken by position), -inf the rest."""
    check_tensor("logits", logits)
    V = logits.shape[-1]
    k = check_int("top_k", k, 1)
    if k > V:
        raise ValueError(f"top_k must be at most the vocabulary size {V}, got {k}")
    keep = torch.zeros_like(logits, dtype=torch.bool)
    keep.scatter_(-1, logits.topk(k, dim=-1).indices, True)
    return logits.masked_fill(~keep, float("-inf"))


def top_p_filter(logits, p):
    """Keep the smallest set of most likely tokens whose probability reaches p."""
    check_tensor("logits", logits)
    p = check_float("top_p", p, 0, 1, low_open=True)
    if p == 1.0:
        return logits
    probs = logits.softmax(-1)
    sorted_probs, order = probs.sort(-1, descending=True)
    mass_before = sorted_probs.cumsum(-1) - sorted_probs  # mass of strictly likelier
    keep_sorted = mass_before < p  # the first token is always kept
    keep = torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))


def next_token_probs(logits, temperature=1.0, top_k=None, top_p=None):
    """Probabilities (..., V) after temperature, then top-k, then top-p."""
    z = apply_temperature(logits, temperature)
    if top_k is not None:
        z = top_k_filter(z, top_k)
    if top_p is not None:
        z = top_p_filter(z, top_p)
    return z.softmax(-1)


def sample_next(logits, temperature=1.0, top_k=None, top_p=None, generator=None):
    """One token id per row of logits (B, V) -> (B,)."""
    check_tensor("logits", logits, ndim=2)
    probs = next_token_probs(logits, temperature, top_k, top_p)
    return torch.multinomial(probs, 1, generator=generator)[:, 0]
