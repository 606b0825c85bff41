"""Exercises in the style of Kaggle's learntools: `check()`, `hint()`, `solution()`.

A notebook writes the learner's starting point with the placeholder `____`:

    def softmax(x, temperature):
        return ____            # your code here
    q1.check(softmax)          # -> "not attempted" until the placeholder is gone

A checker is a function `checker(answer)` that raises `Mistake("teaching message")`
when the answer is wrong; it uses `call()` to run the learner's code, so their own
exceptions and placeholders become messages rather than tracebacks.
"""

import html
from dataclasses import dataclass

import torch


class _Placeholder:
    """The blank a learner fills in."""

    def __repr__(self):
        return "____"


____ = _Placeholder()


class NotAttempted(Exception):
    """The answer still holds the placeholder."""


class Mistake(Exception):
    """A wrong answer; the message teaches what to fix."""


@dataclass(frozen=True)
class Feedback:
    """The result of `check()`; shows itself as a coloured line in a notebook."""

    status: str  # "correct", "incorrect" or "not attempted"
    message: str

    @property
    def passed(self):
        return self.status == "correct"

    def __str__(self):
        return f"{self.status.capitalize()}: {self.message}"

    def _repr_html_(self):
        colour = {"correct": "#1a7f37", "incorrect": "#cf222e"}.get(
            self.status, "#57606a"
        )
        return (
            f'<div style="color:{colour}"><b>{self.status.capitalize()}</b>: '
            f"{html.escape(self.message)}</div>"
        )


@dataclass(frozen=True)
class Text:
    """A hint or a solution, shown as text in a notebook."""

    title: str
    body: str

    def __str__(self):
        return f"{self.title}: {self.body}"

    def _repr_html_(self):
        if self.title == "Solution":
            return f"<b>Solution</b><pre>{html.escape(self.body)}</pre>"
        return f"<b>{self.title}</b>: {html.escape(self.body)}"


class Exercise:
    """One exercise: a checker, a hint and a worked solution."""

    def __init__(self, name, checker, hint, solution):
        if not callable(checker):
            raise TypeError("checker must be a function checker(answer)")
        self.name, self._checker, self._hint, self._solution = (
            name,
            checker,
            hint,
            solution,
        )

    def check(self, answer=____):
        """Run the checker on the learner's answer and say what it found."""
        if answer is ____:
            return Feedback(
                "not attempted",
                f"{self.name}: replace the ____ placeholder with your answer.",
            )
        try:
            self._checker(answer)
        except NotAttempted as why:
            return Feedback(
                "not attempted",
                f"{self.name}: "
                + (str(why) or "your code still returns the ____ placeholder."),
            )
        except Mistake as mistake:
            return Feedback("incorrect", str(mistake))
        except Exception as err:  # an answer of a form the checker did not foresee
            return Feedback(
                "incorrect",
                f"{self.name}: your answer has the wrong form ({type(err).__name__}: "
                f"{err}). Compare its type and shape with what the exercise asks for.",
            )
        return Feedback("correct", f"{self.name}: well done.")

    def hint(self):
        return Text("Hint", self._hint)

    def solution(self):
        return Text("Solution", self._solution)

    def __repr__(self):
        return f"Exercise({self.name!r}): use .check(answer), .hint(), .solution()"


def call(fn, *args, **kwargs):
    """Run the learner's `fn`; their placeholder or exception becomes a message."""
    if fn is ____:
        raise NotAttempted
    if not callable(fn):
        raise Mistake(f"expected a function, got {type(fn).__name__} {fn!r:.60}")
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError as err:
        raise NotAttempted from err
    except Exception as err:  # the learner's bug: report it, don't crash the checker
        raise Mistake(f"your function raised {type(err).__name__}: {err}") from None
    if result is ____:
        raise NotAttempted
    return result


def expect_close(got, want, what="the result", atol=1e-4, rtol=1e-4):
    """Compare a learner's tensor (or number) to the right one; teach on mismatch."""
    if got is ____:
        raise NotAttempted
    if isinstance(want, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            raise Mistake(f"{what} should be a torch.Tensor, got {type(got).__name__}")
        if got.shape != want.shape:
            raise Mistake(
                f"{what} should have shape {tuple(want.shape)}, got {tuple(got.shape)}"
            )
        if not torch.is_floating_point(got) and torch.is_floating_point(want):
            got = got.float()
        if torch.isnan(got).any() and not torch.isnan(want).any():
            raise Mistake(
                f"{what} contains NaN; look for a division by zero or "
                "exp() of a large number"
            )
        if not torch.allclose(
            got.to(want.dtype), want, atol=atol, rtol=rtol, equal_nan=True
        ):
            worst = (got.to(want.dtype) - want).abs().nan_to_num(float("inf")).max()
            raise Mistake(
                f"{what} has the right shape but wrong values "
                f"(largest difference {worst.item():.3g})"
            )
        return
    try:
        close = abs(float(got) - float(want)) <= atol + rtol * abs(float(want))
    except (TypeError, ValueError):
        raise Mistake(f"{what} should be a number, got {type(got).__name__}") from None
    if not close:
        raise Mistake(f"{what} should be {float(want):.4g}, got {float(got):.4g}")
