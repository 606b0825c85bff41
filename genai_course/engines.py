"""The course's three engines, trained on the same ring of 8 Gaussians, as Engines.

A GAN (one generator pass per batch), a diffusion model (one denoiser pass per step)
and a coordinate GPT (a tiny transformer that writes a point as two tokens, x then
y), each wrapped as a `comparison.Engine` so `comparison.compare` can measure them.
The gan and diffusion modules are imported when an engine is built.
"""

import torch

from . import data as data_mod
from .comparison import Engine
from .transformer import CoordinateTokenizer
from .validate import check_float, check_int

RING = "ring"
RING_POINTS = 20_000  # training points, drawn once with seed 0
RING_TOKENS = CoordinateTokenizer(bins=64, lim=1.5)
GAN_CHECKPOINT = "capstone_gan_ring"
TRANSFORMER_CHECKPOINT = "capstone_transformer_ring"
GAN_STEPS = 3000
TRANSFORMER_STEPS = 1000
DDPM_STEPS = 1000  # the diffusion engine denoises once per step of its schedule


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
def sample_gan(generator, n, seed=0, truncation=None):
    """n samples from a generator; BigGAN's truncation trick if `truncation` is set.

    Brock et al. (2019) draw the noise from a normal truncated to [-truncation,
    truncation] (values further out are redrawn): a lower threshold keeps samples
    near the generator's typical outputs, often better-looking, always less diverse.
    """
    n = check_int("n", n, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    z = torch.randn(n, generator.noise_dim, generator=g)  # (n, noise_dim)
    if truncation is not None:
        t = check_float("truncation", truncation, 0, low_open=True)
        torch.nn.init.trunc_normal_(z, 0.0, 1.0, -t, t, generator=g)
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


def diffusion_engine(num_inference_steps=DDPM_STEPS, sampler="ddpm"):
    """The shipped ring denoiser as an Engine: one pass per inference step."""
    from . import diffusion

    return diffusion_engine_from(diffusion.load_2d(RING), num_inference_steps, sampler)


def diffusion_engine_from(model, num_inference_steps=DDPM_STEPS, sampler="ddpm"):
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
