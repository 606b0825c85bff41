"""Exercises with `check()`, `hint()`, `solution()`; one module per notebook."""

from .base import Exercise, Feedback, Mistake, NotAttempted, ____, call, expect_close

__all__ = [
    "____",
    "Exercise",
    "Feedback",
    "Mistake",
    "NotAttempted",
    "call",
    "expect_close",
]
