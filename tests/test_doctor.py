import inspect
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from genai_course import doctor

ROOT = Path(__file__).parent.parent

GOOD_VERSIONS = {"torch": "2.13.0+cpu"} | {n: t for n, (_, t) in doctor.TESTED.items()}


def versions(**changes):
    """A version lookup like importlib.metadata's, with some versions changed."""
    table = GOOD_VERSIONS | {k.replace("_", "-"): v for k, v in changes.items()}
    return lambda name: table.get(name.replace("_", "-"))


def test_python_too_old():
    ok, message, fix = doctor.check_python("3.9.18")
    assert not ok and "3.9.18" in message and "3.10" in fix
    assert doctor.check_python("3.12.1")[0]


def test_tested_packages_are_ok():
    ok, message, _ = doctor.check_packages(versions())
    assert ok and "torch 2.13.0+cpu" in message


@pytest.mark.parametrize(
    "changes, shown",
    [
        ({"torch": "2.5.1"}, "torch 2.5.1"),
        ({"numpy": "1.21.0"}, "numpy 1.21.0 (needs >= 1.24)"),
        ({"jupyterlab": "3.6.0"}, "jupyterlab 3.6.0"),
        ({"ipywidgets": "9.0.0"}, "ipywidgets 9.0.0 (tested with"),
        ({"scikit_learn": None}, "scikit-learn missing"),
    ],
)
def test_wrong_package_versions_need_a_reinstall(changes, shown):
    ok, message, fix = doctor.check_packages(versions(**changes))
    assert not ok and shown in message
    assert fix == "python -m pip install -r requirements.txt"


def test_cuda_build_is_flagged_with_its_size():
    ok, message, fix = doctor.check_torch_build(cuda="12.8", disk_bytes=4.3e9)
    assert not ok and "CUDA 12.8" in message and "4.3 GB" in message
    assert "uninstall" in fix and "requirements.txt" in fix


def test_cpu_build_of_this_machine():
    ok, message, _ = doctor.check_torch_build()
    assert ok and "CPU build" in message and "GB on disk" in message


def test_one_thread_needs_a_fix():
    ok, message, fix = doctor.check_threads(cpus=1)
    assert not ok and "1 CPU usable" in message and "learn less" in fix
    assert doctor.check_threads(cpus=4)[0]


def test_missing_widgets_package(tmp_path):
    ok, message, fix = doctor.check_widgets(versions(jupyterlab_widgets=None), [])
    assert not ok and "jupyterlab_widgets is missing" in message
    assert "reload" in fix


def test_missing_widgets_lab_extension(tmp_path):
    lookup = versions(jupyterlab_widgets="3.0.17")
    ok, message, _ = doctor.check_widgets(lookup, [tmp_path])
    assert not ok and "extension is missing" in message
    (tmp_path / doctor.WIDGETS_EXTENSION).mkdir(parents=True)
    assert doctor.check_widgets(lookup, [tmp_path])[0]


def test_missing_corpus():
    ok, message, fix = doctor.check_corpus(prepared=False)
    assert not ok and fix.startswith("python -m genai_course.prepare")
    assert doctor.check_corpus(prepared=True)[0]


def checkpoint_folder(tmp_path):
    """Two checkpoint files and their SHA256SUMS."""
    lines = []
    for name, blob in [("a.pt", b"weights a"), ("b.pt", b"weights b")]:
        (tmp_path / name).write_bytes(blob)
        lines.append(f"{doctor._sha256(tmp_path / name)}  {name}\n")
    (tmp_path / "SHA256SUMS").write_text("".join(lines))
    return tmp_path


def test_checkpoints_matching_their_sums(tmp_path):
    ok, message, _ = doctor.check_checkpoints(checkpoint_folder(tmp_path))
    assert ok and message.startswith("2 checkpoints")


def test_corrupt_checkpoint_names_its_pretrain_command(tmp_path):
    folder = checkpoint_folder(tmp_path)
    (folder / "b.pt").write_bytes(b"flipped bits")
    ok, message, fix = doctor.check_checkpoints(folder)
    assert not ok and "corrupt: b" in message
    assert fix == "python -m genai_course.pretrain b"


def test_missing_checkpoint_and_missing_sums(tmp_path):
    folder = checkpoint_folder(tmp_path)
    (folder / "a.pt").unlink()
    assert "a" in doctor.check_checkpoints(folder)[1]
    (folder / "SHA256SUMS").unlink()
    assert not doctor.check_checkpoints(folder)[0]


def test_shipped_checkpoints_match():
    assert doctor.check_checkpoints()[0]


def test_slow_probe_needs_a_fix_and_estimates_notebook_03():
    slow = doctor.BUDGET_STEP_SECONDS * 3
    ok, message, fix = doctor.check_speed(step=slow)
    assert not ok and "3.0x" in message and "notebook 03 will take about" in message
    ok, fast_message, _ = doctor.check_speed(step=doctor.BUDGET_STEP_SECONDS)
    assert ok
    _, very_slow_message, _ = doctor.check_speed(step=doctor.BUDGET_STEP_SECONDS * 10)
    minutes = [
        int(m.split("about ")[1].split()[0]) for m in (very_slow_message, fast_message)
    ]
    assert minutes[0] > minutes[1] >= 1


def test_notebook_03_clock_budgets_are_read_from_the_notebook(tmp_path):
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text('train_lm(m, d, seconds=60)\\n train_lm(m, d, seconds=5.5)')
    assert doctor.clock_seconds(notebook) == 65.5
    assert doctor.clock_seconds(tmp_path / "absent.ipynb") == 0.0


def test_speed_probe_runs():
    assert 0 < doctor.step_seconds(seconds=0.5, threads=1) < 10


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_read_only_data_folder(tmp_path):
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        ok, message, fix = doctor.check_data_writable(tmp_path)
    finally:
        tmp_path.chmod(stat.S_IRWXU)
    assert not ok and "cannot write" in message and "copy the course folder" in fix


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    ok, message, fix = doctor.check_data_writable(blocker / "data")
    assert not ok and "cannot write" in message
    assert doctor.check_data_writable(tmp_path / "data")[0]


def test_report_and_exit_code(monkeypatch, capsys):
    out = io.StringIO()
    assert not doctor.report([(True, "fine", ""), (False, "broken", "do this")], out)
    assert out.getvalue() == "[ok]  fine\n[fix] broken\n      -> do this\n"
    monkeypatch.setattr(doctor, "CHECKS", [lambda: (True, "fine", "")])
    assert doctor.main(["--quick"]) == 0
    monkeypatch.setattr(doctor, "CHECKS", [lambda: (False, "broken", "do this")])
    assert doctor.main(["--quick"]) == 1


def test_a_check_that_crashes_becomes_a_fix_line():
    def check_widgets():
        raise ImportError("no module named jupyter_core")

    ok, message, fix = doctor.run_check(check_widgets)
    assert not ok and "widgets: could not check (ImportError" in message


def test_readme_states_the_probe_length():
    readme = (ROOT / "README.md").read_text()
    seconds = inspect.signature(doctor.step_seconds).parameters["seconds"].default
    assert seconds == 5.0 and "five-second speed probe" in readme


def test_doctor_without_torch_prints_fixes_not_a_traceback():
    broken = (
        "import sys; sys.modules['torch'] = None\n"  # `import torch` now fails
        "from genai_course import doctor; sys.exit(doctor.main(['--quick']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", broken], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[fix] torch_build: could not check (ModuleNotFoundError" in result.stdout
    assert "[ok]  Python" in result.stdout


def test_doctor_data_folder_is_the_courses():
    from genai_course import runtime

    assert doctor.DATA_DIR == runtime.DATA_DIR
