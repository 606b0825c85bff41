"""Notebook set-up: seeds, CPU threads, plotting style, versions."""

import os
import platform
import random
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent  # the course folder (editable install)
DATA_DIR = ROOT / "data"


def available_cpus():
    """CPUs this process may use: affinity, cgroup quota (Binder), OMP_NUM_THREADS."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        n = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    if quota is not None:
        n = min(n, quota)
    omp = os.environ.get("OMP_NUM_THREADS", "")
    if omp.isdigit() and int(omp) > 0:
        n = min(n, int(omp))
    return max(1, n)


def _cgroup_cpu_quota(proc_cgroup="/proc/self/cgroup", root="/sys/fs/cgroup"):
    """Whole CPUs allowed by this process's cgroup (v2 or v1) quota, or None."""
    root = Path(root)
    try:
        groups = Path(proc_cgroup).read_text().splitlines()
    except OSError:
        return None
    for line in groups:
        _, controllers, path = line.split(":", 2)
        path = path.lstrip("/")
        try:
            if controllers == "":  # cgroup v2 (Binder, most containers)
                quota, period = (root / path / "cpu.max").read_text().split()
            elif "cpu" in controllers.split(","):  # cgroup v1
                folder = root / controllers / path
                if not folder.is_dir():
                    folder = root / "cpu" / path
                quota = (folder / "cpu.cfs_quota_us").read_text().strip()
                period = (folder / "cpu.cfs_period_us").read_text().strip()
            else:
                continue
        except (OSError, ValueError):
            continue
        if quota not in ("max", "-1"):
            return max(1, int(quota) // int(period))
    return None


def seed_everything(seed=0):
    """Seed Python, NumPy and torch so a notebook gives the same numbers every run."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def versions():
    """The versions a bug report needs, as one line."""
    import ipywidgets
    import matplotlib

    return (
        f"python {platform.python_version()} | torch {torch.__version__} | "
        f"numpy {np.__version__} | matplotlib {matplotlib.__version__} | "
        f"ipywidgets {ipywidgets.__version__}"
    )


def setup(seed=0, threads=None, verbose=True):
    """Seed everything, set torch threads for this machine, set the plot style."""
    if threads is None:
        threads = available_cpus()
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
        raise ValueError(f"threads must be a positive int, got {threads!r}")
    threads = min(threads, available_cpus())
    seed_everything(seed)
    torch.set_num_threads(threads)
    _plot_style()
    if verbose:
        print(f"seed {seed} | torch threads {threads} | {versions()}")


def _plot_style():
    import matplotlib as mpl

    mpl.rcParams.update(
        {
            "figure.dpi": 80,
            "figure.figsize": (7, 3.5),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 11,
            "font.size": 10,
            "image.cmap": "viridis",
        }
    )
