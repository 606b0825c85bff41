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

from genai_course import data, long_range, neural_net, syllabus, transformer

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
    # (no number with a unit in 00's prose)
    # --- 01_primer ---
    "01_primer": {
        "0.69 nats": lambda: neural_net.uniform_guess_loss(2),  # ln 2
        "2.30 nats": lambda: neural_net.uniform_guess_loss(10),  # ln 10
        "1.44 bits": lambda: 1 / math.log(2),  # 1 nat in bits
    },
    # --- 02_attention ---
    # (no number with a unit in 02's prose; its unitless sizes, 8 features, 8 position
    # numbers, 12 words, base 20, are checked in tests/test_word_attention.py)
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
        "0.69 nats": lambda: math.log(2),  # 1 bit in nats
        "32 bits": lambda: long_range.RecallTask().length
        * math.log2(long_range.RecallTask().n_symbols),
        "512 tokens": lambda: max(long_range.LENGTHS),
    },
    # --- 04_gan_2d ---
    "04_gan_2d": {
        "10 steps": lambda: __import__(
            "genai_course.widgets.gan", fromlist=["_"]
        ).STEPS_PER_TICK,
        # the losses when D says 1/2 (score 0) to everything: 2 ln 2 and ln 2
        "1.39 nats": lambda: _gan_losses_at_even_odds()[0],
        "0.69 nats": lambda: _gan_losses_at_even_odds()[1],
    },
    # --- 05_gan_digits ---
    "05_gan_digits": {
        "16,000 steps": lambda: __import__("genai_course.gan").gan.DIGIT_PRETRAIN_STEPS,
        "2 channels": lambda: __import__("genai_course.gan").gan.DIGIT_PACK,
        "2 images": lambda: __import__("genai_course.gan").gan.DIGIT_PACK,
        "80%": lambda: 100 - 100 * __import__("inspect").signature(
            __import__("genai_course.data").data.load_digits
        ).parameters["test_fraction"].default,
        "20%": lambda: 100 * __import__("inspect").signature(
            __import__("genai_course.data").data.load_digits
        ).parameters["test_fraction"].default,
        "50%": lambda: 100 * __import__("inspect").signature(
            __import__("genai_course.metrics").metrics.class_coverage
        ).parameters["min_confidence"].default,
    },
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
    "08_engines_compared": {
        "20,000 points": lambda: _engines().RING_POINTS,
        "1,000 times": lambda: _engines().DDPM_STEPS,
        "8 modes": lambda: len(_data().mode_centers("ring")),
        "2 layers": lambda: _music_config().n_layer,
        "106k parameters": lambda: _params(_music().make_model()[1]),
        "2,000 melodies": lambda: _music().TRAIN_MELODIES,
        "18 characters": lambda: 2 * (_music().STEPS_PER_BAR + 1),  # bar 1 -> bar 3
        "4 layers": lambda: _code_config().n_layer,
        "0.8M parameters": lambda: _params(_code_model().make_code_model()[1]),
        "1,500 steps": lambda: _code_model().CODE_STEPS,
        "128 characters": lambda: _code_config().block_size,
    },
    # --- 09_society_and_law ---
}

# notebook stem -> {phrase: why no code can change it}
FIXED = {
    # --- 00_welcome ---
    # --- 01_primer ---
    "01_primer": {"2 classes": "an example in a definition: guessing among K = 2"},
    # --- 02_attention ---
    # --- 03_tiny_gpt ---
    "03_tiny_gpt": {
        "3 characters": "a 4-gram looks 3 characters back by definition",
        "2 characters": "a 4-gram's shorter fallback contexts are 2 and 1 by definition",
        "2010s": "a decade (when neural language models took over), not seconds",
        "32k tokens": "Gemini 1.0's context length (Gemini Team 2023, section 2)",
    },
    # --- 04_gan_2d ---
    "04_gan_2d": {
        "500 steps": "a literal of the comparison cell; tests/test_gan.py reruns it",
        "1,500 steps": "a literal of the comparison cell; tests/test_gan.py reruns it",
        "2,500 samples": "PacGAN's evaluation size (Lin et al., 2018), used by the cell",
        "8 modes": "the ring has 8 blobs by definition (PacGAN's Table 1: of 8)",
        "7.9 modes": "PacGAN's Table 1 (Lin et al., 2018), PacGAN2 on the 2D ring",
    },
    # --- 05_gan_digits ---
    "05_gan_digits": {
        "1,000 samples": "the literal of the coverage cell right below the sentence",
        "100 steps": "the literal `every=100` of the live-training cell below",
        "1s": "the digit one in the plural, not seconds",
        "9 times": "an example in the definition of a calibrated probability (0.9)",
    },
    # --- 06_diffusion_2d ---
    "06_diffusion_2d": {
        "10 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "20 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "100 steps": "DDIM paper (Song et al. 2021), Table 1, CIFAR-10",
        "1,000 steps": "DDIM Table 1 and DDPM (Ho et al. 2020) Table 1, CIFAR-10",
        "5 steps": "a claim: test_diffusion.py::test_ddim_beats_ddpm_on_the_swiss_roll",
        "1 step": "a claim: test_diffusion.py::test_ddim_beats_ddpm_on_the_swiss_roll",
        "31%": "(4.16 - 3.17) / 3.17: DDIM Table 1 (100 steps) against DDPM Table 1",
    },
    # --- 07_diffusion_digits ---
    "07_diffusion_digits": {
        "10 classes": "the digits 0 to 9: fixed by the data set",
    },
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
    "09_society_and_law": {
        "65%": "Deepfake Detection Challenge (Facebook AI, 12 June 2020): the winning "
        "model's average precision on the black-box test set, 65.18%",
        "100%": "the top of the average-precision scale, by definition",
        "8 digits": "8×8 digits: scikit-learn's load_digits images are 8×8 pixels",
    },
}


def _gan_losses_at_even_odds():
    """(D's loss, G's loss) from gan.d_loss / gan.g_loss when every score is 0."""
    import torch

    from genai_course import gan

    zero = torch.zeros(4)
    return gan.d_loss(zero, zero).item(), gan.g_loss(zero).item()


# -- helpers for 08_engines_compared (imported lazily: collection stays fast) --------


def _engines():
    from genai_course import engines

    return engines


def _data():
    from genai_course import data

    return data


def _music():
    from genai_course import music

    return music


def _code_model():
    from genai_course import code_model

    return code_model


def _params(model):
    return sum(p.numel() for p in model.parameters())


def _music_config():
    return _music().make_model()[1].config


def _code_config():
    return _code_model().make_code_model()[1].config


def _shakespeare_tokenizer():
    """The tiny GPT's tokenizer over the Shakespeare corpus (notebook 03)."""
    from genai_course.data import load_corpus

    return transformer.CharTokenizer(load_corpus("shakespeare").text)


def phrases(nb):
    """Each number-with-unit phrase in the notebook's prose (header time line excluded)."""
    text = re.sub(r"\*\*Time:\*\*[^\n]*", "", syllabus.prose(nb))  # test_syllabus
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
