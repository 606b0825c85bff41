"""Exercise: find each sample's nearest training example (notebook 09)."""

import torch

from ..memorisation import nearest_neighbours
from .base import Exercise, Mistake, call


def nearest_solution(queries, bank):
    """Index (N,) of the closest row of bank (M, D) to each query (N, D)."""
    return torch.cdist(queries, bank).argmin(dim=1)


def _check_nearest(fn):
    g = torch.Generator().manual_seed(1)
    bank = torch.rand(50, 64, generator=g)
    queries = torch.cat([bank[[3, 17, 42]] + 0.01, torch.rand(7, 64, generator=g)])
    out = call(fn, queries, bank)
    if not isinstance(out, torch.Tensor):
        raise Mistake(f"return a torch.Tensor of indices, got {type(out).__name__}")
    if tuple(out.shape) != (10,):
        raise Mistake(
            f"return one index per query: shape (10,), got {tuple(out.shape)}; "
            "reduce over the bank's dimension (dim=1) of the (N, M) distances"
        )
    if out.is_floating_point():
        raise Mistake("return indices (argmin), not distances (min)")
    want = nearest_neighbours(queries, bank)[1][:, 0]
    if not torch.equal(out.long(), want):
        if torch.equal(out.long()[:3], torch.tensor([3, 17, 42])):
            raise Mistake("the near copies are right but not the others: check dim=1")
        raise Mistake(
            "some indices are wrong: the nearest row has the smallest Euclidean "
            "distance, sqrt(sum((q - b) ** 2)); argmin, not argmax"
        )


nearest = Exercise(
    "Find the nearest training example",
    _check_nearest,
    hint="torch.cdist(queries, bank) gives all distances (N, M); the nearest row "
    "of the bank is the argmin along dim=1.",
    solution="""def nearest(queries, bank):
    return torch.cdist(queries, bank).argmin(dim=1)""",
)
