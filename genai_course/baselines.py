"""What the tiny GPT is measured against: counting n-grams and an LSTM.

- `NGram`: count which character follows each context of n-1 characters, with
  Witten-Bell interpolation down to shorter contexts (so unseen contexts still get
  sensible probabilities). order=2 is the bigram, order=4 the 4-gram.
- `RNN` and `LSTM`: recurrent language models that read one token at a time and carry
  everything they remember in a fixed-size state. The plain RNN updates its state as
  h = tanh(W x + U h); the LSTM adds gates that decide what to keep, forget and show.
"""

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .validate import check_int, check_tensor


class NGram:
    """A counting character model of order n: p(next | previous n-1 characters)."""

    def __init__(self, order, vocab_size):
        self.order = check_int("order", order, 1, 6)
        self.vocab_size = check_int("vocab_size", vocab_size, 1, 4096)
        self.tables = []  # per order: (sorted codes, counts, ctx codes, totals, types)

    def fit(self, data):
        """Count every n-gram of a 1-D id tensor (or array); returns self."""
        ids = _ids(data, self.vocab_size)
        V = self.vocab_size
        self.unigram = (np.bincount(ids, minlength=V) + 1.0) / (len(ids) + V)
        self.tables = []
        for n in range(2, self.order + 1):
            code = np.zeros(len(ids) - n + 1, dtype=np.int64)
            for j in range(n):  # code = id[t] * V^(n-1) + ... + id[t+n-1]
                code = code * V + ids[j : len(ids) - n + 1 + j]
            grams, counts = np.unique(code, return_counts=True)
            ctx = grams // V
            ctxs, first = np.unique(ctx, return_index=True)
            totals = np.add.reduceat(counts, first)  # C(h)
            types = np.diff(np.append(first, len(ctx)))  # distinct followers N1+(h)
            self.tables.append((grams, counts, ctxs, totals, types))
        return self

    def probs(self, context):
        """p(next | context) over the vocabulary for the last order-1 ids: (V,)."""
        ids = _ids(context, self.vocab_size, allow_empty=True)
        V = self.vocab_size
        p = self.unigram.copy()
        for n, (grams, counts, ctxs, totals, types) in enumerate(self.tables, start=2):
            if len(ids) < n - 1:
                break
            h = 0
            for i in ids[len(ids) - (n - 1) :]:
                h = h * V + int(i)
            at = np.searchsorted(ctxs, h)
            if at == len(ctxs) or ctxs[at] != h:
                continue  # unseen context: keep the shorter one's estimate
            c = _lookup(grams, counts, h * V + np.arange(V))
            p = (c + types[at] * p) / (totals[at] + types[at])
        return p

    def loss(self, data, targets=None):
        """Mean -log p(next) in nats over every position that has a full context.

        targets: the indices of `data` to score instead (each at least order - 1),
        e.g. the characters `transformer.evaluate` scores (`scored_targets`).
        """
        ids = _ids(data, self.vocab_size)
        V, k = self.vocab_size, self.order - 1
        if len(ids) <= k:
            raise ValueError(f"need more than {k} tokens to score a {self.order}-gram")
        if targets is None:
            pos = np.arange(k, len(ids))
        else:
            pos = np.asarray(targets, dtype=np.int64).reshape(-1)
            if len(pos) == 0 or pos.min() < k or pos.max() >= len(ids):
                raise ValueError(
                    f"targets must be indices in [{k}, {len(ids)}) so that each has "
                    f"{k} tokens of context"
                )
        nxt = ids[pos]
        p = self.unigram[nxt]
        for n, (grams, counts, ctxs, totals, types) in enumerate(self.tables, start=2):
            h = np.zeros(len(nxt), dtype=np.int64)
            for j in range(n - 1, 0, -1):  # the n - 1 tokens before each target
                h = h * V + ids[pos - j]
            at = np.minimum(np.searchsorted(ctxs, h), len(ctxs) - 1)
            seen = ctxs[at] == h
            c = _lookup(grams, counts, h * V + nxt)
            t, m = types[at], totals[at]
            p = np.where(seen, (c + t * p) / np.where(seen, m + t, 1), p)
        return float(-np.log(p).mean())

    def sample(self, context, n, seed=0):
        """n new ids after `context`, drawn one at a time."""
        rng = np.random.default_rng(check_int("seed", seed, 0))
        ids = list(_ids(context, self.vocab_size, allow_empty=True))
        for _ in range(check_int("n", n, 0)):
            p = self.probs(ids[-(self.order - 1) :] if self.order > 1 else [])
            ids.append(int(rng.choice(self.vocab_size, p=p / p.sum())))
        return ids[len(ids) - n :] if n else []


def _lookup(grams, counts, codes):
    at = np.minimum(np.searchsorted(grams, codes), len(grams) - 1)
    return np.where(grams[at] == codes, counts[at], 0).astype(float)


def _ids(data, vocab_size, allow_empty=False):
    if isinstance(data, torch.Tensor):
        data = data.numpy()
    ids = np.asarray(data, dtype=np.int64).reshape(-1)
    if not allow_empty and len(ids) == 0:
        raise ValueError("need at least one token")
    if len(ids) and (ids.min() < 0 or ids.max() >= vocab_size):
        raise ValueError(f"token ids must be in [0, {vocab_size}), got {ids.max()}")
    return ids


# ----------------------------------------------------------------------------- RNNs


@dataclass
class RecurrentConfig:
    vocab_size: int = 84
    block_size: int = 96  # training window (a recurrent net has no context limit)
    n_embd: int = 64
    hidden: int = 256  # the state: every number it carries from one token to the next
    n_layer: int = 1


LSTMConfig = RecurrentConfig  # the name the LSTM was first given


class Recurrent(nn.Module):
    """Embedding -> a recurrent layer -> logits: the same interface as the GPT."""

    cell = None  # nn.RNN or nn.LSTM, set by the subclasses below

    def __init__(self, config):
        super().__init__()
        if not isinstance(config, RecurrentConfig):
            raise TypeError(
                f"expected a RecurrentConfig, got {type(config).__name__}"
            )
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)
        self.rnn = self.cell(
            config.n_embd, config.hidden, config.n_layer, batch_first=True
        )
        self.lm_head = nn.Linear(config.hidden, config.vocab_size)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, idx, targets=None):
        """idx (B, T) -> logits (B, T, V), loss (or None)."""
        check_tensor("idx", idx, ndim=2, dtype_kind="int")
        h, _ = self.rnn(self.wte(idx))  # (B, T, hidden): state carried left to right
        logits = self.lm_head(h)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.flatten(0, 1), targets.reshape(-1))
        return logits, loss


class RNN(Recurrent):
    """A plain (Elman) RNN, h = tanh(W x + U h + b): one state, no gates."""

    cell = nn.RNN  # nonlinearity="tanh" by default


class LSTM(Recurrent):
    """An LSTM: gates (forget, input, output) decide what its cell state keeps."""

    cell = nn.LSTM
