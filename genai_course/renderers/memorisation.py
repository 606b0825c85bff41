"""Memorisation pictures: generated images above their nearest training images."""

import numpy as np

from .common import as_numpy, figure, image_grid


def near_copies(generated, nearest, distances, threshold=None, title=None):
    """Generated images (top row) above their nearest training images (bottom row)."""
    gen, near = as_numpy(generated), as_numpy(nearest)
    if gen.shape != near.shape:
        raise ValueError(f"generated {gen.shape} and nearest {near.shape} must match")
    n = len(gen)
    fig, axes = figure(1, 1, width=max(3.0, 0.55 * n), height=1.9)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.14, top=0.8)
    ax = axes[0]
    image_grid(ax, np.concatenate([gen, near]), nrow=n)
    d = as_numpy(distances)
    for i in range(n):
        copy = threshold is not None and d[i] < threshold
        ax.text(
            1 + i * 9 + 4, 18.6, f"{d[i]:.1f}", ha="center", va="top", fontsize=7,
            color="#cf222e" if copy else "black", fontweight="bold" if copy else None,
        )  # fmt: skip
    ax.set_ylim(19.5, -0.5)
    if title:
        ax.set_title(title, fontsize=9)
    return fig


def update_near_copies(fig, generated, nearest, distances, threshold, title):
    """Show a new page in a near_copies figure with the same number of images."""
    ax = fig.axes[0]
    gen, near = as_numpy(generated), as_numpy(nearest)
    n, d = len(gen), as_numpy(distances)
    canvas = ax.images[0].get_array().copy()
    for row, imgs in enumerate((gen, near)):
        for i in range(n):
            r, c = 1 + row * 9, 1 + i * 9
            canvas[r : r + 8, c : c + 8] = imgs[i, 0]
    ax.images[0].set_data(canvas)
    for i, text in enumerate(ax.texts[:n]):
        copy = threshold is not None and d[i] < threshold
        text.set_text(f"{d[i]:.1f}")
        text.set_color("#cf222e" if copy else "black")
        text.set_fontweight("bold" if copy else "normal")
    ax.set_title(title, fontsize=9)
    return fig
