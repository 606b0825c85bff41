"""A tiny GPT: a decoder-only transformer that reads characters and predicts the next.

Read it top to bottom, in the spirit of nanoGPT's model.py: a config, the tokenizers
(characters; 2-D points as coordinate tokens), then attention -> MLP -> block -> GPT,
then how it is trained and sampled.
B = batch, T = time (positions), C = channels (n_embd), nh = heads, hs = head size.
"""

import math
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .attention import scaled_dot_product_attention
from .sampling import sample_next
from .training import train
from .validate import check_float, check_int, check_tensor


@dataclass
class GPTConfig:
    vocab_size: int = 84
    block_size: int = 64  # the longest context the model can read
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 128
    dropout: float = 0.0


class CharTokenizer:
    """Characters <-> integer ids, one id per distinct character of a text."""

    def __init__(self, text):
        if not isinstance(text, str) or not text:
            raise ValueError("CharTokenizer needs a non-empty string to learn from")
        self.chars = sorted(set(text))
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        self._table = None  # byte -> id lookup, when every character is one byte
        if max(map(ord, self.chars)) < 256:
            self._table = np.full(256, -1, dtype=np.int64)
            for c, i in self.stoi.items():
                self._table[ord(c)] = i

    @property
    def vocab_size(self):
        return len(self.chars)

    def encode(self, text):
        """str -> (len,) int64 ids; characters it never saw raise ValueError."""
        if not isinstance(text, str):
            raise TypeError(f"encode needs a str, got {type(text).__name__}")
        if self._table is not None:  # fast path for long texts (a whole corpus)
            try:
                ids = self._table[np.frombuffer(text.encode("latin-1"), np.uint8)]
                if (ids >= 0).all():
                    return torch.from_numpy(ids)
            except UnicodeEncodeError:
                pass  # some character is not one byte: it is unknown, say which
        unknown = sorted(set(text) - set(self.stoi))
        if unknown:
            raise ValueError(
                f"characters not in the vocabulary: {''.join(unknown)!r}; "
                f"the model knows only {''.join(self.chars)!r}"
            )
        return torch.tensor([self.stoi[c] for c in text], dtype=torch.long)

    def decode(self, ids):
        """ids (list or 1-D tensor) -> str."""
        return "".join(self.chars[int(i)] for i in ids)


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


# ----------------------------------------------------------------------------- model


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention where each position sees only itself and the past."""

    def __init__(self, config):
        super().__init__()
        assert config.n_embd % config.n_head == 0
        self.n_head = config.n_head
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)  # q, k, v at once
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)
        self.dropout = config.dropout

    def forward(self, x, return_attention=False):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)  # 3 x (B, T, C)
        q, k, v = (
            t.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
            for t in (q, k, v)
        )  # (B, nh, T, hs)
        if return_attention:  # the teaching version, which also returns the weights
            y, att = scaled_dot_product_attention(q, k, v, is_causal=True)
        else:  # the same maths, fused and fast (tested equal in tests/)
            drop = self.dropout if self.training else 0.0
            y = F.scaled_dot_product_attention(q, k, v, dropout_p=drop, is_causal=True)
            att = None
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again
        return self.c_proj(y), att  # att: (B, nh, T, T)


class MLP(nn.Module):
    """Per-position feed-forward network: widen 4x, GELU, project back."""

    def __init__(self, config):
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd)
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x):
        return self.dropout(self.c_proj(F.gelu(self.c_fc(x))))


class Block(nn.Module):
    """Attention (tokens talk to each other), then MLP (each token thinks alone)."""

    def __init__(self, config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd)
        self.mlp = MLP(config)

    def forward(self, x, return_attention=False):
        a, att = self.attn(self.ln_1(x), return_attention)
        x = x + a  # residual connections: each block adds to the stream
        x = x + self.mlp(self.ln_2(x))
        return x, att


class GPT(nn.Module):
    """Token + position embeddings -> n_layer blocks -> logits over the vocabulary."""

    def __init__(self, config):
        super().__init__()
        if not isinstance(config, GPTConfig):
            raise TypeError(f"expected a GPTConfig, got {type(config).__name__}")
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)  # token embedding
        self.wpe = nn.Embedding(config.block_size, config.n_embd)  # position embedding
        self.drop = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layer))
        self.ln_f = nn.LayerNorm(config.n_embd)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.apply(self._init_weights)
        for name, p in self.named_parameters():  # GPT-2: scale the residual outputs
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * config.n_layer))

    def _init_weights(self, module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, idx, targets=None, return_attention=False):
        """idx (B, T) ids -> logits (B, T, V), loss (or None)[, attention maps].

        With return_attention=True also returns a list of n_layer tensors
        (B, n_head, T, T): row i holds where position i looked.
        """
        check_tensor("idx", idx, ndim=2, dtype_kind="int")
        B, T = idx.shape
        if T > self.config.block_size:
            raise ValueError(
                f"a sequence of {T} tokens is longer than the context "
                f"block_size={self.config.block_size}; keep the last "
                f"{self.config.block_size} tokens"
            )
        pos = torch.arange(T, device=idx.device)  # (T,)
        x = self.drop(self.wte(idx) + self.wpe(pos))  # (B, T, C)
        maps = []
        for block in self.blocks:
            x, att = block(x, return_attention)
            maps.append(att)
        logits = self.lm_head(self.ln_f(x))  # (B, T, V)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(B * T, -1), targets.reshape(B * T))
        if return_attention:
            return logits, loss, maps
        return logits, loss


# ----------------------------------------------------------------------------- sampling


@torch.no_grad()
def generate(
    model,
    idx,
    max_new_tokens,
    temperature=1.0,
    top_k=None,
    top_p=None,
    generator=None,
):
    """Append max_new_tokens sampled ids to idx (B, T); the context is cropped."""
    check_tensor("idx", idx, ndim=2, dtype_kind="int")
    max_new_tokens = check_int("max_new_tokens", max_new_tokens, 0)
    block_size = model.config.block_size
    was_training = model.training
    model.eval()
    for _ in range(max_new_tokens):
        logits, _ = model(idx[:, -block_size:])  # only the last block_size fit
        nxt = sample_next(logits[:, -1], temperature, top_k, top_p, generator)  # (B,)
        idx = torch.cat([idx, nxt[:, None]], dim=1)
    model.train(was_training)
    return idx


def complete(model, tokenizer, prompt, n_chars=200, seed=0, **sampling):
    """Text continuation of `prompt` (a str), sampled with a fixed seed."""
    ids = tokenizer.encode(prompt)
    if len(ids) == 0:
        raise ValueError("the prompt is empty: give at least one character")
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    out = generate(model, ids[None], n_chars, generator=g, **sampling)
    return tokenizer.decode(out[0, len(ids) :])


# ----------------------------------------------------------------------------- training


def get_batch(data, block_size, batch_size, generator=None):
    """Random windows of a 1-D id tensor: x (B, T) and y = x shifted by one."""
    check_tensor("data", data, ndim=1, dtype_kind="int")
    if len(data) <= block_size:
        raise ValueError(
            f"the text ({len(data)} tokens) must be longer than block_size "
            f"({block_size})"
        )
    ix = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    offsets = torch.arange(block_size)
    x = data[ix[:, None] + offsets]  # (B, T)
    y = data[ix[:, None] + offsets + 1]  # (B, T)
    return x, y


@torch.no_grad()
def evaluate(
    model, data, block_size=None, max_windows=None, batch_size=64, stride=None
):
    """Mean next-token loss in nats over windows of `data`.

    By default the windows do not overlap, so a character near a window's start is
    predicted from little context. With `stride` (< block_size) the windows slide by
    `stride` and only their last `stride` predictions count: every scored character
    then has at least block_size - stride characters of context (the usual
    "sliding-window" evaluation of a fixed-context model).
    """
    check_tensor("data", data, ndim=1, dtype_kind="int")
    block_size = block_size or model.config.block_size
    starts, stride = _window_starts(len(data), block_size, stride, max_windows)
    offsets = torch.arange(block_size)
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for chunk in starts.split(batch_size):
        x = data[chunk[:, None] + offsets]  # (b, T)
        y = data[chunk[:, None] + offsets + 1]
        logits, _ = model(x)
        scored = slice(block_size - stride, block_size)
        loss = F.cross_entropy(
            logits[:, scored].flatten(0, 1), y[:, scored].flatten(), reduction="sum"
        )
        total += loss.item()
        count += y[:, scored].numel()
    model.train(was_training)
    return total / count


def _window_starts(n_tokens, block_size, stride, max_windows):
    """(starts of the windows `evaluate` scores, the checked stride)."""
    stride = (
        block_size if stride is None else check_int("stride", stride, 1, block_size)
    )
    if n_tokens <= block_size:
        raise ValueError(f"need more than {block_size} tokens to evaluate")
    n = (n_tokens - 1 - block_size) // stride + 1
    starts = torch.arange(n) * stride
    if max_windows is not None and max_windows < n:  # evenly spread, deterministic
        starts = starts[torch.linspace(0, n - 1, max_windows).long()]
    return starts, stride


def scored_targets(data, block_size, max_windows=None, stride=None):
    """The indices of `data` whose prediction `evaluate` scores, with the same args.

    So a counting model can be scored on exactly the same characters
    (`NGram.loss(data, targets=...)`).
    """
    check_tensor("data", data, ndim=1, dtype_kind="int")
    block_size = check_int("block_size", block_size, 1)
    starts, stride = _window_starts(len(data), block_size, stride, max_windows)
    scored = torch.arange(block_size - stride, block_size) + 1  # target offsets
    return (starts[:, None] + scored).flatten()


def make_optimizer(model, lr=3e-3, weight_decay=0.1):
    """AdamW with decay on matrices only (not on biases, norms)."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": other, "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.99))


def lr_at(progress, lr, warmup=0.03, min_ratio=0.1):
    """Linear warm-up, then cosine decay to min_ratio * lr; progress in [0, 1]."""
    progress = min(max(progress, 0.0), 1.0)
    if progress < warmup:
        return lr * (progress + 1e-3) / warmup
    t = (progress - warmup) / (1 - warmup)
    return lr * (min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * t)))


def train_lm(
    model,
    data,
    steps=None,
    seconds=None,
    batch_size=32,
    block_size=None,
    lr=3e-3,
    seed=0,
    history=None,
    progress=True,
    desc="training",
    schedule=True,
):
    """Train a language model (GPT or LSTM) on a 1-D id tensor with AdamW.

    The learning-rate schedule (warm-up, cosine decay) follows `steps` or `seconds`,
    whichever runs out first, so a run cut short by the clock still ends on a small
    learning rate. With `steps` only, a run is deterministic.
    """
    block_size = block_size or model.config.block_size
    lr = check_float("lr", lr, 0, low_open=True)
    opt = make_optimizer(model, lr)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    start = time.perf_counter()
    model.train()

    def step(i):
        done = 0.0 if steps is None else (i - first) / steps
        if seconds is not None:
            done = max(done, (time.perf_counter() - start) / seconds)
        rate = lr_at(done, lr) if schedule else lr
        for group in opt.param_groups:
            group["lr"] = rate
        x, y = get_batch(data, block_size, batch_size, g)
        _, loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    first = history.steps if history is not None else 0
    return train(
        step,
        steps=steps,
        seconds=seconds,
        desc=desc,
        progress=progress,
        history=history,
    )


def char_gpt(chars, block_size, n_layer, n_embd, n_head=4, seed=0):
    """(CharTokenizer over `chars`, an untrained GPT) initialised from `seed`."""
    torch.manual_seed(check_int("seed", seed, 0))
    tokenizer = CharTokenizer(chars)
    config = GPTConfig(
        vocab_size=tokenizer.vocab_size, block_size=block_size, n_layer=n_layer,
        n_head=n_head, n_embd=n_embd,
    )  # fmt: skip
    return tokenizer, GPT(config)


# ----------------------------------------------------------------------------- recipe

CHECKPOINT = "gpt_shakespeare"
RECIPE = dict(steps=1350, batch_size=32, lr=5e-3, seed=0)  # ~3 min on one quiet thread


def shakespeare_model():
    """The corpus, its tokenizer and an untrained GPT sized for the recipe."""
    from .data import load_corpus

    corpus = load_corpus("shakespeare")
    tokenizer = CharTokenizer(corpus.text)
    config = GPTConfig(vocab_size=tokenizer.vocab_size)
    return corpus, tokenizer, GPT(config)


def pretrain(seconds=None, progress=True):
    """The shipped checkpoint: the tiny GPT on Shakespeare, from seed 0."""
    torch.manual_seed(0)
    corpus, tokenizer, model = shakespeare_model()
    data = tokenizer.encode(corpus.train)
    train_lm(model, data, seconds=seconds, progress=progress, desc="tiny GPT", **RECIPE)
    return model


def load_pretrained():
    """(model, tokenizer) with the shipped Shakespeare checkpoint loaded."""
    from .checkpoints import load_checkpoint

    _, tokenizer, model = shakespeare_model()
    load_checkpoint(CHECKPOINT, model)
    return model.eval(), tokenizer


def config_dict(model):
    return asdict(model.config)
