"""genai_course: build, train and play with tiny generative models on a CPU."""

from .glossary import glossary
from .runtime import setup

__version__ = "0.1.0"
__all__ = ["glossary", "setup"]
