"""Network guard for the test run: refuse and log any non-loopback connection.

The test suite puts this folder on PYTHONPATH, so every Python process it starts
(each notebook kernel, through sitecustomize) installs it; pytest installs it in
itself. A connection attempt to anything but
this machine raises PermissionError and is written to $GENAI_COURSE_NETLOG, which the
suite checks at the end.
"""

import os
import socket
import sys

LOCAL_HOSTS = {None, "", "localhost", "127.0.0.1", "::1", "0.0.0.0", "ip6-localhost"}


def _is_local(host):
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in LOCAL_HOSTS or (isinstance(host, str) and host.startswith("127."))


def _audit(event, args):
    if event == "socket.connect":
        sock, address = args
        if sock.family == getattr(socket, "AF_UNIX", None) or not isinstance(
            address, tuple
        ):
            return
        host = address[0]
    elif event == "socket.getaddrinfo":
        host = args[0]
    else:
        return
    if _is_local(host):
        return
    log = os.environ.get("GENAI_COURSE_NETLOG")
    if log:
        with open(log, "a") as f:
            f.write(f"{os.getpid()} {event} {host!r} {sys.argv[:2]}\n")
    raise PermissionError(
        f"network access to {host!r} is blocked during the course tests"
    )


_installed = False


def install():
    """Add the audit hook once, if a log file is named in the environment."""
    global _installed
    if os.environ.get("GENAI_COURSE_NETLOG") and not _installed:
        sys.addaudithook(_audit)
        _installed = True
