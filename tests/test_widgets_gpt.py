from genai_course.widgets.gpt import AttentionBrowser, SamplingExplorer


def test_sampling_sliders_and_buttons():
    e = SamplingExplorer(seed=0)
    assert "sampling from 84 of 84 characters" in e.text
    e.controls["top_k"].value = 3
    assert "sampling from 3 of 84" in e.text
    e.controls["top_k"].value = 84
    e.controls["top_p"].value = 0.05
    assert "sampling from 1 of 84" in e.text and " 1.00" in e.text
    e.controls["top_p"].value = 1.0
    before = e.controls["prompt"].value
    e.step(1)
    assert len(e.controls["prompt"].value) == len(before) + 1
    e.step(60)
    assert len(e.controls["prompt"].value) == len(before) + 61
    assert "longer than the context" in e.text
    e.controls["model"].value = "bigram counts"
    assert "(bigram counts)" in e.text
    e.step(5)
    assert len(e.controls["prompt"].value) == len(before) + 66
    e.controls["prompt"].value = "price: 5€"
    assert e.text.startswith("⚠ characters not in the vocabulary: '€'")


def test_attention_browser_readout():
    e = AttentionBrowser(seed=0)
    e.controls["text"].value = "Hamlet"
    e.controls["query"].value = 1
    assert "query '…H[A]'" in e.text and "(0 back)" in e.text
    e.controls["layer"].value = 3
    assert e.text.startswith("layer 3 head 0")
