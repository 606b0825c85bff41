"""Trilemma pictures: the engines' samples side by side, and three bar charts."""

from matplotlib.ticker import NullFormatter

from .common import PALETTE, as_numpy, figure, scatter, square

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
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.27, top=0.82, wspace=0.45)
    panels = (
        ("swd_ratio", "quality: SWD ratio\n(1 = as good as real data)", False),
        ("modes", "diversity: modes found\n(of 8)", False),
        ("samples_per_s", "speed: samples per second\n(log scale, this machine)", True),
    )
    for ax, (key, title, log) in zip(axes, panels):
        values = [table[n][key] or 0 for n in names]
        ax.bar(range(len(names)), values, color=colours)
        ax.set_xticks(range(len(names)))  # names tilted so that long ones do not overlap
        ax.set_xticklabels(names, fontsize=8, rotation=30, ha="right", rotation_mode="anchor")
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


def update_engines(fig, samples, titles):
    """Move the points and rewrite the titles of an engines_side_by_side figure."""
    for ax, (name, points) in zip(fig.axes, samples.items()):
        ax.collections[0].set_offsets(as_numpy(points).reshape(-1, 2))
        ax.set_title(titles.get(name, name), fontsize=9)
    return fig
