import pytest
import torch
from torch import nn

from genai_course.recurrence import (
    attention_outputs,
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


def test_the_word_by_word_loop_is_slower_than_attention_on_one_thread():
    """02 shows: at these lengths the T-step loop takes longer than attention."""
    t = time_rnn_vs_attention(lengths=(64, 128, 256, 512), d=64, repeats=5)
    assert t["lengths"] == [64, 128, 256, 512]
    for rnn, attn in zip(t["rnn"], t["attention"]):
        assert rnn > 2 * attn, t
    assert t["rnn"][3] > 2 * t["rnn"][0]  # the loop grows with T
