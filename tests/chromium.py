"""Debian's Chromium for the browser tests: where it is and how it starts."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GENAI_COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def require_chromium():
    """Skip the calling test module without Chromium; in CI, fail instead."""
    if Path(CHROMIUM).is_file():
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"no Chromium at {CHROMIUM}: `apt-get install chromium`")
    pytest.skip(
        f"needs Chromium at {CHROMIUM} (`apt-get install chromium`)",
        allow_module_level=True,
    )
