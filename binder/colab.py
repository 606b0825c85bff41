"""Google Colab set-up, run by each notebook's first cell once it has cloned the course.

Installs the course package on top of the torch, NumPy and ipywidgets that Colab ships
(`--no-deps`: reinstalling any of them would force a runtime restart), then prepares
the data. Binder uses `postBuild` beside this file instead.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the cloned course


def commands(python=sys.executable, root=ROOT):
    """The set-up commands: install the course in place, then prepare its data."""
    return [
        [python, "-m", "pip", "install", "-q", "--no-deps", "-e", str(root)],
        [python, "-m", "genai_course.prepare"],
    ]


def main(run=subprocess.run):
    for command in commands():
        run(command, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
