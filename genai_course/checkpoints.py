"""Shipped checkpoints: safe `state_dict` files in data/checkpoints + SHA256SUMS."""

import hashlib
import warnings
from pathlib import Path

import torch
from torch import nn

from .runtime import DATA_DIR

CHECKPOINT_DIR = DATA_DIR / "checkpoints"
MANIFEST_NAME = "SHA256SUMS"  # `sha256sum -c SHA256SUMS` verifies it by hand too


class CheckpointError(RuntimeError):
    """A checkpoint is missing, corrupt, or belongs to another model."""


def _fix(name):
    return f"To fix it, run `python -m genai_course.pretrain {name}`."


def checkpoint_path(name, directory=None):
    """data/checkpoints/<name>.pt"""
    if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
        raise ValueError(f"checkpoint name must be a plain file stem, got {name!r}")
    return Path(directory or CHECKPOINT_DIR) / f"{name}.pt"


def read_manifest(directory=None):
    """{file name: sha256} from SHA256SUMS (empty when there is none)."""
    path = Path(directory or CHECKPOINT_DIR) / MANIFEST_NAME
    if not path.is_file():
        return {}
    entries = {}
    for line in path.read_text().splitlines():
        if line.strip():
            digest, file = line.split(maxsplit=1)
            entries[file.lstrip("*")] = digest
    return entries


def _write_manifest(entries, directory):
    lines = [f"{digest}  {file}\n" for file, digest in sorted(entries.items())]
    (Path(directory) / MANIFEST_NAME).write_text("".join(lines))


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def save_checkpoint(name, model, directory=None):
    """Save `model.state_dict()` as <name>.pt and record its SHA-256 in the manifest."""
    state = model.state_dict() if isinstance(model, nn.Module) else model
    if not isinstance(state, dict):
        raise TypeError(
            f"expected an nn.Module or a state_dict, got {type(model).__name__}"
        )
    path = checkpoint_path(name, directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().cpu().clone() for k, v in state.items()}, path)
    entries = read_manifest(path.parent)
    entries[path.name] = _sha256(path)
    _write_manifest(entries, path.parent)
    return path


def load_checkpoint(name, model, directory=None):
    """Load <name>.pt into `model` after checking its SHA-256, or say what is wrong."""
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be an nn.Module, got {type(model).__name__}")
    path = checkpoint_path(name, directory)
    if not path.is_file():
        raise CheckpointError(f"Checkpoint {path} is missing. {_fix(name)}")
    expected = read_manifest(path.parent).get(path.name)
    if expected is None:
        raise CheckpointError(
            f"Checkpoint {path} is not listed in "
            f"{path.parent / MANIFEST_NAME}. {_fix(name)}"
        )
    if _sha256(path) != expected:
        raise CheckpointError(
            f"Checkpoint {path} is corrupt or edited: its SHA-256 does "
            f"not match {MANIFEST_NAME}. {_fix(name)}"
        )
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
        model.load_state_dict(state, strict=True)
    except (
        Exception
    ) as err:  # unpickling, zip, shape or key errors: all mean "not this model"
        first = (
            str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        )
        raise CheckpointError(
            f"Checkpoint {path} does not fit this "
            f"{type(model).__name__} ({first}). {_fix(name)}"
        ) from err
    return model


def load_or_train(name, model, train, directory=None):
    """Load <name>.pt into `model` if present and valid, else call `train(model)`."""
    if not callable(train):
        raise TypeError(
            f"train must be a function train(model), got {type(train).__name__}"
        )
    path = checkpoint_path(name, directory)
    try:
        load_checkpoint(name, model, directory)
        print(f"Loaded checkpoint {path.name}.")
        return model
    except CheckpointError as err:
        if path.is_file():  # present but broken: say so loudly, then still teach
            warnings.warn(str(err), stacklevel=2)
        print(f"No usable checkpoint {path.name}: training from scratch.")
    train(model)
    return model
