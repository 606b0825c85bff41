"""Exercises for notebook 00: classify or generate, and sampling from a mixture."""

import torch

from .base import Exercise, Mistake, NotAttempted, ____, call, expect_close

# -- q1: classify or generate? --------------------------------------------------------

TASKS = {
    "a spam filter marks an email as junk": "classify",
    "ChatGPT drafts a reply to an email": "generate",
    "a photo app tags each face with a friend's name": "classify",
    "Stable Diffusion paints 'a cat in a spacesuit'": "generate",
    "Copilot suggests the next line of code": "generate",
    "a bank flags a card payment as fraud": "classify",
}


def _check_quiz(answers):
    if not isinstance(answers, dict):
        raise Mistake(
            f"expected a dict {{task: 'classify' or 'generate'}}, "
            f"got {type(answers).__name__}"
        )
    if any(v is ____ for v in answers.values()):
        raise NotAttempted("fill in every ____ with 'classify' or 'generate'")
    missing = set(TASKS) - set(answers)
    if missing:
        raise Mistake(f"answer every task; missing: {sorted(missing)}")
    for task, truth in TASKS.items():
        given = str(answers[task]).strip().lower()
        if given not in ("classify", "generate"):
            raise Mistake(
                f"answer 'classify' or 'generate' for {task!r}, got {given!r}"
            )
        if given != truth:
            raise Mistake(
                f"look again at {task!r}: does its output already exist among "
                "a fixed set of labels, or is it new content?"
            )


classify_or_generate = Exercise(
    "Classify or generate",
    _check_quiz,
    hint="A classifier's output is one of a few labels fixed in advance; a generative "
    "model's output is a new thing of the same kind as its data.",
    solution="answers = " + repr(TASKS),
)

# -- q2: sample from a Gaussian mixture ----------------------------------------------


def sample_mixture_solution(probs, means, std, n, generator):
    """n points (n, D): choose a component by its probability, then add noise."""
    k = torch.multinomial(probs, n, replacement=True, generator=generator)  # (n,)
    return means[k] + std * torch.randn(n, means.shape[1], generator=generator)


def _check_sampler(fn):
    probs = torch.tensor([0.75, 0.25])
    means = torch.tensor([[-2.0, 0.0], [2.0, 0.0]])
    out = call(fn, probs, means, 0.1, 4000, torch.Generator().manual_seed(0))
    if not isinstance(out, torch.Tensor):
        raise Mistake(
            f"return a torch.Tensor of shape (n, 2), got {type(out).__name__}"
        )
    if tuple(out.shape) != (4000, 2):
        raise Mistake(
            f"return one row per sample: shape (4000, 2), got {tuple(out.shape)}"
        )
    nearest = torch.cdist(out.float(), means).min(1)
    if (nearest.values > 0.6).float().mean() > 0.01:
        raise Mistake(
            "many samples are far from every mean: each sample should be one "
            "mean plus a little noise (std * randn)"
        )
    share = (nearest.indices == 0).float().mean().item()
    if abs(share - 0.75) > 0.05:
        raise Mistake(
            f"{100 * share:.0f}% of samples came from component 0, whose "
            "probability is 75%: pick components with torch.multinomial(probs, ...)"
        )
    spread = (out - means[nearest.indices]).std().item()
    expect_close(spread, 0.1, "the spread of samples around their mean", atol=0.02)


sample_mixture = Exercise(
    "Sample from a Gaussian mixture",
    _check_sampler,
    hint="Two steps per sample: k = torch.multinomial(probs, n, replacement=True, "
    "generator=generator) picks components; then means[k] + std * torch.randn(...).",
    solution="""def sample_mixture(probs, means, std, n, generator):
    k = torch.multinomial(probs, n, replacement=True, generator=generator)  # (n,)
    return means[k] + std * torch.randn(n, means.shape[1], generator=generator)""",
)
