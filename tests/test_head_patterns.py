import pytest
import torch

from genai_course import transformer as tr
from genai_course.head_patterns import describe, head_patterns


def tiny():
    torch.manual_seed(0)
    cfg = tr.GPTConfig(vocab_size=5, block_size=8, n_layer=2, n_head=2, n_embd=8)
    return tr.GPT(cfg)


def test_patterns_are_shares_of_each_heads_attention():
    model = tiny()
    data = torch.randint(5, (100,))
    p = head_patterns(model, data, key_ids=[0], n_windows=5, max_distance=7,
                      first_query=7)  # fmt: skip
    assert p["by_distance"].shape == (2, 2, 8) and p["on_keys"].shape == (2, 2)
    # with every distance listed, the shares of each head add up to 1
    torch.testing.assert_close(p["by_distance"].sum(-1), torch.ones(2, 2))
    assert ((p["on_keys"] >= 0) & (p["on_keys"] <= 1)).all()
    assert 0 < p["key_rate"] < 1
    assert describe(p, "on ids").splitlines()[0].startswith("layer head")


def test_bad_input_says_what_is_wrong():
    model = tiny()
    with pytest.raises(ValueError, match="at least block_size=8"):
        head_patterns(model, torch.zeros(5, dtype=torch.long), first_query=2)
    with pytest.raises(ValueError, match="max_distance"):
        head_patterns(model, torch.zeros(50, dtype=torch.long), max_distance=8)
    with pytest.raises(ValueError, match="first_query"):
        head_patterns(model, torch.zeros(50, dtype=torch.long), first_query=8)
    with pytest.raises(TypeError, match="integer"):
        head_patterns(model, torch.zeros(50))


def test_the_shipped_checkpoints_heads_do_what_the_notebook_says():
    """Notebook 03, "What do the heads look at?": the same computation, same claims."""
    from genai_course.data import load_corpus

    model, tok = tr.load_pretrained()
    val = tok.encode(load_corpus("shakespeare").val)
    p = head_patterns(model, val, key_ids=tok.encode(" \n").tolist())
    by, on = p["by_distance"], p["on_keys"]
    # layer 0: head 0 looks one character back, head 1 two back ...
    assert by[0, 0].argmax() == 1 and by[0, 0, 1] > 0.7
    assert by[0, 1].argmax() == 2 and by[0, 1, 2] > 0.5
    # ... heads 2 and 3 spread their weight over two to four back, none dominant
    for head in (2, 3):
        assert by[0, head, 2:5].sum() > 0.45 and by[0, head].max() < 0.45
    # layer 1: heads 1 and 2 put over half their weight on spaces and line breaks,
    # which are only about a fifth of the text; the other two heads far less
    assert set(on[1].topk(2).indices.tolist()) == {1, 2}
    assert on[1, 1] > 0.5 and on[1, 2] > 0.45 and p["key_rate"] < 0.25
    assert on[1, [0, 3]].max() < 0.4
