import pytest
import torch

from genai_course import comparison as cmp
from genai_course.data import mode_centers, sample_2d


def _perfect(n, seed):
    return sample_2d("ring", n, seed=seed + 500)


def _collapsed(n, seed):
    return mode_centers("ring")[[0]].repeat(n, 1) + 0.01 * torch.randn(n, 2)


def test_compare_ranks_a_perfect_and_a_collapsed_engine():
    engines = [cmp.Engine("perfect", _perfect), cmp.Engine("collapsed", _collapsed)]
    r = cmp.compare(engines, n=1000, repeats=1)
    assert r["perfect"]["modes"] == 8 and r["collapsed"]["modes"] == 1
    assert 0.5 < r["perfect"]["swd_ratio"] < 2 < r["collapsed"]["swd_ratio"]
    assert r["perfect"]["samples_per_s"] > 0
    assert r["perfect"]["samples"].shape == (1000, 2)
    t = cmp.table(r)
    assert set(t) == {"perfect", "collapsed"}
    assert set(t["perfect"]) == {"swd_ratio", "modes", "samples_per_s"}


def test_compare_without_timing_is_deterministic():
    engines = [cmp.Engine("perfect", _perfect)]
    a = cmp.table(cmp.compare(engines, n=500, timing=False))
    assert a == cmp.table(cmp.compare(engines, n=500, timing=False))
    assert a["perfect"]["samples_per_s"] is None


def test_samples_per_second_measures_time():
    import time

    def slow(n, seed):
        time.sleep(0.02)
        return torch.zeros(n, 2)

    speed = cmp.samples_per_second(slow, n=100, repeats=2)
    assert 1000 < speed <= 100 / 0.02 + 1e-6


def test_compare_errors():
    with pytest.raises(TypeError, match="Engine"):
        cmp.compare([_perfect])
    with pytest.raises(ValueError, match="shape"):
        cmp.compare([cmp.Engine("bad", lambda n, s: torch.zeros(n, 3))], n=10)
    with pytest.raises(ValueError, match="NaN"):
        cmp.score(torch.full((10, 2), float("nan")))
    with pytest.raises(ValueError, match="mixture"):
        cmp.score(torch.zeros(10, 2), name="moons")
    with pytest.raises(TypeError, match="sample"):
        cmp.samples_per_second(3)
