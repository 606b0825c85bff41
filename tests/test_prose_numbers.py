"""No number the code can change sits in a notebook's prose unless a test checks it.

Every number with a unit (steps, seconds, points, parameters, %, ...) in a notebook's
markdown must be listed below for that notebook, either in CHECKED, with a function
that returns the value from the code (the test compares), or in FIXED, with the reason
no code can change it (a paper's figure, a definition, the data's fixed size). An
unlisted number fails the test: check it, or take it out of the prose.
"""

import math
import re

import pytest

from genai_course import data, long_range, syllabus, transformer

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
    "03_tiny_gpt": {
        "90%": lambda: 100 * (1 - data.VAL_FRACTION),
        "10%": lambda: 100 * data.VAL_FRACTION,
        "84 characters": lambda: _shakespeare_tokenizer().vocab_size,
        "64 characters": lambda: transformer.GPTConfig().block_size,
        "1,350 steps": lambda: transformer.RECIPE["steps"],
        "4 heads": lambda: transformer.GPTConfig().n_head,
        "16 tokens": lambda: long_range.RecallTask().length,
        "400 steps": lambda: long_range.RECALL_STEPS,
        "32 bits": lambda: long_range.RecallTask().length
        * math.log2(long_range.RecallTask().n_symbols),
        "512 tokens": lambda: max(long_range.LENGTHS),
    },
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
    # --- 06_diffusion_2d ---
    # --- 07_diffusion_digits ---
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
}

# notebook stem -> {phrase: why no code can change it}
FIXED = {
    # --- 00_welcome ---
    # --- 01_primer ---
    # --- 02_attention ---
    # --- 03_tiny_gpt ---
    "03_tiny_gpt": {
        "3 characters": "a 4-gram looks 3 characters back by definition",
        "32k tokens": "Gemini 1.0's context length (Gemini Team 2023, section 2)",
    },
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
    # --- 06_diffusion_2d ---
    # --- 07_diffusion_digits ---
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
}


def _shakespeare_tokenizer():
    """The tiny GPT's tokenizer over the Shakespeare corpus (notebook 03)."""
    from genai_course.data import load_corpus

    return transformer.CharTokenizer(load_corpus("shakespeare").text)


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
