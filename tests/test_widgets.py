"""Headless widget tests: every control of every explorer at both ends and middle."""

import ipywidgets as W
import pytest

from genai_course.widgets import Explorer, all_explorers, sweep_values

EXPLORERS = all_explorers()


def test_explorers_are_found():
    assert "welcome.DensityExplorer" in EXPLORERS


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_at_every_end(name):
    explorer = EXPLORERS[name](seed=0)
    assert explorer.text and bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer.controls, f"{name} has no controls"
    for control_name, control in explorer.controls.items():
        for value in sweep_values(control):
            control.value = value
            assert explorer.text, f"{name}.{control_name}={value!r} left no readout"
            assert not explorer.text.startswith("⚠"), (
                f"{control_name}={value!r}: {explorer.text}"
            )
            assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert isinstance(explorer.widget, W.VBox)


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_changes_the_readout_or_picture(name):
    explorer = EXPLORERS[name](seed=0)
    for control_name, control in explorer.controls.items():
        seen = set()
        for value in sweep_values(control):
            control.value = value
            seen.add((explorer.text, bytes(explorer.image.value)))
        assert len(seen) > 1, f"{name}: moving {control_name} changed nothing"


def test_welcome_readout_follows_the_sliders():
    from genai_course.widgets.welcome import DensityExplorer

    e = DensityExplorer(seed=0)
    e.controls["components"].value = 1
    one = float(e.text.split("log-likelihood ")[1].split()[0])
    e.controls["components"].value = 12
    twelve = float(e.text.split("log-likelihood ")[1].split()[0])
    assert twelve > one + 0.5  # more blobs fit the moons better
    e.controls["samples"].value = 0
    assert "drew 0 new samples" in e.text
    e.controls["dataset"].value = "spiral"
    assert e.text.startswith("spiral")


def test_sweep_values_cover_ends():
    assert sweep_values(W.IntSlider(5, 0, 10)) == [0, 5, 10]
    assert sweep_values(W.Dropdown(options={"a": 1, "b": 2})) == [1, 2]
    assert sweep_values(W.Checkbox(True)) == [False, True]
    lo, _, hi = sweep_values(W.FloatLogSlider(value=1e-3, base=10, min=-4, max=-1))
    assert abs(lo - 1e-4) < 1e-12 and abs(hi - 0.1) < 1e-12
    with pytest.raises(TypeError):
        sweep_values(W.Button())


class _Broken(Explorer):
    def make_controls(self):
        return {"n": W.IntSlider(1, 0, 2)}

    def compute(self, n):
        if n == 0:
            raise ValueError("n must be positive")
        return n

    def describe(self, state):
        return f"n={state}"


def test_bad_values_show_a_message_not_a_traceback():
    e = _Broken()
    e.controls["n"].value = 0
    assert e.text == "⚠ n must be positive" and e.state == 1
