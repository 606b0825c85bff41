"""Does a model remember what it read long ago? Recall at growing distances.

A sequence of `length` random symbols is followed by a question token "what was
symbol number j?". The answer lies `length - j` tokens back. A recurrent network
(plain RNN or LSTM) reads one token at a time and must carry every symbol forward in
its fixed-size state; a transformer can look straight back at position j.

Two measurements explain what the recall experiment shows:
- `gradient_by_distance`: how much the loss at the last position responds to the input
  d tokens back. In a recurrent net that signal passes through d steps of the state and
  can shrink at every one of them (the vanishing gradient).
- `time_by_length`: the time of one training step as the sequence grows. A recurrent
  net takes its steps one after another; attention handles all positions at once.
"""

import copy
import functools
import statistics
import time
from dataclasses import dataclass

import torch
from torch.nn import functional as F

from .baselines import LSTM, RNN, RecurrentConfig
from .transformer import GPT, GPTConfig, make_optimizer
from .validate import check_int


RECALL_STEPS = 400  # the training budget each model gets in notebook 03
MORE_STEPS = 1600  # the LSTM's extra steps there
LENGTHS = (64, 128, 256, 512)  # sequence lengths for the time-per-step race


def one_thread(fn):
    """Run fn on one torch thread: for models this small a second thread only adds
    waiting (many times slower on a busy machine), and one thread keeps timings fair."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(*args, **kwargs)
        finally:
            torch.set_num_threads(threads)

    return wrapper


@dataclass(frozen=True)
class RecallTask:
    n_symbols: int = 4
    length: int = 16  # distances 1 .. length

    def __post_init__(self):
        check_int("n_symbols", self.n_symbols, 2)
        check_int("length", self.length, 1)

    @property
    def vocab_size(self):  # the symbols, then one question token per position
        return self.n_symbols + self.length

    def batch(self, batch_size, generator, distance=None):
        """x (B, length + 1) ids, y (B,) the symbol asked for, d (B,) its distance."""
        B, L = check_int("batch_size", batch_size, 1), self.length
        symbols = torch.randint(self.n_symbols, (B, L), generator=generator)
        if distance is None:
            d = torch.randint(1, L + 1, (B,), generator=generator)
        else:
            d = torch.full((B,), check_int("distance", distance, 1, L))
        asked = L - d  # the position asked about
        question = self.n_symbols + asked
        x = torch.cat([symbols, question[:, None]], 1)
        return x, symbols[torch.arange(B), asked], d


def make_models(task, seed=0, block_size=None):
    """A plain RNN, an LSTM (same state size) and a one-layer transformer for the task.

    block_size: the longest input (default: the task's, length + 1); the transformer
    cannot read more, the recurrent nets have no such limit.
    """
    block_size = check_int("block_size", block_size or task.length + 1, 2)
    torch.manual_seed(check_int("seed", seed, 0))
    gpt = GPT(
        GPTConfig(
            vocab_size=task.vocab_size,
            block_size=block_size,
            n_layer=1,
            n_head=1,
            n_embd=64,
        )
    )
    config = RecurrentConfig(
        vocab_size=task.vocab_size, block_size=block_size, n_embd=48, hidden=96
    )
    lstm = LSTM(config)
    rnn = RNN(config)
    return {"RNN": rnn, "LSTM": lstm, "transformer": gpt}


@one_thread
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


@one_thread
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


def experiment(task=None, steps=RECALL_STEPS, seed=0, models=None):
    """Train each model with the same steps and batches; accuracy by distance."""
    task = task or RecallTask()
    models = models if models is not None else make_models(task, seed)
    results = {}
    for name, model in models.items():
        losses = train_recall(model, task, steps=steps, seed=seed)
        results[name] = {
            "accuracy": accuracy_by_distance(model, task),
            "losses": losses,
            "params": model.num_params(),
            "model": model,
        }
    return results


# ------------------------------------------------------------------ vanishing gradients


@one_thread
def gradient_by_distance(model, n_symbols, length=64, batch_size=64, seed=0):
    """{d: mean size of d(loss at the last position) / d(input embedding d back)}.

    The inputs are `length` random symbols (ids below n_symbols) and the loss is the
    cross-entropy of the last position's prediction against a random symbol; the
    gradient's norm over the embedding channels is averaged over the batch. Computed
    in float64 on a copy of the model, so gradients far below float32's range (about
    1e-38) still show as numbers instead of zeros.
    """
    n_symbols = check_int("n_symbols", n_symbols, 1, model.wte.num_embeddings)
    length = check_int("length", length, 2)
    batch_size = check_int("batch_size", batch_size, 1)
    if isinstance(model, GPT) and length > model.config.block_size:
        raise ValueError(
            f"length={length} is longer than the transformer's context "
            f"block_size={model.config.block_size}"
        )
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    x = torch.randint(n_symbols, (batch_size, length), generator=g)  # (B, T)
    y = torch.randint(n_symbols, (batch_size,), generator=g)  # (B,)
    probe = copy.deepcopy(model).double().eval()
    emb = {}

    def keep(module, inputs, output):  # the embeddings (B, T, C), as a leaf we can read
        output.retain_grad()
        emb["x"] = output

    hook = probe.wte.register_forward_hook(keep)
    try:
        logits, _ = probe(x)
    finally:
        hook.remove()
    F.cross_entropy(logits[:, -1], y).backward()
    size = emb["x"].grad.norm(dim=-1).mean(0)  # (T,): one number per position
    return {d: size[length - 1 - d].item() for d in range(1, length)}


# ------------------------------------------------------------------ time per step


def step_time(model, length, batch_size=16, repeats=3, seed=0):
    """Median CPU seconds of one training step (forward + backward) on `length` ids.

    CPU time of this process (time.process_time), so other programs on a shared
    machine disturb it less than a wall clock. Denormal numbers (below about 1e-38,
    which a vanishing gradient produces) are flushed to zero meanwhile: the CPU
    handles them very slowly, which would measure the hardware, not the model.
    """
    length = check_int("length", length, 1)
    repeats = check_int("repeats", repeats, 1)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    x = torch.randint(model.wte.num_embeddings, (batch_size, length), generator=g)
    model.train()
    times = []
    torch.set_flush_denormal(True)
    try:
        for i in range(repeats + 1):  # the first run warms up caches: not counted
            start = time.process_time()
            logits, _ = model(x)
            loss = F.cross_entropy(logits.flatten(0, 1), x.flatten())
            model.zero_grad(set_to_none=True)
            loss.backward()
            if i:
                times.append(time.process_time() - start)
    finally:
        torch.set_flush_denormal(False)
    return statistics.median(times)


@one_thread
def time_by_length(lengths=LENGTHS, batch_size=16, repeats=3, seed=0):
    """{model name: {length: seconds per training step}} for the three models."""
    lengths = [check_int("length", n, 1) for n in lengths]
    if not lengths:
        raise ValueError("give at least one sequence length")
    task = RecallTask()
    models = make_models(task, seed, block_size=max(lengths))
    return {
        name: {n: step_time(m, n, batch_size, repeats, seed) for n in lengths}
        for name, m in models.items()
    }
