"""Headless widget tests: every control of every explorer at both ends and middle."""

import base64
import html
import re

import ipywidgets as W
import pytest
from matplotlib.figure import Figure

from genai_course.widgets import Explorer, all_explorers, sweep_values

EXPLORERS = all_explorers()


def test_explorers_are_found():
    assert "density.DensityExplorer" in EXPLORERS


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_at_every_end(name):
    explorer = EXPLORERS[name](seed=0)
    assert explorer.text and explorer.png.startswith(b"\x89PNG")
    assert explorer.controls, f"{name} has no controls"
    for control_name, control in explorer.controls.items():
        for value in sweep_values(control):
            control.value = value
            assert explorer.text, f"{name}.{control_name}={value!r} left no readout"
            assert not explorer.text.startswith("⚠"), (
                f"{control_name}={value!r}: {explorer.text}"
            )
            assert explorer.png.startswith(b"\x89PNG")
    assert isinstance(explorer.widget, W.VBox)


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_changes_the_readout_or_picture(name):
    explorer = EXPLORERS[name](seed=0)
    for control_name, control in explorer.controls.items():
        seen = set()
        for value in sweep_values(control):
            control.value = value
            seen.add((explorer.text, explorer.png))
        assert len(seen) > 1, f"{name}: moving {control_name} changed nothing"


def test_welcome_readout_follows_the_sliders():
    from genai_course.widgets.density import DensityExplorer

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


def _alt(explorer):
    """The alt text of the <img> the live picture shows."""
    match = re.search(r"<img [^>]*alt='([^']*)'", explorer.image.value)
    assert match, f"no <img alt=...> in {explorer.image.value[:200]!r}"
    return html.unescape(match.group(1))


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_picture_has_the_readout_as_text_alternative(name):
    explorer = EXPLORERS[name](seed=0)
    assert _alt(explorer) == explorer.text
    control_name, control = next(iter(explorer.controls.items()))
    control.value = sweep_values(control)[0]
    assert _alt(explorer) == explorer.text, f"{control_name}: alt text went stale"
    src = re.search(r"src='data:image/png;base64,([^']*)'", explorer.image.value)
    assert base64.b64decode(src.group(1)) == explorer.png


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_display_offers_the_widget_with_a_static_picture(name):
    explorer = EXPLORERS[name](seed=0)
    bundle = explorer._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
    assert base64.b64decode(bundle["image/png"]) == explorer.png
    assert bundle["text/plain"] == explorer.text


def test_alt_text_is_escaped():
    e = _Broken()
    e.describe = lambda state: "it's <b>&"
    e.render = lambda state: Figure((1, 1))
    e.refresh()
    assert _alt(e) == "it's <b>&"
