"""GAN pictures: the 2-D playground (GAN Lab style) and digit sample grids / charts."""

import numpy as np
from matplotlib.collections import LineCollection

from .common import (
    BELIEF_CMAP,
    FAKE,
    PALETTE,
    REAL,
    as_numpy,
    field_image,
    figure,
    image_grid,
    scatter,
    square,
)


def gan_2d(
    lim,
    real=None,
    fake=None,
    belief=None,
    pull=None,
    d_losses=None,
    g_losses=None,
    centers=None,
    message=None,
    title="data space",
):
    """Left: D's belief heat map, real and fake samples, G's pull on the fakes.

    Right (when losses are given): D and G loss curves. Any layer may be None.
    belief: (size, size) values in [0, 1] over [-lim, lim]^2; pull: (M, 2) arrows
    drawn at the first M fakes.
    """
    show_curves = d_losses is not None
    fig, axes = figure(ncols=2 if show_curves else 1, width=3.3, height=3.2)
    ax = axes[0]
    if belief is not None:
        field_image(ax, belief, lim, cmap=BELIEF_CMAP, vmin=0, vmax=1)
    if centers is not None:
        c = as_numpy(centers)
        ax.scatter(c[:, 0], c[:, 1], marker="+", s=30, c="#555555", linewidths=0.8)
    if real is not None:
        scatter(ax, real, color=REAL, size=5, alpha=0.5)
    if fake is not None:
        scatter(ax, fake, color=FAKE, size=5, alpha=0.7)
        if pull is not None and len(pull):
            p, v = as_numpy(fake)[: len(pull)], as_numpy(pull)
            longest = (
                np.nanmax(np.linalg.norm(v, axis=1)) if np.isfinite(v).all() else 0
            )
            if longest > 0:
                v = v * (0.15 * lim / longest)  # the longest arrow: 15% of the view
                # line segments, not quiver: a quiver costs ~100 ms to draw
                ends = np.stack([p, p + v], axis=1)  # (M, 2 points, 2)
                ax.add_collection(LineCollection(ends, colors="#222222", lw=0.9))
    square(ax, lim, title)
    if message:
        ax.text(
            0,
            0,
            message,
            ha="center",
            va="center",
            fontsize=9,
            wrap=True,
            bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "#cf222e"},
        )
    if show_curves:  # drawn by hand: tick labels and legends cost ~100 ms each
        lax = axes[1]
        d, g = _smooth(d_losses), _smooth(g_losses)
        for values, colour in ((d, PALETTE[2]), (g, FAKE)):
            if len(values):
                lax.plot(_thin(values), color=colour, lw=1.3)
        lax.set_xticks([])
        lax.set_yticks([])  # the readout gives the values; tick labels cost ~40 ms
        lo, hi = _range(d, g)
        lax.set_title(
            f"losses: D bluish green, G orange\n(from {lo:.2g} to {hi:.2g})", fontsize=9
        )
        lax.set_xlabel("training updates, oldest to newest", fontsize=8)
    return fig


def _smooth(values, window=20):
    v = as_numpy(values if values is not None else [])
    v = v[np.isfinite(v)]
    if len(v) < window:
        return v
    return np.convolve(v, np.ones(window) / window, mode="valid")


def _range(*curves):
    """The lowest and highest value over several curves (0, 0 when all are empty)."""
    values = np.concatenate([np.asarray(c, dtype=float).ravel() for c in curves])
    return (values.min(), values.max()) if len(values) else (0.0, 0.0)


def _thin(values, most=200):
    """At most `most` evenly spaced points of a curve (plots the same, draws faster)."""
    if len(values) <= most:
        return values
    return values[np.linspace(0, len(values) - 1, most).astype(int)]


def side_by_side(panels, lim, centers=None):
    """Several 2-D sample sets, each [(title, real, fake)], in one row."""
    fig, axes = figure(ncols=len(panels), width=2.9, height=3.0)
    for ax, (title, real, fake) in zip(axes, panels):
        if centers is not None:
            c = as_numpy(centers)
            ax.scatter(c[:, 0], c[:, 1], marker="+", s=30, c="#555555", linewidths=0.8)
        scatter(ax, real, color=REAL, size=4, alpha=0.4)
        scatter(ax, fake, color=FAKE, size=4, alpha=0.6)
        square(ax, lim, title)
    return fig


def digit_samples(images, title=None, nrow=None):
    """A grid of generated digits (N, 1, 8, 8)."""
    fig, (ax,) = figure(width=3.2, height=3.3)
    image_grid(ax, images, nrow=nrow, title=title)
    return fig


def class_coverage(counts, title="classes the held-out classifier sees"):
    """Bar chart of how many samples fall in each digit class (10,)."""
    counts = as_numpy(counts)
    fig, (ax,) = figure(width=4.6, height=2.6)
    fig.subplots_adjust(bottom=0.2, left=0.12)
    colours = [PALETTE[0] if c > 0 else "#cccccc" for c in counts]
    ax.bar(range(len(counts)), counts, color=colours)
    ax.axhline(counts.sum() / len(counts), color="#555555", lw=1, ls="--")
    ax.set_xticks(range(len(counts)))
    ax.set_xlabel("digit class (dashed: a perfectly even share)")
    ax.set_ylabel("samples called this digit")
    ax.set_title(title)
    return fig


def interpolation(images, position, predictions, confidences):
    """A strip of images along a latent path, with the current one enlarged."""
    imgs = as_numpy(images)
    n = len(imgs)
    fig, axes = figure(ncols=2, width=3.0, height=2.6)
    big, strip = axes
    big.imshow(imgs[position, 0], cmap="gray_r", vmin=0, vmax=1)
    big.set_xticks([])
    big.set_yticks([])
    big.set_title(
        f"step {position}/{n - 1}: looks like {predictions[position]} "
        f"({100 * confidences[position]:.0f}%)",
        fontsize=9,
    )
    image_grid(strip, imgs, nrow=int(np.ceil(np.sqrt(n))), title="the whole path")
    return fig


def detector_scores(
    real_scores, fake_scores, threshold=0.5, title=None, unit="images"
):
    """Histograms of D's belief on real and on generated digits.

    unit: what one score judged, for the count axis ("pairs" for a D packing 2).
    """
    fig, (ax,) = figure(width=4.6, height=2.6)
    fig.subplots_adjust(bottom=0.2, left=0.12)
    bins = np.linspace(0, 1, 26)
    ax.hist(as_numpy(real_scores), bins, color=REAL, alpha=0.6, label="real digits")
    ax.hist(as_numpy(fake_scores), bins, color=FAKE, alpha=0.6, label="generated")
    ax.axvline(threshold, color="#333333", lw=1, ls="--")
    ax.set_xlabel('D(x): the discriminator\'s "real" probability')
    ax.set_ylabel(unit)
    ax.legend(frameon=False, fontsize=8)
    if title:
        ax.set_title(title)
    return fig
