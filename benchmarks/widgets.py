"""Sweep every control of every explorer; time each change to a finished redraw.

    python benchmarks/widgets.py

Setting a control's value runs the explorer's callback synchronously (compute, render,
PNG, readout), so the time of the assignment is the Python side of one slider move.
Prints a line per explorer, then one JSON line:
{"controls": ..., "median_ms": ..., "p95_ms": ..., "slowest": {"name": ..., "ms": ...}}
Goal: median <= 50 ms, p95 <= 100 ms.
"""

import json
import statistics
import sys
import time

import torch


def main():
    torch.set_num_threads(1)
    from genai_course.widgets import all_explorers, sweep_values

    timings, controls = [], 0  # (ms, "explorer.control=value")
    for name, cls in all_explorers().items():
        explorer = cls(seed=0)
        mine = []
        for control_name, control in explorer.controls.items():
            controls += 1
            start_value = control.value
            for value in sweep_values(control) + [start_value]:
                if value == control.value:
                    continue
                start = time.perf_counter()
                control.value = value
                mine.append(
                    (
                        (time.perf_counter() - start) * 1000,
                        f"{name}.{control_name}={value!r}",
                    )
                )
        timings += mine
        ms = sorted(t for t, _ in mine)
        print(
            f"{name:40s} {len(ms):3d} changes, median {statistics.median(ms):6.1f} ms, "
            f"max {ms[-1]:6.1f} ms",
            file=sys.stderr,
        )
    ms = sorted(t for t, _ in timings)
    worst = max(timings)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    print(
        json.dumps(
            {
                "controls": controls,
                "median_ms": round(statistics.median(ms), 1),
                "p95_ms": round(p95, 1),
                "slowest": {"name": worst[1], "ms": round(worst[0], 1)},
            }
        )
    )


if __name__ == "__main__":
    main()
