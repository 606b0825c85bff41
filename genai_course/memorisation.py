"""Memorisation: does a generator copy its training data?

`nearest_neighbours` finds each sample's closest training example; `memorisation`
compares those distances with how close fresh real examples come (the test of
Carlini et al. 2023, on pixels).
"""

import torch

from .validate import check_float, check_int, check_tensor


def nearest_neighbours(queries, bank, k=1, chunk=1024):
    """Euclidean k nearest rows of `bank` for each query -> (distances, indices) (N, k).

    Any trailing shape is flattened, so images (N, 1, 8, 8) work as vectors of 64.
    """
    check_tensor("queries", queries)
    check_tensor("bank", bank)
    if queries.dim() < 2 or bank.dim() < 2:
        raise ValueError(
            f"queries and bank need a batch dimension, got shapes "
            f"{tuple(queries.shape)} and {tuple(bank.shape)}"
        )
    q, b = queries.flatten(1).float(), bank.flatten(1).float()
    if q.shape[1] != b.shape[1]:
        raise ValueError(
            f"queries {tuple(queries.shape[1:])} and bank {tuple(bank.shape[1:])} "
            "must have the same shape per item"
        )
    k = check_int("k", k, 1, len(b))
    chunk = check_int("chunk", chunk, 1)
    dists, idxs = [], []
    for part in q.split(chunk):  # (chunk, D) at a time keeps memory small
        d = torch.cdist(part, b, compute_mode="donot_use_mm_for_euclid_dist")
        d, i = d.topk(k, dim=1, largest=False)  # exact distances, not x²-2xy+y²
        dists.append(d)
        idxs.append(i)
    if not dists:
        return torch.zeros(0, k), torch.zeros(0, k, dtype=torch.long)
    return torch.cat(dists), torch.cat(idxs)


def memorisation(generated, train, held_out, copy_fraction=0.33):
    """How close generated samples come to their training set, against a baseline.

    The baseline is how close fresh real examples (held_out) come to the training
    set. A generated sample counts as a near copy when its nearest training example
    is closer than copy_fraction x the baseline's median distance.
    """
    copy_fraction = check_float("copy_fraction", copy_fraction, 0, 1, low_open=True)
    gen_d, gen_i = nearest_neighbours(generated, train)
    base_d, _ = nearest_neighbours(held_out, train)
    base = base_d.median().item()
    threshold = copy_fraction * base
    copies = gen_d[:, 0] < threshold
    return {
        "generated_median": gen_d.median().item(),
        "held_out_median": base,
        "threshold": threshold,
        "near_copies": int(copies.sum()),
        "near_copy_pct": 100.0 * copies.float().mean().item(),
        "distances": gen_d[:, 0],
        "nearest": gen_i[:, 0],
    }
