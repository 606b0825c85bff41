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
    Term(
        "tokenizer",
        "03_tiny_gpt",
        "Turns text into tokens and each token into an integer id (and back).",
        pattern=r"\btokeni[sz]ers?\b",
    ),
    Term(
        "n-gram",
        "03_tiny_gpt",
        "A counting model that predicts the next token from the previous n - 1;"
        " a bigram (n = 2) looks one token back.",
        pattern=r"\b(n|\d)-grams?\b|\bbigrams?\b",
    ),
    Term(
        "context window",
        "03_tiny_gpt",
        "The most tokens a model can read at once (block_size in the code); "
        "older ones are cut off.",
        pattern=r"\bcontext\s+window",
    ),
    Term(
        "decoder-only transformer",
        "03_tiny_gpt",
        "A transformer with causal self-attention only, which writes left to "
        "right, like GPT.",
        pattern=r"\bdecoder-only\b",
    ),
    Term(
        "transformer block",
        "03_tiny_gpt",
        "One layer of a transformer: attention, then an MLP, each added back to"
        " the residual stream.",
        pattern=r"\btransformer\s+blocks?\b",
    ),
    Term(
        "residual stream",
        "03_tiny_gpt",
        "The vector each position carries through a transformer: every block "
        "reads it and adds its output to it.",
        pattern=r"\bresidual\s+stream\b",
    ),
    Term(
        "LayerNorm",
        "03_tiny_gpt",
        "Layer normalization: shifts and rescales each position's vector to "
        "mean 0 and variance 1, then applies learned gains and offsets.",
        pattern=r"\bLayerNorm\b|\blayer\s+normali[sz]ation\b",
    ),
    Term(
        "GELU",
        "03_tiny_gpt",
        "A smooth version of ReLU: about 0 for large negative inputs, about x "
        "for large positive ones.",
        pattern=r"\bGELU\b",
    ),
    Term(
        "pretraining",
        "03_tiny_gpt",
        "Training a model on a large body of text to predict the next token, "
        "before any fine-tuning.",
        pattern=r"\bpre-?train(ing|ed)?\b",
    ),
    Term(
        "fine-tuning",
        "03_tiny_gpt",
        "Training a pretrained model further on a smaller, chosen data set.",
        pattern=r"\bfine-tun",
    ),
    Term(
        "RLHF",
        "03_tiny_gpt",
        "Reinforcement learning from human feedback: people rank answers, a "
        "reward model learns their rankings, the model is trained to score "
        "well.",
        pattern=r"\bRLHF\b|reinforcement\s+learning\s+from\s+human\s+feedback",
    ),
    Term(
        "AdamW",
        "03_tiny_gpt",
        "Adam with decoupled weight decay: each step also shrinks the weights a"
        " little towards zero.",
        pattern=r"\bAdamW\b",
    ),
    Term(
        "weight decay",
        "03_tiny_gpt",
        "Shrinking every weight a little towards zero at each step, so none "
        "grows large unless the loss needs it.",
        pattern=r"\bweight\s+decay\b",
    ),
    Term(
        "sampling temperature",
        "03_tiny_gpt",
        "The number the output logits are divided by before the softmax when "
        "picking the next token.",
        pattern=r"\bsampling\s+temperature",
    ),
    Term(
        "greedy decoding",
        "03_tiny_gpt",
        "Always picking the single likeliest next token (the limit of "
        "temperature towards 0).",
        pattern=r"\bgreedy\b",
    ),
    Term(
        "top-k sampling",
        "03_tiny_gpt",
        "Sampling only among the k likeliest next tokens.",
        pattern=r"\btop-k\b",
    ),
    Term(
        "top-p (nucleus) sampling",
        "03_tiny_gpt",
        "Sampling only among the fewest likeliest tokens whose probabilities "
        "add up to at least p.",
        pattern=r"\btop-p\b|\bnucleus\b",
    ),
    Term(
        "LSTM",
        "03_tiny_gpt",
        "Long short-term memory: an RNN whose gates decide what its memory "
        "keeps, takes in and shows.",
        pattern=r"\bLSTMs?\b",
    ),
    Term(
        "vanishing gradient",
        "03_tiny_gpt",
        "A gradient that shrinks at every step it travels back through an RNN, "
        "so far inputs barely train it.",
        pattern=r"\bvanishing\s+gradients?\b",
    ),
    # --- 04_gan_2d ---
    # --- 05_gan_digits ---
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
