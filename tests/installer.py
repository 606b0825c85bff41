"""Test helpers: fake wheels, a fake package index over HTTP, pip with no config."""

import contextlib
import functools
import hashlib
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from base64 import urlsafe_b64encode
from pathlib import Path


def build_wheel(folder, name, version, tag, requires=()):
    """Write a minimal wheel with METADATA, WHEEL and RECORD; return its path."""
    dist = f"{name.replace('-', '_')}-{version}"
    files = {
        f"{name.replace('-', '_')}/__init__.py": "",
        f"{dist}.dist-info/METADATA": "Metadata-Version: 2.1\n"
        f"Name: {name}\nVersion: {version}\n"
        + "".join(f"Requires-Dist: {r}\n" for r in requires),
        f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: genai_course-tests\n"
        f"Root-Is-Purelib: false\nTag: {tag}\n",
    }
    record = "".join(f"{p},{_record_hash(t)},{len(t)}\n" for p, t in files.items())
    files[f"{dist}.dist-info/RECORD"] = record + f"{dist}.dist-info/RECORD,,\n"
    path = Path(folder) / f"{dist}-{tag}.whl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as whl:
        for name_in_zip, text in files.items():
            whl.writestr(name_in_zip, text)
    return path


def _record_hash(text):
    """RECORD's hash field for a file's text."""
    digest = hashlib.sha256(text.encode()).digest()
    return "sha256=" + urlsafe_b64encode(digest).rstrip(b"=").decode()


def add_to_index(root, path, project):
    """Put a file in a PEP 503 folder index: root/simple/<project>/<file>."""
    dest = Path(root) / "simple" / project / Path(path).name
    dest.parent.mkdir(parents=True, exist_ok=True)
    Path(path).replace(dest)
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(folder):
    """Serve a folder over HTTP on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def clean_pip_env():
    """This process's environment with pip's own configuration cleared."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def pip(*args, cwd=None, timeout=600):
    """Run `python -m pip --isolated ARGS` with no pip config; return the result."""
    cmd = [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check"]
    return subprocess.run(
        cmd + list(args),
        cwd=cwd,
        env=clean_pip_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
