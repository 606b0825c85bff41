"""Welcome explorer: the same 2-D data seen by a classifier and a generative model."""

from functools import lru_cache

import ipywidgets as W

from .. import data, density
from ..renderers.density import classifier_vs_generator
from .base import Explorer

DATASETS = {
    "two moons": "moons",
    "ring of 8": "ring",
    "spiral": "spiral",
    "checkerboard": "checkerboard",
    "swiss roll": "swiss_roll",
}
N_POINTS = 400
GRID_SIZE = 70


@lru_cache(maxsize=64)
def _dataset(name, seed):
    x, y = data.sample_2d(name, N_POINTS, seed=seed, labels=True)
    held_out = data.sample_2d(name, N_POINTS, seed=seed + 10_000)
    lim = 1.15 * float(x.abs().max())
    return x, y, held_out, lim, density.grid(lim, GRID_SIZE)


@lru_cache(maxsize=64)
def _classifier(name, seed):
    x, y, _, _, grid = _dataset(name, seed)
    clf = density.fit_classifier(x, y)
    accuracy = (clf.predict_proba(x).argmax(1) == y).double().mean().item()
    return clf.predict_proba(grid), accuracy


class DensityExplorer(Explorer):
    """Fit a Gaussian mixture (generative) and a classifier to the same points."""

    title = "Classify or generate? The same points through two kinds of model"

    def make_controls(self):
        style = {"description_width": "initial"}
        return {
            "dataset": W.Dropdown(options=DATASETS, value="moons", description="data"),
            "components": W.IntSlider(
                4, 1, 16, description="mixture components", style=style
            ),
            "samples": W.IntSlider(
                300, 0, 1000, step=50, description="new samples", style=style
            ),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }

    def compute(self, dataset, components, samples, seed):
        x, y, held_out, lim, grid = _dataset(dataset, seed)
        class_probs, accuracy = _classifier(dataset, seed)
        gmm = density.fit_gmm(x, components, seed=seed)
        return {
            "dataset": dataset,
            "x": x,
            "y": y,
            "lim": lim,
            "accuracy": accuracy,
            "class_probs": class_probs,
            "components": components,
            "log_density": gmm.log_prob(grid),
            "samples": gmm.sample(samples, seed=seed),
            "train_ll": gmm.log_prob(x).mean().item(),
            "held_out_ll": gmm.log_prob(held_out).mean().item(),
        }

    def render(self, s):
        return classifier_vs_generator(
            s["x"],
            s["y"],
            s["class_probs"],
            s["log_density"],
            s["samples"],
            lim=s["lim"],
        )

    def describe(self, s):
        return (
            f"{s['dataset']}: {len(s['x'])} points, {int(s['y'].max()) + 1} classes\n"
            f"classifier: labels {100 * s['accuracy']:.0f}% of the points right, "
            "but it cannot make a single new point\n"
            f"mixture of {s['components']} Gaussians: log-likelihood "
            f"{s['train_ll']:.2f} per point on its data, {s['held_out_ll']:.2f} on "
            f"fresh points; drew {len(s['samples'])} new samples"
        )
