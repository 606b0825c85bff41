"""What do a GPT's attention heads look at? Averages over many windows of real text.

One forward pass over `n_windows` windows of held-out text returns every head's
attention weights; from them, per head:
- how much weight lands 0, 1, 2, ... characters back from the query (a head that
  "looks one character back" puts most of its weight at distance 1);
- how much lands on chosen characters (spaces and line breaks: word and line starts).
"""

import torch

from .validate import check_int, check_tensor


@torch.no_grad()
def head_patterns(
    model, data, key_ids=(), n_windows=200, max_distance=4, first_query=8
):
    """Mean attention per head: by distance back, and on the ids in `key_ids`.

    data: 1-D ids; windows of block_size do not overlap and are spread evenly over it.
    Only queries at position >= first_query count (they have a real choice of keys).
    Returns {"by_distance": (n_layer, n_head, max_distance + 1), "on_keys":
    (n_layer, n_head), "key_rate": share of all characters that are in key_ids}.
    """
    check_tensor("data", data, ndim=1, dtype_kind="int")
    T = model.config.block_size
    n_windows = check_int("n_windows", n_windows, 1)
    max_distance = check_int("max_distance", max_distance, 0, T - 1)
    first_query = check_int("first_query", first_query, 0, T - 1)
    n = len(data) // T
    if n < 1:
        raise ValueError(f"need at least block_size={T} tokens, got {len(data)}")
    starts = torch.linspace(0, n - 1, min(n_windows, n)).long() * T  # (W,)
    x = data[starts[:, None] + torch.arange(T)]  # (W, T)
    was_training = model.training
    model.eval()
    _, _, maps = model(x, return_attention=True)  # n_layer x (W, nh, T, T)
    model.train(was_training)
    att = torch.stack(maps, 1)[..., first_query:, :]  # (W, L, nh, Tq, T)
    q = torch.arange(first_query, T)[:, None]
    back = q - torch.arange(T)[None, :]  # (Tq, T): distance from query to key
    by_distance = torch.stack(
        [(att * (back == d)).sum(-1).mean((0, 3)) for d in range(max_distance + 1)], -1
    )  # (L, nh, max_distance + 1)
    is_key = torch.isin(x, torch.as_tensor(list(key_ids), dtype=torch.long))  # (W, T)
    on_keys = (att * is_key[:, None, None, None, :]).sum(-1).mean((0, 3))  # (L, nh)
    return {
        "by_distance": by_distance,
        "on_keys": on_keys,
        "key_rate": is_key.float().mean().item(),
    }


def describe(patterns, key_label="on keys"):
    """The patterns as a small text table, one row per head."""
    by, on = patterns["by_distance"], patterns["on_keys"]
    n_layer, n_head, D = by.shape
    rows = [
        "layer head  " + "  ".join(f"{d} back" for d in range(D)) + f"  {key_label}"
    ]
    for layer in range(n_layer):
        for head in range(n_head):
            cells = "  ".join(f"{v:6.2f}" for v in by[layer, head].tolist())
            rows.append(f"{layer:5d} {head:4d}  {cells}  {on[layer, head]:.2f}")
    rows.append(f"(share of all characters that are {key_label[3:]}: "
                f"{patterns['key_rate']:.2f})")  # fmt: skip
    return "\n".join(rows)
