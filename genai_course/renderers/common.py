"""Pure drawing helpers shared by every notebook: arrays in, matplotlib artists out.

Figures are built with `matplotlib.figure.Figure` (no pyplot state), so a renderer
can run in a widget callback, a test or a benchmark and never leak open figures.
"""

import io

import numpy as np
from matplotlib.figure import Figure

# Okabe & Ito's colour-blind-safe palette (blue, orange, bluish green, reddish purple,
# sky blue, vermillion, yellow, grey): neighbours stay apart under red-green colour
# blindness (tests/test_colours.py simulates deuteranopia).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
REAL, FAKE = PALETTE[0], PALETTE[1]  # data versus model samples, everywhere
# D's belief p(real): orange-brown (fake) to purple (real), not pink/green
BELIEF_CMAP = "PuOr"


def figure(ncols=1, nrows=1, width=3.4, height=3.2, dpi=80):
    """A bare Figure and its axes as a flat list, left to right, top to bottom."""
    fig = Figure(figsize=(width * ncols, height * nrows), dpi=dpi)
    axes = fig.subplots(nrows, ncols, squeeze=False).flatten().tolist()
    fig.subplots_adjust(
        left=0.08, right=0.97, bottom=0.1, top=0.88, wspace=0.28, hspace=0.35
    )
    return fig, axes


def to_png(fig):
    """PNG bytes of a figure (what an ipywidgets.Image shows)."""
    buf = io.BytesIO()
    # light compression: half the time of the default for ~15% more bytes
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def as_numpy(x):
    """A torch tensor or array-like as a float NumPy array."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=float)


def scatter(ax, points, color=REAL, label=None, size=5, alpha=0.6):
    """Points (N, 2) as dots."""
    p = as_numpy(points).reshape(-1, 2)
    return ax.scatter(
        p[:, 0], p[:, 1], s=size, c=color, alpha=alpha, label=label, linewidths=0
    )


def field_image(ax, values, lim, cmap="viridis", vmin=None, vmax=None):
    """A scalar field (size, size) over [-lim, lim]^2, bottom row first."""
    return ax.imshow(
        as_numpy(values),
        extent=(-lim, lim, -lim, lim),
        origin="lower",
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        interpolation="bilinear",
        aspect="equal",
    )


def square(ax, lim, title=None, ticks=False):
    """Equal-aspect square axes over [-lim, lim]^2 with a title (ticks cost ~20 ms)."""
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    if not ticks:
        ax.set_xticks([])
        ax.set_yticks([])
    if title:
        ax.set_title(title)


def heatmap(
    ax,
    matrix,
    xlabels=None,
    ylabels=None,
    title=None,
    cmap="Blues",
    annotate=True,
    vmin=None,
    vmax=None,
):
    """A matrix as coloured cells with optional labels and values written in."""
    m = as_numpy(matrix)
    im = ax.imshow(m, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    if xlabels is not None:
        ax.set_xticks(range(len(xlabels)), labels=xlabels, rotation=60, ha="right")
    if ylabels is not None:
        ax.set_yticks(range(len(ylabels)), labels=ylabels)
    if annotate and m.size <= 400:
        top = np.nanmax(np.abs(m)) if np.isfinite(m).any() else 1.0
        for (i, j), v in np.ndenumerate(m):
            text = "" if not np.isfinite(v) else f"{v:.2f}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if abs(v) > 0.6 * top else "black",
            )
    if title:
        ax.set_title(title)
    return im


def curves(ax, series, xlabel="step", ylabel="loss", title=None, logy=False):
    """Named 1-D series {label: values} as lines with a legend."""
    for i, (label, values) in enumerate(series.items()):
        ax.plot(as_numpy(values), label=label, color=PALETTE[i % len(PALETTE)], lw=1.5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    if series:
        ax.legend(frameon=False, fontsize=8)


def image_grid(ax, images, nrow=None, cmap="gray_r", vmin=0.0, vmax=1.0, title=None):
    """Images (N, H, W) or (N, 1, H, W) tiled into one picture with 1-pixel gaps."""
    imgs = as_numpy(images)
    if imgs.ndim == 4:
        imgs = imgs[:, 0]
    if imgs.ndim != 3:
        raise ValueError(f"images must be (N, H, W) or (N, 1, H, W), got {imgs.shape}")
    n, h, w = imgs.shape
    ncol = nrow or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / ncol))
    canvas = np.full((rows * (h + 1) + 1, ncol * (w + 1) + 1), np.nan)
    for i in range(n):
        r, c = divmod(i, ncol)
        canvas[
            1 + r * (h + 1) : 1 + r * (h + 1) + h, 1 + c * (w + 1) : 1 + c * (w + 1) + w
        ] = imgs[i]
    ax.imshow(canvas, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)


def vector_field(ax, points, vectors, color="#333333", scale=None):
    """Arrows `vectors` (N, 2) drawn at `points` (N, 2)."""
    p, v = as_numpy(points).reshape(-1, 2), as_numpy(vectors).reshape(-1, 2)
    return ax.quiver(
        p[:, 0],
        p[:, 1],
        v[:, 0],
        v[:, 1],
        color=color,
        scale=scale,
        angles="xy",
        width=0.004,
    )
