"""Diffusion explorers: forward noising, reverse scrubber, steps, digit prompts.

Everything expensive (a sampling run) is cached per setting; sliders browse it.
"""

from functools import lru_cache

import ipywidgets as W
import torch

from .. import data, diffusion, metrics
from ..classifier import classify, load_digit_classifier
from ..renderers import diffusion as draw
from .base import Explorer

DATASETS = {"two moons": "moons", "swiss roll": "swiss_roll", "ring of 8": "ring"}
LIM = {"moons": 1.9, "swiss_roll": 3.2, "ring": 1.6}
N_POINTS = 300
SCRUB_STEPS = 100  # DDPM with 100 of the 1000 timesteps: 101 frames to browse
STEP_CHOICES = (1, 2, 5, 10, 20, 50, 100, 250, 1000)
STYLE = {"description_width": "initial"}


@lru_cache(maxsize=8)
def _schedule(name):
    return diffusion.NoiseSchedule(1000, name)


@lru_cache(maxsize=8)
def _data(name, seed, n=N_POINTS):
    return data.sample_2d(name, n, seed=seed)


@lru_cache(maxsize=1)
def _photo():
    return data.load_photo(48) * 2 - 1  # (48, 48) in [-1, 1]


@lru_cache(maxsize=4)
def model_2d(name):
    return diffusion.load_2d(name)


def _noise(shape, seed):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


# ----------------------------------------------------------------------------- forward


class ForwardExplorer(Explorer):
    """Noise 2-D data and a photo to any timestep t under a chosen schedule."""

    title = "Forward process: add noise until nothing is left"

    def make_controls(self):
        return {
            "dataset": W.Dropdown(options=DATASETS, value="moons", description="data"),
            "schedule": W.ToggleButtons(options=diffusion.SCHEDULES, value="linear"),
            "t": W.IntSlider(0, 0, 999, description="timestep t", style=STYLE),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }

    def compute(self, dataset, schedule, t, seed):
        s = _schedule(schedule)
        x0 = _data(dataset, seed)
        xt = s.add_noise(x0, _noise(x0.shape, seed + 1), t)
        photo = _photo()
        photo_t = s.add_noise(photo, _noise(photo.shape, seed + 2), t)
        abar = float(s.alphas_cumprod[t])
        return {"dataset": dataset, "schedule": schedule, "t": t, "abar": abar,
                "x0": x0, "xt": xt, "photo_t": photo_t, "curve": s.alphas_cumprod,
                "snr": float(s.signal_to_noise()[t])}  # fmt: skip

    def render(self, s):
        return draw.forward_process(
            s["x0"], s["xt"], s["photo_t"], s["schedule"], s["curve"], s["t"],
            1.6 * LIM[s["dataset"]],
        )  # fmt: skip

    def describe(self, s):
        a = s["abar"]
        return (
            f"{s['schedule']} schedule, t = {s['t']}: x_t = {a**0.5:.3f} · x0 + "
            f"{(1 - a) ** 0.5:.3f} · noise  (ᾱ_t = {a:.4f}, SNR = {s['snr']:.3g})"
        )


# ----------------------------------------------------------------------------- reverse


@lru_cache(maxsize=16)
def reverse_trajectory(dataset, seed, num_inference_steps=SCRUB_STEPS):
    """A recorded DDPM run of the shipped 2-D denoiser: every step, noise to x0."""
    recorder = diffusion.TrajectoryRecorder()
    sched = diffusion.make_scheduler(
        "ddpm", diffusion.schedule_2d(), num_inference_steps
    )
    g = torch.Generator().manual_seed(seed)
    noise = torch.randn(N_POINTS, 2, generator=g)
    diffusion.sample(model_2d(dataset), sched, noise, generator=g, recorder=recorder)
    return recorder.trajectory()


def _grid(lim, size=13):
    axis = torch.linspace(-lim, lim, size)
    gy, gx = torch.meshgrid(axis, axis, indexing="ij")
    return torch.stack([gx.flatten(), gy.flatten()], 1)  # (size*size, 2)


@torch.no_grad()
def denoiser_field(model, schedule, grid, t):
    """Where the denoiser would send each grid point: its x0 guess minus the point."""
    t = max(int(t), 0)
    eps = model(grid, torch.full((len(grid),), t))
    return diffusion.predict_original(schedule, eps, t, grid) - grid


class ReverseExplorer(Explorer):
    """Scrub (or Play) a precomputed reverse process; arrows: the denoiser's pull."""

    title = "Reverse process: from noise back to data (press ▶)"

    def make_controls(self):
        return {
            "dataset": W.Dropdown(options=DATASETS, value="moons", description="data"),
            "frame": W.IntSlider(0, 0, SCRUB_STEPS, description="step", style=STYLE),
            "field": W.Checkbox(True, description="denoiser arrows"),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }

    def make_buttons(self):
        self.play = W.Play(value=0, min=0, max=SCRUB_STEPS, step=1, interval=120)
        W.jslink((self.play, "value"), (self.controls["frame"], "value"))
        return [self.play]

    def compute(self, dataset, frame, field, seed):
        traj = reverse_trajectory(dataset, seed)
        t = traj.timesteps[frame]
        grid = vectors = None
        if field:
            grid = _grid(LIM[dataset])
            vectors = denoiser_field(model_2d(dataset), diffusion.schedule_2d(),
                                     grid, t)  # fmt: skip
        held, ref = _data(dataset, seed + 100), _data(dataset, seed + 200)
        x = traj.samples[frame]
        return {"dataset": dataset, "t": t, "frame": frame, "x": x,
                "x0": traj.pred_original[frame], "grid": grid, "field": vectors,
                "swd": metrics.swd_ratio(x, held, ref)}  # fmt: skip

    def render(self, s):
        return draw.reverse_frame(
            s["x"], s["x0"], _data(s["dataset"], 0), LIM[s["dataset"]], s["t"],
            s["grid"], s["field"],
        )  # fmt: skip

    def describe(self, s):
        where = "pure noise, " if s["frame"] == 0 else ""
        where += "finished: x0" if s["t"] < 0 else f"t = {s['t']}"
        return (
            f"{s['dataset']}: step {s['frame']}/{SCRUB_STEPS} ({where}); "
            f"SWD ratio to the data {s['swd']:.2f} (1.0 = as good as fresh real data)"
        )


@lru_cache(maxsize=64)
def _samples(dataset, sampler, steps, seed):
    sched = diffusion.make_scheduler(sampler, diffusion.schedule_2d(), steps)
    g = torch.Generator().manual_seed(seed)
    noise = torch.randn(N_POINTS, 2, generator=g)  # same noise for DDPM and DDIM
    return diffusion.sample(model_2d(dataset), sched, noise, generator=g)


class StepsExplorer(Explorer):
    """DDPM against DDIM from the same noise, with a chosen number of steps."""

    title = "How many steps? DDPM versus DDIM"

    def make_controls(self):
        return {
            "dataset": W.Dropdown(options=DATASETS, value="moons", description="data"),
            "steps": W.SelectionSlider(options=STEP_CHOICES, value=20,
                                       description="sampling steps", style=STYLE),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }  # fmt: skip

    def compute(self, dataset, steps, seed):
        held, ref = _data(dataset, seed + 100), _data(dataset, seed + 200)
        out = {"dataset": dataset, "steps": steps}
        for name in ("ddpm", "ddim"):
            x = _samples(dataset, name, steps, seed)
            out[name] = x
            out[f"swd_{name}"] = metrics.swd_ratio(x, held, ref)
        return out

    def render(self, s):
        lim = LIM[s["dataset"]]
        return draw.steps_comparison(
            s["ddpm"], s["ddim"], _data(s["dataset"], 0), lim, s["steps"]
        )

    def describe(self, s):
        return (
            f"{s['dataset']}, {s['steps']} steps ({s['steps']} network calls): "
            f"SWD ratio DDPM {s['swd_ddpm']:.2f}, DDIM {s['swd_ddim']:.2f} "
            "(1.0 = as good as fresh real data)"
        )


# ----------------------------------------------------------------------------- digits


@lru_cache(maxsize=1)
def digit_model():
    return diffusion.load_digit_model()


@lru_cache(maxsize=1)
def judge():
    return load_digit_classifier()


@lru_cache(maxsize=128)
def _digits(label, steps, guidance, seed, n=8):
    return diffusion.generate_digits(digit_model(), label, n, steps, guidance, seed)


def _label(prompt):
    """A digit word -> its class; an empty box -> None (no prompt: the null class)."""
    return None if not prompt.strip() else diffusion.parse_prompt(prompt)


def _word(label):
    return "(no prompt)" if label is None else f'"{data.DIGIT_WORDS[label]}"'


def _judged(images, label):
    """What the held-out classifier reads: hits for a prompt, a tally without one."""
    pred, _ = classify(judge(), images)
    if label is None:
        counts = torch.bincount(pred, minlength=10).tolist()
        return "judge reads " + " ".join(f"{k}×{c}" for k, c in enumerate(counts) if c)
    hits = int((pred == label).sum())
    return f"judge reads {hits}/{len(images)} as the digit {label}"


class PromptExplorer(Explorer):
    """Type a digit word, get images: text-to-image in miniature."""

    title = "Prompt → image (a digit word, e.g. seven)"

    def make_controls(self):
        prompt = W.Text("seven", description="prompt", continuous_update=False)
        prompt.presets = ["three", "0"]
        return {
            "prompt": prompt,
            "guidance": W.FloatSlider(2.0, min=0.0, max=8.0, step=0.5,
                                      description="guidance w", style=STYLE),
            "steps": W.IntSlider(20, 1, 50, description="DDIM steps", style=STYLE),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }  # fmt: skip

    def compute(self, prompt, guidance, steps, seed):
        label = _label(prompt)
        images = _digits(label, steps, guidance, seed)
        return {"label": label, "images": images, "guidance": guidance,
                "steps": steps, "hits": _judged(images, label)}  # fmt: skip

    def render(self, s):
        title = f"{_word(s['label'])}, w = {s['guidance']:g}"
        return draw.digit_rows({title: s["images"]})

    def describe(self, s):
        cls = "the null class" if s["label"] is None else f"class {s['label']}"
        return (
            f"prompt {_word(s['label'])} -> {cls}; {s['steps']} DDIM steps, "
            f"guidance w = {s['guidance']:g}: {s['hits']}"
        )


class SameNoiseExplorer(Explorer):
    """Two prompts from the very same starting noise: only the prompt differs."""

    title = "Same noise, two prompts"

    def make_controls(self):
        a = W.Text("one", description="prompt A", continuous_update=False)
        b = W.Text("seven", description="prompt B", continuous_update=False)
        a.presets, b.presets = ["zero"], ["eight"]
        return {
            "prompt_a": a,
            "prompt_b": b,
            "guidance": W.FloatSlider(2.0, min=0.0, max=8.0, step=0.5,
                                      description="guidance w", style=STYLE),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }  # fmt: skip

    def compute(self, prompt_a, prompt_b, guidance, seed):
        la, lb = _label(prompt_a), _label(prompt_b)
        a, b = _digits(la, 20, guidance, seed), _digits(lb, 20, guidance, seed)
        return {"labels": (la, lb), "images": (a, b), "guidance": guidance,
                "hits": (_judged(a, la), _judged(b, lb))}  # fmt: skip

    def render(self, s):
        (la, lb), (a, b) = s["labels"], s["images"]
        return draw.digit_rows({"A: " + _word(la): a, "B: " + _word(lb): b})

    def describe(self, s):
        (la, lb), (ha, hb) = s["labels"], s["hits"]
        return (
            f"the same 8 starting noises, guidance w = {s['guidance']:g}\n"
            f"A {_word(la)}: {ha}\nB {_word(lb)}: {hb}"
        )


@lru_cache(maxsize=64)
def digit_trajectory(label, steps, seed, guidance=2.0, n=4):
    """A recorded DDIM run for n images of one digit (model space [-1, 1])."""
    recorder = diffusion.TrajectoryRecorder()
    diffusion.generate_digits(
        digit_model(), label, n, steps, guidance, seed, recorder=recorder
    )
    return recorder.trajectory()


class DenoisingStripExplorer(Explorer):
    """Watch a few digits emerge from noise, one column per step."""

    title = "Denoising steps, left to right"

    def make_controls(self):
        prompt = W.Text("four", description="prompt", continuous_update=False)
        prompt.presets = ["nine"]
        return {
            "prompt": prompt,
            "steps": W.IntSlider(10, 2, 16, description="DDIM steps", style=STYLE),
            "show": W.ToggleButtons(options={"x_t": "x_t", "guess of x0": "x0"},
                                    value="x_t"),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
        }  # fmt: skip

    def compute(self, prompt, steps, show, seed):
        label = _label(prompt)
        traj = digit_trajectory(label, steps, seed)
        frames = traj.samples if show == "x_t" else traj.pred_original
        times = traj.timesteps
        return {"label": label, "frames": diffusion.to_pixels(frames),
                "timesteps": times, "show": show, "steps": steps}  # fmt: skip

    def render(self, s):
        return draw.denoising_strip(s["frames"], s["timesteps"])

    def describe(self, s):
        what = "x_t" if s["show"] == "x_t" else "the model's guess of x0"
        return (
            f"{_word(s['label'])}: {s['steps']} DDIM steps, showing "
            f"{what} from t = {s['timesteps'][0]} to the end"
        )
