"""Honest times: each notebook's header and the README state the formula's estimate."""

import re

import pytest

from genai_course import syllabus

README = (syllabus.ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", syllabus.notebooks(), ids=lambda p: p.stem)
def test_header_states_the_formula_estimate(path):
    estimate = syllabus.estimate(path)
    stated = syllabus.stated_minutes(syllabus.load(path))
    assert stated is not None, f"{path.name}: no '**Time:** about N minutes' in header"
    assert abs(stated - estimate) <= 0.1 * estimate, (
        f"{path.name} says {stated} min, the formula gives {estimate}: run "
        "`python -m genai_course.syllabus --write`"
    )


@pytest.mark.parametrize("path", syllabus.notebooks(), ids=lambda p: p.stem)
def test_readme_course_map_states_the_formula_estimate(path):
    row = re.search(rf"\(notebooks/{re.escape(path.name)}\).*\| (\d+) min \|", README)
    assert row, f"README course map has no time for {path.name}"
    estimate = syllabus.estimate(path)
    assert abs(int(row.group(1)) - estimate) <= 0.1 * estimate


def test_formula_counts_reading_cells_exercises_and_run_time():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "word " * 300},  # 2 min
            {"cell_type": "code", "source": "x = 1"},  # 1 min
            {"cell_type": "code", "source": "q1.check(f)"},  # 1 + 8 min
        ]
    }
    assert syllabus.estimate_minutes(nb, run_seconds=60) == 15  # 2+1+9+1 = 13 -> 15
    assert syllabus.estimate_minutes(nb, run_seconds=0) == 10  # 12 -> 10
    with pytest.raises(ValueError, match="measured"):
        syllabus.estimate_minutes(nb, run_seconds=None)


def test_every_notebook_has_a_measured_run_time():
    for path in syllabus.notebooks():
        assert path.stem in syllabus.RUN_SECONDS, path.name


def test_instructors_plans_follow_the_formula():
    path = syllabus.ROOT / "INSTRUCTORS.md"
    text = path.read_text(encoding="utf-8")
    assert len(syllabus.PLAN.findall(text)) == 2  # the 3-hour and the 1-day plan
    assert syllabus.fill_plans(text) == text, (
        "INSTRUCTORS.md plans are stale: run `python -m genai_course.syllabus --write`"
    )


def test_a_plan_that_does_not_fit_is_refused():
    with pytest.raises(ValueError, match="plan needs"):
        syllabus.plan_table(30, ["00_welcome", "01_primer"])
