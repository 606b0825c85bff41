"""Pre-flight check of a learner's or workshop machine: `python -m genai_course.doctor`.

Prints one `[ok]` or `[fix]` line per check, each `[fix]` with what to do, and exits
with 0 when everything is ok, 1 otherwise. Each check is a function returning
(ok, message, fix); `--quick` leaves out the 5-second speed probe.
"""

import argparse
import hashlib
import importlib.metadata as metadata
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent  # as runtime.ROOT, without torch
DATA_DIR = ROOT / "data"

REINSTALL = "python -m pip install -r requirements.txt"
# What the course was tested with (and the oldest it allows, from pyproject.toml).
TESTED_PYTHON, MIN_PYTHON = "3.11.7", "3.10"
TESTED = {  # distribution: (oldest allowed, tested)
    "numpy": ("1.24", "2.4.6"),
    "matplotlib": ("3.7", "3.11.2"),
    "ipywidgets": ("8.0", "8.1.9"),
    "ipykernel": ("6.0", "7.4.0"),
    "jupyterlab": ("4.0", "4.6.6"),
    "scikit-learn": ("1.2", "1.9.1"),
}
TORCH_PIN = "2.13.0"  # requirements.txt
WIDGETS_EXTENSION = Path("@jupyter-widgets") / "jupyterlab-manager"
# Speed probe, calibrated on the machine that set the notebooks' time budgets, one
# torch thread: seconds per training step of notebook 03's tiny GPT (batch 32).
# transformer.RECIPE's 1,350 steps take ~3 min there when quiet (0.133 s a step);
# step_seconds(threads=1) measured 0.15-0.35 s there while it was busy.
BUDGET_STEP_SECONDS = 0.133
# Notebook 03 there, one thread (`python benchmarks/notebooks.py`, a busy machine):
# its whole run; the part set by clocks (`seconds=` budgets) lasts as long anywhere.
NB03_SECONDS, NB03 = 94.0, ROOT / "notebooks" / "03_tiny_gpt.ipynb"
SLOW = 2.0  # slower than this many times the budget machine needs a fix


def _version(name):
    """Installed version of a distribution, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_python(version=None):
    """Python new enough for the course."""
    version = version or platform.python_version()
    message = f"Python {version} (tested with {TESTED_PYTHON})"
    if Version(version) < Version(MIN_PYTHON):
        fix = f"install Python {MIN_PYTHON} or newer, then run the set-up command"
        return False, message, fix
    return True, message, ""


def check_packages(version=_version):
    """Every course dependency installed, torch at its pin, the rest new enough."""
    problems, found = [], []
    torch = version("torch")
    if torch is None or Version(torch).release != Version(TORCH_PIN).release:
        problems.append(f"torch {torch or 'missing'} (the course pins {TORCH_PIN})")
    for name, (oldest, tested) in TESTED.items():
        installed = version(name)
        if installed is None or Version(installed) < Version(oldest):
            problems.append(f"{name} {installed or 'missing'} (needs >= {oldest})")
        elif Version(installed).major != Version(tested).major:
            problems.append(f"{name} {installed} (tested with {tested})")
        else:
            found.append(f"{name} {installed}")
    if problems:
        return False, "packages: " + ", ".join(problems), REINSTALL
    return True, f"packages: torch {torch}, " + ", ".join(found), ""


def _folder_bytes(folder):
    """Bytes of every file under a folder."""
    total = 0
    for dirpath, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total


def torch_disk_bytes():
    """Bytes on disk of torch and of any nvidia-* packages installed with it."""
    import torch

    total = _folder_bytes(Path(torch.__file__).parent)
    for dist in metadata.distributions():
        if (dist.metadata["Name"] or "").lower().startswith("nvidia"):
            total += sum(p.locate().stat().st_size for p in dist.files or ())
    return total


def check_torch_build(cuda=None, disk_bytes=None):
    """The CPU build of torch (a CUDA build works, but takes gigabytes for nothing)."""
    if cuda is None:
        import torch

        cuda = torch.version.cuda or ""
    disk_bytes = torch_disk_bytes() if disk_bytes is None else disk_bytes
    size = f"{disk_bytes / 1e9:.1f} GB on disk"
    if cuda:
        fix = (
            "the course runs on the CPU: `python -m pip uninstall -y torch`, "
            f"uninstall the nvidia-* packages, then `{REINSTALL}`"
        )
        return False, f"torch is the CUDA {cuda} build ({size})", fix
    return True, f"torch is the CPU build ({size})", ""


def check_threads(cpus=None):
    """More than one CPU for this process (affinity, cgroup quota, OMP_NUM_THREADS)."""
    if cpus is None:
        from .runtime import available_cpus

        cpus = available_cpus()
    message = f"{cpus} CPU{'s' if cpus > 1 else ''} usable; torch will use {cpus}"
    if cpus < 2:
        fix = (
            "notebooks still run, but training cells learn less in their time "
            "budget: close other programs, or give this machine/container more CPUs"
        )
        return False, message + " thread", fix
    return True, message + " threads", ""


def widgets_extension_dirs():
    """Folders where JupyterLab looks for prebuilt extensions."""
    from jupyter_core.paths import jupyter_path

    return [Path(p) for p in jupyter_path("labextensions")]


def check_widgets(version=_version, folders=None):
    """JupyterLab can show widgets: jupyterlab_widgets and its lab extension."""
    folders = widgets_extension_dirs() if folders is None else folders
    fix = f"{REINSTALL}, then restart JupyterLab and reload the browser tab"
    installed = version("jupyterlab_widgets")
    if installed is None:
        return False, "jupyterlab_widgets is missing: widgets will not show", fix
    found = [f for f in folders if (Path(f) / WIDGETS_EXTENSION).is_dir()]
    if not found:
        message = f"jupyterlab_widgets {installed}, but its lab extension is missing"
        return False, message, fix
    return True, f"widgets: jupyterlab_widgets {installed}, extension found", ""


def check_corpus(prepared=None):
    """The Shakespeare corpus is prepared (notebooks 03 and 08 read it)."""
    if prepared is None:
        from .prepare import is_prepared

        prepared = is_prepared()
    if not prepared:
        fix = "python -m genai_course.prepare (offline: --from WHEELHOUSE)"
        return False, "the Shakespeare corpus is not prepared", fix
    return True, "Shakespeare corpus prepared", ""


def check_checkpoints(directory=None):
    """Every checkpoint listed in SHA256SUMS is present and matches its SHA-256."""
    directory = Path(directory or DATA_DIR / "checkpoints")
    sums = directory / "SHA256SUMS"
    if not sums.is_file():
        fix = "get data/checkpoints again from the course repository"
        return False, f"{sums} is missing", fix
    bad = []
    lines = [line.split(maxsplit=1) for line in sums.read_text().splitlines()]
    for digest, name in (line for line in lines if len(line) == 2):
        path = directory / name.lstrip("*")
        if not path.is_file() or _sha256(path) != digest:
            bad.append(path.stem)
    if bad:
        commands = "; ".join(f"python -m genai_course.pretrain {n}" for n in bad)
        return False, f"checkpoints missing or corrupt: {', '.join(bad)}", commands
    return True, f"{len(lines)} checkpoints match SHA256SUMS", ""


def _sha256(path):
    """Hex SHA-256 of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def step_seconds(seconds=5.0, threads=None):
    """Seconds per training step of notebook 03's tiny GPT here (batch 32)."""
    import torch

    from . import transformer as tr
    from .runtime import available_cpus

    before = torch.get_num_threads()
    torch.set_num_threads(threads or available_cpus())
    try:
        torch.manual_seed(0)
        model = tr.GPT(tr.GPTConfig())
        ids = torch.randint(model.config.vocab_size, (20_000,))
        tr.train_lm(model, ids, steps=1, lr=5e-3, progress=False)  # warm-up
        history = tr.train_lm(model, ids, seconds=seconds, lr=5e-3, progress=False)
    finally:
        torch.set_num_threads(before)
    return history.seconds / max(history.steps, 1)


def clock_seconds(notebook=NB03):
    """Seconds a notebook spends in clock-budgeted training (its `seconds=` values)."""
    try:
        text = Path(notebook).read_text()
    except OSError:
        return 0.0
    return sum(float(s) for s in re.findall(r"\bseconds=(\d+(?:\.\d+)?)", text))


def check_speed(step=None):
    """Training speed against the budget machine, and notebook 03's time here."""
    step = step_seconds() if step is None else step
    ratio = step / BUDGET_STEP_SECONDS
    fixed = min(clock_seconds(), NB03_SECONDS)
    minutes = (fixed + (NB03_SECONDS - fixed) * ratio) / 60
    message = (
        f"tiny GPT step {step * 1000:.0f} ms ({ratio:.1f}x the budget machine's "
        f"{BUDGET_STEP_SECONDS * 1000:.0f} ms): notebook 03 will take about "
        f"{max(1, round(minutes))} minutes here"
    )
    if ratio > SLOW:
        fix = (
            "every notebook still finishes, but live training learns less: close "
            "other programs, plug in the laptop, or use Binder"
        )
        return False, message, fix
    return True, message, ""


def check_data_writable(directory=None):
    """The data folder is writable (the corpus and retrained checkpoints go there)."""
    directory = Path(directory or DATA_DIR)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory):
            pass
    except OSError as err:
        fix = "copy the course folder somewhere you own (your home folder), run there"
        return False, f"cannot write to {directory} ({err.strerror})", fix
    return True, f"{directory} is writable", ""


CHECKS = [
    check_python,
    check_packages,
    check_torch_build,
    check_threads,
    check_widgets,
    check_corpus,
    check_checkpoints,
    check_data_writable,
    check_speed,
]


def report(results, out=sys.stdout):
    """Print `[ok] message` or `[fix] message` and its fix; True when all ok."""
    for ok, message, fix in results:
        print(f"[ok]  {message}" if ok else f"[fix] {message}", file=out)
        if not ok:
            print(f"      -> {fix}", file=out)
    return all(ok for ok, _, _ in results)


def run_check(check):
    """A check's result, or a [fix] line when the check itself fails."""
    try:
        return check()
    except Exception as err:  # a broken install must still get a readable report
        name = check.__name__.removeprefix("check_")
        message = f"{name}: could not check ({type(err).__name__}: {err})"
        return False, message, REINSTALL


def main(argv=None):
    """`python -m genai_course.doctor [--quick]`."""
    parser = argparse.ArgumentParser(
        prog="python -m genai_course.doctor", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="skip the speed probe")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    checks = [c for c in CHECKS if not (args.quick and c is check_speed)]
    if not args.quick:
        print("(the speed probe trains a tiny GPT for about 5 seconds)", flush=True)
    start = time.perf_counter()
    ok = report([run_check(c) for c in checks])
    verdict = "all ok" if ok else "some things need a fix"
    print(f"{verdict} ({time.perf_counter() - start:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
