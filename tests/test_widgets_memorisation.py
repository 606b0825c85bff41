"""The memorisation explorer counts near copies at the chosen threshold."""

import re

from genai_course.widgets.memorisation import NearestDigitExplorer


def _count(text):
    return int(re.search(r"(\d+) of \d+ generated", text).group(1))


def test_copy_threshold_controls_the_count():
    e = NearestDigitExplorer(seed=0)
    e.controls["source"].value = "diffusion"
    e.controls["copy_fraction"].value = 0.05
    strict = _count(e.text)
    e.controls["copy_fraction"].value = 1.0
    assert _count(e.text) > strict
