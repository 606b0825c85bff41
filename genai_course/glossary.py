"""The course glossary: each term, a one-line definition, the notebook that defines it.

`glossary()` shows it in a notebook (`glossary("logits")` looks one term up);
`python -m genai_course.glossary` prints it as Markdown. A test fails when a notebook's
prose uses a term before (in course order) the notebook that defines it.
"""

import html
import re
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A glossary entry; `pattern` is the regex that finds the term in prose."""

    name: str
    notebook: str  # stem of the defining notebook, e.g. "01_primer"
    definition: str
    pattern: str = ""  # default: the name as a whole word, case-insensitive

    def regex(self):
        """Compiled pattern that finds this term in notebook prose."""
        return re.compile(self.pattern or rf"\b{re.escape(self.name)}\b", re.IGNORECASE)


# Course order; each notebook adds its terms in its own block, in order of first use.
TERMS = [
    # --- 01_primer ---
    # --- 02_attention ---
    # --- 03_tiny_gpt ---
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
    # --- 06_diffusion_2d ---
    # --- 07_diffusion_digits ---
    # --- 08_engines_compared ---
    Term(
        "generative learning trilemma",
        "08_engines_compared",
        "The observation (Xiao, Kreis and Vahdat, 2022) that generators trade high "
        "sample quality, coverage of every mode and fast sampling, each engine "
        "delivering at most two.",
        pattern=r"trilemma",
    ),
    Term(
        "bin",
        "08_engines_compared",
        "One of the equal intervals a range of numbers is cut into; a number is "
        "written as the index of its bin.",
        pattern=r"\bbins?\b",
    ),
    Term(
        "coordinate tokens",
        "08_engines_compared",
        "A 2-D point written as tokens for a transformer: a start token, the bin of"
        " x, then the bin of y.",
        pattern=r"tokeni[sz]e\s+coordinates|coordinate\s+(?:tokens?|GPT)",
    ),
    Term(
        "BOS",
        "08_engines_compared",
        "\"Beginning of sequence\": an extra token that only marks where a sequence "
        "starts, so the model can predict the first real token.",
        pattern=r"\bBOS\b",
    ),
    Term(
        "truncation trick",
        "08_engines_compared",
        "Sampling a GAN's noise from a normal distribution cut off at a threshold "
        "(BigGAN; StyleGAN instead pulls its latent w towards its average): more "
        "typical, less varied samples.",
        pattern=r"truncation",
    ),
    Term(
        "distillation",
        "08_engines_compared",
        "Training a student network to reproduce in a few steps (or with fewer "
        "parameters) what a teacher model does in many.",
        pattern=r"distillation",
    ),
    Term(
        "MIDI",
        "08_engines_compared",
        "The standard that writes music as note-on and note-off messages, each with"
        " a pitch number (60 is middle C).",
        pattern=r"\bMIDI\b",
    ),
    Term(
        "VQ-VAE",
        "08_engines_compared",
        "An encoder that replaces each stretch of a signal by the nearest entry of "
        "a learned codebook (turning it into tokens), and a decoder that turns the "
        "entries back into the signal.",
        pattern=r"VQ-VAE",
    ),
    Term(
        "synthesiser",
        "08_engines_compared",
        "A program (or instrument) that computes a sound wave from notes, here as "
        "sums of sine waves.",
        pattern=r"synthesi[sz]er",
    ),
    Term(
        "harmonics",
        "08_engines_compared",
        "Whole-number multiples of a note's frequency, whose mix gives an "
        "instrument its sound.",
        pattern=r"\bharmonics?\b",
    ),
    Term(
        "Codex",
        "08_engines_compared",
        "OpenAI's GPT models trained further on public GitHub code (Chen et al. "
        "2021), the first engine of GitHub Copilot.",
        pattern=r"\bCodex\b",
    ),
    Term(
        "autoencoder",
        "08_engines_compared",
        "An encoder network that squeezes its input into a short code and a decoder"
        " network trained to rebuild the input from that code.",
        pattern=r"autoencoders?",
    ),
    Term(
        "autoregressive",
        "08_engines_compared",
        "Writing a sequence one token at a time, each new token fed back in to "
        "predict the next.",
        pattern=r"autoregressive",
    ),
    # --- 09_society_and_law ---
    Term(
        "C2PA",
        "09_society_and_law",
        "The Coalition for Content Provenance and Authenticity's standard for a "
        "signed record, attached to a file, of where it came from and how it was "
        "edited (\"Content Credentials\").",
        pattern=r"\bC2PA\b",
    ),
    Term(
        "near copy",
        "09_society_and_law",
        "A generated sample much closer to one training example than real new data "
        "ever come: evidence of memorisation.",
        pattern=r"near[- ]cop(?:y|ies)",
    ),
    Term(
        "copyright",
        "09_society_and_law",
        "The legal right of the author of an original work to control its copying; "
        "in the US it protects only human authorship.",
        pattern=r"\bcopyright\b",
    ),
    Term(
        "computer-generated work",
        "09_society_and_law",
        "In UK law (CDPA 1988), a work made in circumstances with no human author; "
        "s.9(3) makes its author the person who made the arrangements for its "
        "creation.",
        pattern=r"computer-generated works?",
    ),
]


def lookup(name):
    """The Term called `name` (case-insensitive), with a clear error if unknown."""
    if not isinstance(name, str):
        raise TypeError(f"glossary term must be a string, got {type(name).__name__}")
    for term in TERMS:
        if term.name.lower() == name.strip().lower():
            return term
    known = ", ".join(sorted(t.name for t in TERMS))
    raise ValueError(f"{name!r} is not in the glossary; known terms: {known}")


def to_markdown(terms=None):
    """The glossary as a Markdown table, alphabetical."""
    rows = [
        f"| **{t.name}** | {t.definition} | {t.notebook} |"
        for t in sorted(terms if terms is not None else TERMS, key=lambda t: t.name.lower())
    ]
    return "\n".join(["| term | meaning | defined in |", "|---|---|---|", *rows])


class Glossary:
    """What `glossary()` returns: a table in a notebook, Markdown as text."""

    def __init__(self, terms):
        self.terms = list(terms)

    def __str__(self):
        return to_markdown(self.terms)

    def _repr_markdown_(self):
        return to_markdown(self.terms)

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td><b>{html.escape(t.name)}</b></td><td>{html.escape(t.definition)}"
            f"</td><td>{html.escape(t.notebook)}</td></tr>"
            for t in sorted(self.terms, key=lambda t: t.name.lower())
        )
        return (
            "<table><thead><tr><th>term</th><th>meaning</th><th>defined in</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )


def glossary(name=None):
    """Every term (or the one called `name`), with its meaning and where it is defined."""
    return Glossary(TERMS if name is None else [lookup(name)])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(to_markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
