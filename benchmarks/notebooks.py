"""Run every notebook in a fresh kernel on one torch thread: seconds and peak memory.

    python benchmarks/notebooks.py [--binder] [notebooks/02_attention.ipynb ...]

--binder runs each kernel as on a Binder session: one CPU (affinity and a CPU quota)
and a 2 GB memory limit enforced by a cgroup (needs root and cgroup v1 or v2); a
kernel that goes over the limit is killed and the notebook fails.

Prints a line per notebook (with the cell where memory peaked), then one JSON line:
{"notebooks": {"00_welcome": {"seconds": ..., "peak_rss_mb": ...}, ...},
 "total_seconds": ...}
Budget: every notebook <= 120 s and <= 1.5 GB peak resident memory.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS, BUDGET_MB = 120, 1536
BINDER_MB = 2048


def peak_rss_mb(pid):
    """Peak resident set size of a live process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for pid {pid}")


class BinderLimits:
    """A cgroup with Binder's limits (1 CPU, 2 GB) that kernel processes move into."""

    def __init__(self, name="genai_course_binder"):
        v1 = Path("/sys/fs/cgroup/memory")
        if v1.is_dir():
            self.dirs = [v1 / name, Path("/sys/fs/cgroup/cpu") / name]
            settings = {
                self.dirs[0] / "memory.limit_in_bytes": str(BINDER_MB * 2**20),
                self.dirs[1] / "cpu.cfs_period_us": "100000",
                self.dirs[1] / "cpu.cfs_quota_us": "100000",
            }
        else:
            self.dirs = [Path("/sys/fs/cgroup") / name]
            settings = {
                self.dirs[0] / "memory.max": str(BINDER_MB * 2**20),
                self.dirs[0] / "memory.swap.max": "0",
                self.dirs[0] / "cpu.max": "100000 100000",
            }
        try:
            for d in self.dirs:
                d.mkdir(exist_ok=True)
            for file, value in settings.items():
                if file.exists():
                    file.write_text(value)
        except OSError as err:
            raise SystemExit(
                f"--binder needs root and writable cgroups: {err}"
            ) from err

    def add(self, pid):
        for d in self.dirs:
            (d / "cgroup.procs").write_text(str(pid))
        os.sched_setaffinity(pid, {sorted(os.sched_getaffinity(0))[0]})


def run_notebook(path, limits=None):
    """Execute one notebook as a learner would -> (seconds, peak_rss_mb, peak cell)."""
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    with client.setup_kernel(env=env):
        pid = client.km.provisioner.process.pid
        if limits:
            limits.add(pid)
        peak, peak_cell = 0.0, 0
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
            now = peak_rss_mb(pid)
            if now > peak:
                peak, peak_cell = now, index
        seconds = time.perf_counter() - start
    return seconds, peak, peak_cell


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--binder", action="store_true", help="1 CPU, 2 GB limit")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    limits = BinderLimits() if args.binder else None
    results, total = {}, 0.0
    for path in paths:
        seconds, peak, cell = run_notebook(path.resolve(), limits)
        total += seconds
        ok = seconds <= BUDGET_SECONDS and peak <= BUDGET_MB
        print(
            f"{path.stem:24s} {seconds:7.1f} s {peak:8.0f} MB (peak after cell {cell}) "
            + ("ok" if ok else "OVER BUDGET"),
            file=sys.stderr,
            flush=True,
        )
        results[path.stem] = {"seconds": round(seconds, 1), "peak_rss_mb": round(peak)}
    print(json.dumps({"notebooks": results, "total_seconds": round(total, 1)}))


if __name__ == "__main__":
    main()
