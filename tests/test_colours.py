"""No figure relies on red versus green alone: colours stay apart under deuteranopia.

Deuteranopia (no green cones, about 1 in 20 men have a red-green deficiency) is
simulated with Machado, Oliveira & Fernandes (2009)'s matrix at severity 1.0 in linear
RGB; distances are CIE76 ΔE in CIE Lab (about 2.3 is just noticeable; we ask for 15).
"""

import matplotlib
import numpy as np
import pytest

from genai_course.renderers import common

DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
WHITE = np.array([0.95047, 1.0, 1.08883])
MIN_DELTA_E = 15


def linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def srgb(lin):
    lin = np.clip(lin, 0, 1)
    return np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)


def deuteranopia(colour):
    """How a colour looks to a person with deuteranopia (sRGB in, sRGB out)."""
    return srgb(DEUTERANOPIA @ linear(matplotlib.colors.to_rgb(colour)))


def lab(rgb):
    xyz = SRGB_TO_XYZ @ linear(rgb) / WHITE
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a, b, simulate=True):
    """CIE76 distance between two colours, as seen with deuteranopia by default."""
    if simulate:
        a, b = deuteranopia(a), deuteranopia(b)
    else:
        a, b = matplotlib.colors.to_rgb(a), matplotlib.colors.to_rgb(b)
    return float(np.linalg.norm(lab(a) - lab(b)))


def test_simulation_merges_red_and_green_as_deuteranopia_does():
    # the check can fail: pure red and green, far apart to most eyes, nearly merge
    assert delta_e("#C44E52", "#55A868", simulate=False) > 50
    assert delta_e("#C44E52", "#55A868") < MIN_DELTA_E
    # and the old pink/green GAN map was closer than the new one for deuteranopes
    piyg = matplotlib.colormaps["PiYG"]
    assert delta_e(piyg(0.0), piyg(1.0)) < delta_e(piyg(0.0), piyg(1.0), simulate=False) / 2


def test_real_and_fake_stay_apart():
    assert delta_e(common.REAL, common.FAKE) >= MIN_DELTA_E


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_the_first_palette_colours_stay_apart(n):
    # curves, classes and engines use the palette's first colours together
    colours = common.PALETTE[:n]
    for i in range(n):
        for j in range(i + 1, n):
            d = delta_e(colours[i], colours[j])
            assert d >= MIN_DELTA_E, f"{colours[i]} vs {colours[j]}: ΔE {d:.1f}"


def test_the_discriminator_map_ends_stay_apart():
    cmap = matplotlib.colormaps[common.BELIEF_CMAP]
    assert delta_e(cmap(0.0), cmap(1.0)) >= 3 * MIN_DELTA_E
