"""One training loop for every model: progress bar, step or time budget, clean stop."""

import math
import time
from dataclasses import dataclass, field

from tqdm.auto import tqdm

from .validate import check_float, check_int


@dataclass
class History:
    """What a training run did: losses per step, time taken, how it ended."""

    losses: list = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    diverged: bool = False

    @property
    def steps(self):
        return len(self.losses)

    def smoothed(self, window=50):
        """Running mean of the loss over `window` steps (for a readable curve)."""
        window = check_int("window", window, 1)
        out, total = [], 0.0
        for i, loss in enumerate(self.losses):
            total += loss
            if i >= window:
                total -= self.losses[i - window]
            out.append(total / min(i + 1, window))
        return out


def train(step, steps=None, seconds=None, desc="training", progress=True, history=None):
    """Call `step(i) -> loss` until `steps` or `seconds` run out; Ctrl-C stops cleanly.

    The model stays usable after an interrupt: the loop only stops between steps.
    Pass a previous `history` to continue its loss curve.
    """
    if steps is None and seconds is None:
        raise ValueError("give a budget: steps=..., seconds=..., or both")
    if steps is not None:
        steps = check_int("steps", steps, 1)
    if seconds is not None:
        seconds = check_float("seconds", seconds, 0, low_open=True)
    if not callable(step):
        raise TypeError(
            f"step must be a function step(i) -> loss, got {type(step).__name__}"
        )
    history = History() if history is None else history
    start_step, start = history.steps, time.perf_counter()
    bar = tqdm(total=steps, desc=desc, disable=not progress, leave=True)
    try:
        i = 0
        while (steps is None or i < steps) and (
            seconds is None or time.perf_counter() - start < seconds
        ):
            loss = float(step(start_step + i))
            history.losses.append(loss)
            i += 1
            bar.update(1)
            if i % 10 == 0 or i == steps:
                bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
            if not math.isfinite(loss):
                history.diverged = True
                print(
                    f"Training diverged at step {start_step + i}: the loss is {loss}. "
                    "Try a smaller learning rate."
                )
                break
    except KeyboardInterrupt:
        history.interrupted = True
        print(f"Interrupted after {i} steps; the model keeps what it learned so far.")
    finally:
        bar.close()
        history.seconds += time.perf_counter() - start
    return history
