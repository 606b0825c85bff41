"""The welcome figure: a classifier's boundary beside a generative model's density."""

import numpy as np

from .common import PALETTE, as_numpy, field_image, figure, scatter, square

LIM = 2.5


def classifier_vs_generator(points, labels, class_probs, log_density, samples, lim=LIM):
    """Left: p(y|x) as coloured regions; right: p(x) as a heat map with new samples.

    class_probs: (size*size, C) on the grid; log_density: (size*size,) on the grid.
    """
    pts, lab = as_numpy(points), as_numpy(labels).astype(int)
    probs = as_numpy(class_probs)
    size = int(round(np.sqrt(len(probs))))
    fig, (left, right) = figure(ncols=2, width=3.6, height=3.5)

    colours = np.array([_rgb(PALETTE[c % len(PALETTE)]) for c in range(probs.shape[1])])
    region = (probs @ colours).reshape(size, size, 3)  # mix class colours by p(y|x)
    left.imshow(0.35 + 0.65 * region, extent=(-lim, lim, -lim, lim), origin="lower")
    for c in np.unique(lab):
        scatter(left, pts[lab == c], color=PALETTE[c % len(PALETTE)], size=6, alpha=0.9)
    square(left, lim, "Classifier: p(class | x)")

    log_p = as_numpy(log_density).reshape(size, size)
    top = log_p.max()
    field_image(right, np.clip(log_p, top - 8, top), lim, cmap="magma")  # log scale
    scatter(right, samples, color="#7fdbff", size=6, alpha=0.9)
    square(right, lim, "Generative: log p(x), new samples")
    return fig


def _rgb(hex_colour):
    return [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
