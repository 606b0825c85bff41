"""Detection pictures: histograms of a detector's belief, with a threshold line."""

import numpy as np

from .common import PALETTE, REAL, as_numpy, figure


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


def update_threshold(fig, threshold):
    """Move the threshold line of a detector_histograms figure."""
    fig.axes[0].lines[0].set_xdata([threshold, threshold])
    return fig
