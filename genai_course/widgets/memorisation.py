"""The memorisation explorer: each generated digit above its nearest training digit."""

from functools import lru_cache

import ipywidgets as W

from ..detection import digit_experiment
from ..memorisation import memorisation
from ..renderers.memorisation import near_copies, update_near_copies
from .base import Explorer

STYLE = {"description_width": "initial"}
N_DIGITS = 60  # generated digits per model (6 of each class from diffusion)
PER_PAGE = 12


class NearestDigitExplorer(Explorer):
    """Generated digits above their nearest training digit: near copies or new?"""

    title = "Memorisation check: each generated digit above its nearest training digit"
    _fig = None

    def make_controls(self):
        return {
            "source": W.Dropdown(options=("GAN", "diffusion"), description="generator"),
            "page": W.IntSlider(0, 0, N_DIGITS // PER_PAGE - 1, description="page"),
            "copy_fraction": W.FloatSlider(
                0.33, min=0.05, max=1.0, step=0.05, style=STYLE,
                description="'copy' if closer than x baseline",
            ),
        }  # fmt: skip

    def compute(self, source, page, copy_fraction):
        exp = digit_experiment(N_DIGITS, seed=self.seed)
        report = _memorisation(source, copy_fraction, self.seed)
        images = exp.gan_images if source == "GAN" else exp.diffusion_images
        sl = slice(page * PER_PAGE, (page + 1) * PER_PAGE)
        return {
            "source": source,
            "page": page,
            "generated": images[sl],
            "nearest": exp.digits.x_train[report["nearest"][sl]],
            "distances": report["distances"][sl],
            "report": report,
        }

    def render(self, s):
        r = s["report"]
        args = (s["generated"], s["nearest"], s["distances"], r["threshold"])
        title = f"{s['source']} samples (top), nearest training digits (bottom)"
        if self._fig is None:
            self._fig = near_copies(*args, title=title)
            return self._fig
        return update_near_copies(self._fig, *args, title)

    def describe(self, s):
        r = s["report"]
        return (
            f"{s['source']}: median distance to the nearest training digit "
            f"{r['generated_median']:.2f}; real held-out digits: "
            f"{r['held_out_median']:.2f}\n'copy' threshold {r['threshold']:.2f}: "
            f"{r['near_copies']} of {N_DIGITS} generated digits "
            f"({r['near_copy_pct']:.0f}%) count as near copies\n"
            f"page {s['page'] + 1} of {N_DIGITS // PER_PAGE}: distances "
            f"{float(s['distances'].min()):.2f} to {float(s['distances'].max()):.2f}"
        )


@lru_cache(maxsize=16)
def _memorisation(source, copy_fraction, seed):
    exp = digit_experiment(N_DIGITS, seed=seed)
    images = exp.gan_images if source == "GAN" else exp.diffusion_images
    return memorisation(
        images, exp.digits.x_train, exp.digits.x_test, copy_fraction
    )
