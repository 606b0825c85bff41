import torch

from genai_course.exercises import ____
from genai_course.exercises import coordinates as ex


def test_encode_points_right_and_wrong():
    assert ex.encode_points.check().status == "not attempted"
    assert ex.encode_points.check(lambda p, b, lim: ____).status == "not attempted"
    assert ex.encode_points.check(ex.encode_points_solution).passed

    def no_clamp(p, bins, lim):
        return torch.floor((p + lim) / (2 * lim / bins)).long()

    assert "clamp" in ex.encode_points.check(no_clamp).message

    def floats(p, bins, lim):
        return ex.encode_points_solution(p, bins, lim).float()

    assert "integers" in ex.encode_points.check(floats).message
    wrong_shape = ex.encode_points.check(
        lambda p, b, lim: ex.encode_points_solution(p, b, lim)[:, 0]
    )
    assert "shape (202, 2)" in wrong_shape.message
    off_by_half = ex.encode_points.check(
        lambda p, b, lim: torch.round((p + lim) / (2 * lim / b)).long().clamp(0, b - 1)
    )
    assert off_by_half.status == "incorrect" and "wrong values" in off_by_half.message
    assert "list" in ex.encode_points.check(lambda p, b, lim: [1]).message
    assert "raised" in ex.encode_points.check(lambda p, b, lim: 1 / 0).message
