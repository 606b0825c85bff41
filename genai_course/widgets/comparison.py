"""Capstone explorers: the trilemma, a melody machine, near copies, a fake detector.

Everything expensive (models, samples, logits, timings) is computed once per
process and cached; the controls only pick from or post-process the cache.
"""

import time
from functools import lru_cache

import ipywidgets as W
import torch

from .. import capstone as cap
from .. import data, music
from ..renderers.capstone import (
    detector_histograms,
    engines_side_by_side,
    melody_roll,
    near_copies,
    update_engines,
    update_melody_roll,
    update_near_copies,
    update_threshold,
)
from .base import Explorer

N_POINTS = 600
DIFFUSION_STEPS = (1, 2, 5, 10, 20, 50, 100, 1000)
STYLE = {"description_width": "initial"}


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


@lru_cache(maxsize=1)
def _ring_models():
    return cap.load_ring_gan(), cap.load_ring_transformer()


@lru_cache(maxsize=4)
def _transformer_table(seed):
    _, gpt = _ring_models()
    (x_logits, y_logits), seconds = _timed(cap.coordinate_logits, gpt)
    # speed as measured by the real sampler: two passes over the batch (x, then y)
    _, sample_seconds = _timed(cap.sample_points, gpt, N_POINTS, seed)
    return x_logits, y_logits, N_POINTS / sample_seconds


@lru_cache(maxsize=4)
def _diffusion_runs(seed):
    """DDIM samples and their throughput for every step count in DIFFUSION_STEPS."""
    from .. import diffusion

    model = diffusion.load_2d(cap.RING)
    runs = {}
    for steps in DIFFUSION_STEPS:
        engine_sample = cap.diffusion_engine_from(model, steps, "ddim").sample
        samples, seconds = _timed(engine_sample, N_POINTS, seed)
        runs[steps] = (samples, N_POINTS / seconds)
    return runs


@lru_cache(maxsize=256)
def _scored(key, seed):
    """Scores of the samples behind `key`, computed once (64 SWD projections)."""
    return cap.score(_SAMPLES[key, seed], projections=64)


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
            "truncation": W.FloatSlider(
                1.0, min=0.0, max=1.0, step=0.05, description="GAN noise scale",
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
            cap.sample_gan, gan_model.generator, N_POINTS, seed, truncation
        )
        diff_samples, diff_speed = _diffusion_runs(seed)[steps]
        x_logits, y_logits, gpt_speed = _transformer_table(seed)
        gpt_samples = cap.sample_from_logits(
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
            "gan": f"noise x{truncation:.2f}",
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
                s["samples"], data.mode_centers(cap.RING), lim=1.5, titles=titles
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


# ----------------------------------------------------------------------------- music

TEMPERATURES = (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0)
MELODIES_PER_TEMPERATURE = 10


@lru_cache(maxsize=1)
def _melody_model():
    return music.load_model()


@lru_cache(maxsize=1)
def _training_melodies():
    return set(music.melody_corpus(music.TRAIN_MELODIES, seed=0).splitlines(True))


@lru_cache(maxsize=4)
def _melody_bank(seed):
    """MELODIES_PER_TEMPERATURE samples at every temperature, in one batched run."""
    model, tokenizer = _melody_model()
    bank = {}
    for i, t in enumerate(TEMPERATURES):
        bank[t] = music.sample_melodies(
            model, tokenizer, MELODIES_PER_TEMPERATURE, t, seed=seed * 100 + i
        )
    return bank


@lru_cache(maxsize=128)
def _wav(text, timbre):
    """The melody as WAV bytes (a melody with no notes plays one eighth of silence)."""
    try:
        notes = music.parse_melody(text)
    except ValueError:
        notes = [(None, 1)]
    wave = music.synthesize(notes, sample_rate=11_025, timbre=timbre)
    return music.wav_bytes(wave, 11_025)


class MelodyExplorer(Explorer):
    """Sample a melody from the tiny music GPT, see its piano roll, play it."""

    title = "A tiny music transformer: temperature, then listen"
    _fig = None

    def __init__(self, seed=0):
        self.audio = W.Audio(format="wav", autoplay=False, loop=False)
        super().__init__(seed)

    def make_controls(self):
        return {
            "temperature": W.SelectionSlider(
                options=TEMPERATURES, value=1.0, description="temperature", style=STYLE
            ),
            "sample": W.IntSlider(
                0, 0, MELODIES_PER_TEMPERATURE - 1, description="sample", style=STYLE
            ),
            "timbre": W.Dropdown(
                options=music.TIMBRES, value="organ", description="sound"
            ),
        }

    def compute(self, temperature, sample, timbre):
        bank = _melody_bank(self.seed)[temperature]
        text = bank[sample]
        rules = music.rule_scores(bank)
        try:
            facts = music.check_rules(text)
        except ValueError:
            facts = None
        return {
            "text": text,
            "temperature": temperature,
            "timbre": timbre,
            "facts": facts,
            "rules": rules,
            "copied": text in _training_melodies(),
            "wav": _wav(text, timbre),
        }

    def render(self, s):
        self.audio.value = s["wav"]
        body = s["text"].split(music.END)[0]
        try:
            roll, starts = music.piano_roll(body)
        except ValueError:  # a sample with no notes at all: an empty roll
            roll, starts = torch.zeros(len(music.PITCHES), 1).numpy(), [False]
        title = f"temperature {s['temperature']}"
        if self._fig is None:
            self._fig = melody_roll(roll, starts, music.PITCHES, title=title)
            return self._fig
        return update_melody_roll(self._fig, roll, starts, title)

    def describe(self, s):
        f, r = s["facts"], s["rules"]
        if f is None:
            mine = "this sample has no notes"
        else:
            mine = (
                f"{f['notes']} notes; 4 bars of 8: {'yes' if f['bars_ok'] else 'no'}; "
                f"ends on C: {'yes' if f['ends_on_c'] else 'no'}; bar 3 = bar 1: "
                f"{'yes' if f['motif_repeats'] else 'no'}; "
                f"{f['stepwise_pct']:.0f}% steps"
            )
        return (
            f"melody: {s['text'].strip()!r} ({s['timbre']})\n{mine}; "
            f"{'copied from' if s['copied'] else 'not in'} the training melodies\n"
            f"all {MELODIES_PER_TEMPERATURE} at T={s['temperature']}: "
            f"{r['bars_ok']:.0f}% well-formed bars, {r['ends_on_c']:.0f}% end on C, "
            f"{r['motif_repeats']:.0f}% repeat the motif"
        )

    @property
    def widget(self):
        if self._widget is None:
            super().widget  # builds the box
            self._widget.children = (*self._widget.children, self.audio)
        return self._widget


# ----------------------------------------------------------------------------- digits

N_DIGITS = 60  # generated digits per model (6 of each class from diffusion)
PER_PAGE = 12


class NearestDigitExplorer(Explorer):
    """Generated digits above their nearest training digit: near copies or new?"""

    title = "Memorisation check: each generated digit above its nearest training digit"
    _fig = None

    def make_controls(self):
        return {
            "source": W.Dropdown(options=("GAN", "diffusion"), description="generator"),
            "page": W.IntSlider(0, 0, N_DIGITS // PER_PAGE - 1, description="page"),
            "copy_fraction": W.FloatSlider(
                0.33, min=0.05, max=1.0, step=0.05, style=STYLE,
                description="'copy' if closer than x baseline",
            ),
        }  # fmt: skip

    def compute(self, source, page, copy_fraction):
        exp = cap.digit_experiment(N_DIGITS, seed=self.seed)
        report = _memorisation(source, copy_fraction, self.seed)
        images = exp.gan_images if source == "GAN" else exp.diffusion_images
        sl = slice(page * PER_PAGE, (page + 1) * PER_PAGE)
        return {
            "source": source,
            "page": page,
            "generated": images[sl],
            "nearest": exp.digits.x_train[report["nearest"][sl]],
            "distances": report["distances"][sl],
            "report": report,
        }

    def render(self, s):
        r = s["report"]
        args = (s["generated"], s["nearest"], s["distances"], r["threshold"])
        title = f"{s['source']} samples (top), nearest training digits (bottom)"
        if self._fig is None:
            self._fig = near_copies(*args, title=title)
            return self._fig
        return update_near_copies(self._fig, *args, title)

    def describe(self, s):
        r = s["report"]
        return (
            f"{s['source']}: median distance to the nearest training digit "
            f"{r['generated_median']:.2f}; real held-out digits: "
            f"{r['held_out_median']:.2f}\n'copy' threshold {r['threshold']:.2f}: "
            f"{r['near_copies']} of {N_DIGITS} generated digits "
            f"({r['near_copy_pct']:.0f}%) count as near copies\n"
            f"page {s['page'] + 1} of {N_DIGITS // PER_PAGE}: distances "
            f"{float(s['distances'].min()):.2f} to {float(s['distances'].max()):.2f}"
        )


@lru_cache(maxsize=16)
def _memorisation(source, copy_fraction, seed):
    exp = cap.digit_experiment(N_DIGITS, seed=seed)
    images = exp.gan_images if source == "GAN" else exp.diffusion_images
    return cap.memorisation(
        images, exp.digits.x_train, exp.digits.x_test, copy_fraction
    )


@lru_cache(maxsize=4)
def _detector_scores(which, seed):
    exp = cap.digit_experiment(N_DIGITS, seed=seed)
    model = exp.detector if which == "trained detector" else exp.discriminator
    return {
        "real digits (held out)": cap.belief_real(model, exp.digits.x_test),
        "GAN fakes (new)": cap.belief_real(model, exp.gan_images),
        "diffusion fakes": cap.belief_real(model, exp.diffusion_images),
    }


class DetectorExplorer(Explorer):
    """A fake detector trained on GAN fakes, tested on new GAN and diffusion fakes."""

    title = "Deepfake detection: trained on one generator, tested on two"
    _fig = None
    _which = None

    def make_controls(self):
        return {
            "detector": W.Dropdown(
                options=("trained detector", "GAN's discriminator"),
                description="detector",
            ),
            "threshold": W.FloatSlider(
                0.5, min=0.0, max=1.0, step=0.05, description="call it fake below",
                style=STYLE,
            ),
        }  # fmt: skip

    def compute(self, detector, threshold):
        scores = _detector_scores(detector, self.seed)
        flagged = {k: (v < threshold).float().mean().item() for k, v in scores.items()}
        return {
            "detector": detector,
            "scores": scores,
            "threshold": threshold,
            "flagged": flagged,
        }

    def render(self, s):
        if self._fig is None or self._which != s["detector"]:
            self._which = s["detector"]
            self._fig = detector_histograms(s["scores"], s["threshold"])
            return self._fig
        return update_threshold(self._fig, s["threshold"])

    def describe(self, s):
        real, gan_f, diff_f = s["flagged"].values()
        return (
            f"{s['detector']}, fake below {s['threshold']:.2f}: flags "
            f"{100 * gan_f:.0f}% of new GAN fakes, {100 * diff_f:.0f}% of diffusion "
            f"fakes, and {100 * real:.0f}% of real digits (false alarms)"
        )
