"""The claims notebook 02 makes about its hand-made heads, checked."""

import torch

from genai_course import word_attention as wa
from genai_course.attention import sinusoidal_positions

SENTENCE = wa.PRESETS[0]  # the hungry cat chased a small grey mouse into the old barn


def test_cat_attends_most_to_the_verb_and_equally_to_itself_and_the():
    r = wa.attend(SENTENCE, "who does what")
    w = r.stages["weights"][2]  # query 'cat'
    assert r.words[2] == "cat" and r.words[3] == "chased"
    assert w.argmax().item() == 3
    assert w[3] < 0.5  # the largest share, not most of it
    torch.testing.assert_close(w[2], w[0])  # itself == 'the'


def test_chased_spreads_over_the_three_nouns():
    r = wa.attend(SENTENCE, "who does what")
    top = wa.top_attended(r, 3)
    assert {word for word, _, _ in top} == {"cat", "mouse", "barn"}


def test_cats_output_is_mostly_the_verbs_features_and_the_residual_keeps_its_own():
    r = wa.attend(SENTENCE, "who does what")
    x, _ = wa.embed(r.words)
    out = r.stages["out"][2]  # (8,)
    f = wa.FEATURES.index
    assert out.argmax().item() == f("verb")
    assert out[f("animal")] < x[2, f("animal")] / 2  # its own features fade
    kept = x[2, :8] + out  # residual: x + attention(x)
    assert kept[f("animal")] >= x[2, f("animal")] and kept[f("verb")] > 0


def test_features_are_concatenated_with_base_20_positions():
    words = wa.tokenize(SENTENCE)
    x, _ = wa.embed(words)
    assert x.shape == (len(words), len(wa.FEATURES) + wa.D_POS)
    torch.testing.assert_close(
        x[:, len(wa.FEATURES):], sinusoidal_positions(len(words), wa.D_POS, base=20.0)
    )


def test_previous_word_head_looks_one_step_back_with_or_without_the_mask():
    for causal in (False, True):
        r = wa.attend(SENTENCE, "previous word", causal=causal)
        best = r.stages["weights"][1:].argmax(-1)
        assert best.tolist() == list(range(len(r.words) - 1))


def test_temperature_sharpens_and_flattens():
    tops = [
        wa.attend(SENTENCE, "who does what", temperature=t).stages["weights"][2].max()
        for t in (0.1, 1.0, 10.0)
    ]
    assert tops[0] > 0.99 and tops[0] > tops[1] > tops[2]
    assert tops[2] < 1.5 / len(wa.tokenize(SENTENCE))


def test_describe_me_weighs_every_describing_word_alike_for_mouse():
    r = wa.attend(SENTENCE, "describe me")
    w = r.stages["weights"][7]  # query 'mouse'
    describing = [r.words.index(x) for x in ("hungry", "small", "grey", "old")]
    for i in describing[1:]:
        torch.testing.assert_close(w[i], w[describing[0]])
    assert w.argmax().item() in describing


def test_the_sizes_notebook_02_states_in_its_prose():
    """02's prose: 8 named features, 8 position numbers, at most 12 words, base 20."""
    assert len(wa.FEATURES) == 8 and wa.D_POS == 8 and wa.MAX_WORDS == 12
    x, _ = wa.embed(["cat", "sat"])
    torch.testing.assert_close(x[:, 8:], sinusoidal_positions(2, 8, base=20.0))
