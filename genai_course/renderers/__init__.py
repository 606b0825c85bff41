"""Pure renderers: arrays in, matplotlib figures (or PNG bytes) out."""

from .common import (
    FAKE,
    PALETTE,
    REAL,
    curves,
    field_image,
    figure,
    heatmap,
    image_grid,
    scatter,
    square,
    to_png,
    vector_field,
)

__all__ = [
    "FAKE",
    "PALETTE",
    "REAL",
    "curves",
    "field_image",
    "figure",
    "heatmap",
    "image_grid",
    "scatter",
    "square",
    "to_png",
    "vector_field",
]
