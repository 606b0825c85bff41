"""The capstone's tools: compare generators fairly, tokenise points, find near copies.

- `CoordinateTokenizer` turns 2-D points into tokens (a bin for x, then one for y),
  so a transformer can model points the way it models text.
- `compare` runs engines on the same data and measures quality (SWD ratio),
  diversity (modes captured) and speed (samples per second); `engines()` gives the
  course's GAN, diffusion model and coordinate GPT, trained on the same ring.
- "A tiny Copilot": a GPT on Python source, and `code_report` on what it gets right.
- `nearest_neighbours` and `memorisation` look for generated samples that are near
  copies of training examples; `FakeDetector` and `digit_experiment` test detection.
"""

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import torch

from . import data as data_mod
from .metrics import mode_stats, sliced_wasserstein
from .validate import check_choice, check_float, check_int, check_tensor

# ----------------------------------------------------------------------------- tokens


class CoordinateTokenizer:
    """2-D points <-> pairs of bin ids over [-lim, lim]^2, plus a start token.

    x falls into one of `bins` equal bins, y into another; the sequence for one
    point is [BOS, x_bin, y_bin]. Points outside the square go to the edge bins.
    """

    def __init__(self, bins=64, lim=1.5):
        self.bins = check_int("bins", bins, 2, 4096)
        self.lim = check_float("lim", lim, 0, low_open=True)
        self.bos = self.bins  # the start token comes after the bin ids
        self.width = 2 * self.lim / self.bins

    @property
    def vocab_size(self):
        return self.bins + 1

    def encode(self, points):
        """points (N, 2) -> bin ids (N, 2) int64 in [0, bins)."""
        check_tensor("points", points, shape=(None, 2))
        ids = torch.floor((points.float() + self.lim) / self.width).long()
        return ids.clamp(0, self.bins - 1)

    def sequences(self, points):
        """points (N, 2) -> token sequences (N, 3): [BOS, x_bin, y_bin]."""
        ids = self.encode(points)
        return torch.cat([torch.full((len(ids), 1), self.bos), ids], dim=1)

    def decode(self, ids, generator=None, jitter=True):
        """bin ids (N, 2) -> points (N, 2): bin centres, or uniform inside the bin."""
        check_tensor("ids", ids, shape=(None, 2), dtype_kind="int")
        if ((ids < 0) | (ids >= self.bins)).any():
            raise ValueError(
                f"bin ids must be in [0, {self.bins}); got values from "
                f"{int(ids.min())} to {int(ids.max())} (the start token is not a bin)"
            )
        offset = 0.5
        if jitter:
            offset = torch.rand(ids.shape, generator=generator)
        return -self.lim + (ids.float() + offset) * self.width

    def __repr__(self):
        return f"CoordinateTokenizer(bins={self.bins}, lim={self.lim})"


# ----------------------------------------------------------------------------- search


def nearest_neighbours(queries, bank, k=1, chunk=1024):
    """Euclidean k nearest rows of `bank` for each query -> (distances, indices) (N, k).

    Any trailing shape is flattened, so images (N, 1, 8, 8) work as vectors of 64.
    """
    check_tensor("queries", queries)
    check_tensor("bank", bank)
    if queries.dim() < 2 or bank.dim() < 2:
        raise ValueError(
            f"queries and bank need a batch dimension, got shapes "
            f"{tuple(queries.shape)} and {tuple(bank.shape)}"
        )
    q, b = queries.flatten(1).float(), bank.flatten(1).float()
    if q.shape[1] != b.shape[1]:
        raise ValueError(
            f"queries {tuple(queries.shape[1:])} and bank {tuple(bank.shape[1:])} "
            "must have the same shape per item"
        )
    k = check_int("k", k, 1, len(b))
    chunk = check_int("chunk", chunk, 1)
    dists, idxs = [], []
    for part in q.split(chunk):  # (chunk, D) at a time keeps memory small
        d = torch.cdist(part, b, compute_mode="donot_use_mm_for_euclid_dist")
        d, i = d.topk(k, dim=1, largest=False)  # exact distances, not x²-2xy+y²
        dists.append(d)
        idxs.append(i)
    if not dists:
        return torch.zeros(0, k), torch.zeros(0, k, dtype=torch.long)
    return torch.cat(dists), torch.cat(idxs)


def memorisation(generated, train, held_out, copy_fraction=0.33):
    """How close generated samples come to their training set, against a baseline.

    The baseline is how close fresh real examples (held_out) come to the training
    set. A generated sample counts as a near copy when its nearest training example
    is closer than copy_fraction x the baseline's median distance.
    """
    copy_fraction = check_float("copy_fraction", copy_fraction, 0, 1, low_open=True)
    gen_d, gen_i = nearest_neighbours(generated, train)
    base_d, _ = nearest_neighbours(held_out, train)
    base = base_d.median().item()
    threshold = copy_fraction * base
    copies = gen_d[:, 0] < threshold
    return {
        "generated_median": gen_d.median().item(),
        "held_out_median": base,
        "threshold": threshold,
        "near_copies": int(copies.sum()),
        "near_copy_pct": 100.0 * copies.float().mean().item(),
        "distances": gen_d[:, 0],
        "nearest": gen_i[:, 0],
    }


# ----------------------------------------------------------------------------- compare


@dataclass
class Engine:
    """A generator under test: `sample(n, seed) -> (n, 2)` and how it works."""

    name: str
    sample: Callable
    how: str = ""  # e.g. "1 network pass per batch"


def samples_per_second(sample, n=2000, repeats=3, seed=0):
    """Best-of-`repeats` throughput of `sample(n, seed)`, after one warm-up call."""
    if not callable(sample):
        raise TypeError(
            f"sample must be a function sample(n, seed), got {type(sample).__name__}"
        )
    n = check_int("n", n, 1)
    repeats = check_int("repeats", repeats, 1)
    sample(min(n, 64), seed)  # warm-up: first calls pay for allocation
    best = float("inf")
    for r in range(repeats):
        start = time.perf_counter()
        sample(n, seed + r)
        best = min(best, time.perf_counter() - start)
    return n / max(best, 1e-9)


def reference_sets(name="ring", n=2000, seed=0):
    """Two fresh draws of the data: the target, and a reference for the SWD ratio."""
    target = data_mod.sample_2d(name, n, seed=seed + 10_000)
    reference = data_mod.sample_2d(name, n, seed=seed + 20_000)
    return target, reference


@lru_cache(maxsize=32)
def _reference_swd(name, n, seed, projections):
    target, reference = reference_sets(name, n, seed)
    return target, sliced_wasserstein(reference, target, projections)


def score(samples, name="ring", seed=0, projections=256):
    """Quality and diversity of samples (N, 2) against the named mixture.

    swd_ratio = SWD(samples, data) / SWD(fresh real draw, data), as
    metrics.swd_ratio; fewer `projections` is faster and a little noisier.
    """
    check_choice("mixture", name, ("ring", "grid"))
    check_tensor("samples", samples, shape=(None, 2))
    if not torch.isfinite(samples).all():
        raise ValueError("samples contain NaN or inf: the generator diverged")
    projections = check_int("projections", projections, 1)
    target, reference_swd = _reference_swd(name, len(samples), seed, projections)
    stats = mode_stats(samples, data_mod.mode_centers(name), data_mod.DEFAULT_STD[name])
    return {
        "swd_ratio": sliced_wasserstein(samples, target, projections) / reference_swd,
        "modes": stats["modes"],
        "hq_pct": stats["hq_pct"],
    }


def compare(engines, name="ring", n=2000, seed=0, repeats=0, timing=True):
    """Run each engine on the same data; -> {engine: {swd_ratio, modes, ...}}.

    The call that makes the scored samples is also timed (after a 16-sample
    warm-up); `repeats` extra timed runs keep the best. samples_per_s is measured
    on this machine now (None with timing=False), so it varies from run to run.
    """
    if isinstance(engines, Engine):
        engines = [engines]
    engines = list(engines)
    if not engines or not all(isinstance(e, Engine) for e in engines):
        raise TypeError("engines must be a non-empty list of Engine objects")
    n = check_int("n", n, 2)
    repeats = check_int("repeats", repeats, 0)
    results = {}
    for engine in engines:
        if timing:
            engine.sample(16, seed)  # warm-up: first calls pay for allocation
        start = time.perf_counter()
        samples = engine.sample(n, seed)
        seconds = time.perf_counter() - start
        check_tensor(f"{engine.name} samples", samples, shape=(n, 2))
        speed = None
        if timing:
            speed = n / max(seconds, 1e-9)
            if repeats:
                speed = max(speed, samples_per_second(engine.sample, n, repeats, seed))
        results[engine.name] = {
            **score(samples.detach().float(), name, seed),
            "samples_per_s": speed,
            "samples": samples.detach(),
            "how": engine.how,
        }
    return results


def table(results, digits=3):
    """The JSON-ready trilemma table: {engine: {swd_ratio, modes, samples_per_s}}."""
    out = {}
    for name, r in results.items():
        speed = r.get("samples_per_s")
        out[name] = {
            "swd_ratio": round(r["swd_ratio"], digits),
            "modes": r["modes"],
            "samples_per_s": None if speed is None else float(f"{speed:.3g}"),
        }
    return out


# ----------------------------------------------------------------------------- engines
# The three engines of the course, each trained on the same ring of 8 Gaussians and
# wrapped as an Engine. Their modules are imported when an engine is built.

RING = "ring"
RING_POINTS = 20_000  # training points, drawn once with seed 0
RING_TOKENS = CoordinateTokenizer(bins=64, lim=1.5)
GAN_CHECKPOINT = "capstone_gan_ring"
TRANSFORMER_CHECKPOINT = "capstone_transformer_ring"
GAN_STEPS = 3000
TRANSFORMER_STEPS = 1000


def ring_data(seed=0):
    """The shared training set: RING_POINTS points (N, 2) of the ring."""
    return data_mod.sample_2d(RING, RING_POINTS, seed=check_int("seed", seed, 0))


def make_ring_gan(seed=0):
    """The 2-D GAN of notebook 04, sized for the ring: G and D in one module."""
    from . import gan

    return gan.GAN(*gan.make_2d(noise_dim=2, hidden=128, depth=3, seed=seed))


def fit_ring_gan(model, steps=GAN_STEPS, seconds=None, seed=0, progress=True):
    """Train a ring GAN in place (non-saturating loss, Adam) -> the GANTrainer."""
    from . import gan

    config = gan.GANConfig(batch_size=256, lr_d=1e-3, lr_g=1e-3)
    trainer = gan.GANTrainer(
        model.generator, model.discriminator, ring_data(), config, seed=seed
    )
    trainer.train(steps=steps, seconds=seconds, progress=progress)
    return trainer


def pretrain_gan_ring():
    """The recipe behind data/checkpoints/capstone_gan_ring.pt."""
    model = make_ring_gan(seed=0)
    fit_ring_gan(model, progress=False)
    return model.eval()


def make_ring_transformer(seed=0):
    """A tiny GPT over coordinate tokens: it reads [BOS, x] and predicts [x, y]."""
    from .transformer import GPT, GPTConfig

    torch.manual_seed(check_int("seed", seed, 0))
    config = GPTConfig(
        vocab_size=RING_TOKENS.vocab_size, block_size=2, n_layer=2, n_head=4, n_embd=64
    )
    return GPT(config)


def fit_ring_transformer(
    model, steps=TRANSFORMER_STEPS, seconds=None, seed=0, progress=True, lr=3e-3
):
    """Next-token training on tokenised ring points -> training History."""
    from .training import train
    from .transformer import make_optimizer

    seqs = RING_TOKENS.sequences(ring_data())  # (N, 3): [BOS, x_bin, y_bin]
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    opt = make_optimizer(model, lr=check_float("lr", lr, 0, low_open=True))
    model.train()

    def step(_):
        batch = seqs[torch.randint(len(seqs), (256,), generator=g)]
        _, loss = model(batch[:, :2], batch[:, 1:])  # predict x from BOS, y from x
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    history = train(
        step, steps=steps, seconds=seconds, desc="ring transformer", progress=progress
    )
    model.eval()
    return history


def pretrain_transformer_ring():
    """The recipe behind data/checkpoints/capstone_transformer_ring.pt."""
    model = make_ring_transformer(seed=0)
    fit_ring_transformer(model, progress=False)
    return model.eval()


@torch.no_grad()
def sample_points(model, n, seed=0, temperature=1.0, tokenizer=RING_TOKENS):
    """n points (n, 2) from a coordinate GPT: draw x from p(x), then y from p(y | x)."""
    from .sampling import sample_next

    n = check_int("n", n, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    idx = torch.full((n, 1), tokenizer.bos, dtype=torch.long)  # (n, 1)
    for _ in range(2):  # x first, then y given x
        logits, _ = model(idx)
        logits = logits[:, -1].clone()  # (n, V) the next token's scores
        logits[:, tokenizer.bos] = float("-inf")  # the start token is not a coordinate
        nxt = sample_next(logits, temperature, generator=g)  # (n,)
        idx = torch.cat([idx, nxt[:, None]], dim=1)
    return tokenizer.decode(idx[:, 1:], generator=g)  # (n, 2), jittered in its bin


@torch.no_grad()
def coordinate_logits(model, tokenizer=RING_TOKENS):
    """A coordinate GPT's whole distribution in two passes.

    Returns logits of x (bins,) and of y given each x bin (bins, bins): p(x, y) is
    softmax(x_logits)[x] * softmax(y_logits[x])[y], a table over the grid.
    """
    bins, bos = tokenizer.bins, tokenizer.bos
    logits, _ = model(torch.tensor([[bos]]))
    x_logits = logits[0, -1, :bins]  # (bins,) the start token is not a coordinate
    xs = torch.arange(bins)
    pairs = torch.stack([torch.full((bins,), bos), xs], dim=1)  # (bins, 2)
    logits, _ = model(pairs)
    return x_logits, logits[:, -1, :bins]  # (bins,), (bins, bins)


def sample_from_logits(x_logits, y_logits, n, seed=0, temperature=1.0,
                       tokenizer=RING_TOKENS):  # fmt: skip
    """n points from cached coordinate logits: temperature is post-processing."""
    from .sampling import next_token_probs

    n = check_int("n", n, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    px = next_token_probs(x_logits, temperature)  # (bins,)
    x = torch.multinomial(px, n, replacement=True, generator=g)  # (n,)
    py = next_token_probs(y_logits[x], temperature)  # (n, bins)
    y = torch.multinomial(py, 1, generator=g)[:, 0]  # (n,)
    return tokenizer.decode(torch.stack([x, y], dim=1), generator=g)


@torch.no_grad()
def sample_gan(generator, n, seed=0, truncation=1.0):
    """n samples from a generator with its noise scaled by `truncation` (<= 1).

    Shrinking the noise keeps samples near the generator's favourite outputs:
    often better-looking, always less diverse (the "truncation trick").
    """
    n = check_int("n", n, 1)
    truncation = check_float("truncation", truncation, 0, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    z = truncation * torch.randn(n, generator.noise_dim, generator=g)
    was_training = generator.training
    generator.eval()
    out = generator(z)
    generator.train(was_training)
    return out


def _load(name, model, fit):
    from .checkpoints import load_or_train

    return load_or_train(name, model, lambda m: fit(m, progress=True)).eval()


def load_ring_gan():
    """The shipped ring GAN (G and D), or a freshly trained one without it."""
    return _load(GAN_CHECKPOINT, make_ring_gan(), fit_ring_gan)


def load_ring_transformer():
    """The shipped coordinate GPT, or a freshly trained one without it."""
    return _load(TRANSFORMER_CHECKPOINT, make_ring_transformer(), fit_ring_transformer)


def gan_engine():
    """The shipped ring GAN as an Engine: one generator pass makes a batch."""
    from . import gan

    model = load_ring_gan()
    return Engine(
        "gan",
        lambda n, seed: gan.sample(model.generator, n, seed),
        "one generator pass per batch",
    )


def diffusion_engine(num_inference_steps=1000, sampler="ddpm"):
    """The shipped ring denoiser as an Engine: one pass per inference step."""
    from . import diffusion

    return diffusion_engine_from(diffusion.load_2d(RING), num_inference_steps, sampler)


def diffusion_engine_from(model, num_inference_steps=1000, sampler="ddpm"):
    """An Engine around any 2-D denoiser, with a DDPM or DDIM sampler."""
    from . import diffusion

    scheduler = diffusion.make_scheduler(
        sampler, diffusion.schedule_2d(), num_inference_steps
    )

    def sample(n, seed):
        g = torch.Generator().manual_seed(check_int("seed", seed, 0))
        noise = torch.randn(n, 2, generator=g)  # x_T: pure noise (n, 2)
        return diffusion.sample(model, scheduler, noise, generator=g)

    return Engine(
        "diffusion",
        sample,
        f"{num_inference_steps} denoiser passes per batch ({sampler.upper()})",
    )


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


def transformer_engine(temperature=1.0):
    """The shipped coordinate GPT as an Engine: two passes (x, then y) per batch."""
    model = load_ring_transformer()
    return Engine(
        "transformer",
        lambda n, seed: sample_points(model, n, seed, temperature),
        "two GPT passes per batch (x, then y)",
    )


def engines():
    """The three engines, in the course's order of discovery: GAN, diffusion, GPT."""
    return [gan_engine(), diffusion_engine(), transformer_engine()]


# ----------------------------------------------------------------------------- code
# "A tiny Copilot": the tiny GPT of notebook 03, trained on Python source.

CODE_CHECKPOINT = "capstone_gpt_python"
CODE_CHARS = "\n" + "".join(chr(i) for i in range(32, 127))  # fixed: printable ASCII
CODE_STEPS = 1500


def code_text(text):
    """Source text in the fixed alphabet: tabs become 4 spaces, other bytes become ?."""
    if not isinstance(text, str):
        raise TypeError(f"expected source code as a str, got {type(text).__name__}")
    text = text.replace("\t", "    ").replace("\r", "")
    allowed = set(CODE_CHARS)
    return "".join(c if c in allowed else "?" for c in text)


def make_code_model(seed=0):
    """(tokenizer, GPT) for Python source: 4 layers, 128 channels, 128 characters."""
    from .transformer import char_gpt

    return char_gpt(CODE_CHARS, block_size=128, n_layer=4, n_embd=128, seed=seed)


def code_corpus():
    """The Python corpus (data.load_corpus("python")) in the fixed alphabet."""
    corpus = data_mod.load_corpus("python")
    return code_text(corpus.train), code_text(corpus.val)


def pretrain_gpt_python(steps=CODE_STEPS, progress=False):
    """The recipe behind data/checkpoints/capstone_gpt_python.pt."""
    from .transformer import train_lm

    tokenizer, model = make_code_model(seed=0)
    train_text, _ = code_corpus()
    train_lm(
        model, tokenizer.encode(train_text), steps=steps, batch_size=32, lr=3e-3,
        seed=0, progress=progress, desc="tiny Copilot",
    )  # fmt: skip
    return model.eval()


def load_code_model():
    """(model, tokenizer) with the shipped Python checkpoint loaded."""
    tokenizer, model = make_code_model()
    model = _load(CODE_CHECKPOINT, model, lambda m, progress: _fit_code(m, progress))
    return model, tokenizer


def _fit_code(model, progress=True):
    model.load_state_dict(pretrain_gpt_python(progress=progress).state_dict())


def longest_copy(text, corpus):
    """The longest piece of `text` found verbatim in `corpus` (two moving pointers)."""
    if not isinstance(text, str) or not isinstance(corpus, str):
        raise TypeError("text and corpus must both be str")
    best, i = "", 0
    for j in range(1, len(text) + 1):
        while i < j and text[i:j] not in corpus:
            i += 1  # a piece that is in the corpus stays in it when shortened
        if j - i > len(best):
            best = text[i:j]
    return best


def _squeeze(text):
    import re

    return re.sub(r"\s+", " ", text)


def code_report(sample, corpus):
    """What a sampled piece of code gets right and wrong, as numbers."""
    import ast
    import keyword
    import re
    import textwrap

    if not isinstance(sample, str) or not sample.strip():
        raise ValueError("code_report needs a non-empty code sample (a str)")
    lines = [ln for ln in sample.split("\n")[:-1] if ln.strip()]  # whole lines only
    if not lines:
        lines = [sample]
    pairs = {")": "(", "]": "[", "}": "{"}

    def balanced(line):
        stack = []
        for c in re.sub(r"(\"[^\"]*\"|'[^']*'|#.*)", "", line):  # skip strings
            if c in "([{":
                stack.append(c)
            elif c in pairs and (not stack or stack.pop() != pairs[c]):
                return False
        return not stack

    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*", "\n".join(lines))
    vocabulary = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", corpus))
    whole = "\n".join(sample.split("\n")[:-1]) or sample
    try:
        ast.parse(textwrap.dedent(whole))  # a method body may start indented
        parse_error = None
    except SyntaxError as err:
        parse_error = f"line {err.lineno}: {err.msg}"
    return {
        "lines": len(lines),
        "indent_ok_pct": 100.0
        * sum((len(ln) - len(ln.lstrip(" "))) % 4 == 0 for ln in lines)
        / len(lines),
        "balanced_pct": 100.0 * sum(map(balanced, lines)) / len(lines),
        "keywords": sorted({w for w in words if keyword.iskeyword(w)}),
        "known_words_pct": 100.0
        * sum(w in vocabulary for w in words)
        / max(1, len(words)),
        "invented_words": sorted({w for w in words if w not in vocabulary})[:10],
        "parses": parse_error is None,
        "parse_error": parse_error,
        # whitespace runs are everywhere in code: compare with them squeezed to one
        "longest_copy": len(longest_copy(_squeeze(sample), _squeeze(corpus))),
    }


# ----------------------------------------------------------------------------- detect


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

    The detector learns real training digits versus 1,000 GAN fakes; the GAN and
    diffusion samples it is tested on are fresh (other seeds).
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
    training_fakes = gan.sample(digit_gan.generator, 1000, seed=seed + 1)
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
