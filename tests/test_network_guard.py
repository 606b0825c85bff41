"""The tests run with a guard that logs and refuses any non-loopback connection."""

import os
import socket
import subprocess
import sys

import pytest


def test_guard_is_active_here_and_in_child_processes():
    assert os.environ.get("GENAI_COURSE_NETLOG")
    with pytest.raises(PermissionError, match="blocked"):
        socket.getaddrinfo("example.invalid", 80)
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import socket; socket.getaddrinfo('example.invalid', 80)",
        ],
        capture_output=True,
        text=True,
    )
    assert child.returncode != 0 and "blocked" in child.stderr
    # the attempts above were meant: clear them so the end-of-run check stays honest
    log = os.environ["GENAI_COURSE_NETLOG"]
    lines = open(log).read().splitlines()
    assert sum("example.invalid" in line for line in lines) == 2
    open(log, "w").writelines(
        line + "\n" for line in lines if "example.invalid" not in line
    )


def test_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
