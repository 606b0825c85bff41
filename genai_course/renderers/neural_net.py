"""Primer figures: a neuron over the plane, descent on a curve, boundaries, losses."""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from .common import PALETTE, as_numpy, field_image, figure, scatter, square

# p(class 1) as a pale background: blue = sure of class 0, white = unsure, red = 1
CLASS_CMAP = LinearSegmentedColormap.from_list(
    "p_class_1", ["#9ecae1", "#ffffff", "#f4a6a0"]
)


def _points(ax, x, y, size=9, hollow=False, edge=False):
    """Labelled points (N, 2): class 0 blue, class 1 red; hollow for held-out ones."""
    pts, lab = as_numpy(x).reshape(-1, 2), as_numpy(y).astype(int)
    for c, colour in ((0, "#2b5c8a"), (1, "#b2302e")):
        p = pts[lab == c]
        if hollow:
            ax.scatter(p[:, 0], p[:, 1], s=size, facecolors="none", edgecolors=colour,
                       linewidths=0.6, alpha=0.6)
        elif edge:  # few, important points: big, with a white rim
            ax.scatter(p[:, 0], p[:, 1], s=size, c=colour, edgecolors="white",
                       linewidths=0.8, zorder=3)
        else:
            scatter(ax, p, color=colour, size=size, alpha=0.95)


def boundary(ax, probs, lim, x, y, title=None, x_val=None, y_val=None):
    """p(class 1) (size, size) as a colour field, its 0.5 contour, and the points."""
    p = as_numpy(probs)
    field_image(ax, p, lim, cmap=CLASS_CMAP, vmin=0, vmax=1)
    if np.nanmin(p) < 0.5 < np.nanmax(p):  # the boundary: where the classes tie
        axis = np.linspace(-lim, lim, p.shape[0])
        ax.contour(axis, axis, p, levels=[0.5], colors="k", linewidths=1.2)
    if x_val is not None:
        _points(ax, x_val, y_val, size=10, hollow=True)
    few = len(as_numpy(x).reshape(-1, 2)) < 50
    _points(ax, x, y, size=28 if few else 9, edge=few)
    square(ax, lim, title)


def neuron_output(x, y, z, out, lim, title="one neuron: relu(x @ w + b)"):
    """A neuron's output `out` (size, size) over the plane, its z = 0 line, the data."""
    v, zz = as_numpy(out), as_numpy(z)
    fig, (ax,) = figure(width=4.4, height=3.6)
    fig.subplots_adjust(right=0.82)
    im = field_image(ax, v, lim, cmap="Greens", vmin=0)
    if zz.min() < 0 < zz.max():  # the line where the weighted sum crosses zero
        axis = np.linspace(-lim, lim, zz.shape[0])
        ax.contour(axis, axis, zz, levels=[0.0], colors="k", linewidths=1.2,
                   linestyles="--")
    _points(ax, x, y, size=7)
    square(ax, lim, title)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="output")
    return fig


def descent_paths(curve_w, curve_loss, paths, title="gradient descent on one weight"):
    """The loss as a curve over w, and each path {label: (ws, losses)} as dots."""
    fig, (ax,) = figure(width=5.6, height=3.4)
    ax.plot(as_numpy(curve_w), as_numpy(curve_loss), color="#555555", lw=1.5)
    top = float(np.max(as_numpy(curve_loss)))
    lo, hi = float(np.min(as_numpy(curve_w))), float(np.max(as_numpy(curve_w)))
    for i, (label, (ws, losses)) in enumerate(paths.items()):
        w, loss = as_numpy(ws), as_numpy(losses)
        keep = (w >= lo) & (w <= hi) & (loss <= top)  # a diverging path leaves the plot
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(w[keep], loss[keep], "o-", color=colour, ms=4, lw=0.8, alpha=0.85,
                label=label)
    ax.set_xlabel("w (the weight)")
    ax.set_ylabel("loss")
    ax.set_ylim(-0.03 * top, top)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, loc="upper center")
    fig.subplots_adjust(bottom=0.16)
    return fig


def boundaries(panels, x, y, lim):
    """Several classifiers side by side: {title: p(class 1) (size, size)}."""
    fig, axes = figure(ncols=len(panels), width=3.3, height=3.3)
    for ax, (title, probs) in zip(axes, panels.items()):
        boundary(ax, probs, lim, x, y, title)
    return fig


def _finite_or_nan(values):
    """A loss curve as floats, with inf and NaN (a diverged run) as gaps."""
    v = as_numpy(values).copy()
    v[~np.isfinite(v)] = np.nan
    return v


def training_view(x, y, probs, lim, losses, step=None, x_val=None, y_val=None,
                  title="decision boundary", ymax=None, guess=None):
    """Left: the boundary (held-out points hollow); right: loss curves {label: values}.

    step: a marker at this step; ymax: clip the loss axis there; guess: a dashed line
    at the loss of guessing. Few ticks, drawn by hand: automatic ones cost ~80 ms.
    """
    fig, (left, right) = figure(ncols=2, width=3.6, height=3.4)
    boundary(left, probs, lim, x, y, title, x_val, y_val)
    clean = {k: _finite_or_nan(v) for k, v in losses.items()}  # NaN: not drawn
    longest = max([len(v) for v in clean.values()] + [2]) - 1
    for i, (label, v) in enumerate(clean.items()):
        right.plot(v, color=PALETTE[i % len(PALETTE)], lw=1.5, label=label)
    finite = [v[np.isfinite(v)] for v in clean.values()]
    top = max([float(v.max()) for v in finite if len(v)] + [0.1]) * 1.05
    top = min(top, ymax) if ymax else top
    right.set_ylim(0, top)
    right.set_xlim(0, longest)
    if guess is not None:
        right.axhline(guess, color="#888888", lw=0.8, ls="--")
        right.text(longest, guess, "guessing", ha="right", va="bottom", fontsize=7,
                   color="#666666")
    if step is not None:
        right.axvline(step, color="k", lw=0.8, ls=":")
    right.set_xticks([0, longest])
    right.set_yticks([0, round(top, 1)] if top > 0.2 else [0, round(top, 2)])
    right.set_xlabel("step", labelpad=-8)
    right.set_ylabel("loss (nats)", labelpad=-10)
    if len(clean) > 1:
        right.set_title("loss", fontsize=10)
        right.legend(frameon=False, fontsize=8, loc="upper center")
    else:  # one curve: its name in the title, clear of the curve and the guess line
        right.set_title(f"loss: {next(iter(clean), '')}", fontsize=9)
    return fig
