"""Capstone pictures: three engines side by side, melodies, near copies, detectors."""

import numpy as np
from matplotlib.ticker import NullFormatter

from .common import PALETTE, REAL, as_numpy, figure, image_grid, scatter, square

ENGINE_COLOURS = {"gan": PALETTE[1], "diffusion": PALETTE[2], "transformer": PALETTE[4]}


def _colour(name, i):
    return ENGINE_COLOURS.get(name, PALETTE[i % len(PALETTE)])


def engines_side_by_side(samples, centers=None, lim=1.5, titles=None, size=2.6):
    """One square panel of samples (N, 2) per engine: {name: samples}."""
    fig, axes = figure(len(samples), 1, width=size, height=size + 0.15)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.8, wspace=0.06)
    for i, (ax, (name, points)) in enumerate(zip(axes, samples.items())):
        scatter(ax, points, color=_colour(name, i), size=3, alpha=0.5)
        if centers is not None:
            c = as_numpy(centers)
            ax.scatter(c[:, 0], c[:, 1], marker="+", s=40, c="black", linewidths=1)
        title = (titles or {}).get(name, name)
        square(ax, lim, title=title)
        ax.title.set_fontsize(9)
    return fig


def trilemma_bars(table):
    """Three bar charts from {engine: {swd_ratio, modes, samples_per_s}}."""
    names = list(table)
    colours = [_colour(n, i) for i, n in enumerate(names)]
    fig, axes = figure(3, 1, width=2.6, height=2.4)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.18, top=0.82, wspace=0.45)
    panels = (
        ("swd_ratio", "quality: SWD ratio\n(1 = as good as real data)", False),
        ("modes", "diversity: modes found\n(of 8)", False),
        ("samples_per_s", "speed: samples per second\n(log scale, this machine)", True),
    )
    for ax, (key, title, log) in zip(axes, panels):
        values = [table[n][key] or 0 for n in names]
        ax.bar(range(len(names)), values, color=colours)
        ax.set_xticks(range(len(names)), labels=names, fontsize=8)
        ax.set_title(title, fontsize=9)
        for i, v in enumerate(values):  # the number on top of each bar
            label = f"{v:,.0f}" if key != "swd_ratio" else f"{v:.2f}"
            ax.text(i, v, label, ha="center", va="bottom", fontsize=7)
        if log:
            ax.set_yscale("log")
            positive = [v for v in values if v > 0] or [1.0]
            ax.set_ylim(min(positive) / 5, max(positive) * 5)
            ax.yaxis.set_minor_formatter(NullFormatter())
        if key == "swd_ratio":
            ax.axhline(1.0, color="black", lw=0.8, ls="--")
        if key == "modes":
            ax.set_ylim(0, 8.5)
    return fig


def melody_roll(roll, starts, pitch_names, bars=4, title=None):
    """A piano roll (pitches, steps) of 0/1 with note starts marked and bar lines."""
    roll = as_numpy(roll)
    fig, (ax,) = figure(1, 1, width=6.4, height=2.2)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=0.12, top=0.86)
    shade = roll.copy()
    shade[:, np.asarray(starts, bool)] *= 2  # note starts darker than held notes
    ax.imshow(
        shade, origin="lower", aspect="auto", cmap="Purples", vmin=0, vmax=2.2,
        interpolation="nearest",
    )  # fmt: skip
    steps = roll.shape[1]
    per_bar = max(1, steps // max(bars, 1))
    for b in range(per_bar, steps, per_bar):
        ax.axvline(b - 0.5, color="#888888", lw=0.8)
    ax.set_yticks(range(len(pitch_names)), labels=list(pitch_names), fontsize=7)
    ax.set_xticks([])
    if title:
        ax.set_title(title, fontsize=9)
    return fig


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


def detector_histograms(scores, threshold, bins=30):
    """Histograms of a detector's "real" probability {label: (N,)} with a threshold."""
    fig, (ax,) = figure(1, 1, width=5.2, height=2.4)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.2, top=0.88)
    edges = np.linspace(0, 1, bins + 1)
    for i, (label, values) in enumerate(scores.items()):
        colour = REAL if i == 0 else PALETTE[(i + 1) % len(PALETTE)]
        v = as_numpy(values)
        weights = np.full(len(v), 100.0 / max(len(v), 1))  # % of each set: sizes differ
        ax.hist(v, bins=edges, weights=weights, alpha=0.55, color=colour, label=label)
    ax.axvline(threshold, color="black", lw=1.2, ls="--")
    ax.set_xlabel('detector\'s belief "this is real"', fontsize=8)
    ax.set_ylabel("% of each set", fontsize=8)
    ax.legend(frameon=False, fontsize=7)
    return fig


# -- fast redraws: explorers keep one figure and move its artists -------------------


def update_engines(fig, samples, titles):
    """Move the points and rewrite the titles of an engines_side_by_side figure."""
    for ax, (name, points) in zip(fig.axes, samples.items()):
        ax.collections[0].set_offsets(as_numpy(points).reshape(-1, 2))
        ax.set_title(titles.get(name, name), fontsize=9)
    return fig


def update_melody_roll(fig, roll, starts, title):
    """Redraw a melody_roll figure with a new roll of the same height."""
    ax = fig.axes[0]
    shade = as_numpy(roll).copy()
    shade[:, np.asarray(starts, bool)] *= 2
    im = ax.images[0]
    im.set_data(shade)
    steps = shade.shape[1]
    im.set_extent((-0.5, steps - 0.5, -0.5, shade.shape[0] - 0.5))
    ax.set_xlim(-0.5, steps - 0.5)
    for line, b in zip(ax.lines, range(steps // 4, steps, max(1, steps // 4))):
        line.set_xdata([b - 0.5, b - 0.5])
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


def update_threshold(fig, threshold):
    """Move the threshold line of a detector_histograms figure."""
    fig.axes[0].lines[0].set_xdata([threshold, threshold])
    return fig
