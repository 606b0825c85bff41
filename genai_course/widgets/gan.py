"""GAN explorers: a GAN Lab-style 2-D playground and a digit latent-space walk."""

import math
from functools import lru_cache

import ipywidgets as W
import torch

from .. import data, gan, metrics
from ..renderers import gan as draw
from .base import Explorer

PRESETS = {
    "ring of 8": "ring",
    "5x5 grid": "grid",
    "two moons": "moons",
    "spiral": "spiral",
}
LIMITS = {"ring": 1.6, "grid": 5.5, "moons": 1.6, "spiral": 2.3}
SCALES = {"ring": 1.0, "grid": 4.0, "moons": 1.0, "spiral": 1.0}
STD = gan.PLAYGROUND["std"]  # spread of each ring / grid mode in the playground
STEPS_PER_TICK = 10  # training steps per Play tick: fast enough to redraw at once
N_SHOW, N_ARROWS, GRID = 384, 64, 32
LOSS_NAMES = {
    "non-saturating": "non_saturating",
    "minimax (original)": "minimax",
    "least squares": "least_squares",
    "WGAN-GP": "wgan_gp",
}


@lru_cache(maxsize=16)
def _dataset(preset, seed):
    n = gan.PLAYGROUND["n_real"]
    return data.sample_2d(preset, n, seed=seed, std=STD)  # (20000, 2)


@lru_cache(maxsize=8)
def _grid(lim):
    axis = torch.linspace(-lim, lim, GRID)
    gy, gx = torch.meshgrid(axis, axis, indexing="ij")
    return torch.stack([gx.flatten(), gy.flatten()], 1)  # (GRID*GRID, 2), rows = y


class GANLab(Explorer):
    """Train a 2-D GAN step by step and watch D's belief, G's pull and the losses."""

    title = "GAN playground: generator (orange) versus discriminator (purple = 'real')"

    def __init__(self, seed=0):
        self._trainer, self._key, self._play_seen = None, None, None
        super().__init__(seed=seed)

    def make_controls(self):
        style = {"description_width": "initial"}
        log = dict(base=10, min=-5, max=-1, step=0.25, readout_format=".0e")
        return {
            "play": W.Play(
                value=0, min=0, max=100_000, interval=150, description="play"
            ),
            "preset": W.Dropdown(options=PRESETS, value="ring", description="data"),
            "loss": W.Dropdown(
                options=LOSS_NAMES, value="non_saturating", description="loss"
            ),
            "lr_d": W.FloatLogSlider(value=1e-3, description="lr D", **log),
            "lr_g": W.FloatLogSlider(value=1e-3, description="lr G", **log),
            "k": W.IntSlider(1, 1, 5, description="D steps per G step", style=style),
            "noise_dim": W.IntSlider(2, 1, 8, description="noise dim", style=style),
            "pack": W.IntSlider(1, 1, 4, description="pack (PacGAN)", style=style),
            "seed": W.IntSlider(self.seed, 0, 9, description="seed"),
            "real": W.Checkbox(True, description="real", indent=False),
            "fake": W.Checkbox(True, description="fake", indent=False),
            "heatmap": W.Checkbox(True, description="D heat map", indent=False),
            "arrows": W.Checkbox(True, description="G arrows", indent=False),
            "curves": W.Checkbox(True, description="loss curves", indent=False),
        }

    def make_buttons(self):
        actions = {
            "step": lambda: self.trainer.step(),
            "D only": lambda: self.trainer.step_d(),
            "G only": lambda: self.trainer.step_g(),
            "+100 steps": lambda: [self.trainer.step() for _ in range(100)],
            "reset": self.reset,
        }
        buttons = []
        for label, action in actions.items():
            button = W.Button(description=label, layout=W.Layout(width="auto"))
            button.on_click(lambda _, act=action: self.act(act))
            buttons.append(button)
        return buttons

    # -- training state --------------------------------------------------------------
    @property
    def trainer(self):
        return self._trainer

    def act(self, action):
        """Run one training action (a button) unless training has diverged."""
        if action == self.reset or not self._trainer.diverged:
            action()
        self.refresh()

    def reset(self):
        self._key = None  # the next compute builds fresh networks

    def _ensure_trainer(self, preset, noise_dim, pack, seed, config):
        key = (preset, noise_dim, pack, seed)
        if key != self._key:
            hidden = gan.PLAYGROUND["hidden"]
            g, d = gan.make_2d(
                noise_dim, pack, hidden=hidden, scale=SCALES[preset], seed=seed
            )
            self._trainer = gan.GANTrainer(g, d, _dataset(preset, seed), config, seed)
            self._key = key
        else:
            self._trainer.configure(**vars(config))
        return self._trainer

    # -- explorer interface ----------------------------------------------------------
    def compute(self, play, preset, loss, lr_d, lr_g, k, noise_dim, pack, seed, **show):
        batch = gan.PLAYGROUND["batch_size"]
        config = gan.GANConfig(loss=loss, lr_d=lr_d, lr_g=lr_g, k=k, batch_size=batch)
        trainer = self._ensure_trainer(preset, noise_dim, pack, seed, config)
        if self._play_seen is not None and play != self._play_seen:
            for _ in range(STEPS_PER_TICK):  # one Play tick: a bounded burst
                if trainer.diverged:
                    break
                trainer.step()
        self._play_seen = play
        lim = LIMITS[preset]
        state = {"preset": preset, "lim": lim, "trainer": trainer, "show": show}
        state["config"] = config
        state["real"] = _dataset(preset, seed)[:N_SHOW]
        if trainer.diverged:
            state["message"] = (
                "Training diverged: a loss became NaN or infinite.\n"
                "Lower the learning rates, then press reset."
            )
            return state
        fake = trainer.sample(N_SHOW, seed=seed)
        state["fake"] = fake
        if show["heatmap"]:
            state["belief"] = gan.d_belief(trainer.D, _grid(lim), loss).view(GRID, GRID)
        if show["arrows"]:
            state["pull"] = gan.generator_pull(trainer.D, fake[:N_ARROWS], loss)
        if preset in ("ring", "grid"):
            centers = data.mode_centers(preset)
            state["centers"] = centers
            state["stats"] = metrics.mode_stats(fake, centers, STD)
        return state

    def render(self, s):
        show = s["show"]
        t = s["trainer"]
        return draw.gan_2d(
            s["lim"],
            real=s["real"] if show["real"] else None,
            fake=s.get("fake") if show["fake"] else None,
            belief=s.get("belief"),
            pull=s.get("pull") if show["fake"] else None,
            d_losses=t.d_losses[-2000:] if show["curves"] else None,
            g_losses=t.g_losses[-2000:] if show["curves"] else None,
            centers=s.get("centers"),
            message=s.get("message"),
            title=f"after {t.steps} G steps",
        )

    def describe(self, s):
        t, c = s["trainer"], s["config"]
        lines = [
            f"{s['preset']}: {t.steps} generator steps, {t.d_steps} discriminator "
            f"steps | loss {c.loss}, lr D {c.lr_d:.0e}, lr G {c.lr_g:.0e}, k {c.k}, "
            f"noise dim {t.G.noise_dim}, pack {t.pack}"
        ]
        if "message" in s:
            return lines[0] + "\n" + s["message"].replace("\n", " ")
        if t.d_losses:
            g = f"{t.g_losses[-1]:.3f}" if t.g_losses else "-"
            lines.append(f"last losses: D {t.d_losses[-1]:.3f}, G {g}")
        if "stats" in s:
            st = s["stats"]
            total = len(s["centers"])
            rkl = "inf" if math.isinf(st["rkl"]) else f"{st['rkl']:.2f}"
            lines.append(
                f"modes captured {st['modes']}/{total}, high quality "
                f"{st['hq_pct']:.0f}%, reverse KL {rkl} ({N_SHOW} samples)"
            )
        shown = [name for name, on in s["show"].items() if on]
        lines.append("layers: " + (", ".join(shown) if shown else "none"))
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _digit_models():
    from ..classifier import load_digit_classifier

    return gan.load_digit_gan(), load_digit_classifier()


class LatentWalk(Explorer):
    """Walk between two noise vectors of the digit generator: straight line or slerp."""

    title = "Latent space: slide from one generated digit to another"
    STEPS = 16

    def make_controls(self):
        return {
            "start": W.IntSlider(self.seed, 0, 99, description="start seed"),
            "end": W.IntSlider(self.seed + 1, 0, 99, description="end seed"),
            "position": W.IntSlider(0, 0, self.STEPS - 1, description="position"),
            "path": W.Dropdown(
                options={"straight line": "linear", "great circle": "slerp"},
                value="slerp",
                description="path",
            ),
        }

    def compute(self, start, end, position, path):
        model, judge = _digit_models()
        images = _walk(start, end, path, self.STEPS)
        pred, conf = _classify(start, end, path, self.STEPS, judge)
        return {
            "images": images,
            "position": position,
            "pred": pred,
            "conf": conf,
            "start": start,
            "end": end,
            "path": path,
        }

    def render(self, s):
        return draw.interpolation(s["images"], s["position"], s["pred"], s["conf"])

    def describe(self, s):
        i = s["position"]
        changes = sum(a != b for a, b in zip(s["pred"], s["pred"][1:]))
        return (
            f"seed {s['start']} -> seed {s['end']} along a {s['path']} path; step "
            f"{i}/{self.STEPS - 1}: the classifier reads a {s['pred'][i]} "
            f"({100 * s['conf'][i]:.0f}% sure); the label changes {changes} time(s) "
            "along the path"
        )


@lru_cache(maxsize=64)
def _walk(start, end, path, steps):
    model, _ = _digit_models()
    z = gan.interpolate(
        _noise(start, model.generator.noise_dim),
        _noise(end, model.generator.noise_dim),
        steps,
        path,
    )
    with torch.no_grad():
        return model.generator.eval()(z)  # (steps, 1, 8, 8)


@lru_cache(maxsize=64)
def _classify(start, end, path, steps, judge):
    from ..classifier import classify

    pred, conf = classify(judge, _walk(start, end, path, steps))
    return pred.tolist(), conf.tolist()


def _noise(seed, dim):
    return torch.randn(dim, generator=torch.Generator().manual_seed(seed))
