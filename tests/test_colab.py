"""Google Colab: every notebook's badges and its set-up cell, in a simulated Colab.

Colab itself cannot be reached from here. The first code cell is run with stand-ins
for `sys`, `importlib.util` and `subprocess`: in Colab (a `google.colab` module loaded)
without the course it clones and installs it once; elsewhere, or when the course is
installed, it does nothing but the usual `setup()`.
"""

import builtins
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from genai_course.website import binder_url, colab_url

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CLONE = "/content/genai_course"


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _first_code(path):
    return "".join(next(c for c in _cells(path) if c["cell_type"] == "code")["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_header_has_binder_and_colab_badges(path):
    header = "".join(_cells(path)[0]["source"])
    assert f"]({colab_url(path.name)})" in header
    assert f"]({binder_url(path.name)})" in header
    assert "github/genai-course/genai_course/blob/main/notebooks/" in colab_url("x")


def test_every_notebook_has_the_same_set_up_cell():
    cells = {path.name: _first_code(path) for path in NOTEBOOKS}
    assert len(set(cells.values())) == 1, f"set-up cells differ: {cells}"
    cell = next(iter(cells.values()))
    assert cell.endswith("from genai_course import setup\nsetup(seed=0)")
    assert "google.colab" in cell and len(cell.splitlines()) <= 8


class FakeColab:
    """Stand-ins for the modules the set-up cell imports, recording what it runs."""

    def __init__(self, in_colab, installed):
        self.installed = installed
        self.commands, self.setups = [], []
        modules = {"google.colab": object()} if in_colab else {}
        self.sys = SimpleNamespace(
            modules=modules, path=[], executable="/usr/bin/python3"
        )
        self.importlib = SimpleNamespace(util=SimpleNamespace(find_spec=self.find_spec))
        self.subprocess = SimpleNamespace(check_call=self.check_call)
        self.course = SimpleNamespace(setup=lambda **kw: self.setups.append(kw))

    def find_spec(self, name):
        assert name == "genai_course"
        return object() if self.installed else None

    def check_call(self, command, shell=False):
        self.commands.append(command)
        if command == [self.sys.executable, f"{CLONE}/binder/colab.py"]:
            self.installed = True  # pip install -e, as binder/colab.py does
        return 0

    def run_cell(self, source):
        fakes = {
            "sys": self.sys,
            "importlib": SimpleNamespace(util=self.importlib.util),
            "importlib.util": self.importlib,
            "subprocess": self.subprocess,
            "genai_course": self.course,
        }

        def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
            if name in fakes:
                return (
                    fakes[name] if fromlist or "." not in name else fakes["importlib"]
                )
            return builtins.__import__(name, globals, locals, fromlist, level)

        namespace = {"__builtins__": {**vars(builtins), "__import__": fake_import}}
        exec(compile(source, "<set-up cell>", "exec"), namespace)


CELL = _first_code(NOTEBOOKS[0])


def test_in_colab_the_cell_clones_and_installs_once():
    colab = FakeColab(in_colab=True, installed=False)
    colab.run_cell(CELL)
    clone, install = colab.commands
    assert clone.startswith("git clone") and clone.endswith(f" {CLONE}")
    assert "https://github.com/genai-course/genai_course " in clone
    assert install == ["/usr/bin/python3", f"{CLONE}/binder/colab.py"]
    assert colab.sys.path == [CLONE] and colab.setups == [{"seed": 0}]
    colab.run_cell(CELL)  # run again: nothing more to install
    assert len(colab.commands) == 2 and colab.setups == [{"seed": 0}] * 2


@pytest.mark.parametrize(
    "in_colab, installed", [(False, False), (False, True), (True, True)]
)
def test_outside_colab_or_when_installed_the_cell_only_sets_up(in_colab, installed):
    colab = FakeColab(in_colab, installed)
    colab.run_cell(CELL)
    assert colab.commands == [] and colab.sys.path == []
    assert colab.setups == [{"seed": 0}]


def test_colab_installer_keeps_colabs_torch_and_prepares_the_data():
    sys.path.insert(0, str(ROOT / "binder"))
    try:
        import colab
    finally:
        sys.path.remove(str(ROOT / "binder"))
    ran = []
    colab.main(run=lambda command, check, cwd: ran.append((command, check, cwd)))
    (install, ok1, cwd), (prepare, ok2, _) = ran
    assert install[1:] == ["-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)]
    assert prepare[1:] == ["-m", "genai_course.prepare"] and ok1 and ok2
    assert install[0] == prepare[0] == sys.executable and cwd == ROOT
