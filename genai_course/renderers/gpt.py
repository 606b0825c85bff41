"""Pictures for notebook 03: next-token bars, attention maps, curves, long range."""

import numpy as np

from .common import PALETTE, as_numpy, figure


def show_char(c):
    """A character as something visible: space, newline and tab get symbols."""
    return {" ": "␣", "\n": "⏎", "\t": "⇥"}.get(c, c)


def next_token_bars(chars, raw, filtered, n=20, title=""):
    """The n most likely next characters: raw model probability (outline) and the
    probability after temperature / top-k / top-p (filled; 0 = removed)."""
    raw, filtered = as_numpy(raw), as_numpy(filtered)
    order = np.argsort(-raw, kind="stable")[:n]
    fig, (ax,) = figure(width=7.2, height=2.5)
    x = np.arange(len(order))
    # one LineCollection per series: far cheaper to draw than 2 x 20 bar patches
    ax.vlines(x, 0, filtered[order], color=PALETTE[0], lw=14, label="sampled from")
    ax.hlines(
        raw[order], x - 0.4, x + 0.4, color="#333333", lw=1.5, label="model (T = 1)"
    )
    top = max(float(filtered[order].max()), float(raw[order].max()), 1e-3)
    for i, j in enumerate(order):  # labels as text: cheaper to draw than ticks
        ax.text(
            i,
            -0.03 * top,
            show_char(chars[j]),
            ha="center",
            va="top",
            fontsize=10,
            family="monospace",
            color="#222222" if filtered[j] > 0 else "#aaaaaa",
        )
    ax.set_xticks([])
    ax.set_ylim(0, 1.08 * top)
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_ylabel("probability")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    if title:
        ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.08, right=0.99, bottom=0.14, top=0.86)
    return fig


def attention_map(text, att, query, title=""):
    """Left: one head's (T, T) attention; right: where the query character looks."""
    att = as_numpy(att)
    T = len(text)
    fig, (left, right) = figure(ncols=2, width=3.6, height=3.0)
    left.imshow(
        att,
        cmap="Blues",
        vmin=0,
        vmax=max(att.max(), 1e-6),
        interpolation="nearest",
        aspect="auto",
    )
    left.axhline(query, color="#C44E52", lw=1)
    left.set_xticks([0, T - 1])
    left.set_yticks([0, T - 1])
    left.set_xlabel("key position (looked at)")
    left.set_ylabel("query position")
    left.set_title("attention weights", fontsize=10)
    row = att[query, : query + 1]
    right.vlines(np.arange(query + 1), 0, row, color=PALETTE[0], lw=3)  # one artist
    for j in np.argsort(-row)[:5]:
        if row[j] > 0.02:
            right.text(
                j,
                row[j],
                show_char(text[j]),
                ha="center",
                va="bottom",
                fontsize=10,
                family="monospace",
                color="#C44E52",
            )
    right.set_xlim(-1, T)
    right.set_ylim(0, 1.15 * max(row.max(), 1e-3))
    right.set_xticks([0, query])
    right.set_xlabel("position")
    right.set_title(
        f"query {show_char(text[query])!r} at {query} looks at", fontsize=10
    )
    if title:
        fig.suptitle(title, fontsize=11)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.82, wspace=0.25)
    return fig


def loss_curves(series, baselines=None, title="", smooth=None):
    """Training losses {name: list} with horizontal lines for baselines {name: v}."""
    fig, (ax,) = figure(width=6.0, height=3.0)
    for i, (name, values) in enumerate(series.items()):
        ax.plot(as_numpy(values), color=PALETTE[i], lw=1.2, label=name)
    for i, (name, value) in enumerate((baselines or {}).items()):
        ax.axhline(value, color=PALETTE[3 + i], lw=1, ls="--", label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("loss (nats per character)")
    ax.legend(frameon=False, fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.16, top=0.88)
    return fig


def accuracy_by_distance(results, chance=None, title=""):
    """{model: {distance: accuracy}} as lines; the long-range experiment."""
    fig, (ax,) = figure(width=6.0, height=3.0)
    for i, (name, acc) in enumerate(results.items()):
        d = sorted(acc)
        ax.plot(d, [acc[k] for k in d], "o-", ms=3, color=PALETTE[i], label=name)
    if chance is not None:
        ax.axhline(chance, color="#888888", lw=1, ls=":", label="guessing")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("distance back to the answer (tokens)")
    ax.set_ylabel("accuracy")
    ax.legend(frameon=False, fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.16, top=0.88)
    return fig


def gradient_by_distance(before, after, title=""):
    """{model: {distance: gradient size}} before (dashed) and after (solid) training,
    on a log scale: a straight falling line is a gradient that shrinks by the same
    factor at every step back."""
    fig, (ax,) = figure(width=6.0, height=3.2)
    for i, name in enumerate(dict.fromkeys([*before, *after])):
        for curves, style, when in ((before, "--", "before"), (after, "-", "after")):
            if name in curves:
                d = sorted(curves[name])
                g = np.array([curves[name][k] for k in d])
                ax.semilogy(d, g, style, color=PALETTE[i], lw=1.5,
                            label=f"{name}, {when} training")  # fmt: skip
    ax.set_xlabel("distance back from the last position (tokens)")
    ax.set_ylabel("gradient size (log scale)")
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    if title:
        ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.12, right=0.98, bottom=0.15, top=0.9)
    return fig


def time_by_length(times, title=""):
    """{model: {sequence length: seconds per training step}} as lines, in ms."""
    fig, (ax,) = figure(width=6.0, height=3.0)
    for i, (name, by_length) in enumerate(times.items()):
        n = sorted(by_length)
        ax.plot(n, [1000 * by_length[k] for k in n], "o-", ms=4, color=PALETTE[i],
                label=name)  # fmt: skip
    ax.set_xlabel("sequence length (tokens)")
    ax.set_ylabel("ms per training step")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.12, right=0.98, bottom=0.16, top=0.88)
    return fig
