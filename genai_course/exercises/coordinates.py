"""Exercise: write 2-D points as coordinate tokens (notebook 08, engines compared)."""

import torch

from ..transformer import CoordinateTokenizer
from .base import Exercise, Mistake, call, expect_close


def encode_points_solution(points, bins, lim):
    """points (N, 2) -> bin ids (N, 2) int64: which of `bins` slices of [-lim, lim]."""
    width = 2 * lim / bins
    ids = torch.floor((points + lim) / width).long()
    return ids.clamp(0, bins - 1)


def _check_encode(fn):
    g = torch.Generator().manual_seed(0)
    points = torch.cat(
        [
            torch.rand(200, 2, generator=g) * 3 - 1.5,  # inside the square
            torch.tensor([[-1.5, 1.4999], [-3.0, 3.0]]),  # the edges, and outside
        ]
    )
    out = call(fn, points, 16, 1.5)
    if not isinstance(out, torch.Tensor):
        raise Mistake(f"return a torch.Tensor of bin ids, got {type(out).__name__}")
    if tuple(out.shape) != (202, 2):
        raise Mistake(
            f"return one (x bin, y bin) row per point: shape (202, 2), "
            f"got {tuple(out.shape)}"
        )
    if out.is_floating_point():
        raise Mistake(
            "bin ids are integers: use torch.floor(...).long() (tokens are "
            "indices into an embedding table)"
        )
    want = CoordinateTokenizer(16, 1.5).encode(points)
    if out.min() < 0 or out.max() > 15:
        raise Mistake(
            f"ids must lie in 0..15, got {int(out.min())}..{int(out.max())}: clamp "
            "points outside [-lim, lim] to the edge bins"
        )
    expect_close(out, want, "the bin ids", atol=0, rtol=0)


encode_points = Exercise(
    "Tokenise 2-D points",
    _check_encode,
    hint="Shift by lim so the square starts at 0, divide by the bin width "
    "2 * lim / bins, round down with torch.floor, convert with .long(), and "
    ".clamp(0, bins - 1) for points outside.",
    solution="""def encode_points(points, bins, lim):
    width = 2 * lim / bins
    ids = torch.floor((points + lim) / width).long()
    return ids.clamp(0, bins - 1)""",
)
