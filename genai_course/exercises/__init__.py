"""Exercises with `check()`, `hint()`, `solution()`; one module of exercises a notebook."""

from .base import ____, Exercise, Feedback, Mistake, NotAttempted, call, expect_close

__all__ = ["____", "Exercise", "Feedback", "Mistake", "NotAttempted", "call",
           "expect_close"]
