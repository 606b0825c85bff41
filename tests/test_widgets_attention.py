from genai_course.widgets.attention import AttentionExplorer, PositionalEncodingExplorer


def test_attention_readout_follows_the_controls():
    e = AttentionExplorer(seed=0)
    assert e.text.startswith("query 'cat' (word 2)") and "'chased' 0.43" in e.text
    e.controls["query"].value = 3
    assert "query 'chased'" in e.text
    e.controls["causal"].value = True  # chased may only look back: at the cat
    assert "causal: attends most to 'cat' 0.85" in e.text  # was 0.28 with the future
    e.controls["temperature"].value = 10**-1.5
    assert "'cat' 1.00" in e.text
    e.controls["sentence"].value = "a dog ran"
    assert "query 'ran' (word 2)" in e.text  # the slider past the end is clamped
    e.controls[
        "sentence"
    ].value = "one two three four five six seven eight nine ten a b c"
    assert e.text.startswith("⚠ at most 12 words")
    e.controls["sentence"].value = "the zorg blipped"
    assert "guessed from spelling: zorg, blipped" in e.text


def test_positional_readout():
    e = PositionalEncodingExplorer(seed=0)
    assert "repeats every 6.3 positions" in e.text
    e.controls["pair"].value = 7
    e.controls["base"].value = 10.0
    assert "dims 14 and 15" in e.text and "every 47.1 positions" in e.text
