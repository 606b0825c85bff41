"""Regenerate the shipped checkpoints: `python -m genai_course.pretrain [NAME ...]`.

Each recipe is a function `pretrain() -> nn.Module` in the module that owns the model;
it trains on one torch thread from a fixed seed and the result is saved into
data/checkpoints with its SHA-256 in SHA256SUMS.
"""

import argparse
import importlib
import sys
import time

import torch

from .checkpoints import save_checkpoint

# checkpoint name -> "module:function" (imported only when that recipe runs)
RECIPES = {
    "capstone_gan_ring": "genai_course.engines:pretrain_gan_ring",
    "capstone_gpt_python": "genai_course.code_model:pretrain_gpt_python",
    "capstone_music": "genai_course.music:pretrain",
    "capstone_transformer_ring": "genai_course.engines:pretrain_transformer_ring",
    "diffusion_digits": "genai_course.diffusion:pretrain_digits",
    "diffusion_moons": "genai_course.diffusion:pretrain_moons",
    "diffusion_ring": "genai_course.diffusion:pretrain_ring",
    "diffusion_swiss_roll": "genai_course.diffusion:pretrain_swiss_roll",
    "digit_classifier": "genai_course.classifier:pretrain",
    "digit_gan": "genai_course.gan:pretrain_digits",
    "gpt_shakespeare": "genai_course.transformer:pretrain",
}


def run(name):
    """Train one recipe and save its checkpoint; returns the saved path."""
    if name not in RECIPES:
        raise ValueError(
            f"unknown checkpoint {name!r}; expected one of {sorted(RECIPES)}"
        )
    module, func = RECIPES[name].split(":")
    torch.set_num_threads(1)
    start = time.perf_counter()
    model = getattr(importlib.import_module(module), func)()
    path = save_checkpoint(name, model)
    print(f"{name}: saved {path} in {time.perf_counter() - start:.1f} s")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m genai_course.pretrain", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "names", nargs="*", help="checkpoints to rebuild (default: all)"
    )
    parser.add_argument("--list", action="store_true", help="list the recipes and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(sorted(RECIPES)))
        return 0
    for name in args.names or sorted(RECIPES):
        run(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
