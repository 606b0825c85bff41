"""Exercise: a structured debate on who owns a generated image (notebook 09).

The learner writes a short answer; `check()` accepts it when it states the strongest
point of each side in its own words, found by each side's key words.
"""

import re

from .base import Exercise, Mistake, NotAttempted, ____

QUESTION = (
    "Should the person who prompted an image generator own the copyright in the image?"
)

# Each side's key words (lower case, matched as word beginnings): an answer that
# argues a side uses at least one of them.
SIDES = {
    "yes, the prompter is the author": (
        "tool", "camera", "photograph", "brush", "prompts", "prompting", "edit",
        "select", "arrang", "iterat", "effort", "choices", "624", "9(3)", "uk ",
        "computer-generated", "burrow",
    ),
    "no, the machine made the expression": (
        "human author", "authorship", "copyright office", "thaler", "zarya",
        "control", "idea", "expression", "machine", "not protect", "unprotect",
        "no human", "refus", "skill",
    ),
}  # fmt: skip
MIN_WORDS = 25


def _found(text, words):
    return [w for w in words if re.search(r"(?<![a-z])" + re.escape(w), text)]


def _check_debate(answer):
    if answer is ____:
        raise NotAttempted("write your answer as a string in place of ____")
    if not isinstance(answer, str):
        raise Mistake(
            "write your answer as a string (text in quotes), got "
            f"{type(answer).__name__}"
        )
    words = answer.split()
    if len(words) < MIN_WORDS:
        raise Mistake(
            f"your answer has {len(words)} words; write at least {MIN_WORDS}: a "
            "sentence or two for each side, then your own view"
        )
    text = " ".join(words).lower() + " "
    missing = [side for side, keys in SIDES.items() if not _found(text, keys)]
    if len(missing) == 2:
        raise Mistake(
            "name the evidence of both sides: what the prompter did (prompts, "
            "selection, editing, the tool argument) and what the law requires "
            "(human authorship, control over the expression)"
        )
    if missing:
        side = missing[0]
        hint = {
            "yes, the prompter is the author": "the prompter's choices (prompts, "
            "selection, editing), or the camera and UK s.9(3) arguments",
            "no, the machine made the expression": "human authorship, who controls "
            "the expression, and what the Copyright Office or the courts decided",
        }[side]
        raise Mistake(
            f"you argue one side well; now give the strongest point of the other "
            f"side ({side!r}): {hint}"
        )


debate = Exercise(
    "Debate: who owns a generated image?",
    _check_debate,
    hint="Write three short parts: the best case that the prompter is the author "
    "(what did Allen do? what does a photographer do? what does UK law say?), the "
    "best case against (who decided the pixels? what did the Copyright Office and "
    "the D.C. Circuit say?), then where you land and why.",
    solution="""answer = (
    "For: Allen spent weeks on 624 prompts, then selected and edited the image; "
    "a photographer does not draw the pixels either, only chooses them, and UK "
    "law (CDPA s.9(3)) gives computer-generated works to whoever made the "
    "arrangements. Against: a prompt states an idea, and the model, not the "
    "person, decides the expression; the US Copyright Office (2023, 2025) and "
    "the courts (Thaler, 2025) require human authorship, so only the edits and "
    "the arrangement are his. My view: protect the human edits, not the raw output."
)"""
)
