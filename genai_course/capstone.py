"""The capstone's tools: compare generators fairly, tokenise points, find near copies.

- `CoordinateTokenizer` turns 2-D points into tokens (a bin for x, then one for y),
  so a transformer can model points the way it models text.
- `compare` runs every engine on the same data and measures quality (SWD ratio),
  diversity (modes captured) and speed (samples per second).
- `nearest_neighbours` and `memorisation` look for generated samples that are
  near copies of training examples.
"""

import time
from dataclasses import dataclass
from typing import Callable

import torch

from . import data as data_mod
from .metrics import mode_stats, swd_ratio
from .validate import check_choice, check_float, check_int, check_tensor

# ----------------------------------------------------------------------------- tokens


class CoordinateTokenizer:
    """2-D points <-> pairs of bin ids over [-lim, lim]^2, plus a start token.

    x falls into one of `bins` equal bins, y into another; the sequence for one
    point is [BOS, x_bin, y_bin]. Points outside the square go to the edge bins.
    """

    def __init__(self, bins=64, lim=1.5):
        self.bins = check_int("bins", bins, 2, 4096)
        self.lim = check_float("lim", lim, 0, low_open=True)
        self.bos = self.bins  # the start token comes after the bin ids
        self.width = 2 * self.lim / self.bins

    @property
    def vocab_size(self):
        return self.bins + 1

    def encode(self, points):
        """points (N, 2) -> bin ids (N, 2) int64 in [0, bins)."""
        check_tensor("points", points, shape=(None, 2))
        ids = torch.floor((points.float() + self.lim) / self.width).long()
        return ids.clamp(0, self.bins - 1)

    def sequences(self, points):
        """points (N, 2) -> token sequences (N, 3): [BOS, x_bin, y_bin]."""
        ids = self.encode(points)
        return torch.cat([torch.full((len(ids), 1), self.bos), ids], dim=1)

    def decode(self, ids, generator=None, jitter=True):
        """bin ids (N, 2) -> points (N, 2): bin centres, or uniform inside the bin."""
        check_tensor("ids", ids, shape=(None, 2), dtype_kind="int")
        if ((ids < 0) | (ids >= self.bins)).any():
            raise ValueError(
                f"bin ids must be in [0, {self.bins}); got values from "
                f"{int(ids.min())} to {int(ids.max())} (the start token is not a bin)"
            )
        offset = 0.5
        if jitter:
            offset = torch.rand(ids.shape, generator=generator)
        return -self.lim + (ids.float() + offset) * self.width

    def __repr__(self):
        return f"CoordinateTokenizer(bins={self.bins}, lim={self.lim})"


# ----------------------------------------------------------------------------- search


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


# ----------------------------------------------------------------------------- compare


@dataclass
class Engine:
    """A generator under test: `sample(n, seed) -> (n, 2)` and how it works."""

    name: str
    sample: Callable
    how: str = ""  # e.g. "1 network pass per batch"


def samples_per_second(sample, n=2000, repeats=3, seed=0):
    """Best-of-`repeats` throughput of `sample(n, seed)`, after one warm-up call."""
    if not callable(sample):
        raise TypeError(
            f"sample must be a function sample(n, seed), got {type(sample).__name__}"
        )
    n = check_int("n", n, 1)
    repeats = check_int("repeats", repeats, 1)
    sample(min(n, 64), seed)  # warm-up: first calls pay for allocation
    best = float("inf")
    for r in range(repeats):
        start = time.perf_counter()
        sample(n, seed + r)
        best = min(best, time.perf_counter() - start)
    return n / max(best, 1e-9)


def reference_sets(name="ring", n=2000, seed=0):
    """Two fresh draws of the data: the target, and a reference for the SWD ratio."""
    target = data_mod.sample_2d(name, n, seed=seed + 10_000)
    reference = data_mod.sample_2d(name, n, seed=seed + 20_000)
    return target, reference


def score(samples, name="ring", seed=0):
    """Quality and diversity of samples (N, 2) against the named mixture."""
    check_choice("mixture", name, ("ring", "grid"))
    check_tensor("samples", samples, shape=(None, 2))
    if not torch.isfinite(samples).all():
        raise ValueError("samples contain NaN or inf: the generator diverged")
    target, reference = reference_sets(name, len(samples), seed)
    stats = mode_stats(samples, data_mod.mode_centers(name), data_mod.DEFAULT_STD[name])
    return {
        "swd_ratio": swd_ratio(samples, target, reference),
        "modes": stats["modes"],
        "hq_pct": stats["hq_pct"],
    }


def compare(engines, name="ring", n=2000, seed=0, repeats=3, timing=True):
    """Run each engine on the same data; -> {engine: {swd_ratio, modes, ...}}.

    Each result also holds the samples (for plots). samples_per_s is measured on
    this machine now (None with timing=False), so it varies from run to run.
    """
    if isinstance(engines, Engine):
        engines = [engines]
    engines = list(engines)
    if not engines or not all(isinstance(e, Engine) for e in engines):
        raise TypeError("engines must be a non-empty list of Engine objects")
    n = check_int("n", n, 2)
    results = {}
    for engine in engines:
        samples = engine.sample(n, seed)
        check_tensor(f"{engine.name} samples", samples, shape=(n, 2))
        results[engine.name] = {
            **score(samples.detach().float(), name, seed),
            "samples_per_s": (
                samples_per_second(engine.sample, n, repeats, seed) if timing else None
            ),
            "samples": samples.detach(),
            "how": engine.how,
        }
    return results


def table(results, digits=3):
    """The JSON-ready trilemma table: {engine: {swd_ratio, modes, samples_per_s}}."""
    out = {}
    for name, r in results.items():
        speed = r.get("samples_per_s")
        out[name] = {
            "swd_ratio": round(r["swd_ratio"], digits),
            "modes": r["modes"],
            "samples_per_s": None if speed is None else float(f"{speed:.3g}"),
        }
    return out
