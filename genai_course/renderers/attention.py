"""Attention pictures: stages as heat maps, positional encodings, RNN vs attention."""

import numpy as np
from matplotlib.patches import Rectangle

from .common import PALETTE, as_numpy, figure, heatmap


def attention_stages(words, stages, query=None, title="", features=None):
    """scores -> scaled + masked -> softmax weights -> output, side by side.

    The query's row is boxed in every panel. The output panel is `weights @ v`:
    one row per word, one column per value feature (named by `features` if given).
    Words are written with ax.text (tick labels cost ~4x more to draw): keys along
    the bottom of the weights panel, queries down the left of the scores panel.
    """
    fig, axes = figure(ncols=4, width=2.6, height=2.9)
    T = len(words)
    out = as_numpy(stages["out"])
    panels = (
        ("1. scores  q·k", stages["scores"], "RdBu_r", True),
        ("2-3. scaled + masked", stages["masked"], "RdBu_r", True),
        ("4. softmax = weights", stages["weights"], "Blues", False),
        ("5. output = weights @ v", out, "RdBu_r" if (out < 0).any() else "Greens",
         (out < 0).any()),
    )
    for ax, (name, m, cmap, centred) in zip(axes, panels):
        m = as_numpy(m)
        finite = m[np.isfinite(m)]
        top = float(np.abs(finite).max()) if finite.size else 1.0
        top = top or 1.0
        lo, hi = (-top, top) if centred else (0.0, 1.0 if m is not out else top)
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
                Rectangle(
                    (-0.5, query - 0.5), m.shape[1], 1, fill=False, lw=2, ec="#C44E52"
                )
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
    for j, name in enumerate(features or ()):
        axes[3].text(
            j,
            T - 0.3,
            name,
            ha="right",
            va="top",
            fontsize=8,
            rotation=60,
            rotation_mode="anchor",
        )
    axes[0].set_xlabel("keys (same order) →", fontsize=8)
    axes[1].set_xlabel("grey = masked out", fontsize=8)
    if not features:
        axes[3].set_xlabel("value features →", fontsize=8)
    if query is not None:  # write the query row's numbers on the weights and output
        for ax, row in ((axes[2], as_numpy(stages["weights"])[query]), (axes[3], None)):
            if row is None:
                row = out[query] / (np.abs(out).max() or 1.0)
                labels = out[query]
            else:
                labels = row
            for j, (v, label) in enumerate(zip(row, labels)):
                if abs(v) >= 0.1:
                    ax.text(
                        j,
                        query,
                        f"{label:.1f}",
                        ha="center",
                        va="center",
                        fontsize=6,
                        color="white" if abs(v) > 0.5 else "black",
                    )
    fig.subplots_adjust(bottom=0.25, left=0.08, right=0.99, wspace=0.08, top=0.86)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def sequential_vs_parallel(lengths, rnn_seconds, attention_seconds, T_drawn=6):
    """Left: what waits for what (RNN chain vs attention); right: measured times."""
    fig, (left, right) = figure(ncols=2, width=4.2, height=3.0)
    n = T_drawn
    xs = np.arange(n)
    rows = ((1.0, "RNN: h_t needs h_(t-1)"), (-1.6, "attention: all at once"))
    for y0, label in rows:
        left.scatter(xs, [y0 - 0.7] * n, s=60, c=PALETTE[7], zorder=3)  # inputs
        left.scatter(xs, [y0] * n, s=60, c=PALETTE[0], zorder=3)  # outputs
        left.text(-0.4, y0 + 0.45, label, fontsize=9, ha="left")
    for t in range(n):  # RNN: input t -> state t, state t-1 -> state t
        arrow = {"arrowstyle": "->", "lw": 1}
        left.annotate("", (t, 0.92), (t, 0.38), arrowprops=arrow)
        if t:
            left.annotate(
                "", (t - 0.12, 1.0), (t - 0.88, 1.0),
                arrowprops={"arrowstyle": "->", "lw": 1.5, "color": PALETTE[3]},
            )
    for t in range(n):  # attention: every output reads every input
        for j in range(n):
            left.plot([j, t], [-2.3, -1.6], color=PALETTE[0], lw=0.5, alpha=0.5)
    left.set_xlim(-0.6, n - 0.4)
    left.set_ylim(-2.6, 1.8)
    left.axis("off")
    left.set_title(f"{n} words (grey) in, outputs (blue): red arrows run in order",
                   fontsize=9)
    ms = 1e3
    right.plot(lengths, np.asarray(rnn_seconds) * ms, "o-", color=PALETTE[3],
               label="RNN loop (T steps)")
    right.plot(lengths, np.asarray(attention_seconds) * ms, "o-", color=PALETTE[0],
               label="attention (matrix products)")
    right.set_xscale("log", base=2)
    right.set_yscale("log")
    right.set_xticks(lengths)
    right.set_xticklabels([str(t) for t in lengths])
    right.set_xlabel("sequence length T")
    right.set_ylabel("milliseconds (one thread, best of runs)")
    right.set_title("time for one pass", fontsize=10)
    right.legend(fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.17, wspace=0.3)
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
