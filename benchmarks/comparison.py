"""The generative learning trilemma on this machine: quality, diversity, speed.

    python benchmarks/comparison.py

The course's GAN, diffusion model (DDPM, 1,000 steps) and coordinate transformer,
each loaded from its shipped checkpoint, draw 2,000 points of the ring of 8
Gaussians on one torch thread. Prints a line per engine, then one JSON line:
{"gan": {"swd_ratio": ..., "modes": ..., "samples_per_s": ...}, "diffusion": {...},
 "transformer": {...}}
swd_ratio: 1.0 is as close as a fresh draw of real data (lower is better); modes: of
8 (PacGAN's definition); samples_per_s: best of 3 timed runs after a warm-up.
"""

import json
import sys

import torch


def main():
    torch.set_num_threads(1)
    from genai_course import comparison, engines

    results = comparison.compare(
        engines.engines(), name="ring", n=2000, seed=0, repeats=3
    )
    for name, r in results.items():
        print(
            f"{name:12s} SWD ratio {r['swd_ratio']:.2f}, modes {r['modes']}/8, "
            f"{r['hq_pct']:.0f}% high quality, {r['samples_per_s']:,.0f} samples/s "
            f"({r['how']})",
            file=sys.stderr,
        )
    print(json.dumps(comparison.table(results)))


if __name__ == "__main__":
    main()
