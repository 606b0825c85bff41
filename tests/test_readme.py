"""The README's two commands are the truth; CI runs the test command verbatim."""

from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def test_ci_runs_the_readme_test_command_verbatim():
    command = next(
        line for line in README.splitlines() if line.endswith("python -m pytest")
    )
    assert command.startswith("python -m pip install -r requirements-test.txt && ")
    assert "python -m genai_course.prepare" in command
    assert command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_open_command_installs_prepares_and_opens_the_welcome_notebook():
    command = next(line for line in README.splitlines() if "jupyter lab" in line)
    assert command.startswith("python -m pip install -r requirements.txt && ")
    assert "python -m genai_course.prepare" in command
    assert command.endswith("jupyter lab notebooks/00_welcome.ipynb")


def test_learners_get_cpu_torch_and_testers_get_the_test_tools():
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in requirements
    assert "torch==2.13.0" in requirements and "-e ." in requirements
    test_requirements = (ROOT / "requirements-test.txt").read_text().splitlines()
    assert "-r requirements.txt" in test_requirements
    assert "-e .[test]" in test_requirements


def test_course_map_lists_every_notebook():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"(notebooks/{path.name})" in README, f"{path.name} missing from README"
