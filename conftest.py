"""Test-run set-up: the network guard, and a final check that nothing connected."""

import os
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

NETGUARD = Path(__file__).parent / "tests" / "netguard"
NETLOG = Path(tempfile.gettempdir()) / f"genai_course_netlog_{os.getpid()}.txt"


def pytest_configure(config):
    NETLOG.unlink(missing_ok=True)
    os.environ["GENAI_COURSE_NETLOG"] = str(NETLOG)
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
