"""Notebooks are committed without outputs, except small checked ones, with a header."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name == "00_welcome.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_only_on_checked_cells(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "NBVAL_CHECK_OUTPUT" in source:
            assert cell["outputs"], f"{path.name}: a checked cell has no stored output"
            text = json.dumps(cell["outputs"])
            assert len(text) < 2000 and "image/png" not in text
        else:
            assert not cell["outputs"], f"{path.name}: unchecked cell stores output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_header_and_setup_cell(path):
    nb = json.loads(path.read_text())
    header = "".join(nb["cells"][0]["source"])
    assert header.startswith("# ") and "Time" in header and "Prerequisites" in header
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "setup(" in sources[0], "the first code cell is the set-up call"
