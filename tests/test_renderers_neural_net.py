"""Primer figures draw from plain arrays, including runs that diverged."""

import math

import numpy as np
import torch

from genai_course.renderers import neural_net as draw
from genai_course.renderers import to_png


def _png(fig):
    return to_png(fig).startswith(b"\x89PNG")


def test_training_view_survives_a_diverged_run_and_two_curves():
    x, y = torch.randn(30, 2), torch.randint(2, (30,))
    probs = torch.full((20, 20), 0.5)  # no opinion: no boundary line to draw
    losses = [0.7, 3.0, float("inf"), float("nan")]
    assert _png(draw.training_view(x, y, probs, 2.0, {"SGD": losses}, step=2, ymax=2,
                                   guess=math.log(2)))
    two = {"training": [0.7, 0.3, 0.1], "validation": [0.7, 0.5, 0.6]}
    assert _png(draw.training_view(x, y, torch.rand(20, 20), 2.0, two, x_val=x,
                                   y_val=y))


def test_descent_paths_drop_points_that_leave_the_plot():
    w = np.linspace(-1, 4, 50)
    loss = (2 * w - 3) ** 2
    paths = {"ok": ([0.0, 1.0, 1.4], [9.0, 1.0, 0.04]), "wild": ([0, 40.0], [9, 6e3])}
    fig = draw.descent_paths(w, loss, paths)
    assert _png(fig)
    wild = fig.axes[0].lines[2]
    assert len(wild.get_xdata()) == 1  # the point at w = 40 is off the plot


def test_neuron_output_with_and_without_a_zero_line():
    x, y = torch.randn(10, 2), torch.randint(2, (10,))
    z = torch.linspace(-1, 1, 16).repeat(16, 1)
    assert _png(draw.neuron_output(x, y, z, z.clamp(min=0), 2.0))
    assert len(draw.neuron_output(x, y, z + 5, z + 5, 2.0).axes[0].collections) < len(
        draw.neuron_output(x, y, z, z.clamp(min=0), 2.0).axes[0].collections
    )
