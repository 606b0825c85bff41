"""Melody pictures: a piano roll with note starts and bar lines."""

import numpy as np

from .common import as_numpy, figure


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
