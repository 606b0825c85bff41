"""PacGAN's 2-D mode-collapse benchmark and digit class coverage, on one thread.

    python benchmarks/gan.py [--seeds 3]

For the ring of 8 (sigma 0.01) and the 5x5 grid (sigma 0.05): modes captured,
high-quality %, reverse KL (PacGAN's definitions, 2,500 samples) and training
seconds, averaged over seeds. For digits: classes the held-out classifier finds in
1,000 samples of the shipped GAN, and its mean confidence. Prints one JSON line last:
{"ring": {"modes", "hq_pct", "rkl", "seconds"}, "grid": {...},
 "digits": {"classes", "confidence"}}
Goal: ring 8/8, >= 95 %, rKL <= 0.05 within 60 s; grid >= 24.5/25, >= 93 % within
120 s; digits 10/10.
"""

import argparse
import json
import statistics
import sys

import torch

BUDGET = {"ring": 60.0, "grid": 120.0}


def mixture(name, seeds):
    from genai_course import data, gan, metrics

    rows = []
    for seed in range(seeds):
        trainer, seconds = gan.train_mixture(name, seed=seed, seconds=BUDGET[name])
        stats = metrics.mode_stats(
            trainer.sample(2500, seed=10_000 + seed),
            data.mode_centers(name),
            gan.MIXTURES[name]["std"],
        )
        stats["seconds"] = seconds
        print(f"{name} seed {seed}: {trainer.steps} steps, {stats}", file=sys.stderr)
        rows.append(stats)
    return {
        key: round(statistics.mean(r[key] for r in rows), 3)
        for key in ("modes", "hq_pct", "rkl", "seconds")
    }


def digits():
    from genai_course import gan, metrics
    from genai_course.classifier import load_digit_classifier

    model = gan.load_digit_gan()
    cover = metrics.class_coverage(load_digit_classifier(), model.sample(1000, seed=0))
    print(f"digits: samples per class {cover['counts']}", file=sys.stderr)
    return {"classes": cover["classes"], "confidence": round(cover["confidence"], 3)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    result = {
        "ring": mixture("ring", args.seeds),
        "grid": mixture("grid", args.seeds),
        "digits": digits(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
