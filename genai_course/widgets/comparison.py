"""The trilemma explorer: one knob per engine, quality, diversity and speed.

Everything expensive (models, samples, logits, timings) is computed once per
process and cached; the controls only pick from or post-process the cache.
"""

import math
import time
from functools import lru_cache

import ipywidgets as W
from .. import comparison, data
from .. import engines as eng
from ..renderers.comparison import engines_side_by_side, update_engines
from .base import Explorer

N_POINTS = 600
# BigGAN's truncation threshold; inf = the plain normal noise the GAN was trained on
TRUNCATIONS = (("0.05", 0.05), ("0.25", 0.25), ("0.5", 0.5), ("1", 1.0), ("2", 2.0),
               ("none", math.inf))  # fmt: skip
DIFFUSION_STEPS = (1, 2, 5, 10, 20, 50, 100, 1000)
STYLE = {"description_width": "initial"}


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


@lru_cache(maxsize=1)
def _ring_models():
    return eng.load_ring_gan(), eng.load_ring_transformer()


@lru_cache(maxsize=4)
def _transformer_table(seed):
    _, gpt = _ring_models()
    (x_logits, y_logits), seconds = _timed(eng.coordinate_logits, gpt)
    # speed as measured by the real sampler: two passes over the batch (x, then y)
    _, sample_seconds = _timed(eng.sample_points, gpt, N_POINTS, seed)
    return x_logits, y_logits, N_POINTS / sample_seconds


@lru_cache(maxsize=4)
def _diffusion_runs(seed):
    """DDIM samples and their throughput for every step count in DIFFUSION_STEPS."""
    from .. import diffusion

    model = diffusion.load_2d(eng.RING)
    runs = {}
    for steps in DIFFUSION_STEPS:
        engine_sample = eng.diffusion_engine_from(model, steps, "ddim").sample
        samples, seconds = _timed(engine_sample, N_POINTS, seed)
        runs[steps] = (samples, N_POINTS / seconds)
    return runs


@lru_cache(maxsize=256)
def _scored(key, seed):
    """Scores of the samples behind `key`, computed once (64 SWD projections)."""
    return comparison.score(_SAMPLES[key, seed], projections=64)


_SAMPLES = {}


def _score(key, seed, samples):
    _SAMPLES[key, seed] = samples
    return _scored(key, seed)


class TrilemmaExplorer(Explorer):
    """Quality, diversity, speed: one knob per engine, the same ring for all three."""

    title = "The generative learning trilemma: one knob per engine"
    _fig = None

    def make_controls(self):
        return {
            "truncation": W.SelectionSlider(
                options=TRUNCATIONS, value=math.inf, description="GAN truncation",
                style=STYLE,
            ),
            "steps": W.SelectionSlider(
                options=DIFFUSION_STEPS, value=50, description="diffusion steps",
                style=STYLE,
            ),
            "temperature": W.FloatSlider(
                1.0, min=0.1, max=2.0, step=0.05, description="GPT temperature",
                style=STYLE,
            ),
        }  # fmt: skip

    def compute(self, truncation, steps, temperature):
        gan_model, _ = _ring_models()
        seed = self.seed
        gan_samples, gan_s = _timed(
            eng.sample_gan, gan_model.generator, N_POINTS, seed,
            None if truncation == math.inf else truncation,
        )  # fmt: skip
        diff_samples, diff_speed = _diffusion_runs(seed)[steps]
        x_logits, y_logits, gpt_speed = _transformer_table(seed)
        gpt_samples = eng.sample_from_logits(
            x_logits, y_logits, N_POINTS, seed, temperature
        )
        samples = {
            "gan": gan_samples,
            "diffusion": diff_samples,
            "transformer": gpt_samples,
        }
        scores = {
            "gan": _score(("gan", truncation), seed, gan_samples),
            "diffusion": _score(("diffusion", steps), seed, diff_samples),
            "transformer": _score(("transformer", temperature), seed, gpt_samples),
        }
        speeds = {
            "gan": N_POINTS / max(gan_s, 1e-9),
            "diffusion": diff_speed,
            "transformer": gpt_speed,
        }
        knobs = {
            "gan": f"truncation {truncation:g}",
            "diffusion": f"{steps} DDIM steps",
            "transformer": f"T={temperature:.2f}",
        }
        return {"samples": samples, "scores": scores, "speeds": speeds, "knobs": knobs}

    def render(self, s):
        titles = {
            name: f"{name} ({s['knobs'][name]})\nSWD {sc['swd_ratio']:.1f}, "
            f"{sc['modes']}/8 modes"
            for name, sc in s["scores"].items()
        }
        if self._fig is None:  # build once; later redraws only move the points
            self._fig = engines_side_by_side(
                s["samples"], data.mode_centers(eng.RING), lim=1.5, titles=titles
            )
            return self._fig
        return update_engines(self._fig, s["samples"], titles)

    def describe(self, s):
        lines = []
        for name, sc in s["scores"].items():
            lines.append(
                f"{name:11s} {s['knobs'][name]:15s} SWD ratio {sc['swd_ratio']:5.2f}"
                f" | modes {sc['modes']}/8 | {sc['hq_pct']:3.0f}% near a mode"
                f" | ~{s['speeds'][name]:,.0f} samples/s"
            )
        return "\n".join(lines)
