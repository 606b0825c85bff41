"""Thin explorers: ipywidgets controls wired to a core computation and a renderer."""

import importlib
import inspect
import pkgutil

from .base import Explorer, sweep_values

__all__ = ["Explorer", "all_explorers", "sweep_values"]


def all_explorers():
    """Every Explorer subclass in genai_course.widgets.*, for tests and benchmarks."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, Explorer)
                and cls is not Explorer
                and cls.__module__ == module.__name__
            ):
                found[f"{info.name}.{cls.__name__}"] = cls
    return dict(sorted(found.items()))
