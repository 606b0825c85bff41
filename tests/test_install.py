"""requirements.txt on a learner's Linux x86-64 machine gives CPU torch, no CUDA.

A fake PyPI (torch 2.13.0 needing nvidia-cublas-cu12, as PyPI's Linux wheel does) and
a fake PyTorch CPU index (torch 2.13.0+cpu) are served from folders on 127.0.0.1;
pip runs with its own configuration cleared, as on a learner's machine.
"""

import json
import platform
import sys
from pathlib import Path

import pytest
from installer import add_to_index, build_wheel, pip, serve

ROOT = Path(__file__).parent.parent
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PY = f"cp{sys.version_info.major}{sys.version_info.minor}"
LINUX_TAG = f"{PY}-{PY}-manylinux_2_17_x86_64"

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() != "x86_64",
    reason="the fake torch wheels are tagged for Linux x86-64",
)


def requirement_lines(name):
    """The non-comment lines of a requirements file."""
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and line[0] != "#"]


def test_requirements_name_only_what_a_learner_needs():
    assert requirement_lines("requirements.txt") == [
        f"--extra-index-url {CPU_INDEX}",
        "torch==2.13.0",
        "-e .",
    ]
    assert requirement_lines("requirements-test.txt") == [
        "-r requirements.txt",
        "-e .[test]",
    ]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """Base URLs of a fake PyPI and a fake PyTorch CPU index."""
    tmp = tmp_path_factory.mktemp("indexes")
    pypi, cpu = tmp / "pypi", tmp / "cpu"
    cuda = build_wheel(tmp, "torch", "2.13.0", LINUX_TAG, ["nvidia-cublas-cu12"])
    add_to_index(pypi, cuda, "torch")
    nvidia = build_wheel(tmp, "nvidia-cublas-cu12", "12.9.1", "py3-none-any")
    add_to_index(pypi, nvidia, "nvidia-cublas-cu12")
    add_to_index(cpu, build_wheel(tmp, "torch", "2.13.0+cpu", LINUX_TAG), "torch")
    with serve(pypi) as pypi_url, serve(cpu) as cpu_url:
        yield pypi_url + "/simple", cpu_url + "/simple"


def resolve(lines, pypi_url, tmp_path):
    """{name: version} that `pip install --dry-run` picks for requirement lines."""
    reqs, report = tmp_path / "reqs.txt", tmp_path / "report.json"
    reqs.write_text("\n".join(lines) + "\n")
    result = pip(
        "install", "--dry-run", "--ignore-installed", "--no-cache-dir",
        "--index-url", pypi_url, "--report", str(report), "-r", str(reqs),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    installs = json.loads(report.read_text())["install"]
    return {i["metadata"]["name"]: i["metadata"]["version"] for i in installs}


def learner_lines(cpu_url):
    """requirements.txt with its CPU index pointed at the fake one, `-e .` left out.

    `-e .` would add the course's own dependencies (numpy, jupyterlab, ...), which
    the fake PyPI does not hold; they play no part in which torch is chosen.
    """
    lines = requirement_lines("requirements.txt")
    assert "-e ." in lines
    return [line.replace(CPU_INDEX, cpu_url) for line in lines if line != "-e ."]


def test_linux_learner_gets_cpu_torch_and_no_nvidia(indexes, tmp_path):
    pypi_url, cpu_url = indexes
    picked = resolve(learner_lines(cpu_url), pypi_url, tmp_path)
    assert picked["torch"] == "2.13.0+cpu"
    assert not [name for name in picked if name.startswith("nvidia")]


def test_without_the_cpu_index_linux_gets_cuda_torch(indexes, tmp_path):
    pypi_url, cpu_url = indexes
    lines = [ln for ln in learner_lines(cpu_url) if not ln.startswith("--extra")]
    picked = resolve(lines, pypi_url, tmp_path)
    assert picked["torch"] == "2.13.0"
    assert "nvidia-cublas-cu12" in picked


def test_code_licence_is_mit_everywhere():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
