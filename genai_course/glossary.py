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
    Term(
        "diffusion model",
        "06_diffusion_2d",
        "A generator that turns random noise into data by removing a little "
        "predicted noise at each of many steps.",
        pattern=r"\bdiffusion models?\b",
    ),
    Term(
        "forward process",
        "06_diffusion_2d",
        "The fixed procedure that adds Gaussian noise to data, step by step, until "
        "only noise is left.",
    ),
    Term(
        "reverse process",
        "06_diffusion_2d",
        "Generation in a diffusion model: start from pure noise and undo the "
        "forward process step by step with a denoiser.",
    ),
    Term(
        "timestep",
        "06_diffusion_2d",
        "The index t of a step of the forward process; a larger t means more noise "
        "in x_t.",
        pattern=r"\btimesteps?\b",
    ),
    Term(
        "noise schedule",
        "06_diffusion_2d",
        "The list of noise variances β_1 … β_T that the forward process adds, one "
        "per step (linear or cosine).",
    ),
    Term(
        "beta (β_t)",
        "06_diffusion_2d",
        "The variance of the noise added at step t of the forward process, which "
        "also shrinks the sample by √(1 − β_t).",
        pattern=r"β",
    ),
    Term(
        "alpha (α_t)",
        "06_diffusion_2d",
        "1 − β_t: the share of variance one forward step keeps.",
        pattern=r"α_t",
    ),
    Term(
        "alpha bar (ᾱ_t, alphas_cumprod)",
        "06_diffusion_2d",
        "The product of α_1 … α_t: the share of the data's variance still present "
        "in x_t.",
        pattern=r"ᾱ|alphas_cumprod",
    ),
    Term(
        "DDPM",
        "06_diffusion_2d",
        "Denoising diffusion probabilistic models (Ho et al. 2020): the "
        "predict-the-noise loss, and a sampler that adds fresh noise at every "
        "reverse step.",
    ),
    Term(
        "cosine schedule",
        "06_diffusion_2d",
        "A noise schedule whose ᾱ_t follows a squared cosine (Nichol & Dhariwal "
        "2021); diffusers calls it squaredcos_cap_v2.",
    ),
    Term(
        "signal-to-noise ratio (SNR)",
        "06_diffusion_2d",
        "ᾱ_t / (1 − ᾱ_t): the variance of the data part of x_t over that of its "
        "noise part.",
        pattern=r"signal-to-noise|\bSNR\b",
    ),
    Term(
        "denoiser",
        "06_diffusion_2d",
        "A network (or formula) that guesses the noise in a noisy sample x_t, given "
        "t.",
        pattern=r"\bdenoisers?\b",
    ),
    Term(
        "score (∇ log p)",
        "06_diffusion_2d",
        "The gradient of the log-density with respect to the point itself: an arrow "
        "towards where data are more likely.",
        pattern=r"∇ ?log p",
    ),
    Term(
        "sampler",
        "06_diffusion_2d",
        "The rule that turns a denoiser's noise guesses into the next, less noisy "
        "sample (DDPM, DDIM).",
        pattern=r"\bsamplers?\b",
    ),
    Term(
        "sinusoidal features",
        "06_diffusion_2d",
        "Sines and cosines of the timestep at several frequencies: how a network is "
        "told t.",
    ),
    Term(
        "exponential moving average (EMA)",
        "06_diffusion_2d",
        "A running average of the weights during training, used at the end because "
        "it is less noisy.",
        pattern=r"exponential moving average|\bEMA\b",
    ),
    Term(
        "sliced Wasserstein distance (SWD)",
        "06_diffusion_2d",
        "How far apart two point clouds are: project both on random directions, "
        "sort, and average the gaps between matching points.",
        pattern=r"sliced Wasserstein|\bSWD\b",
    ),
    Term(
        "Wasserstein distance",
        "06_diffusion_2d",
        "For 1-D data: how far, on average, the points of one pile must move to "
        "make the other pile.",
    ),
    Term(
        "SWD ratio",
        "06_diffusion_2d",
        "SWD(samples, data) / SWD(a fresh real sample, data): 1.0 means as good as "
        "fresh real data.",
    ),
    Term(
        "DDIM",
        "06_diffusion_2d",
        "Denoising diffusion implicit models (Song et al. 2021): a sampler for the "
        "same network that jumps via the predicted x0 and, with η = 0, adds no "
        "fresh noise.",
    ),
    Term(
        "eta (η)",
        "06_diffusion_2d",
        "DDIM's setting for how much fresh noise each step adds: 0 is "
        "deterministic, 1 behaves like DDPM.",
        pattern=r"η",
    ),
    Term(
        "FID",
        "06_diffusion_2d",
        "Fréchet Inception Distance: how far apart real and generated images are in "
        "the features of a pretrained classifier; lower is better.",
    ),
    Term(
        "CIFAR-10",
        "06_diffusion_2d",
        "A standard benchmark data set of small (32×32) colour photos in 10 "
        "classes.",
    ),
    # --- 07_diffusion_digits ---
    Term(
        "text-to-image",
        "07_diffusion_digits",
        "Generating a picture from words (a prompt).",
    ),
    Term(
        "conditioning",
        "07_diffusion_digits",
        "Giving a network an extra input that says what to produce (a class label, "
        "a text prompt).",
        pattern=r"\bcondition(ed|ing)\b",
    ),
    Term(
        "classifier-free guidance",
        "07_diffusion_digits",
        "Predict the noise with and without the prompt and extrapolate: (1 + w) "
        "ε_cond − w ε_uncond (Ho & Salimans 2022).",
    ),
    Term(
        "U-Net",
        "07_diffusion_digits",
        "A convolutional network that goes down in resolution and back up, with "
        "skip connections between matching resolutions.",
    ),
    Term(
        "skip connection",
        "07_diffusion_digits",
        "A path that carries features past part of a network, here from the 8×8 "
        "level straight to the way back up.",
    ),
    Term(
        "class label embedding",
        "07_diffusion_digits",
        "A learned vector for each class label, looked up in a table (nn.Embedding) "
        "and fed to the network.",
    ),
    Term(
        "null label",
        "07_diffusion_digits",
        "The extra label meaning \"no prompt\", used to train and query the "
        "unconditional model.",
        pattern=r"\bnull (label|prompt|class)",
    ),
    Term(
        "label dropout",
        "07_diffusion_digits",
        "Replacing the label by the null label for a random share of training "
        "examples, so one network learns both models.",
    ),
    Term(
        "guidance weight (w)",
        "07_diffusion_digits",
        "How far classifier-free guidance extrapolates; diffusers' guidance_scale "
        "is 1 + w.",
        pattern=r"guidance weight|guidance_scale",
    ),
    Term(
        "latent diffusion",
        "07_diffusion_digits",
        "Diffusion run on a compressed image made by an autoencoder, decoded to "
        "pixels at the end (Rombach et al. 2022).",
    ),
    Term(
        "autoencoder",
        "07_diffusion_digits",
        "A network trained to compress its input and rebuild it from the compressed "
        "version.",
        pattern=r"\bautoencoders?\b",
    ),
    Term(
        "cross-attention",
        "07_diffusion_digits",
        "Attention whose queries come from one sequence (image features) and keys "
        "and values from another (text tokens).",
    ),
    Term(
        "text encoder",
        "07_diffusion_digits",
        "A network that turns a prompt into vectors, one per token, for the image "
        "model to use.",
    ),
    Term(
        "CLIP",
        "07_diffusion_digits",
        "A text network and an image network trained together so that a picture and "
        "its caption map to nearby vectors (Radford et al. 2021).",
    ),
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
