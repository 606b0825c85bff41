import pytest
import torch
from torch import nn

from genai_course.recurrence import (
    attention_outputs,
    count_matmuls,
    rnn_states,
    time_rnn_vs_attention,
)


def test_rnn_states_match_torch_rnn():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(7, 5, generator=g)
    W_x, W_h = torch.randn(5, 4, generator=g), torch.randn(4, 4, generator=g)
    ref = nn.RNN(5, 4, bias=False, batch_first=True)
    with torch.no_grad():
        ref.weight_ih_l0.copy_(W_x.T)
        ref.weight_hh_l0.copy_(W_h.T)
        expected, _ = ref(x[None])
    torch.testing.assert_close(rnn_states(x, W_x, W_h), expected[0])


def test_attention_outputs_shape_and_bad_input():
    x = torch.randn(6, 4)
    assert attention_outputs(x, torch.eye(4), torch.eye(4)).shape == (6, 4)
    with pytest.raises(ValueError, match="W_x"):
        rnn_states(x, torch.randn(3, 4), torch.randn(4, 4))
    with pytest.raises(TypeError):
        rnn_states([[1.0]], torch.eye(1), torch.eye(1))


def test_the_rnn_runs_t_products_in_a_row_attention_a_fixed_few():
    """02 shows: the RNN runs 2 products per word, attention 4 whatever T is."""
    W = torch.randn(8, 8)
    for T in (4, 64, 512):
        x = torch.randn(T, 8)
        assert count_matmuls(rnn_states, x, W, W) == 2 * T
        assert count_matmuls(attention_outputs, x, W, W) == 4
    with pytest.raises(TypeError, match="function"):
        count_matmuls("rnn", x)


def test_timing_returns_one_time_per_length():
    """Speed itself is measured in benchmarks/, not asserted here."""
    t = time_rnn_vs_attention(lengths=(4, 8), d=8, repeats=1)
    assert t["lengths"] == [4, 8]
    assert len(t["rnn"]) == len(t["attention"]) == 2
    assert all(s > 0 for s in t["rnn"] + t["attention"])
