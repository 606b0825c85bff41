import math

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from genai_course.attention import (
    MultiHeadAttention,
    attention_stages,
    causal_mask,
    scaled_dot_product_attention,
    score_scaling,
    sinusoidal_positions,
)


@pytest.mark.parametrize("shape", [(5, 4), (2, 7, 8), (2, 3, 6, 16), (1, 1, 1, 3)])
def test_matches_pytorch_on_random_shapes(shape):
    g = torch.Generator().manual_seed(sum(shape))
    q, k, v = (torch.randn(*shape, generator=g) for _ in range(3))
    out, weights = scaled_dot_product_attention(q, k, v)
    torch.testing.assert_close(out, F.scaled_dot_product_attention(q, k, v))
    torch.testing.assert_close(weights.sum(-1), torch.ones(shape[:-1]))


def test_different_query_and_key_lengths_and_value_dim():
    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(2, 3, 8, generator=g), torch.randn(2, 5, 8, generator=g)
    v = torch.randn(2, 5, 4, generator=g)
    mask = torch.rand(3, 5, generator=g) > 0.3
    mask[:, 0] = True
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    assert out.shape == (2, 3, 4) and w.shape == (2, 3, 5)
    torch.testing.assert_close(
        out, F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    )


def test_causal_matches_pytorch_and_blocks_the_future():
    g = torch.Generator().manual_seed(1)
    q, k, v = (torch.randn(2, 4, 6, 8, generator=g) for _ in range(3))
    out, w = scaled_dot_product_attention(q, k, v, is_causal=True)
    torch.testing.assert_close(
        out, F.scaled_dot_product_attention(q, k, v, is_causal=True)
    )
    future = ~causal_mask(6)
    assert (w[..., future] == 0).all() and (w[..., ~future] > 0).all()
    # changing a future value cannot change an earlier output
    v2 = v.clone()
    v2[..., 5, :] += 100
    out2, _ = scaled_dot_product_attention(q, k, v2, is_causal=True)
    torch.testing.assert_close(out2[..., :5, :], out[..., :5, :])
    assert not torch.allclose(out2[..., 5, :], out[..., 5, :])


def test_causal_mask_values():
    assert causal_mask(3).tolist() == [
        [True, False, False],
        [True, True, False],
        [True, True, True],
    ]


def test_fully_masked_row_gives_zeros_not_nan():
    q, k, v = torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)
    mask = torch.ones(3, 3, dtype=torch.bool)
    mask[1] = False
    out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    assert torch.isfinite(out).all() and torch.isfinite(w).all()
    assert (w[1] == 0).all() and (out[1] == 0).all()
    torch.testing.assert_close(w[[0, 2]].sum(-1), torch.ones(2))


def test_tiny_temperature_is_hard_attention_without_nan():
    q = torch.tensor([[1.0, 0.0]])
    k = torch.tensor([[1.0, 0.0], [0.9, 0.0], [0.0, 1.0]]) * 1e3
    v = torch.eye(3)
    out, w = scaled_dot_product_attention(q, k, v, temperature=1e-30)
    assert torch.isfinite(w).all()
    assert w.tolist() == [[1.0, 0.0, 0.0]]
    hot, _ = scaled_dot_product_attention(q, k / 1e3, v, temperature=1e6)
    torch.testing.assert_close(hot, torch.full((1, 3), 1 / 3), atol=1e-5, rtol=0)


def test_stages_follow_the_recipe():
    q, k, v = torch.randn(4, 8), torch.randn(4, 8), torch.randn(4, 2)
    s = attention_stages(q, k, v, mask=causal_mask(4), temperature=2.0)
    torch.testing.assert_close(s["scores"], q @ k.T)
    torch.testing.assert_close(s["scaled"], q @ k.T / math.sqrt(8) / 2.0)
    assert torch.isinf(s["masked"][0, 1]) and s["masked"][1, 0] == s["scaled"][1, 0]
    torch.testing.assert_close(s["out"], s["weights"] @ v)


@pytest.mark.parametrize(
    "q, k, v, match",
    [
        (torch.randn(3, 4), torch.randn(3, 5), torch.randn(3, 4), "same last dim"),
        (
            torch.randn(3, 4),
            torch.randn(3, 4),
            torch.randn(2, 4),
            "number of positions",
        ),
        (torch.randn(4), torch.randn(4), torch.randn(4), "at least 2 dims"),
    ],
)
def test_mismatched_shapes_say_what_is_wrong(q, k, v, match):
    with pytest.raises(ValueError, match=match):
        scaled_dot_product_attention(q, k, v)


def test_bad_mask_temperature_and_types():
    q = torch.randn(3, 4)
    with pytest.raises(TypeError, match="bool"):
        scaled_dot_product_attention(q, q, q, mask=torch.ones(3, 3))
    with pytest.raises(ValueError, match="broadcast"):
        scaled_dot_product_attention(q, q, q, mask=torch.ones(2, 2, dtype=torch.bool))
    with pytest.raises(ValueError, match="temperature"):
        scaled_dot_product_attention(q, q, q, temperature=0)
    with pytest.raises(TypeError, match="torch.Tensor"):
        scaled_dot_product_attention([[1.0]], q, q)
    with pytest.raises(ValueError, match="as many queries as keys"):
        scaled_dot_product_attention(q[:2], q, q, is_causal=True)


@pytest.mark.parametrize("causal", [False, True])
def test_multihead_matches_nn_multiheadattention(causal):
    torch.manual_seed(0)
    ours = MultiHeadAttention(16, 4)
    ref = nn.MultiheadAttention(16, 4, batch_first=True)
    ref.load_state_dict(ours.state_dict())
    x = torch.randn(2, 5, 16)
    out, w = ours(x, mask=causal_mask(5) if causal else None)
    ref_out, ref_w = ref(
        x,
        x,
        x,
        attn_mask=~causal_mask(5) if causal else None,
        average_attn_weights=False,
    )
    torch.testing.assert_close(out, ref_out)
    torch.testing.assert_close(w, ref_w)
    assert w.shape == (2, 4, 5, 5)


def test_multihead_cross_attention_and_bad_input():
    torch.manual_seed(0)
    ours = MultiHeadAttention(8, 2)
    ref = nn.MultiheadAttention(8, 2, batch_first=True)
    ref.load_state_dict(ours.state_dict())
    q, kv = torch.randn(1, 3, 8), torch.randn(1, 6, 8)
    torch.testing.assert_close(ours(q, kv, kv)[0], ref(q, kv, kv)[0])
    with pytest.raises(ValueError, match="divisible"):
        MultiHeadAttention(10, 3)
    with pytest.raises(ValueError, match=r"\(\*, \*, 8\)"):
        ours(torch.randn(1, 3, 7))


def test_sinusoidal_positions():
    pe = sinusoidal_positions(50, 16)
    assert pe.shape == (50, 16)
    assert pe[0, 0::2].abs().max() == 0 and (pe[0, 1::2] == 1).all()
    torch.testing.assert_close(pe[7, 0], torch.tensor(math.sin(7.0)))
    torch.testing.assert_close(pe[7, 3], torch.tensor(math.cos(7 / 10000 ** (2 / 16))))
    assert len({tuple(row.round(decimals=4).tolist()) for row in pe}) == 50  # unique
    with pytest.raises(ValueError, match="even"):
        sinusoidal_positions(4, 3)
    with pytest.raises(TypeError):
        sinusoidal_positions(4.0, 8)


def test_scaling_by_sqrt_d_keeps_scores_unit_variance_at_every_d():
    """02 says: q·k has variance ~d; /sqrt(d) keeps it ~1, the softmax unsaturated."""
    rows = score_scaling(dims=(4, 64, 1024))
    for r in rows:
        assert r["var"] == pytest.approx(r["d"], rel=0.15), r
        assert r["var_scaled"] == pytest.approx(1.0, rel=0.15), r
    top = [r["top_weight"] for r in rows]
    assert top == sorted(top) and top[-1] > 0.9  # unscaled: one key takes nearly all
    scaled = [r["top_weight_scaled"] for r in rows]
    assert max(scaled) - min(scaled) < 0.1 and max(scaled) < 0.5
    with pytest.raises(ValueError):
        score_scaling(dims=(0,))
