"""Argument checks that say what was expected and what came."""

import numbers

import torch


def check_int(name, value, low=None, high=None):
    """An int (not bool) in [low, high]; returns it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    _check_bounds(name, value, low, high)
    return int(value)


def check_float(name, value, low=None, high=None, low_open=False, high_open=False):
    """A real number in the given (optionally open) interval; returns it as float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number, got {type(value).__name__} {value!r}"
        )
    value = float(value)
    if value != value:  # NaN
        raise ValueError(f"{name} must be a number, got NaN")
    _check_bounds(name, value, low, high, low_open, high_open)
    return value


def _check_bounds(name, value, low, high, low_open=False, high_open=False):
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        lo_s = "-inf" if low is None else low
        hi_s = "inf" if high is None else high
        raise ValueError(f"{name} must be in {lo}{lo_s}, {hi_s}{hi}, got {value!r}")


def check_choice(name, value, choices):
    """One of `choices`; the error lists them."""
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {sorted(choices)}")
    return value


def check_tensor(name, x, ndim=None, shape=None, dtype_kind="float"):
    """A torch tensor with `ndim` dims and the given sizes (None = any)."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if dtype_kind == "float" and not x.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor, got {x.dtype}")
    if dtype_kind == "int" and (x.is_floating_point() or x.is_complex()):
        raise TypeError(f"{name} must be an integer tensor, got {x.dtype}")
    if shape is not None:
        ndim = len(shape)
    if ndim is not None and x.dim() != ndim:
        raise ValueError(
            f"{name} must have {ndim} dims{_shape_hint(shape)}, "
            f"got shape {tuple(x.shape)}"
        )
    if shape is not None:
        for want, got in zip(shape, x.shape):
            if want is not None and want != got:
                raise ValueError(
                    f"{name} must have shape {_fmt(shape)}, got {tuple(x.shape)}"
                )
    return x


def _fmt(shape):
    return "(" + ", ".join("*" if s is None else str(s) for s in shape) + ")"


def _shape_hint(shape):
    return f" {_fmt(shape)}" if shape is not None else ""
