"""Pictures for notebook 02: attention stages as heat maps, positional encodings."""

import numpy as np
from matplotlib.patches import Rectangle

from .common import PALETTE, as_numpy, figure, heatmap


def attention_stages(words, stages, query=None, title=""):
    """scores -> scaled + masked -> softmax weights, side by side; query row boxed.

    Words are written with ax.text (tick labels cost ~4x more to draw): keys along
    the bottom of the weights panel, queries down the left of the scores panel.
    """
    fig, axes = figure(ncols=3, width=2.9, height=2.9)
    T = len(words)
    panels = (
        ("1. scores  q·k", stages["scores"], "RdBu_r", True),
        ("2. scaled + masked", stages["masked"], "RdBu_r", True),
        ("3. softmax = weights", stages["weights"], "Blues", False),
    )
    for ax, (name, m, cmap, centred) in zip(axes, panels):
        m = as_numpy(m)
        finite = m[np.isfinite(m)]
        top = float(np.abs(finite).max()) if finite.size else 1.0
        lo, hi = (-top, top) if centred else (0.0, 1.0)
        shown = np.where(np.isfinite(m), m, np.nan)  # masked cells drawn blank
        ax.imshow(
            shown, cmap=cmap, vmin=lo, vmax=hi, aspect="auto", interpolation="nearest"
        )
        ax.set_facecolor("#d0d0d0")
        ax.set_title(name, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        if query is not None:
            ax.add_patch(
                Rectangle((-0.5, query - 0.5), T, 1, fill=False, lw=2, ec="#C44E52")
            )
    for i, word in enumerate(words):
        axes[0].text(
            -0.7,
            i,
            word,
            ha="right",
            va="center",
            fontsize=8,
            color="#C44E52" if i == query else "black",
        )
        axes[2].text(
            i,
            T - 0.3,
            word,
            ha="right",
            va="top",
            fontsize=8,
            rotation=60,
            rotation_mode="anchor",
        )
    axes[0].set_xlabel("keys (same order) →", fontsize=8)
    axes[1].set_xlabel("grey = masked out", fontsize=8)
    if query is not None:  # write the query row's numbers on the weights
        w = as_numpy(stages["weights"])[query]
        for j, v in enumerate(w):
            if v >= 0.1:
                axes[2].text(
                    j,
                    query,
                    f"{v:.1f}",
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if v > 0.5 else "black",
                )
    fig.subplots_adjust(bottom=0.25, left=0.1, right=0.99, wspace=0.08, top=0.86)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def positional_encoding(pe, pair, highlight=None):
    """Left: the whole encoding (T, d) as a heat map; right: one sin/cos pair."""
    pe = as_numpy(pe)
    T, d = pe.shape
    fig, (left, right) = figure(ncols=2, width=3.6, height=2.8)
    left.imshow(
        pe.T, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest"
    )
    left.set_xticks([0, T - 1])
    left.set_yticks([0, d - 1])
    left.add_patch(
        Rectangle((-0.5, 2 * pair - 0.5), T, 2, fill=False, lw=2, ec="#222222")
    )
    left.set_xlabel("position t")
    left.set_ylabel("dimension")
    left.set_title("PE[t, dim] (blue -1 ... red +1)", fontsize=10)
    t = np.arange(T)
    right.plot(t, pe[:, 2 * pair], color=PALETTE[0], lw=1.5, label="sin")
    right.plot(t, pe[:, 2 * pair + 1], color=PALETTE[1], lw=1.5, label="cos")
    if highlight is not None and 0 <= highlight < T:
        right.axvline(highlight, color="#888888", lw=1, ls=":")
    right.set_ylim(-1.15, 1.45)
    right.set_xlabel("position t")
    right.set_xticks([0, T - 1])
    right.set_yticks([-1, 0, 1])
    right.set_title(
        f"dim {2 * pair}: sin (blue), dim {2 * pair + 1}: cos (orange)", fontsize=9
    )
    fig.subplots_adjust(left=0.1, bottom=0.17, wspace=0.3)
    return fig


def position_similarity(pe):
    """How alike two positions' encodings are: PE @ PE^T, a band along the diagonal."""
    pe = as_numpy(pe)
    fig, (ax,) = figure(width=3.4, height=3.0)
    heatmap(ax, pe @ pe.T, cmap="viridis", annotate=False)
    ax.set_xlabel("position")
    ax.set_ylabel("position")
    ax.set_title("PE[i] · PE[j]", fontsize=10)
    return fig
