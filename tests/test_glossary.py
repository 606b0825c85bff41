"""The glossary: every term defined before any notebook uses it, and easy to look up."""

import pytest

from genai_course.glossary import TERMS, glossary
from genai_course import syllabus

ORDER = [p.stem for p in syllabus.notebooks()]
PROSE = {p.stem: syllabus.prose(syllabus.load(p)) for p in syllabus.notebooks()}


def first_use(term):
    """(notebook stem, snippet) of the term's first use in course order, or None."""
    for stem in ORDER:
        match = term.regex().search(PROSE[stem])
        if match:
            text = PROSE[stem]
            return stem, text[max(0, match.start() - 40) : match.end() + 40]
    return None


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.name)
def test_no_notebook_uses_a_term_before_the_notebook_that_defines_it(term):
    assert term.notebook in ORDER, f"{term.name}: no notebook {term.notebook}"
    assert term.regex().search(PROSE[term.notebook]), (
        f"{term.name!r} is said to be defined in {term.notebook}, which never uses it"
    )
    stem, snippet = first_use(term)
    assert ORDER.index(stem) >= ORDER.index(term.notebook), (
        f"{stem} uses {term.name!r} before {term.notebook} defines it: ...{snippet}..."
    )


def test_every_term_has_a_one_line_definition_and_a_unique_name():
    names = [t.name.lower() for t in TERMS]
    assert len(names) == len(set(names))
    for term in TERMS:
        assert term.definition and "\n" not in term.definition, term.name
        assert term.definition.endswith("."), term.name


def test_every_notebook_links_the_glossary():
    for stem, text in PROSE.items():
        assert "glossary()" in text, f"{stem} does not point learners to glossary()"


def test_glossary_looks_up_a_term_and_explains_an_unknown_one():
    assert "term" in str(glossary())
    if TERMS:
        first = TERMS[0]
        assert first.definition in str(glossary(first.name.upper()))
    with pytest.raises(ValueError, match="not in the glossary"):
        glossary("flux capacitor")
    with pytest.raises(TypeError, match="string"):
        glossary(3)
