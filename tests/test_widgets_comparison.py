"""The capstone explorers' readouts follow their controls (beyond the generic sweep)."""

import re

from genai_course.widgets import capstone as wc


def _row(text, name):
    return next(line for line in text.splitlines() if line.startswith(name))


def _swd(line):
    return float(re.search(r"SWD ratio\s+([\d.]+)", line).group(1))


def test_trilemma_knobs_trade_quality_diversity_speed():
    e = wc.TrilemmaExplorer(seed=0)
    e.controls["truncation"].value = 0.0
    assert "modes 1/8" in _row(e.text, "gan")  # all noise -> one point
    e.controls["truncation"].value = 1.0
    assert "modes 8/8" in _row(e.text, "gan")
    e.controls["steps"].value = 1
    one_step = _swd(_row(e.text, "diffusion"))
    e.controls["steps"].value = 1000
    assert _swd(_row(e.text, "diffusion")) < one_step / 2
    speeds = wc._diffusion_runs(0)
    assert speeds[1][1] > 10 * speeds[1000][1]  # 1 step is much faster than 1000
    e.controls["temperature"].value = 2.0
    hot = _swd(_row(e.text, "transformer"))
    e.controls["temperature"].value = 1.0
    assert _swd(_row(e.text, "transformer")) < hot


def test_melody_explorer_plays_what_it_shows():
    e = wc.MelodyExplorer(seed=0)
    assert bytes(e.audio.value).startswith(b"RIFF")  # a WAV file for the browser
    e.controls["temperature"].value = 0.1
    cold = e.text
    e.controls["temperature"].value = 2.0
    assert e.text != cold and "T=2.0" in e.text
    before = bytes(e.audio.value)
    e.controls["timbre"].value = "sine"
    assert bytes(e.audio.value) != before and "(sine)" in e.text
    assert e.audio in e.widget.children


def _count(text):
    return int(re.search(r"(\d+) of \d+ generated", text).group(1))


def test_copy_threshold_controls_the_count():
    e = wc.NearestDigitExplorer(seed=0)
    e.controls["source"].value = "diffusion"
    e.controls["copy_fraction"].value = 0.05
    strict = _count(e.text)
    e.controls["copy_fraction"].value = 1.0
    assert _count(e.text) > strict


def test_detector_threshold_ends():
    e = wc.DetectorExplorer(seed=0)
    e.controls["threshold"].value = 0.0
    assert e.text.count(" 0% ") == 3  # nothing is called fake
    e.controls["threshold"].value = 1.0
    assert e.text.count("100%") == 3  # everything is
    e.controls["threshold"].value = 0.5
    gan_rate = int(re.search(r"flags (\d+)% of new GAN", e.text).group(1))
    diff_rate = int(re.search(r"(\d+)% of diffusion", e.text).group(1))
    assert gan_rate > diff_rate + 30  # it catches the fakes it was trained on
