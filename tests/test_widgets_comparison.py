"""The trilemma explorer's readout follows its knobs (beyond the generic sweep)."""

import math
import re

from genai_course.widgets import comparison as wc


def _row(text, name):
    return next(line for line in text.splitlines() if line.startswith(name))


def _swd(line):
    return float(re.search(r"SWD ratio\s+([\d.]+)", line).group(1))


def _modes(line):
    return int(re.search(r"modes (\d)/8", line).group(1))


def test_trilemma_knobs_trade_quality_diversity_speed():
    e = wc.TrilemmaExplorer(seed=0)
    e.controls["truncation"].value = 0.05
    tight = _row(e.text, "gan")  # noise near 0 -> a small patch, between some modes
    e.controls["truncation"].value = math.inf
    assert "modes 8/8" in _row(e.text, "gan")
    assert _modes(tight) < 8 and _swd(tight) > 2 * _swd(_row(e.text, "gan"))
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


def test_gpt_temperature_extremes_as_the_try_this_says():
    e = wc.TrilemmaExplorer(seed=0)
    e.controls["temperature"].value = 0.1
    cold = _row(e.text, "transformer")
    e.controls["temperature"].value = 1.0
    warm = _row(e.text, "transformer")
    e.controls["temperature"].value = 2.0
    hot = _row(e.text, "transformer")
    assert _modes(cold) < 8 == _modes(warm)  # playing safe loses modes
    assert _near(hot) < _near(warm) - 5  # hot sampling sprays points between modes


def _near(line):
    return float(re.search(r"(\d+)% near a mode", line).group(1))
