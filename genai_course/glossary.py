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
    Term(
        "generative adversarial network",
        "04_gan_2d",
        "A GAN: a generator and a discriminator trained against each other, G to "
        "make samples that D cannot tell from real data (Goodfellow et al., 2014).",
        pattern=r"generative adversarial network",
    ),
    # 00's engine table previews "a generator forges, a discriminator detects"; these
    # patterns find the GAN's G and D as 04 introduces them.
    Term(
        "generator (G)",
        "04_gan_2d",
        "In a GAN, the network that turns random noise into samples, trained to "
        "fool D.",
        pattern=r"\bgenerator\*{0,2} G\b",
    ),
    Term(
        "discriminator (D)",
        "04_gan_2d",
        "In a GAN, the network that scores how likely a sample is to be real, "
        "trained to tell real data from G's samples.",
        pattern=r"\bdiscriminator\*{0,2} D\b",
    ),
    Term(
        "mode",
        "04_gan_2d",
        "A peak of a distribution's density: a kind of sample that is common (one "
        "blob).",
        pattern=r"\bmodes?\b",
    ),
    Term(
        "mode collapse",
        "04_gan_2d",
        "A GAN failure: G makes only a few kinds of sample and ignores the other "
        "modes.",
    ),
    Term(
        "sigmoid",
        "04_gan_2d",
        "sigmoid(s) = 1 / (1 + e^(-s)): squashes any score into a probability in "
        "(0, 1).",
    ),
    Term(
        "minimax loss",
        "04_gan_2d",
        "The original GAN generator loss log(1 - D(G(z))); it is flat when D is sure.",
        pattern=r"\bminimax\b",
    ),
    Term(
        "non-saturating loss",
        "04_gan_2d",
        "The generator loss -log D(G(z)): the same goal as minimax, but steep "
        "exactly when D is sure the fakes are fake.",
        pattern=r"non-saturating",
    ),
    Term(
        "hinge loss",
        "04_gan_2d",
        "A GAN loss in which D pushes real scores above +1 and fake scores below -1 "
        "and ignores samples already past those marks (SAGAN, BigGAN).",
    ),
    Term(
        "WGAN-GP",
        "04_gan_2d",
        "Wasserstein GAN with gradient penalty: D is a critic with unbounded "
        "scores, high on real data, kept smooth by a penalty on its gradient.",
    ),
    Term(
        "least squares GAN",
        "04_gan_2d",
        "A GAN loss that pulls D's scores to 1 for real and 0 for fake by squared "
        "error (LSGAN).",
        pattern=r"least squares",
    ),
    Term(
        "softplus",
        "04_gan_2d",
        "softplus(s) = log(1 + e^s), a smooth ReLU; -log sigmoid(s) = softplus(-s).",
    ),
    Term(
        "Jacobian",
        "04_gan_2d",
        "The table of partial derivatives of a function's outputs with respect to "
        "its inputs (here: how each point moves per unit change of each weight).",
    ),
    Term(
        "high-quality share",
        "04_gan_2d",
        "PacGAN's measure: the percentage of samples within 3 standard deviations "
        "of some mode's centre.",
        pattern=r"high[- ]quality",
    ),
    Term(
        "reverse KL",
        "04_gan_2d",
        "KL(generated || target): here, how unevenly G's samples share out among "
        "the modes; 0 for even shares, log K when all sit on one of K modes.",
        pattern=r"reverse KL|Kullback",
    ),
    Term(
        "packing",
        "04_gan_2d",
        "PacGAN's remedy for mode collapse: D judges several samples at once (a "
        "pack), so it can notice when G's samples are too alike.",
        pattern=r"\bpack(s|ed|ing)?\b",
    ),
    # --- 05_gan_digits ---
    Term(
        "convolution",
        "05_gan_digits",
        "A layer that slides a small grid of learned weights (a filter) over an "
        "image, one weighted sum per position, the same weights everywhere.",
        pattern=r"\bconvolution(s|al)?\b",
    ),
    Term(
        "channel",
        "05_gan_digits",
        "One of the stacked 2-D maps an image layer holds: each filter of a "
        "convolution makes one.",
        pattern=r"\bchannels?\b",
    ),
    Term(
        "stride",
        "05_gan_digits",
        "How many pixels a convolution's filter jumps between positions; stride 2 "
        "halves width and height.",
        pattern=r"\bstride(d)?\b",
    ),
    Term(
        "transposed convolution",
        "05_gan_digits",
        "The reverse of a strided convolution: each input pixel stamps a learned "
        "filter onto a larger output (stride 2 doubles width and height).",
    ),
    Term(
        "BatchNorm",
        "05_gan_digits",
        "Batch normalisation: rescale each channel to mean 0 and standard deviation "
        "1 over the batch, then apply a learned scale and shift.",
    ),
    Term(
        "latent space",
        "05_gan_digits",
        "The space of G's input noise vectors; G maps each point of it to a sample.",
    ),
    Term(
        "interpolation",
        "05_gan_digits",
        "A path of small steps from one point to another, e.g. between two noise "
        "vectors.",
        pattern=r"\binterpolat(e|ion|ing)\b",
    ),
    Term(
        "slerp",
        "05_gan_digits",
        "Spherical linear interpolation: a great-circle path between two vectors "
        "that keeps their length, unlike the straight line.",
    ),
    Term(
        "balanced accuracy",
        "05_gan_digits",
        "The mean of a detector's hit rates on real and on fake items: 50% is a "
        "coin toss whatever the mix.",
    ),
    Term(
        "autoencoder",
        "05_gan_digits",
        "An encoder network that squeezes an input into a short code and a decoder "
        "that rebuilds the input from it; classic face-swap deepfakes use one.",
    ),
    # --- 06_diffusion_2d ---
    # --- 07_diffusion_digits ---
    # --- 08_engines_compared ---
    # --- 09_society_and_law ---
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
