"""Generative adversarial networks: a generator and a discriminator in a feedback loop.

The generator G turns noise z into samples; the discriminator D scores samples, high
for real and low for fake. Each training step updates D to tell the two apart (k times)
and then G to fool D. `GANTrainer` keeps both networks, their optimisers and the loss
history, so training can be stepped (D only, G only, both), paused and resumed.
"""

import copy
from dataclasses import asdict, dataclass, replace

import torch
import torch.nn.functional as F
from torch import nn

from .training import train
from .validate import check_choice, check_float, check_int, check_tensor

LOSSES = ("minimax", "non_saturating", "least_squares", "wgan_gp")


# ----------------------------------------------------------------------------- losses


def d_loss(real_scores, fake_scores, loss="non_saturating"):
    """What D minimises, from its raw scores (logits) on real and fake batches."""
    check_choice("loss", loss, LOSSES)
    check_tensor("real_scores", real_scores, ndim=1)
    check_tensor("fake_scores", fake_scores, ndim=1)
    if loss == "least_squares":  # push real scores to 1 and fake scores to 0
        return 0.5 * ((real_scores - 1) ** 2).mean() + 0.5 * (fake_scores**2).mean()
    if loss == "wgan_gp":  # a critic: real scores up, fake scores down, no squashing
        return fake_scores.mean() - real_scores.mean()
    # -log D(x) - log(1 - D(G(z))) with D = sigmoid(score), written stably
    return F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()


def g_loss(fake_scores, loss="non_saturating"):
    """What G minimises, from D's raw scores on G's samples."""
    check_choice("loss", loss, LOSSES)
    check_tensor("fake_scores", fake_scores, ndim=1)
    if loss == "minimax":  # log(1 - D(G(z))): flat when D is sure, so G learns slowly
        return -F.softplus(fake_scores).mean()
    if loss == "least_squares":
        return 0.5 * ((fake_scores - 1) ** 2).mean()
    if loss == "wgan_gp":
        return -fake_scores.mean()
    return F.softplus(-fake_scores).mean()  # -log D(G(z)): steep while D is sure


def gradient_penalty(discriminator, real, fake, generator=None, pack=1):
    """WGAN-GP: (|grad D| - 1)^2 at random points between real and fake samples.

    With packing, the gradient of one score is over all `pack` samples it judged.
    """
    shape = (len(real),) + (1,) * (real.dim() - 1)
    mix = torch.rand(shape, generator=generator)
    x = (mix * real + (1 - mix) * fake).requires_grad_(True)
    (grad,) = torch.autograd.grad(discriminator(x).sum(), x, create_graph=True)
    norms = grad.reshape(len(x) // pack, -1).norm(dim=1)  # one per score
    return ((norms - 1) ** 2).mean()


# ----------------------------------------------------------------------------- networks


def _mlp(sizes, act):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(act())
    return nn.Sequential(*layers)


class MLPGenerator(nn.Module):
    """Noise (B, noise_dim) -> points (B, 2); `scale` is the data's rough size."""

    def __init__(self, noise_dim=2, hidden=128, depth=3, out_dim=2, scale=1.0):
        super().__init__()
        self.noise_dim = check_int("noise_dim", noise_dim, 1, 256)
        check_int("hidden", hidden, 1)
        check_int("depth", depth, 1)
        self.scale = check_float("scale", scale, 0, low_open=True)
        self.net = _mlp([noise_dim] + [hidden] * depth + [out_dim], nn.ReLU)

    def forward(self, z):
        check_tensor("z", z, shape=(None, self.noise_dim))
        return self.scale * self.net(z)  # the net works in units of ~1


class MLPDiscriminator(nn.Module):
    """Points (B, 2) -> scores (B // pack,).

    With pack > 1 (PacGAN) D judges `pack` samples at once, concatenated: a collapsed
    generator's packs look alike, which D spots and G is pushed to fix.
    """

    def __init__(self, in_dim=2, hidden=128, depth=3, pack=1, scale=1.0):
        super().__init__()
        self.in_dim = check_int("in_dim", in_dim, 1)
        self.pack = check_int("pack", pack, 1, 16)
        self.scale = check_float("scale", scale, 0, low_open=True)
        self.net = _mlp(
            [in_dim * pack] + [hidden] * depth + [1], lambda: nn.LeakyReLU(0.2)
        )

    def forward(self, x):
        check_tensor("x", x, shape=(None, self.in_dim))
        if len(x) % self.pack:
            raise ValueError(f"batch of {len(x)} is not a multiple of pack={self.pack}")
        x = x / self.scale
        return self.net(x.reshape(-1, self.in_dim * self.pack)).squeeze(1)


class ConvGenerator(nn.Module):
    """Noise (B, noise_dim) -> 8x8 images (B, 1, 8, 8) with pixels in [0, 1]."""

    def __init__(self, noise_dim=16, width=64):
        super().__init__()
        self.noise_dim = check_int("noise_dim", noise_dim, 1, 256)
        self.width = check_int("width", width, 4)
        self.fc = nn.Linear(noise_dim, 2 * width * 2 * 2)
        self.up1 = nn.ConvTranspose2d(2 * width, width, 4, 2, 1)  # 2x2 -> 4x4
        self.bn1 = nn.BatchNorm2d(width)
        self.up2 = nn.ConvTranspose2d(width, width // 2, 4, 2, 1)  # 4x4 -> 8x8
        self.bn2 = nn.BatchNorm2d(width // 2)
        self.out = nn.Conv2d(width // 2, 1, 3, padding=1)

    def forward(self, z):
        check_tensor("z", z, shape=(None, self.noise_dim))
        h = F.relu(self.fc(z)).view(len(z), 2 * self.width, 2, 2)  # (B, 2w, 2, 2)
        h = F.relu(self.bn1(self.up1(h)))  # (B, w, 4, 4)
        h = F.relu(self.bn2(self.up2(h)))  # (B, w/2, 8, 8)
        return torch.sigmoid(self.out(h))  # (B, 1, 8, 8)


class ConvDiscriminator(nn.Module):
    """Images (B, 1, 8, 8) -> scores (B // pack,); packed images become channels."""

    def __init__(self, width=64, pack=1):
        super().__init__()
        self.pack = check_int("pack", pack, 1, 16)
        width = check_int("width", width, 4)
        self.conv1 = nn.Conv2d(pack, width, 3, 2, 1)  # 8x8 -> 4x4
        self.conv2 = nn.Conv2d(width, 2 * width, 3, 2, 1)  # 4x4 -> 2x2
        self.fc = nn.Linear(2 * width * 2 * 2, 1)

    def forward(self, x):
        check_tensor("x", x, shape=(None, 1, 8, 8))
        if len(x) % self.pack:
            raise ValueError(f"batch of {len(x)} is not a multiple of pack={self.pack}")
        h = x.reshape(-1, self.pack, 8, 8)  # (B/pack, pack, 8, 8)
        h = F.leaky_relu(self.conv1(h), 0.2)  # (B/pack, w, 4, 4)
        h = F.leaky_relu(self.conv2(h), 0.2)  # (B/pack, 2w, 2, 2)
        return self.fc(h.flatten(1)).squeeze(1)


class GAN(nn.Module):
    """A generator and a discriminator kept together (one checkpoint holds both)."""

    def __init__(self, generator, discriminator):
        super().__init__()
        self.generator, self.discriminator = generator, discriminator

    @torch.no_grad()
    def sample(self, n, seed=0):
        """n samples from fixed-seed noise (the generator in eval mode)."""
        return sample(self.generator, n, seed)


@torch.no_grad()
def sample(generator, n, seed=0):
    """n samples from G, with noise drawn from a seeded torch.Generator."""
    n = check_int("n", n, 1)
    z = torch.randn(n, generator.noise_dim, generator=_rng(seed))
    was_training = generator.training
    generator.eval()
    out = generator(z)
    generator.train(was_training)
    return out


def interpolate(z0, z1, steps, path="slerp"):
    """`steps` noise vectors from z0 to z1 (D,): a straight line or a great circle.

    Gaussian noise lives near a sphere of radius sqrt(D); the straight line's middle
    dips inside it, to noise G rarely saw. The great circle (slerp) stays on it.
    """
    check_tensor("z0", z0, ndim=1)
    check_tensor("z1", z1, shape=(len(z0),))
    steps = check_int("steps", steps, 2)
    check_choice("path", path, ("linear", "slerp"))
    t = torch.linspace(0, 1, steps)[:, None]  # (steps, 1)
    if path == "linear":
        return (1 - t) * z0 + t * z1  # (steps, D)
    cos = (z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1 + 1e-6, 1 - 1e-6)
    omega = torch.acos(cos)
    if omega < 1e-4:
        return (1 - t) * z0 + t * z1
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / omega.sin()


def _rng(seed):
    return torch.Generator().manual_seed(check_int("seed", seed, 0))


def d_belief(discriminator, points, loss="non_saturating"):
    """D's "this is real" for points (N, 2), as a number in [0, 1] for display.

    A packed D judges `pack` samples at once; here each point is packed with copies
    of itself. A WGAN critic's score has no scale, so it is standardised first.
    """
    check_choice("loss", loss, LOSSES)
    pack = getattr(discriminator, "pack", 1)
    with torch.no_grad():
        scores = discriminator(points.repeat_interleave(pack, dim=0))  # (N,)
    if loss == "least_squares":
        return scores.clamp(0, 1)
    if loss == "wgan_gp":
        return torch.sigmoid((scores - scores.mean()) / (scores.std() + 1e-8))
    return torch.sigmoid(scores)


def generator_pull(discriminator, fake, loss="non_saturating"):
    """-d(G's loss)/d(sample) for fakes (N, 2): where each fake is pushed to move."""
    check_tensor("fake", fake, ndim=2)
    x = fake.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(g_loss(discriminator(x), loss) * len(x), x)
    return -grad  # (N, 2)


# ----------------------------------------------------------------------------- training


@dataclass
class GANConfig:
    """Every training knob in one place."""

    loss: str = "non_saturating"
    lr_d: float = 1e-3
    lr_g: float = 1e-3
    k: int = 1  # discriminator steps per generator step
    batch_size: int = 256
    gp_weight: float = 0.1  # WGAN-GP penalty weight (only used by "wgan_gp")
    beta1: float = 0.5  # Adam's momentum: 0.5 is the GAN custom (Radford et al.)

    def validate(self):
        check_choice("loss", self.loss, LOSSES)
        check_float("lr_d", self.lr_d, 0, 1, low_open=True)
        check_float("lr_g", self.lr_g, 0, 1, low_open=True)
        check_int("k", self.k, 1, 100)
        check_int("batch_size", self.batch_size, 1)
        check_float("gp_weight", self.gp_weight, 0)
        check_float("beta1", self.beta1, 0, 1, high_open=True)
        return self


class GANTrainer:
    """G, D, their optimisers and the loss history; step D, G or both, and resume.

    data: a tensor of real samples (N, ...) to draw batches from.
    """

    def __init__(self, generator, discriminator, data, config=None, seed=0):
        if not isinstance(generator, nn.Module) or not isinstance(
            discriminator, nn.Module
        ):
            raise TypeError("generator and discriminator must be nn.Modules")
        check_tensor("data", data)
        self.gan = GAN(generator, discriminator)
        self.G, self.D, self.data = generator, discriminator, data
        self.config = (config or GANConfig()).validate()
        self.pack = getattr(discriminator, "pack", 1)
        if self.config.batch_size % self.pack:
            raise ValueError(
                f"batch_size {self.config.batch_size} must be a multiple of "
                f"the discriminator's pack={self.pack}"
            )
        betas = (self.config.beta1, 0.999)
        self.opt_d = torch.optim.Adam(
            discriminator.parameters(), self.config.lr_d, betas
        )
        self.opt_g = torch.optim.Adam(generator.parameters(), self.config.lr_g, betas)
        self.rng = _rng(seed)
        self.steps = 0  # generator steps taken
        self.d_steps = 0
        self.d_losses, self.g_losses = [], []  # one entry per D / G update
        self.diverged = False

    # -- settings that may change between steps ------------------------------------
    def configure(self, **changes):
        """Change loss, learning rates, k ... for the next steps (validated)."""
        unknown = set(changes) - set(asdict(self.config))
        if unknown:
            raise ValueError(
                f"unknown setting(s) {sorted(unknown)}; "
                f"expected some of {sorted(asdict(self.config))}"
            )
        config = replace(self.config, **changes).validate()
        if config.batch_size % self.pack:
            raise ValueError(f"batch_size must be a multiple of pack={self.pack}")
        self.config = config
        for opt, lr in ((self.opt_d, config.lr_d), (self.opt_g, config.lr_g)):
            for group in opt.param_groups:
                group["lr"] = lr
        return self

    # -- one update of each network --------------------------------------------------
    def real_batch(self):
        idx = torch.randint(
            len(self.data), (self.config.batch_size,), generator=self.rng
        )
        return self.data[idx]

    def noise(self, n=None):
        n = self.config.batch_size if n is None else n
        return torch.randn(n, self.G.noise_dim, generator=self.rng)

    def step_d(self):
        """One discriminator update on a real and a fake batch; returns its loss."""
        cfg = self.config
        real = self.real_batch()
        with torch.no_grad():
            fake = self.G(self.noise())
        loss = d_loss(self.D(real), self.D(fake), cfg.loss)
        if cfg.loss == "wgan_gp" and cfg.gp_weight > 0:
            loss = loss + cfg.gp_weight * gradient_penalty(
                self.D, real, fake, self.rng, self.pack
            )
        return self._update(self.opt_d, loss, self.d_losses, "d")

    def step_g(self):
        """One generator update against the current discriminator; returns its loss."""
        loss = g_loss(self.D(self.G(self.noise())), self.config.loss)
        return self._update(self.opt_g, loss, self.g_losses, "g")

    def step(self):
        """k discriminator updates, then one generator update: (d_loss, g_loss)."""
        d = None
        for _ in range(self.config.k):
            d = self.step_d()
            if self.diverged:
                return d, float("nan")
        return d, self.step_g()

    def _update(self, opt, loss, history, which):
        if self.diverged:
            raise RuntimeError(
                "training diverged (a loss became NaN or infinite); build a new "
                "trainer, with smaller learning rates"
            )
        value = loss.item()
        history.append(value)
        if not torch.isfinite(loss):
            self.diverged = True
            return value
        opt.zero_grad(set_to_none=True)
        self.D.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if which == "d":
            self.d_steps += 1
        else:
            self.steps += 1
        if not all(torch.isfinite(p).all() for p in self.gan.parameters()):
            self.diverged = True
        return value

    def train(self, steps=None, seconds=None, progress=True, callback=None, every=100):
        """Run `step()` for a step and/or time budget; callback(self) every `every`."""
        every = check_int("every", every, 1)

        def one(i):
            d, g = self.step()
            if callback is not None and self.steps % every == 0:
                callback(self)
            return d + g

        return train(one, steps=steps, seconds=seconds, desc="GAN", progress=progress)

    def sample(self, n, seed=0):
        return sample(self.G, n, seed)

    # -- pause and resume ------------------------------------------------------------
    def state_dict(self):
        """Everything needed to resume: networks, optimisers, counters, history, rng.

        A copy: training on does not change a state saved earlier.
        """
        return copy.deepcopy(
            {
                "gan": self.gan.state_dict(),
                "opt_d": self.opt_d.state_dict(),
                "opt_g": self.opt_g.state_dict(),
                "config": asdict(self.config),
                "steps": self.steps,
                "d_steps": self.d_steps,
                "d_losses": list(self.d_losses),
                "g_losses": list(self.g_losses),
                "rng": self.rng.get_state(),
            }
        )

    def load_state_dict(self, state):
        self.gan.load_state_dict(state["gan"])
        self.opt_d.load_state_dict(state["opt_d"])
        self.opt_g.load_state_dict(state["opt_g"])
        self.configure(**state["config"])
        self.steps, self.d_steps = state["steps"], state["d_steps"]
        self.d_losses, self.g_losses = list(state["d_losses"]), list(state["g_losses"])
        self.rng.set_state(state["rng"])
        self.diverged = False
        return self


# ----------------------------------------------------------------------------- recipes


def make_2d(noise_dim=2, pack=1, hidden=128, depth=3, scale=1.0, seed=0):
    """A 2-D generator and discriminator pair, initialised from `seed`."""
    torch.manual_seed(check_int("seed", seed, 0))
    g = MLPGenerator(noise_dim, hidden, depth, scale=scale)
    return g, MLPDiscriminator(2, hidden, depth, pack, scale=scale)


def make_digits(noise_dim=16, pack=1, seed=0):
    """A convolutional pair for 8x8 digits, initialised from `seed`."""
    torch.manual_seed(check_int("seed", seed, 0))
    return ConvGenerator(noise_dim), ConvDiscriminator(pack=pack)


# PacGAN's mixtures. Packing: 2 on the ring (as PacGAN2). On the grid our short runs
# did better unpacked (seed 0, 12k steps, high quality: pack 1 91%, 2 47%, 4 8%).
MIXTURES = {
    "ring": {"std": 0.01, "scale": 1.0, "pack": 2, "steps": 15000, "hidden": 128},
    "grid": {"std": 0.05, "scale": 4.0, "pack": 1, "steps": 24000, "hidden": 128},
}
LR_PHASES = ((0.6, 1e-3), (0.25, 3e-4), (0.15, 1e-4))  # (share of steps, lr)


def train_mixture(
    name, seed=0, steps=None, seconds=None, progress=False, batch_size=256, **spec
):
    """PacGAN's 2-D benchmark: a GAN on the ring or the grid, with lr decay.

    Returns (trainer, seconds used). Learning rates step down twice, so the last
    steps refine the modes instead of hopping between them. With `seconds`, each
    phase stops at its share of the time too (a slow machine does fewer steps).
    """
    import time

    from .data import sample_2d

    check_choice("mixture", name, MIXTURES)
    spec = {**MIXTURES[name], **spec}  # e.g. pack=1 for a plain GAN
    steps = check_int("steps", spec["steps"] if steps is None else steps, 1)
    g, d = make_2d(2, spec["pack"], spec["hidden"], scale=spec["scale"], seed=seed)
    real = sample_2d(name, 50_000, seed=seed + 1000, std=spec["std"])
    trainer = GANTrainer(g, d, real, GANConfig(batch_size=batch_size), seed=seed)
    start = time.perf_counter()
    for share, lr in LR_PHASES:  # with a time budget, each phase gets its share of it
        trainer.configure(lr_d=lr, lr_g=lr)
        budget = None if seconds is None else share * seconds
        trainer.train(
            steps=max(1, round(share * steps)), seconds=budget, progress=progress
        )
        if trainer.diverged:
            break
    return trainer, time.perf_counter() - start


# The playground's recipe (notebook 04's explorer and its packing comparison).
PLAYGROUND = {"hidden": 64, "batch_size": 128, "std": 0.05, "n_real": 20_000}


def playground_trainer(name="ring", seed=0, pack=1, noise_dim=2, scale=1.0):
    """An untrained GANTrainer with the playground's recipe on a 2-D data set."""
    from .data import sample_2d

    g, d = make_2d(noise_dim, pack, PLAYGROUND["hidden"], scale=scale, seed=seed)
    real = sample_2d(name, PLAYGROUND["n_real"], seed=seed, std=PLAYGROUND["std"])
    config = GANConfig(batch_size=PLAYGROUND["batch_size"])
    return GANTrainer(g, d, real, config, seed=seed)


DIGIT_CHECKPOINT = "digit_gan"
DIGIT_CONFIG = GANConfig(loss="non_saturating", lr_d=1e-3, lr_g=1e-3, batch_size=64)
DIGIT_PACK = 2


def train_digits(
    steps=None, seconds=None, seed=0, progress=True, callback=None, every=100
):
    """A GANTrainer for the digits, trained for a step and/or time budget."""
    from .data import load_digits

    g, d = make_digits(pack=DIGIT_PACK, seed=seed)
    trainer = GANTrainer(g, d, load_digits().x_train, DIGIT_CONFIG, seed=seed)
    trainer.train(steps, seconds, progress=progress, callback=callback, every=every)
    return trainer


def pretrain_digits():
    """The recipe behind data/checkpoints/digit_gan.pt."""
    return train_digits(steps=DIGIT_PRETRAIN_STEPS, seed=0, progress=False).gan.eval()


DIGIT_PRETRAIN_STEPS = 16000


def load_digit_gan():
    """The shipped digit GAN (G and D), or a freshly trained one without it."""
    from .checkpoints import load_or_train

    gan = GAN(*make_digits(pack=DIGIT_PACK, seed=0))

    def fit(model):
        model.load_state_dict(pretrain_digits().state_dict())

    return load_or_train(DIGIT_CHECKPOINT, gan, fit).eval()


# -------------------------------------------------------------------------- detection

DETECTOR_STEPS = 1000  # D-only updates that train a dedicated fake detector
FORGER_STEPS = 50  # G-only updates that tune the generator against that detector


def realness(discriminator, images):
    """D's P(real) per pack of images (N // pack,); a partial last pack is dropped."""
    n = len(images) - len(images) % discriminator.pack
    with torch.no_grad():
        return torch.sigmoid(discriminator(images[:n]))


def detector_rates(discriminator, real, fake, threshold=0.5):
    """Shares of real packs called real, of fake packs called fake, and their mean."""
    real_ok = (realness(discriminator, real) >= threshold).float().mean().item()
    fake_ok = (realness(discriminator, fake) < threshold).float().mean().item()
    return {"real": real_ok, "fake": fake_ok, "balanced": (real_ok + fake_ok) / 2}


def detector_duel(generator, real, seed=0):
    """A copy of a digit G (the forger) and a fresh one-image detector, in one trainer.

    `step_d()` trains only the detector, `step_g()` only the forger; the original G is
    left alone. The forger stays in eval mode, as when it draws samples.
    """
    forger = copy.deepcopy(generator).eval()
    torch.manual_seed(check_int("seed", seed, 0))
    detector = ConvDiscriminator(pack=1)
    return GANTrainer(forger, detector, real, DIGIT_CONFIG, seed=seed)
