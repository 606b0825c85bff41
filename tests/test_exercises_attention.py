import torch

from genai_course.exercises import ____
from genai_course.exercises import attention as ex


def test_softmax_right_and_wrong():
    q = ex.softmax_with_temperature
    assert q.check().status == "not attempted"
    assert q.check(lambda s, t: ____).status == "not attempted"
    assert q.check(ex.softmax_solution).passed
    assert (
        "divide the scores by the temperature"
        in q.check(lambda s, t: s.softmax(-1)).message
    )
    naive = lambda s, t: (s / t).exp() / (s / t).exp().sum(-1, keepdim=True)  # noqa
    assert "Subtract the row's maximum" in q.check(naive).message
    assert "shape (3, 5)" in q.check(lambda s, t: s.softmax(-1).sum(0)).message
    assert "raised ZeroDivisionError" in q.check(lambda s, t: 1 / 0).message
    assert "torch.Tensor" in q.check(lambda s, t: [0.2] * 5).message


def test_causal_mask_right_and_wrong():
    q = ex.causal_mask
    assert q.check(lambda T: torch.ones(T, T, dtype=torch.bool).tril()).passed
    assert (
        "lower triangle"
        in q.check(lambda T: torch.ones(T, T, dtype=torch.bool).triu()).message
    )
    assert (
        "inverted"
        in q.check(lambda T: ~torch.ones(T, T, dtype=torch.bool).tril()).message
    )
    assert "bool" in q.check(lambda T: torch.ones(T, T).tril()).message
    assert "(4, 4)" in q.check(lambda T: torch.ones(T, dtype=torch.bool)).message
    assert "torch.Tensor" in q.check(lambda T: [[True]]).message
    assert "raised" in q.check(lambda T: torch.ones(T).tril()).message


def test_one_head_right_and_wrong():
    q = ex.one_head
    assert q.check(ex.head_solution).passed
    unscaled = lambda x, a, b, c: ((x @ a) @ (x @ b).T).softmax(-1) @ (x @ c)  # noqa
    assert "sqrt(d)" in q.check(unscaled).message
    assert "shape (5, 4)" in q.check(lambda x, a, b, c: x @ a @ b.T).message
    assert "raised" in q.check(lambda x, a, b, c: x @ x).message
    assert ex.one_head.solution().body.count("return") == 1
