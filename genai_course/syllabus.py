"""The course map, and honest time estimates from one formula.

A notebook's time is what a learner spends, not what the machine spends:

    reading (markdown words at 150 a minute)
    + 1 minute per code cell (read it, run it, look at the output)
    + 8 minutes per exercise (a cell that calls `.check(`)
    + the measured run time on one CPU thread (`benchmarks/notebooks.py`)

rounded to the nearest 5 minutes. Each notebook's header and the README's course map
state this figure; `python -m genai_course.syllabus --write` updates both, and a test
recomputes it.
"""

import json
import re
import sys
from pathlib import Path

from .runtime import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 1
MINUTES_PER_EXERCISE = 8

# Seconds each notebook takes to run top to bottom on one CPU thread, quiet machine:
# `python benchmarks/notebooks.py` (its JSON line). Update after a notebook changes.
RUN_SECONDS = {
    "00_welcome": 4.7,
    "01_primer": 6.2,
    "02_attention": 4.5,
    "03_tiny_gpt": 109.4,
    "04_gan_2d": 20.1,
    "05_gan_digits": 81.4,
    "06_diffusion_2d": 37.5,
    "07_diffusion_digits": 67.7,
    "08_engines_compared": 17.5,
    "09_society_and_law": 8.9,
}

TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes")


def notebooks():
    """Notebook paths in course order (their file names start with the number)."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def load(path):
    """A notebook's JSON as a dict."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def cell_text(cell):
    """A cell's source as one string."""
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def prose(nb):
    """All markdown of a notebook, as one string."""
    return "\n".join(cell_text(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def count_words(nb):
    """Words of markdown a learner reads (code spans and URLs count as one word each)."""
    text = re.sub(r"\(https?://[^)]*\)", "", prose(nb))
    text = re.sub(r"\*\*Time:\*\*[^\n]*", "", text)  # the estimate's own line
    return len(re.findall(r"\S+", text))


def count_code_cells(nb):
    """Code cells a learner runs."""
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def count_exercises(nb):
    """Exercises: code cells that call `.check(`."""
    return sum(
        1
        for c in nb["cells"]
        if c["cell_type"] == "code" and ".check(" in cell_text(c)
    )


def estimate_minutes(nb, run_seconds):
    """The course's time formula, rounded to the nearest 5 minutes (at least 5)."""
    if run_seconds is None or run_seconds < 0:
        raise ValueError(
            f"run_seconds must be a measured, non-negative time, got {run_seconds!r}"
        )
    minutes = (
        count_words(nb) / WORDS_PER_MINUTE
        + MINUTES_PER_CODE_CELL * count_code_cells(nb)
        + MINUTES_PER_EXERCISE * count_exercises(nb)
        + run_seconds / 60
    )
    return max(5, 5 * round(minutes / 5))


def estimate(path):
    """Estimated minutes for the notebook at `path`, from its content and run time."""
    path = Path(path)
    if path.stem not in RUN_SECONDS:
        raise ValueError(
            f"{path.name} has no measured run time in syllabus.RUN_SECONDS: run "
            "`python benchmarks/notebooks.py` and add it"
        )
    return estimate_minutes(load(path), RUN_SECONDS[path.stem])


def stated_minutes(nb):
    """The minutes a notebook's header states ("**Time:** about N minutes"), or None."""
    match = TIME_LINE.search(cell_text(nb["cells"][0])) if nb["cells"] else None
    return int(match.group(1)) if match else None


def time_line(path):
    """The header line for a notebook, with its estimate and run time."""
    path = Path(path)
    run = RUN_SECONDS[path.stem]
    if run < 45:
        run_text = "under a minute"
    elif run < 180:
        run_text = f"about {10 * round(run / 10)} seconds"
    else:
        run_text = f"about {round(run / 60)} minutes"
    return (
        f"**Time:** about {estimate(path)} minutes: reading, running each cell and "
        f"the exercises (the code itself runs in {run_text} on one CPU thread)."
    )


PLAN = re.compile(r"(<!-- plan (\d+) ([\w,]+) -->\n)(.*?)(<!-- /plan -->)", re.S)
BREAK_EVERY = 90  # minutes of work between 15-minute breaks


def plan_table(minutes_available, stems):
    """A workshop plan: each notebook's estimate, with start times and breaks."""
    rows = ["| start | notebook | minutes |", "|---|---|---|"]
    clock, since_break = 0, 0
    for stem in stems:
        minutes = estimate(NOTEBOOK_DIR / f"{stem}.ipynb")
        if since_break and since_break + minutes > BREAK_EVERY:
            rows.append(f"| {clock // 60}:{clock % 60:02d} | break | 15 |")
            clock, since_break = clock + 15, 0
        rows.append(f"| {clock // 60}:{clock % 60:02d} | {stem} | {minutes} |")
        clock, since_break = clock + minutes, since_break + minutes
    if clock > minutes_available:
        raise ValueError(f"plan needs {clock} minutes, has {minutes_available}")
    rows.append(f"| {clock // 60}:{clock % 60:02d} | end ({minutes_available - clock} "
                "minutes to spare for questions) | |")
    return "\n".join(rows) + "\n"


def fill_plans(text):
    """Text with every `<!-- plan MINUTES stem,stem -->` table regenerated."""
    return PLAN.sub(
        lambda m: m.group(1) + plan_table(int(m.group(2)), m.group(3).split(","))
        + m.group(5),
        text,
    )


def write(paths=None):
    """Put each notebook's estimate in its header and in the README's course map."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for path in paths or notebooks():
        nb = load(path)
        header = cell_text(nb["cells"][0])
        new = re.sub(r"\*\*Time:\*\*.*?(?=\n\*\*|\Z)", time_line(path), header, flags=re.S)
        if new == header and "**Time:**" not in header:
            new = header.rstrip("\n") + "\n" + time_line(path)
        nb["cells"][0]["source"] = new.splitlines(keepends=True)
        Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        text = re.sub(
            rf"(\(notebooks/{re.escape(path.name)}\).*\| )\d+ min \|",
            rf"\g<1>{estimate(path)} min |",
            text,
        )
    readme.write_text(text, encoding="utf-8")
    instructors = ROOT / "INSTRUCTORS.md"
    if instructors.is_file():
        plans = instructors.read_text(encoding="utf-8")
        instructors.write_text(fill_plans(plans), encoding="utf-8")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "--write" in argv:
        write()
    for path in notebooks():
        nb = load(path)
        print(
            f"{path.stem:24s} words {count_words(nb):5d}  cells {count_code_cells(nb):3d}"
            f"  exercises {count_exercises(nb):2d}  run {RUN_SECONDS.get(path.stem, 0):6.1f} s"
            f"  -> {estimate(path):3d} min (header says {stated_minutes(nb)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
