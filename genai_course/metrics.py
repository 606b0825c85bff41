"""Sample-quality measures for 2-D generators: modes, high quality %, KL, SWD."""

import math

import torch

from .validate import check_float, check_int, check_tensor


def mode_stats(samples, centers, std):
    """PacGAN's 2-D metrics for samples (N, 2) against mode centres (K, 2).

    A sample is high quality when it lies within 3 std of its nearest mode; a mode is
    captured when at least one high-quality sample lands on it; reverse KL is
    KL(generated mode histogram || uniform) over the high-quality samples.
    """
    check_tensor("samples", samples, shape=(None, 2))
    check_tensor("centers", centers, shape=(None, 2))
    std = check_float("std", std, 0, low_open=True)
    if len(samples) == 0:
        raise ValueError("samples must hold at least one point, got shape (0, 2)")
    dist, nearest = torch.cdist(samples.float(), centers.float()).min(dim=1)  # (N,)
    good = dist <= 3 * std
    counts = torch.bincount(nearest[good], minlength=len(centers)).float()  # (K,)
    modes = int((counts > 0).sum())
    if counts.sum() == 0:
        rkl = math.inf
    else:
        p = counts / counts.sum()
        p = p[p > 0]
        rkl = float((p * (p * len(centers)).log()).sum())
    return {"modes": modes, "hq_pct": 100.0 * good.float().mean().item(), "rkl": rkl}


def random_directions(dim, projections=256, seed=0):
    """`projections` random unit vectors in `dim` dimensions, as columns (dim, P)."""
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    axes = torch.randn(dim, projections, generator=g)
    return axes / axes.norm(dim=0, keepdim=True)


def sliced_wasserstein(a, b, projections=256, seed=0):
    """Mean 1-D Wasserstein-1 distance of a (N, D) and b (M, D) along random axes.

    Project both sets on a random direction, sort each, compare them quantile by
    quantile (the mean gap is the 1-D Wasserstein distance); average over directions.
    """
    check_tensor("a", a, ndim=2)
    check_tensor("b", b, shape=(None, a.shape[1]))
    projections = check_int("projections", projections, 1)
    if len(a) < 2 or len(b) < 2:
        raise ValueError(f"need >= 2 points in each set, got {len(a)} and {len(b)}")
    axes = random_directions(a.shape[1], projections, seed)  # (D, P)
    qa, qb = _matched_quantiles(a, b, axes)  # (n, P) each
    return (qa - qb).abs().mean().item()


def one_projection(a, b, index=0, projections=256, seed=0):
    """What `sliced_wasserstein` computes along its direction number `index`.

    Returns {"direction" (D,), "levels" (n,), "a" (n,), "b" (n,), "distance"}: the two
    sets' sorted projections matched at shared quantile levels, and their mean gap.
    """
    check_tensor("a", a, ndim=2)
    check_tensor("b", b, shape=(None, a.shape[1]))
    index = check_int("index", index, 0, check_int("projections", projections, 1) - 1)
    axis = random_directions(a.shape[1], projections, seed)[:, index : index + 1]
    qa, qb = _matched_quantiles(a, b, axis)  # (n, 1) each
    n = len(qa)
    return {
        "direction": axis[:, 0],
        "levels": (torch.arange(n, dtype=torch.float32) + 0.5) / n,
        "a": qa[:, 0],
        "b": qb[:, 0],
        "distance": (qa - qb).abs().mean().item(),
    }


def _matched_quantiles(a, b, axes):
    """Both sets projected on axes (D, P), sorted, read at the same quantile levels."""
    pa = (a.float() @ axes).sort(dim=0).values  # (N, P)
    pb = (b.float() @ axes).sort(dim=0).values  # (M, P)
    n = max(len(a), len(b))
    q = (torch.arange(n, dtype=torch.float32) + 0.5) / n  # shared quantile levels
    return _quantiles(pa, q), _quantiles(pb, q)


def _quantiles(sorted_x, q):
    """Linear-interpolated quantiles of each column of sorted_x (N, P) at levels q."""
    pos = q * len(sorted_x) - 0.5
    lo = pos.floor().clamp(0, len(sorted_x) - 1).long()
    hi = (lo + 1).clamp(max=len(sorted_x) - 1)
    w = (pos - lo.float()).clamp(0, 1)[:, None]
    return sorted_x[lo] * (1 - w) + sorted_x[hi] * w


def swd_ratio(samples, data, reference):
    """SWD(samples, data) / SWD(reference, data): 1.0 = as good as fresh real data.

    `reference` is a second real sample of the data's size: even two real samples
    differ by chance, so the ratio measures the samples against that yardstick.
    """
    return sliced_wasserstein(samples, data) / sliced_wasserstein(reference, data)


def class_coverage(classifier, images, min_confidence=0.5):
    """Which digit classes a held-out classifier finds among generated images.

    A class is covered when at least one image is assigned to it with probability
    >= min_confidence (a recognisable example, like a high-quality sample above).
    Returns {"classes", "confidence" (mean top probability), "counts" (10,)}.
    """
    from .classifier import classify

    check_tensor("images", images, shape=(None, 1, 8, 8))
    min_confidence = check_float("min_confidence", min_confidence, 0, 1)
    if len(images) == 0:
        raise ValueError("images must hold at least one image, got shape (0, 1, 8, 8)")
    pred, confidence = classify(classifier, images)
    sure = confidence >= min_confidence
    counts = torch.bincount(pred, minlength=10)  # (10,) every assignment
    covered = torch.bincount(pred[sure], minlength=10) > 0
    return {
        "classes": int(covered.sum()),
        "confidence": confidence.mean().item(),
        "counts": counts.tolist(),
    }
