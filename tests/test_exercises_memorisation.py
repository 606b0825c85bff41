import torch

from genai_course.exercises import memorisation as ex


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
