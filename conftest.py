"""Test-run set-up: the network guard, and a final check that nothing connected."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

NETGUARD = Path(__file__).parent / "tests" / "netguard"
NETLOG = Path(tempfile.gettempdir()) / f"genai_course_netlog_{os.getpid()}.txt"


ROOT = Path(__file__).parent


def _tree_status():
    """`git status` of the repository (None outside a git checkout)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(out.splitlines())


def pytest_configure(config):
    import torch

    torch.set_num_threads(1)  # like the benchmarks; tiny models gain nothing from more
    config._tree_before = _tree_status()
    NETLOG.unlink(missing_ok=True)
    os.environ["GENAI_COURSE_NETLOG"] = str(NETLOG)
    # kernels started by name ("python") use this interpreter, venv activated or not
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = os.pathsep.join([bindir, os.environ.get("PATH", "")])
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(NETGUARD)]
        + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    sys.path.insert(0, str(NETGUARD))
    import netguard

    netguard.install()


def pytest_sessionfinish(session, exitstatus):
    attempts = NETLOG.read_text().splitlines() if NETLOG.is_file() else []
    if attempts:
        print(
            "\nNETWORK GUARD: these processes tried to reach the network:\n  "
            + "\n  ".join(attempts)
        )
        session.exitstatus = 1
    NETLOG.unlink(missing_ok=True)
    before, after = session.config._tree_before, _tree_status()
    if before is not None and after is not None and after - before:
        print(
            "\nSTRAY FILES: the test run changed or left these in the repository:\n  "
            + "\n  ".join(sorted(after - before))
        )
        session.exitstatus = 1
