"""Fake detection: a classifier trained on real versus generated digits, and its limits.

`train_detector` fits a small CNN (`FakeDetector`) on real digits versus fakes from
one generator; `digit_experiment` builds what the course measures: fresh fakes from
the digit GAN and the digit diffusion model, the detector, and the GAN's own
discriminator.
"""

from dataclasses import dataclass

import torch

from . import data as data_mod
from .validate import check_int, check_tensor

TRAINING_FAKES = 1000  # GAN fakes the detector learns from


class FakeDetector(torch.nn.Module):
    """A small CNN that scores 8x8 digits: a positive logit means "real"."""

    def __init__(self, width=16):
        super().__init__()
        width = check_int("width", width, 1)
        self.conv1 = torch.nn.Conv2d(1, width, 3, padding=1)  # (B, w, 8, 8)
        self.conv2 = torch.nn.Conv2d(width, 2 * width, 3, stride=2, padding=1)
        self.fc = torch.nn.Linear(2 * width * 4 * 4, 1)

    def forward(self, x):  # x: (B, 1, 8, 8) in [0, 1] -> logits (B,)
        check_tensor("x", x, shape=(None, 1, 8, 8))
        h = torch.nn.functional.leaky_relu(self.conv1(x), 0.2)
        h = torch.nn.functional.leaky_relu(self.conv2(h), 0.2)  # (B, 2w, 4, 4)
        return self.fc(h.flatten(1)).squeeze(1)


def train_detector(real, fake, steps=300, seed=0, progress=True):
    """Train a FakeDetector on real (N, 1, 8, 8) versus fake (M, 1, 8, 8) images."""
    from .training import train

    check_tensor("real", real, shape=(None, 1, 8, 8))
    check_tensor("fake", fake, shape=(None, 1, 8, 8))
    torch.manual_seed(check_int("seed", seed, 0))
    g = torch.Generator().manual_seed(seed)
    model = FakeDetector()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    x = torch.cat([real, fake]).detach()
    y = torch.cat([torch.ones(len(real)), torch.zeros(len(fake))])

    def step(_):
        idx = torch.randint(len(x), (64,), generator=g)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            model(x[idx]), y[idx]
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    train(step, steps=steps, desc="fake detector", progress=progress)
    return model.eval()


@torch.no_grad()
def belief_real(detector, images):
    """A detector's probability (N,) that each image is real."""
    check_tensor("images", images, shape=(None, 1, 8, 8))
    pack = getattr(detector, "pack", 1)  # a packed GAN discriminator: pack copies
    return torch.sigmoid(detector(images.repeat_interleave(pack, dim=0)))


@torch.no_grad()
def generate_digit_batch(model, labels, seed=0, num_inference_steps=20, guidance=2.0):
    """Digits (N, 1, 8, 8) in [0, 1] from the class-conditional denoiser, one per label.

    The same DDIM sampler and guidance as diffusion.generate_digits, for mixed labels.
    """
    from . import diffusion

    check_tensor("labels", labels, ndim=1, dtype_kind="int")
    scheduler = diffusion.make_scheduler(
        "ddim", diffusion.schedule_digits(), num_inference_steps, clip_sample=True
    )
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    noise = torch.randn(len(labels), 1, 8, 8, generator=g)
    x = diffusion.sample(model, scheduler, noise, labels, guidance, g)
    return diffusion.to_pixels(x)


@dataclass
class DigitExperiment:
    """Generated digits from both image models, and a fake detector, for section 3."""

    digits: object  # data.Digits
    gan_images: torch.Tensor  # (n, 1, 8, 8) fresh GAN samples
    diffusion_images: torch.Tensor  # (n, 1, 8, 8), n // 10 of each digit
    detector: torch.nn.Module  # trained on real versus GAN fakes only
    discriminator: torch.nn.Module  # the digit GAN's own discriminator


_EXPERIMENTS = {}


def digit_experiment(n=60, detector_steps=1000, seed=0, progress=False):
    """Build (once per process, then cached) everything section 3 measures.

    The detector learns real training digits versus TRAINING_FAKES GAN fakes; the
    GAN and diffusion samples it is tested on are fresh (other seeds).
    """
    from . import diffusion, gan

    key = (
        check_int("n", n, 10, 10_000),
        check_int("detector_steps", detector_steps, 1),
        check_int("seed", seed, 0),
    )
    if key in _EXPERIMENTS:
        return _EXPERIMENTS[key]
    digits = data_mod.load_digits()
    digit_gan = gan.load_digit_gan()
    training_fakes = gan.sample(digit_gan.generator, TRAINING_FAKES, seed=seed + 1)
    detector = train_detector(
        digits.x_train, training_fakes, detector_steps, seed, progress
    )
    labels = torch.arange(n) % 10
    exp = DigitExperiment(
        digits=digits,
        gan_images=gan.sample(digit_gan.generator, n, seed=seed + 2),
        diffusion_images=generate_digit_batch(
            diffusion.load_digit_model(), labels, seed=seed
        ),
        detector=detector,
        discriminator=digit_gan.discriminator,
    )
    _EXPERIMENTS[key] = exp
    return exp
