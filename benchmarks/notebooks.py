"""Run every notebook in a fresh kernel on one torch thread: seconds and peak memory.

    python benchmarks/notebooks.py [notebooks/01_attention.ipynb ...]

Prints a line per notebook, then one JSON line:
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


def peak_rss_mb(pid):
    """Peak resident set size of a live process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for pid {pid}")


def run_notebook(path):
    """Execute one notebook as a learner would; returns (seconds, peak_rss_mb)."""
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
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb(pid)
    return seconds, peak


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    results, total = {}, 0.0
    for path in paths:
        seconds, peak = run_notebook(path.resolve())
        total += seconds
        ok = seconds <= BUDGET_SECONDS and peak <= BUDGET_MB
        print(
            f"{path.stem:24s} {seconds:7.1f} s {peak:8.0f} MB  "
            + ("ok" if ok else "OVER BUDGET"),
            file=sys.stderr,
        )
        results[path.stem] = {"seconds": round(seconds, 1), "peak_rss_mb": round(peak)}
    print(json.dumps({"notebooks": results, "total_seconds": round(total, 1)}))


if __name__ == "__main__":
    main()
