"""Diffusion pictures: noising, schedules, loss by t, SWD, trajectories, digits."""

import numpy as np

from .common import FAKE, PALETTE, REAL, as_numpy, figure, image_grid, scatter, square


def forward_process(x0, xt, photo_xt, schedule_name, alphas_cumprod, t, lim):
    """Left: 2-D data and x_t; middle: the photo at t; right: abar_t with a marker."""
    fig, (left, mid, right) = figure(ncols=3, width=2.6, height=2.7)
    scatter(left, x0, color=REAL, size=3, alpha=0.25)
    scatter(left, xt, color=FAKE, size=4, alpha=0.7)
    square(left, lim, f"2-D data at t = {t}")
    mid.imshow(as_numpy(photo_xt), cmap="gray", vmin=-2.0, vmax=2.0)
    mid.set_xticks([])
    mid.set_yticks([])
    mid.set_title("photo at t (scaled to [-1, 1])")
    abar = as_numpy(alphas_cumprod)
    right.plot(abar, color=REAL, lw=1.5, label="ᾱ_t (data)")
    right.plot(1 - abar, color=FAKE, lw=1.5, label="1 − ᾱ_t (noise)")
    right.axvline(t, color="#333333", lw=1)
    right.set_ylim(0, 1)
    right.set_title(f"{schedule_name}: shares of variance")
    right.legend(frameon=False, fontsize=7)
    return fig


def decomposition(x0, noise, xt, abar, t):
    """x_t = sqrt(abar) x0 + sqrt(1 - abar) noise, as three images side by side."""
    fig, axes = figure(ncols=3, width=2.3, height=2.5)
    a = float(abar)
    titles = (
        f"x0 (× {np.sqrt(a):.2f})",
        f"noise (× {np.sqrt(1 - a):.2f})",
        f"x_t at t = {t}",
    )
    for ax, img, title in zip(axes, (x0, noise, xt), titles):
        ax.imshow(as_numpy(img), cmap="gray", vmin=-2.0, vmax=2.0)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
    return fig


def schedule_curves(schedules):
    """abar_t and log10 SNR_t for each named schedule {name: NoiseSchedule}."""
    fig, (left, right) = figure(ncols=2, width=3.4, height=2.7)
    for i, (name, s) in enumerate(schedules.items()):
        colour = PALETTE[i % len(PALETTE)]
        left.plot(as_numpy(s.alphas_cumprod), color=colour, lw=1.5, label=name)
        right.plot(np.log10(as_numpy(s.signal_to_noise())), color=colour, lw=1.5)
    left.set(xlabel="t", ylabel="ᾱ_t", title="ᾱ_t: the data's share of variance")
    right.set(xlabel="t", ylabel="log10 SNR", title="signal-to-noise ratio")
    left.legend(frameon=False, fontsize=8)
    return fig


def loss_by_timestep(timesteps, losses, alphas_cumprod=None):
    """Noise-prediction loss against t, one line per model {name: (K,)}.

    With alphas_cumprod, a second axis shows how much signal is left (sqrt abar_t).
    """
    fig, (ax,) = figure(ncols=1, width=6.0, height=3.0)
    ts = as_numpy(timesteps)
    for i, (name, values) in enumerate(losses.items()):
        ax.plot(ts, as_numpy(values), color=PALETTE[i % len(PALETTE)], lw=1.8,
                marker="o", ms=3, label=name)  # fmt: skip
    ax.set(xlabel="timestep t", ylabel="loss (MSE of the noise guess)", ylim=(0, None))
    ax.set_title("how well the noise can be guessed at each t")
    if alphas_cumprod is not None:
        twin = ax.twinx()
        twin.plot(np.sqrt(as_numpy(alphas_cumprod)), color="#999999", lw=1, ls="--")
        twin.set_ylim(0, 1.05)
        twin.set_ylabel("data's scale √ᾱ_t (dashed)", color="#777777")
    ax.legend(frameon=False, fontsize=8)
    fig.subplots_adjust(left=0.1, right=0.88, bottom=0.17)
    return fig


def swd_projection(a, b, projection, labels=("data", "samples")):
    """One slice of the sliced Wasserstein distance, in three panels.

    Left: both point sets and the random direction; middle: their projections on it
    (1-D histograms); right: the sorted projections, matched quantile by quantile,
    with the gap whose mean is the 1-D distance. `projection`: metrics.one_projection.
    """
    a, b = as_numpy(a), as_numpy(b)
    d = as_numpy(projection["direction"])
    fig, (left, mid, right) = figure(ncols=3, width=2.9, height=2.9)
    scatter(left, a, color=REAL, size=3, alpha=0.3, label=labels[0])
    scatter(left, b, color=FAKE, size=3, alpha=0.3, label=labels[1])
    lim = 1.1 * float(np.abs(np.concatenate([a, b])).max())
    left.plot([-lim * d[0], lim * d[0]], [-lim * d[1], lim * d[1]], color="#333333",
              lw=1.2)  # fmt: skip
    arrow = {"arrowstyle": "->", "color": "#333333", "lw": 1.5}
    left.annotate("", xy=(lim * d[0], lim * d[1]), xytext=(0, 0), arrowprops=arrow)
    for pts, colour in ((a[:8], REAL), (b[:8], FAKE)):  # a few points dropped onto it
        for x in pts:
            foot = (x @ d) * d
            left.plot([x[0], foot[0]], [x[1], foot[1]], color=colour, lw=1.2, ls=":")
            left.plot(*foot, marker="o", color=colour, ms=3)
    square(left, lim, "1. pick a random direction")
    left.legend(frameon=False, fontsize=7, loc="lower left", markerscale=3)
    pa, pb = a @ d, b @ d  # (N,), (M,) positions along the direction
    bins = np.linspace(min(pa.min(), pb.min()), max(pa.max(), pb.max()), 40)
    mid.hist(pa, bins=bins, color=REAL, alpha=0.5, label=labels[0])
    mid.hist(pb, bins=bins, color=FAKE, alpha=0.5, label=labels[1])
    mid.set(xlabel="position along the direction", yticks=[],
            title="2. project: two 1-D piles")  # fmt: skip
    levels = as_numpy(projection["levels"])
    qa, qb = as_numpy(projection["a"]), as_numpy(projection["b"])
    right.plot(levels, qa, color=REAL, lw=1.5, label=f"{labels[0]}, sorted")
    right.plot(levels, qb, color=FAKE, lw=1.5, label=f"{labels[1]}, sorted")
    right.fill_between(levels, qa, qb, color="#999999", alpha=0.35)
    right.set(xlabel="quantile (fraction of points below)",
              ylabel="position along the direction",
              title=f"3. sort, compare: gap {projection['distance']:.3f}")  # fmt: skip
    right.legend(frameon=False, fontsize=7)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.16, wspace=0.32)
    return fig


def trajectory_strip(frames, timesteps, lim, data=None):
    """A row of scatter plots: the same points at moments of the reverse process."""
    frames = [as_numpy(f) for f in frames]
    fig, axes = figure(ncols=len(frames), width=1.9, height=2.0)
    for ax, pts, t in zip(axes, frames, timesteps):
        if data is not None:
            scatter(ax, data, color=REAL, size=2, alpha=0.15)
        scatter(ax, pts, color=FAKE, size=3, alpha=0.7)
        square(ax, lim, "x0 (done)" if t < 0 else f"t = {t}")
    return fig


def reverse_frame(points, pred_x0, data, lim, t, grid=None, field=None):
    """The scrubber: x_t with the denoiser's pull (arrows) and its guess of x0."""
    fig, (left, right) = figure(ncols=2, width=3.0, height=3.0)
    scatter(left, data, color=REAL, size=2, alpha=0.15)
    if grid is not None:
        g, v = as_numpy(grid), as_numpy(field)
        left.quiver(
            g[:, 0], g[:, 1], v[:, 0], v[:, 1], color="#555555",
            angles="xy", scale_units="xy", scale=3.0, width=0.005, alpha=0.8,
        )  # fmt: skip
    scatter(left, points, color=FAKE, size=4, alpha=0.8)
    square(left, lim, "x0 (done)" if t < 0 else f"x_t at t = {t}")
    scatter(right, data, color=REAL, size=2, alpha=0.15)
    scatter(right, pred_x0, color=PALETTE[2], size=4, alpha=0.8)
    square(right, lim, "the denoiser's guess of x0")
    return fig


def steps_comparison(ddpm, ddim, data, lim, steps):
    """DDPM and DDIM samples from the same noise with the same number of steps."""
    fig, axes = figure(ncols=2, width=3.0, height=3.0)
    for ax, pts, name in zip(axes, (ddpm, ddim), ("DDPM", "DDIM")):
        scatter(ax, data, color=REAL, size=2, alpha=0.2)
        scatter(ax, pts, color=FAKE, size=4, alpha=0.7)
        square(ax, lim, f"{name}, {steps} step{'s' if steps > 1 else ''}")
    return fig


def digit_rows(rows, ncols=8):
    """Rows of digit images {title: (n, 1, 8, 8) in [0, 1]}, one panel per row."""
    fig, axes = figure(ncols=1, nrows=len(rows), width=ncols * 0.55, height=1.0)
    for ax, (title, imgs) in zip(axes, rows.items()):
        image_grid(ax, imgs, nrow=ncols, title=title)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88, hspace=0.5)
    return fig


def denoising_strip(frames, timesteps):
    """Columns = moments of the reverse process, rows = images: (F, n, 1, 8, 8)."""
    f = as_numpy(frames)  # (F, n, 1, 8, 8)
    n_frames, n = f.shape[:2]
    tiles = f.transpose(1, 0, 2, 3, 4).reshape(n * n_frames, 1, 8, 8)
    fig, (ax,) = figure(ncols=1, width=0.55 * n_frames + 0.4, height=0.6 * n + 0.6)
    image_grid(ax, tiles, nrow=n_frames)
    labels = ["x0" if t < 0 else str(t) for t in timesteps]
    ax.set_xticks(np.arange(n_frames) * 9 + 4.5, labels=labels, fontsize=7)
    ax.set_title("denoising, left to right (t)")
    fig.subplots_adjust(left=0.03, right=0.97, bottom=0.12, top=0.85)
    return fig
