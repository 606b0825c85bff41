"""Every data set the course uses, all local: corpora, digits, 2-D toys, a photo."""

import hashlib
import math
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .runtime import DATA_DIR
from .validate import check_choice, check_float, check_int

SHAKESPEARE_DIR = DATA_DIR / "shakespeare"
SHAKESPEARE_FILE = SHAKESPEARE_DIR / "shakespeare.txt"
TEXT_SHA256 = "a74b54d1ef1dc44be145d3c93068267ab7beba0c7045a7b6a844b83ed5d7054f"
PREPARE_HINT = (
    "run `python -m genai_course.prepare` once while online "
    "(the README's set-up commands do this)"
)
VAL_FRACTION = 0.1

# The "tiny Copilot" corpus: a fixed list of pure-Python standard-library modules.
PYTHON_MODULES = (
    "abc",
    "argparse",
    "ast",
    "base64",
    "bisect",
    "calendar",
    "cmd",
    "codecs",
    "collections",
    "colorsys",
    "configparser",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "difflib",
    "dis",
    "enum",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "getopt",
    "gettext",
    "glob",
    "gzip",
    "heapq",
    "hmac",
    "html",
    "inspect",
    "ipaddress",
    "json",
    "logging",
    "mailbox",
    "numbers",
    "operator",
    "optparse",
    "pathlib",
    "pickle",
    "pprint",
    "queue",
    "quopri",
    "random",
    "re",
    "sched",
    "secrets",
    "selectors",
    "shlex",
    "shutil",
    "socketserver",
    "statistics",
    "string",
    "tabnanny",
    "tarfile",
    "textwrap",
    "threading",
    "timeit",
    "tokenize",
    "trace",
    "traceback",
    "types",
    "typing",
    "uuid",
    "warnings",
    "wave",
    "weakref",
    "zipfile",
)


@dataclass(frozen=True)
class Corpus:
    """A text corpus with a fixed split: first 90% to train, last 10% to validate."""

    name: str
    text: str
    train: str
    val: str


def load_corpus(name="shakespeare"):
    """ "shakespeare", "python", or a path to a UTF-8 text file -> Corpus."""
    if isinstance(name, Path) or (isinstance(name, str) and name not in _CORPORA):
        return _split(str(name), _read_text_file(Path(name)))
    if not isinstance(name, str):
        raise TypeError(f"corpus name must be a str or Path, got {type(name).__name__}")
    return _split(name, _CORPORA[name]())


def _split(name, text):
    cut = int(len(text) * (1 - VAL_FRACTION))
    return Corpus(name=name, text=text, train=text[:cut], val=text[cut:])


def _read_text_file(path):
    if not path.is_file():
        raise ValueError(
            f"no corpus named {str(path)!r}: expected 'shakespeare', 'python' "
            "or the path to a UTF-8 text file"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start})")
    if len(text) < 100:
        raise ValueError(f"{path} holds {len(text)} characters; a corpus needs >= 100")
    return text


def _shakespeare():
    if not SHAKESPEARE_FILE.is_file():
        raise FileNotFoundError(
            f"The Shakespeare corpus is not prepared: {SHAKESPEARE_FILE} is missing. "
            f"To fix it, {PREPARE_HINT}. Offline, use load_corpus('python') instead."
        )
    data = SHAKESPEARE_FILE.read_bytes()
    if hashlib.sha256(data).hexdigest() != TEXT_SHA256:
        raise ValueError(
            f"{SHAKESPEARE_FILE} does not match its SHA-256 (edited or truncated). "
            "To fix it, run `python -m genai_course.prepare --force`."
        )
    return data.decode("utf-8")


def _python_source():
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    parts = []
    for module in PYTHON_MODULES:  # read the files: some modules are frozen in memory
        path = stdlib / f"{module}.py"
        if not path.is_file():
            path = stdlib / module / "__init__.py"
        if path.is_file():
            parts.append(f"# ---- {module} ----\n" + path.read_text("utf-8"))
    if not parts:
        raise FileNotFoundError(f"no standard-library sources under {stdlib}")
    return "\n".join(parts)


_CORPORA = {"shakespeare": _shakespeare, "python": _python_source}


# ----------------------------------------------------------------------------- digits


@dataclass(frozen=True)
class Digits:
    """scikit-learn's 8x8 handwritten digits, pixels in [0, 1], with a fixed split."""

    x_train: torch.Tensor  # (N_train, 1, 8, 8)
    y_train: torch.Tensor  # (N_train,) int64 in 0..9
    x_test: torch.Tensor  # (N_test, 1, 8, 8)
    y_test: torch.Tensor  # (N_test,)


DIGIT_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
)


def load_digits(test_fraction=0.2):
    """The 1,797 digits shuffled once (seed 0); the last `test_fraction` held out."""
    from sklearn.datasets import load_digits as sk_load_digits

    check_float("test_fraction", test_fraction, 0, 1, low_open=True, high_open=True)
    raw = sk_load_digits()
    x = torch.tensor(raw.images, dtype=torch.float32).unsqueeze(1) / 16.0  # (N,1,8,8)
    y = torch.tensor(raw.target, dtype=torch.int64)
    order = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
    x, y = x[order], y[order]
    cut = len(y) - int(round(len(y) * test_fraction))
    return Digits(x[:cut], y[:cut], x[cut:], y[cut:])


# ----------------------------------------------------------------------------- 2-D toys

TOY_2D = ("ring", "grid", "moons", "spiral", "swiss_roll", "checkerboard")
DEFAULT_STD = {
    "ring": 0.05,
    "grid": 0.05,
    "moons": 0.05,
    "spiral": 0.05,
    "swiss_roll": 0.05,
    "checkerboard": 0.0,
}


def mode_centers(name, radius=1.0):
    """Centres of the Gaussian modes of "ring" (8 on a circle) or "grid" (5x5)."""
    check_choice("mixture", name, ("ring", "grid"))
    if name == "ring":
        angles = torch.arange(8) * (2 * math.pi / 8)
        return radius * torch.stack([angles.cos(), angles.sin()], dim=1)  # (8, 2)
    axis = torch.tensor([-4.0, -2.0, 0.0, 2.0, 4.0])
    gx, gy = torch.meshgrid(axis, axis, indexing="xy")
    return torch.stack([gx.flatten(), gy.flatten()], dim=1)  # (25, 2)


def sample_2d(name, n, seed=0, std=None, labels=False):
    """n points (n, 2) from a named 2-D toy; labels=True adds (n,) component ids."""
    check_choice("2-D distribution", name, TOY_2D)
    n = check_int("n", n, 1, 10_000_000)
    seed = check_int("seed", seed, 0)
    std = DEFAULT_STD[name] if std is None else check_float("std", std, 0)
    g = torch.Generator().manual_seed(seed)
    x, y = _TOYS[name](n, g)
    x = x + std * torch.randn(n, 2, generator=g)
    return (x, y) if labels else x


def _mixture(centers, n, g):
    y = torch.randint(len(centers), (n,), generator=g)
    return centers[y].clone(), y


def _ring(n, g):
    return _mixture(mode_centers("ring"), n, g)


def _grid(n, g):
    return _mixture(mode_centers("grid"), n, g)


def _moons(n, g):
    y = torch.randint(2, (n,), generator=g)
    t = torch.rand(n, generator=g) * math.pi
    upper = torch.stack([t.cos(), t.sin()], 1)
    lower = torch.stack([1 - t.cos(), 0.5 - t.sin()], 1)
    x = torch.where(y[:, None] == 0, upper, lower) - torch.tensor([0.5, 0.25])
    return x, y


def _spiral(n, g):
    y = torch.randint(2, (n,), generator=g)
    t = torch.rand(n, generator=g).sqrt() * 3 * math.pi  # denser near the centre
    angle = t + math.pi * y
    return torch.stack([angle.cos(), angle.sin()], 1) * (t / (1.5 * math.pi))[
        :, None
    ], y


def _swiss_roll(n, g):
    u = torch.rand(n, generator=g)
    t = 1.5 * math.pi * (1 + 2 * u)
    x = torch.stack([t * t.cos(), t * t.sin()], 1) / 5
    return x, (u * 4).long().clamp(max=3)  # label: which quarter of the roll


def _checkerboard(n, g):
    cell = torch.randint(8, (n,), generator=g)  # 8 dark squares of a 4x4 board
    row = cell // 2
    col = 2 * (cell % 2) + (row % 2)
    corner = torch.stack([col, row], 1).float() - 2  # squares span [-2, 2]^2
    return corner + torch.rand(n, 2, generator=g), cell


_TOYS = {
    "ring": _ring,
    "grid": _grid,
    "moons": _moons,
    "spiral": _spiral,
    "swiss_roll": _swiss_roll,
    "checkerboard": _checkerboard,
}


# ----------------------------------------------------------------------------- photo


def load_photo(size=64):
    """Grace Hopper from matplotlib's sample data, grayscale (size, size) in [0, 1]."""
    from matplotlib import cbook
    from PIL import Image

    size = check_int("size", size, 8, 512)
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        img = Image.open(f).convert("L")
        side = min(img.size)
        img = img.crop((0, 0, side, side)).resize((size, size), Image.LANCZOS)
        pixels = torch.from_numpy(np.asarray(img, dtype=np.float32))
    return pixels / 255.0  # (size, size)
