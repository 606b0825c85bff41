"""A held-out digit classifier: the judge of what the GAN and diffusion draw."""

import torch
import torch.nn.functional as F
from torch import nn

from .checkpoints import load_or_train
from .data import load_digits
from .training import train
from .validate import check_tensor

CHECKPOINT = "digit_classifier"


class DigitClassifier(nn.Module):
    """A small CNN for 8x8 digits with pixels in [0, 1]."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(32 * 4 * 4, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):  # x: (B, 1, 8, 8) -> logits (B, 10)
        check_tensor("x", x, shape=(None, 1, 8, 8))
        h = F.relu(self.conv1(x))  # (B, 16, 8, 8)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)  # (B, 32, 4, 4)
        return self.fc2(F.relu(self.fc1(h.flatten(1))))


def fit(model, steps=800, seed=0, progress=False):
    """Train on the fixed training split with a little shift augmentation."""
    digits = load_digits()
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)

    def step(_):
        idx = torch.randint(len(digits.y_train), (64,), generator=g)
        x = digits.x_train[idx]
        shift = torch.randint(-1, 2, (2,), generator=g).tolist()
        x = torch.roll(x, shifts=shift, dims=(2, 3))  # tolerate off-centre strokes
        loss = F.cross_entropy(model(x), digits.y_train[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    train(step, steps=steps, desc="digit classifier", progress=progress)
    return model.eval()


def pretrain():
    """The recipe behind data/checkpoints/digit_classifier.pt."""
    torch.manual_seed(0)
    return fit(DigitClassifier())


def load_digit_classifier():
    """The shipped classifier (or a freshly trained one without the checkpoint)."""
    torch.manual_seed(0)
    model = load_or_train(CHECKPOINT, DigitClassifier(), fit)
    return model.eval()


@torch.no_grad()
def classify(model, images):
    """Predicted class (B,) and its probability (B,) for images (B, 1, 8, 8)."""
    check_tensor("images", images, shape=(None, 1, 8, 8))
    probs = model(images.clamp(0, 1)).softmax(-1)
    confidence, pred = probs.max(-1)
    return pred, confidence


@torch.no_grad()
def accuracy(model, images, labels):
    """Fraction of `images` classified as `labels`."""
    pred, _ = classify(model, images)
    return (pred == labels).float().mean().item()
