import math

import pytest
import torch

from genai_course.sampling import (
    apply_temperature,
    next_token_probs,
    sample_next,
    top_k_filter,
    top_p_filter,
)

# probabilities 0.5, 0.25, 0.125, 0.125 as logits (hand-computable cases)
LOGITS = torch.log(torch.tensor([0.125, 0.5, 0.125, 0.25]))


def test_top_k_keeps_exactly_k():
    for k in range(1, 5):
        kept = torch.isfinite(top_k_filter(LOGITS, k))
        assert kept.sum() == k
    assert torch.isfinite(top_k_filter(LOGITS, 2)).tolist() == [
        False,
        True,
        False,
        True,
    ]
    probs = next_token_probs(LOGITS, top_k=2)
    torch.testing.assert_close(probs, torch.tensor([0, 2 / 3, 0, 1 / 3]))
    ties = torch.zeros(2, 5)  # all equal: still exactly k per row
    assert (torch.isfinite(top_k_filter(ties, 3)).sum(-1) == 3).all()


def test_top_p_keeps_the_smallest_set_reaching_p():
    def kept(p):
        return torch.isfinite(top_p_filter(LOGITS, p)).tolist()

    assert kept(0.5) == [False, True, False, False]  # 0.5 alone reaches 0.5
    assert kept(0.51) == [False, True, False, True]  # needs 0.25 too
    assert kept(0.75) == [False, True, False, True]
    assert sum(kept(0.76)) == 3  # 0.5 + 0.25 + one of the two 0.125s = 0.875
    assert kept(0.76)[1] and kept(0.76)[3]
    assert kept(0.9) == [True] * 4
    assert kept(0.01) == [False, True, False, False]  # never empty
    assert kept(1.0) == [True] * 4
    torch.testing.assert_close(
        next_token_probs(LOGITS, top_p=0.6), torch.tensor([0, 2 / 3, 0, 1 / 3])
    )


def test_temperature_sharpens_and_flattens():
    torch.testing.assert_close(
        next_token_probs(LOGITS, temperature=1.0),
        torch.tensor([0.125, 0.5, 0.125, 0.25]),
    )
    # T = 0.5 squares the probabilities (then renormalises)
    sq = torch.tensor([0.125, 0.5, 0.125, 0.25]) ** 2
    torch.testing.assert_close(next_token_probs(LOGITS, temperature=0.5), sq / sq.sum())
    flat = next_token_probs(LOGITS, temperature=1e6)
    torch.testing.assert_close(flat, torch.full((4,), 0.25), atol=1e-5, rtol=0)


def test_temperature_to_zero_is_greedy_without_nan():
    big = torch.tensor([[1e30, 3e30, -1e30, float("-inf")]])
    for t in (1e-3, 1e-20, 1e-45):
        p = next_token_probs(big, temperature=t)
        assert torch.isfinite(p).all() and p.tolist() == [[0.0, 1.0, 0.0, 0.0]]
        assert sample_next(big, temperature=t).item() == 1
    assert not torch.isnan(apply_temperature(big, 1e-45)).any()


def test_sampling_follows_the_probabilities():
    g = torch.Generator().manual_seed(0)
    draws = sample_next(LOGITS.expand(20000, 4), generator=g)
    freq = torch.bincount(draws, minlength=4) / 20000.0
    torch.testing.assert_close(
        freq, torch.tensor([0.125, 0.5, 0.125, 0.25]), atol=0.02, rtol=0
    )
    only = sample_next(LOGITS.expand(500, 4), top_k=1, generator=g)
    assert (only == 1).all()


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"temperature": 0}, ValueError, "temperature must be in"),
        ({"temperature": -1.0}, ValueError, "temperature"),
        ({"top_k": 5}, ValueError, "at most the vocabulary size 4"),
        ({"top_k": 0}, ValueError, "top_k"),
        ({"top_k": 2.5}, TypeError, "top_k must be an int"),
        ({"top_p": 0.0}, ValueError, r"top_p must be in \(0, 1\]"),
        ({"top_p": 1.5}, ValueError, "top_p"),
    ],
)
def test_bad_settings_are_refused(kwargs, error, match):
    with pytest.raises(error, match=match):
        next_token_probs(LOGITS, **kwargs)


def test_logits_must_be_a_float_tensor():
    with pytest.raises(TypeError):
        next_token_probs([0.0, 1.0])
    with pytest.raises(ValueError, match="2 dims"):
        sample_next(LOGITS)
    assert math.isclose(next_token_probs(LOGITS).sum().item(), 1.0, rel_tol=1e-6)
