"""Diffusion quality and speed on one torch thread.

    python benchmarks/diffusion.py

2-D (moons, swiss roll, ring): train the MLP denoiser with the shipped recipe, then the
sliced-Wasserstein ratio SWD(samples, held-out data) / SWD(second data draw, held-out
data) (1.0 is perfect) for 2,000 samples with 1000-step DDPM and with 20-step DDIM;
numerator and denominator are each averaged over 5 held-out/reference draws, because
the ratio for a single pair of fresh data draws alone ranges from about 0.8 to 2.
Digits: train the class-conditional ConvDenoiser with the shipped recipe; the share of
500 samples (50 per prompt, 20 DDIM steps, default guidance) that the held-out digit
classifier reads as the requested digit; classes covered (prompts whose samples are
mostly read right); seconds to sample 100 images with 20 DDIM steps.
Prints a line per part, then one JSON line with the keys of issue 5.
Goal: 2-D SWD ratio <= 1.5 (DDPM) and <= 2.0 (DDIM 20) after <= 30 s of training;
digits accuracy >= 95 % with 10/10 classes, 100 samples in <= 1 s.
"""

import json
import sys
import time

import torch

N_SAMPLES = 2000
PAIRS = 5  # held-out / reference draws averaged: one draw alone varies by +-50%


def swd_ratio(samples, name):
    """Mean SWD(samples, held-out) / mean SWD(reference, held-out) over PAIRS draws."""
    from genai_course import data, metrics

    num = den = 0.0
    for i in range(PAIRS):
        held = data.sample_2d(name, N_SAMPLES, seed=1 + 2 * i)
        ref = data.sample_2d(name, N_SAMPLES, seed=2 + 2 * i)
        num += metrics.sliced_wasserstein(samples, held)
        den += metrics.sliced_wasserstein(ref, held)
    return num / den


def bench_2d(name):
    from genai_course import diffusion

    model, history = diffusion.train_2d(name, progress=False)
    out = {}
    for key, sampler, steps in (("ddpm", "ddpm", 1000), ("ddim20", "ddim", 20)):
        sched = diffusion.make_scheduler(sampler, diffusion.schedule_2d(), steps)
        g = torch.Generator().manual_seed(3)
        x = diffusion.sample(model, sched, torch.randn(N_SAMPLES, 2, generator=g),
                             generator=g)  # fmt: skip
        out[f"swd_ratio_{key}"] = round(swd_ratio(x, name), 3)
    out["train_seconds"] = round(history.seconds, 1)
    print(f"{name:12s} {out}", file=sys.stderr)
    return out


def bench_digits(per_class=50):
    from genai_course import diffusion
    from genai_course.classifier import classify, load_digit_classifier

    model, history = diffusion.train_digits(progress=False)
    judge = load_digit_classifier()
    hits = []
    for k in range(10):
        imgs = diffusion.generate_digits(model, k, n=per_class, seed=k)
        pred, _ = classify(judge, imgs)
        hits.append((pred == k).float().mean().item())
    diffusion.generate_digits(model, 0, n=100, seed=99)  # warm-up
    start = time.perf_counter()
    diffusion.generate_digits(model, 7, n=100, num_inference_steps=20, seed=100)
    sample_seconds = time.perf_counter() - start
    out = {
        "accuracy": round(sum(hits) / 10, 3),
        "classes": sum(h > 0.5 for h in hits),
        "train_seconds": round(history.seconds, 1),
        "sample_seconds_100": round(sample_seconds, 3),
    }
    print(
        f"digits       {out} per class {[round(h, 2) for h in hits]}", file=sys.stderr
    )
    return out


def main():
    torch.set_num_threads(1)
    from genai_course import diffusion

    result = {"2d": {name: bench_2d(name) for name in diffusion.DATASETS_2D}}
    result["digits"] = bench_digits()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
