import torch

from genai_course.exercises import ____
from genai_course.exercises import capstone as ex


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


def test_nearest_right_and_wrong():
    assert ex.nearest.check().status == "not attempted"
    assert ex.nearest.check(ex.nearest_solution).passed
    argmax = ex.nearest.check(lambda q, b: torch.cdist(q, b).argmax(dim=1))
    assert argmax.status == "incorrect" and "argmin" in argmax.message
    mins = ex.nearest.check(lambda q, b: torch.cdist(q, b).min(dim=1).values)
    assert "indices" in mins.message
    shape = ex.nearest.check(lambda q, b: torch.cdist(q, b).argmin(dim=0))
    assert "shape (10,)" in shape.message
    assert "tuple" in ex.nearest.check(lambda q, b: (1, 2)).message
    assert "raised" in ex.nearest.check(lambda q, b: q @ b).message
