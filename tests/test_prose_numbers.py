"""No number the code can change sits in a notebook's prose unless a test checks it.

Every number with a unit (steps, seconds, points, parameters, %, ...) in a notebook's
markdown must be listed below for that notebook, either in CHECKED, with a function
that returns the value from the code (the test compares), or in FIXED, with the reason
no code can change it (a paper's figure, a definition, the data's fixed size). An
unlisted number fails the test: check it, or take it out of the prose.
"""

import re

import pytest

from genai_course import syllabus

UNITS = (
    r"steps?|seconds?|s\b|minutes?|min\b|%|parameters|params|samples|images|points"
    r"|characters|chars|layers|heads|channels|epochs|tokens|ms\b|nats|bits|times"
    r"|windows|modes|classes|digits|melodies"
)
NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKM]\s*)?(" + UNITS + r")"
)


def value(text):
    """The number in a matched phrase ('1,350 steps' -> 1350, '0.8M' -> 800000)."""
    number, scale, _ = NUMBER_WITH_UNIT.search(text).groups()
    factor = {"k": 1e3, "K": 1e3, "M": 1e6}.get((scale or "").strip(), 1)
    return float(number.replace(",", "")) * factor


# notebook stem -> {phrase as it appears in the prose: function returning the value}
CHECKED = {
    # --- 00_welcome ---
    # --- 01_primer ---
    # --- 02_attention ---
    # --- 03_tiny_gpt ---
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
    # --- 06_diffusion_2d ---
    "06_diffusion_2d": {  # genai_course.X without an import outside this block
        "8 modes": lambda: len(
            __import__("genai_course.data", fromlist=["_"]).mode_centers("ring")
        ),
        "12,000 steps": lambda: __import__(
            "genai_course.diffusion", fromlist=["_"]
        ).STEPS_2D,
        "60,000 parameters": lambda: sum(
            p.numel()
            for p in __import__("genai_course.diffusion", fromlist=["_"])
            .MLPDenoiser()
            .parameters()
        ),
    },
    # --- 07_diffusion_digits ---
    "07_diffusion_digits": {
        "10%": lambda: 100
        * __import__("inspect")
        .signature(__import__("genai_course.diffusion", fromlist=["_"]).diffusion_loss)
        .parameters["p_uncond"]
        .default,
        "20 steps": lambda: __import__("inspect")
        .signature(__import__("genai_course.diffusion", fromlist=["_"]).generate_digits)
        .parameters["num_inference_steps"]
        .default,
        "210,000 parameters": lambda: sum(
            p.numel()
            for p in __import__("genai_course.diffusion", fromlist=["_"])
            .ConvDenoiser()
            .parameters()
        ),
        "4,000 steps": lambda: __import__(
            "genai_course.diffusion", fromlist=["_"]
        ).STEPS_DIGITS,
    },
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
}

# notebook stem -> {phrase: why no code can change it}
FIXED = {
    # --- 00_welcome ---
    # --- 01_primer ---
    # --- 02_attention ---
    # --- 03_tiny_gpt ---
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
    # --- 06_diffusion_2d ---
    "06_diffusion_2d": {
        "10 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "20 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "100 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "1,000 steps": "DDIM Table 1 and DDPM (Ho et al. 2020) Table 1, CIFAR-10",
        "5 steps": "a claim: test_diffusion.py::test_ddim_beats_ddpm_on_the_swiss_roll",
        "1 step": "a claim: test_diffusion.py::test_ddim_beats_ddpm_on_the_swiss_roll",
    },
    # --- 07_diffusion_digits ---
    "07_diffusion_digits": {
        "10 classes": "the digits 0 to 9: fixed by the data set",
    },
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
}


def phrases(nb):
    """Each number-with-unit phrase in the notebook's prose (header time line excluded)."""
    text = syllabus.TIME_LINE.sub("", syllabus.prose(nb))
    text = re.sub(r"\*\*Time:\*\*[^\n]*", "", text)  # checked by test_syllabus
    return [m.group(0) for m in NUMBER_WITH_UNIT.finditer(text)]


@pytest.mark.parametrize("path", syllabus.notebooks(), ids=lambda p: p.stem)
def test_every_number_in_the_prose_is_checked_or_fixed(path):
    checked = CHECKED.get(path.stem, {})
    fixed = FIXED.get(path.stem, {})
    unlisted = [p for p in phrases(syllabus.load(path)) if p not in checked and p not in fixed]
    assert not unlisted, (
        f"{path.name} states numbers no test checks: {sorted(set(unlisted))}. Add each to "
        "CHECKED (with a function returning the value from the code) or FIXED (with the "
        "reason), or take it out of the prose."
    )


@pytest.mark.parametrize("stem", sorted(CHECKED), ids=str)
def test_checked_numbers_match_the_code(stem):
    path = syllabus.NOTEBOOK_DIR / f"{stem}.ipynb"
    present = set(phrases(syllabus.load(path))) if path.is_file() else set()
    for phrase, actual in CHECKED[stem].items():
        assert phrase in present, f"{stem}: {phrase!r} is listed but not in the prose"
        assert value(phrase) == pytest.approx(actual(), rel=0.05), (
            f"{stem} says {phrase!r}, the code gives {actual()}"
        )


def test_the_scanner_finds_numbers_and_reads_them():
    found = [m.group(0) for m in NUMBER_WITH_UNIT.finditer(
        "trained for 1,350 steps in 3 minutes; 0.8M parameters, 90% of it; v2.5 s"
    )]
    assert found == ["1,350 steps", "3 minutes", "0.8M parameters", "90%"]
    assert [value(p) for p in found] == [1350, 3, 800000, 90]
