"""Does a model remember what it read long ago? Recall at growing distances.

A sequence of `length` random symbols is followed by a question token "what was
symbol number j?". The answer lies `length - j` tokens back. An LSTM must squeeze
every symbol into its fixed-size state as it reads, and older ones get overwritten;
a transformer can look straight back at position j.
"""

from dataclasses import dataclass

import torch
from torch.nn import functional as F

from .baselines import LSTM, LSTMConfig
from .transformer import GPT, GPTConfig, make_optimizer
from .validate import check_int


@dataclass(frozen=True)
class RecallTask:
    n_symbols: int = 4
    length: int = 16  # distances 1 .. length

    @property
    def vocab_size(self):  # the symbols, then one question token per position
        return self.n_symbols + self.length

    def batch(self, batch_size, generator, distance=None):
        """x (B, length + 1) ids, y (B,) the symbol asked for, d (B,) its distance."""
        B, L = batch_size, self.length
        symbols = torch.randint(self.n_symbols, (B, L), generator=generator)
        if distance is None:
            d = torch.randint(1, L + 1, (B,), generator=generator)
        else:
            d = torch.full((B,), check_int("distance", distance, 1, L))
        asked = L - d  # the position asked about
        question = self.n_symbols + asked
        x = torch.cat([symbols, question[:, None]], 1)
        return x, symbols[torch.arange(B), asked], d


def make_models(task, seed=0):
    """A 2-layer transformer and an LSTM of similar size for the task."""
    torch.manual_seed(seed)
    gpt = GPT(
        GPTConfig(
            vocab_size=task.vocab_size,
            block_size=task.length + 1,
            n_layer=1,
            n_head=1,
            n_embd=64,
        )
    )
    lstm = LSTM(
        LSTMConfig(
            vocab_size=task.vocab_size,
            block_size=task.length + 1,
            n_embd=48,
            hidden=96,
        )
    )
    return {"transformer": gpt, "LSTM": lstm}


def train_recall(model, task, steps=600, batch_size=32, lr=3e-3, seed=0):
    """Train on the last position only; returns the list of losses."""
    steps = check_int("steps", steps, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    opt = make_optimizer(model, lr, weight_decay=0.0)
    losses = []
    model.train()
    for _ in range(steps):
        x, y, _ = task.batch(batch_size, g)
        logits, _ = model(x)
        loss = F.cross_entropy(logits[:, -1], y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def accuracy_by_distance(model, task, n=200, seed=1):
    """{distance: fraction of n fresh questions answered right}."""
    g = torch.Generator().manual_seed(seed)
    model.eval()
    out = {}
    for d in range(1, task.length + 1):
        x, y, _ = task.batch(n, g, distance=d)
        logits, _ = model(x)
        out[d] = (logits[:, -1].argmax(-1) == y).float().mean().item()
    return out


def experiment(task=None, steps=600, seed=0):
    """Train both models with the same steps and batch; accuracy by distance."""
    task = task or RecallTask()
    results = {}
    for name, model in make_models(task, seed).items():
        losses = train_recall(model, task, steps=steps, seed=seed)
        results[name] = {
            "accuracy": accuracy_by_distance(model, task),
            "losses": losses,
            "params": model.num_params(),
        }
    return results
