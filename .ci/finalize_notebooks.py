"""Run notebooks and keep outputs only on `# NBVAL_CHECK_OUTPUT` cells.

    python .ci/finalize_notebooks.py notebooks/02_attention.ipynb [...]

This is how a notebook is committed: nbval then compares those stored outputs on
every test run, and every other cell is stored clean.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARK = "NBVAL_CHECK_OUTPUT"


def finalize(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(path).parent)}},
    ).execute()
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if MARK in cell.source:
            count += 1
            cell.execution_count = count  # nbval skips cells that look unrun
            cell.outputs = [
                o
                for o in cell.outputs
                if o.output_type == "stream" or "text/plain" in o.get("data", {})
            ]
            for o in cell.outputs:
                o.pop("execution_count", None)
                if o.output_type == "execute_result":
                    o["execution_count"] = count
                    o["data"] = {"text/plain": o["data"]["text/plain"]}
                    o["metadata"] = {}
        else:
            cell.outputs = []
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"finalized {path}")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        finalize(p)
