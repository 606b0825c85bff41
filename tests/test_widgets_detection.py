"""The detector explorer's rates follow its threshold."""

import re

from genai_course.widgets.detection import DetectorExplorer


def test_detector_threshold_ends():
    e = DetectorExplorer(seed=0)
    e.controls["threshold"].value = 0.0
    assert e.text.count(" 0% ") == 3  # nothing is called fake
    e.controls["threshold"].value = 1.0
    assert e.text.count("100%") == 3  # everything is
    e.controls["threshold"].value = 0.5
    gan_rate = int(re.search(r"flags (\d+)% of new GAN", e.text).group(1))
    diff_rate = int(re.search(r"(\d+)% of diffusion", e.text).group(1))
    assert gan_rate > diff_rate + 30  # it catches the fakes it was trained on
