"""The detector explorer: trained on one generator's fakes, tested on two."""

from functools import lru_cache

import ipywidgets as W

from ..detection import belief_real, digit_experiment
from ..renderers.detection import detector_histograms, update_threshold
from .base import Explorer
from .memorisation import N_DIGITS, STYLE

@lru_cache(maxsize=4)
def _detector_scores(which, seed):
    exp = digit_experiment(N_DIGITS, seed=seed)
    model = exp.detector if which == "trained detector" else exp.discriminator
    return {
        "real digits (held out)": belief_real(model, exp.digits.x_test),
        "GAN fakes (new)": belief_real(model, exp.gan_images),
        "diffusion fakes": belief_real(model, exp.diffusion_images),
    }


class DetectorExplorer(Explorer):
    """A fake detector trained on GAN fakes, tested on new GAN and diffusion fakes."""

    title = "Deepfake detection: trained on one generator, tested on two"
    _fig = None
    _which = None

    def make_controls(self):
        return {
            "detector": W.Dropdown(
                options=("trained detector", "GAN's discriminator"),
                description="detector",
            ),
            "threshold": W.FloatSlider(
                0.5, min=0.0, max=1.0, step=0.05, description="call it fake below",
                style=STYLE,
            ),
        }  # fmt: skip

    def compute(self, detector, threshold):
        scores = _detector_scores(detector, self.seed)
        flagged = {k: (v < threshold).float().mean().item() for k, v in scores.items()}
        return {
            "detector": detector,
            "scores": scores,
            "threshold": threshold,
            "flagged": flagged,
        }

    def render(self, s):
        if self._fig is None or self._which != s["detector"]:
            self._which = s["detector"]
            self._fig = detector_histograms(s["scores"], s["threshold"])
            return self._fig
        return update_threshold(self._fig, s["threshold"])

    def describe(self, s):
        real, gan_f, diff_f = s["flagged"].values()
        return (
            f"{s['detector']}, fake below {s['threshold']:.2f}: flags "
            f"{100 * gan_f:.0f}% of new GAN fakes, {100 * diff_f:.0f}% of diffusion "
            f"fakes, and {100 * real:.0f}% of real digits (false alarms)"
        )
