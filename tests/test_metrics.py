import math

import pytest
import torch

from genai_course.data import mode_centers, sample_2d
from genai_course.metrics import mode_stats, sliced_wasserstein, swd_ratio


def test_perfect_samples_capture_every_mode():
    x = sample_2d("ring", 2500, std=0.01)
    s = mode_stats(x, mode_centers("ring"), std=0.01)
    # P(r <= 3 sigma) for a 2-D Gaussian is 1 - exp(-4.5) = 98.9%
    assert s["modes"] == 8 and s["hq_pct"] > 98 and s["rkl"] < 0.01


def test_collapsed_samples_by_hand():
    centers = mode_centers("ring")
    # 3 samples on mode 0, 1 on mode 1, 1 far from everything
    x = torch.cat([centers[[0, 0, 0, 1]], torch.tensor([[5.0, 5.0]])])
    s = mode_stats(x, centers, std=0.01)
    assert s["modes"] == 2 and s["hq_pct"] == pytest.approx(80.0)
    p = torch.tensor([0.75, 0.25])
    assert s["rkl"] == pytest.approx(float((p * (p * 8).log()).sum()))


def test_no_high_quality_samples_gives_infinite_kl():
    s = mode_stats(torch.full((4, 2), 9.0), mode_centers("ring"), std=0.01)
    assert s["modes"] == 0 and s["hq_pct"] == 0 and math.isinf(s["rkl"])


def test_swd_is_zero_for_identical_sets_and_grows_with_shift():
    a = torch.randn(500, 2)
    assert sliced_wasserstein(a, a) == pytest.approx(0, abs=1e-6)
    near = sliced_wasserstein(a, a + 0.1)
    far = sliced_wasserstein(a, a + 1.0)
    assert 0 < near < far and far == pytest.approx(10 * near, rel=1e-3)


def test_swd_ratio_near_one_for_fresh_draws():
    data = sample_2d("moons", 2000, seed=0)
    ratio = swd_ratio(
        sample_2d("moons", 2000, seed=1), data, sample_2d("moons", 2000, seed=2)
    )
    assert 0.5 < ratio < 2
    assert (
        swd_ratio(torch.randn(2000, 2) * 3, data, sample_2d("moons", 2000, seed=2)) > 5
    )


def test_unequal_sizes_and_bad_input():
    assert sliced_wasserstein(torch.randn(100, 2), torch.randn(300, 2)) < 0.5
    with pytest.raises(ValueError):
        sliced_wasserstein(torch.randn(10, 2), torch.randn(10, 3))
    with pytest.raises(ValueError):
        mode_stats(torch.randn(10, 3), mode_centers("ring"), 0.01)
    with pytest.raises(ValueError):
        mode_stats(torch.randn(10, 2), mode_centers("ring"), 0)


def test_class_coverage_on_real_and_degenerate_digits():
    from genai_course.classifier import load_digit_classifier
    from genai_course.data import load_digits
    from genai_course.metrics import class_coverage

    judge, digits = load_digit_classifier(), load_digits()
    real = class_coverage(judge, digits.x_test)
    assert real["classes"] == 10 and real["confidence"] > 0.8
    assert sum(real["counts"]) == len(digits.x_test)
    # 50 copies of one real "3": one class, every sample counted there
    three = digits.x_test[digits.y_test == 3][:1].repeat(50, 1, 1, 1)
    one = class_coverage(judge, three)
    assert one["classes"] == 1 and one["counts"][3] == 50
    # a class seen only with low confidence does not count as covered
    assert class_coverage(judge, three, min_confidence=1.0)["classes"] == 0
    with pytest.raises(ValueError):
        class_coverage(judge, torch.rand(4, 8, 8))
    with pytest.raises(ValueError):
        class_coverage(judge, torch.rand(0, 1, 8, 8))


def test_one_projection_is_one_slice_of_the_swd():
    from genai_course.metrics import one_projection

    a, b = sample_2d("moons", 300, seed=0), sample_2d("ring", 200, seed=0)
    slices = [one_projection(a, b, index=i, projections=16) for i in range(16)]
    assert sum(s["distance"] for s in slices) / 16 == pytest.approx(
        sliced_wasserstein(a, b, projections=16), rel=1e-5
    )
    p = slices[0]
    assert p["direction"].norm().item() == pytest.approx(1.0)
    assert p["a"].shape == p["b"].shape == p["levels"].shape == (300,)
    assert (p["a"][1:] >= p["a"][:-1]).all()  # sorted: matched quantile by quantile
    assert (p["a"] - p["b"]).abs().mean().item() == pytest.approx(p["distance"])
    with pytest.raises(ValueError):
        one_projection(a, b, index=16, projections=16)


def test_swd_ratio_of_a_fresh_real_draw_is_one_on_average():
    data, ref = sample_2d("moons", 2000, seed=0), sample_2d("moons", 2000, seed=2)
    ratios = [swd_ratio(sample_2d("moons", 2000, seed=s), data, ref) for s in (3, 4, 5)]
    assert 0.6 < sum(ratios) / 3 < 1.6
