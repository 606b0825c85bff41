"""The course under the mistakes and interruptions it will meet.

- Interrupting a live-training cell (Ctrl-C / the stop button) keeps the model usable
  and the rest of the notebook runs.
- Running a notebook twice in one kernel gives the same seeded results.
- Every exercise checker answers a wrong answer with a message, never a traceback.
(The network guard in conftest.py runs the whole suite offline; the same file checks
that the suite leaves no stray files in the repository.)
"""

import importlib
import os
import pkgutil
import signal
import threading
import time
from pathlib import Path

import nbformat
import pytest
import torch
from nbclient import NotebookClient

import genai_course.exercises as exercises_pkg
from genai_course.exercises import Exercise, ____

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MARK = "NBVAL_CHECK_OUTPUT"


def _client(nb, path):
    return NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )


def _training_cells(nb):
    """Live-training cells: they train on a time budget (`seconds=`)."""
    return [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and "seconds=" in c.source
    ]


def _progress_started(cell):
    for out in cell.outputs:
        if "application/vnd.jupyter.widget-view+json" in out.get("data", {}):
            return True
        if out.get("output_type") == "stream" and "it/s" in out.get("text", ""):
            return True
    return False


def _interrupt_when_training(client, cell, done):
    """Send an interrupt once the cell's progress bar shows, like a learner's Ctrl-C."""
    deadline = time.time() + 120
    while not done.is_set() and time.time() < deadline:
        if _progress_started(cell):
            time.sleep(3)  # a learner sees the bar move for a moment, then stops it
            os.kill(client.km.provisioner.process.pid, signal.SIGINT)  # = Ctrl-C
            return
        time.sleep(0.1)


WITH_TRAINING = [
    p for p in NOTEBOOKS if _training_cells(nbformat.read(p, as_version=4))
]


@pytest.mark.parametrize("path", WITH_TRAINING, ids=lambda p: p.stem)
def test_interrupting_live_training_keeps_the_notebook_usable(path):
    nb = nbformat.read(path, as_version=4)
    target = _training_cells(nb)[0]
    client = _client(nb, path)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if index == target:
                done = threading.Event()
                watcher = threading.Thread(
                    target=_interrupt_when_training, args=(client, cell, done)
                )
                watcher.start()
                try:
                    client.execute_cell(cell, index)  # raises if the interrupt escaped
                finally:
                    done.set()
                    watcher.join()
                text = "".join(o.get("text", "") for o in cell.outputs)
                assert "Interrupted after" in text, f"cell {index} was not interrupted"
            else:
                client.execute_cell(cell, index)  # every later cell still runs


def _checked_outputs(nb):
    return [
        "".join(
            o.get("text", "") or o.get("data", {}).get("text/plain", "")
            for o in c.outputs
        )
        for c in nb.cells
        if c.cell_type == "code" and MARK in c.source
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_running_twice_in_one_kernel_gives_the_same_results(path):
    nb = nbformat.read(path, as_version=4)
    client = _client(nb, path)
    passes = []
    with client.setup_kernel():
        for _ in range(2):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            passes.append(_checked_outputs(nb))
    assert passes[0] == passes[1]


def _all_exercises():
    found = {}
    for info in pkgutil.iter_modules(exercises_pkg.__path__):
        module = importlib.import_module(f"{exercises_pkg.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Exercise):
                found[f"{info.name}.{name}"] = value
    return found


EXERCISES = _all_exercises()


def _raises(*args, **kwargs):
    raise RuntimeError("a bug in the learner's code")


WRONG_ANSWERS = {
    "a function that raises": _raises,
    "a function returning a string": lambda *a, **k: "hello",
    "a function returning a wrong-shape tensor": lambda *a, **k: torch.zeros(1, 2, 3),
    "a function returning an int tensor": lambda *a, **k: torch.zeros(
        7, dtype=torch.long
    ),
    "a function returning None": lambda *a, **k: None,
    "a function returning NaN": lambda *a, **k: torch.tensor(float("nan")),
    "a number": 42,
    "a string": "my answer",
    "None": None,
    "a dict of placeholders": {"x": ____},
    "an empty list": [],
}


def test_there_are_exercises():
    assert len(EXERCISES) >= 2


@pytest.mark.parametrize("name", list(EXERCISES))
def test_wrong_answers_get_teaching_messages(name):
    exercise = EXERCISES[name]
    for label, answer in WRONG_ANSWERS.items():
        feedback = exercise.check(answer)  # must not raise
        assert feedback.status in ("incorrect", "not attempted"), (
            f"{label} passed {name}"
        )
        assert feedback.message and "Traceback" not in feedback.message, label
    assert exercise.check().status == "not attempted"
    assert str(exercise.hint()) and str(exercise.solution())
