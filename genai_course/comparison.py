"""Compare generators fairly: quality, diversity and speed on the same data.

`compare` runs engines on the same 2-D mixture and measures quality (SWD ratio),
diversity (modes captured) and speed (samples per second), the three corners of the
"generative learning trilemma"; `table` makes the result JSON-ready.
"""

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import torch

from . import data as data_mod
from .metrics import mode_stats, sliced_wasserstein
from .validate import check_choice, check_int, check_tensor


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


@lru_cache(maxsize=32)
def _reference_swd(name, n, seed, projections):
    target, reference = reference_sets(name, n, seed)
    return target, sliced_wasserstein(reference, target, projections)


def score(samples, name="ring", seed=0, projections=256):
    """Quality and diversity of samples (N, 2) against the named mixture.

    swd_ratio = SWD(samples, data) / SWD(fresh real draw, data), as
    metrics.swd_ratio; fewer `projections` is faster and a little noisier.
    """
    check_choice("mixture", name, ("ring", "grid"))
    check_tensor("samples", samples, shape=(None, 2))
    if not torch.isfinite(samples).all():
        raise ValueError("samples contain NaN or inf: the generator diverged")
    projections = check_int("projections", projections, 1)
    target, reference_swd = _reference_swd(name, len(samples), seed, projections)
    stats = mode_stats(samples, data_mod.mode_centers(name), data_mod.DEFAULT_STD[name])
    return {
        "swd_ratio": sliced_wasserstein(samples, target, projections) / reference_swd,
        "modes": stats["modes"],
        "hq_pct": stats["hq_pct"],
    }


def compare(engines, name="ring", n=2000, seed=0, repeats=0, timing=True):
    """Run each engine on the same data; -> {engine: {swd_ratio, modes, ...}}.

    The call that makes the scored samples is also timed (after a 16-sample
    warm-up); `repeats` extra timed runs keep the best. samples_per_s is measured
    on this machine now (None with timing=False), so it varies from run to run.
    """
    if isinstance(engines, Engine):
        engines = [engines]
    engines = list(engines)
    if not engines or not all(isinstance(e, Engine) for e in engines):
        raise TypeError("engines must be a non-empty list of Engine objects")
    n = check_int("n", n, 2)
    repeats = check_int("repeats", repeats, 0)
    results = {}
    for engine in engines:
        if timing:
            engine.sample(16, seed)  # warm-up: first calls pay for allocation
        start = time.perf_counter()
        samples = engine.sample(n, seed)
        seconds = time.perf_counter() - start
        check_tensor(f"{engine.name} samples", samples, shape=(n, 2))
        speed = None
        if timing:
            speed = n / max(seconds, 1e-9)
            if repeats:
                speed = max(speed, samples_per_second(engine.sample, n, repeats, seed))
        results[engine.name] = {
            **score(samples.detach().float(), name, seed),
            "samples_per_s": speed,
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
