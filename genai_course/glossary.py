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
