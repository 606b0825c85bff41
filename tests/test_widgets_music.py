"""The melody explorer plays what it shows."""

from genai_course.widgets.music import MelodyExplorer


def test_melody_explorer_plays_what_it_shows():
    e = MelodyExplorer(seed=0)
    assert bytes(e.audio.value).startswith(b"RIFF")  # a WAV file for the browser
    e.controls["temperature"].value = 0.1
    cold = e.text
    e.controls["temperature"].value = 2.0
    assert e.text != cold and "T=2.0" in e.text
    before = bytes(e.audio.value)
    e.controls["timbre"].value = "sine"
    assert bytes(e.audio.value) != before and "(sine)" in e.text
    assert e.audio in e.widget.children
