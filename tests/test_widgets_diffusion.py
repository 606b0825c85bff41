"""Diffusion explorers: readouts follow the controls and bad prompts are explained."""

from genai_course.widgets.diffusion import (
    DenoisingStripExplorer,
    PromptExplorer,
    ReverseExplorer,
    SameNoiseExplorer,
)


def _swd(text):
    return float(text.split("SWD ratio to the data ")[1].split()[0])


def test_scrubber_goes_from_noise_to_data():
    e = ReverseExplorer(seed=0)
    assert "pure noise" in e.text
    start = _swd(e.text)
    e.controls["frame"].value = e.controls["frame"].max
    assert "finished" in e.text and _swd(e.text) < start / 3
    assert e.play.max == e.controls["frame"].max


def test_prompt_box_accepts_digit_words_and_explains_the_rest():
    e = PromptExplorer(seed=0)
    assert e.text.startswith('prompt "seven" -> class 7')
    e.controls["prompt"].value = "a cat in a spacesuit"
    assert e.text.startswith("⚠") and "zero, one, two" in e.text
    e.controls["prompt"].value = " Three "
    assert "class 3" in e.text and "as the digit 3" in e.text
    e.controls["prompt"].value = ""
    assert "null class" in e.text and "judge reads" in e.text


def test_same_noise_and_strip_follow_their_prompts():
    e = SameNoiseExplorer(seed=0)
    e.controls["prompt_b"].value = "eight"
    assert 'B "eight"' in e.text and "as the digit 8" in e.text
    s = DenoisingStripExplorer(seed=0)
    s.controls["steps"].value = 2
    assert "2 DDIM steps" in s.text and "t = 999" in s.text
