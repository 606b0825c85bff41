"""genai_course: build, train and play with tiny generative models on a CPU."""

from .glossary import glossary  # standard library only

__version__ = "0.1.0"
__all__ = ["glossary", "setup"]


def __getattr__(name):
    """`setup` on first use, so `python -m genai_course.doctor` runs without torch."""
    if name == "setup":
        from .runtime import setup

        return setup
    raise AttributeError(f"module 'genai_course' has no attribute {name!r}")
