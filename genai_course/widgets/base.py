"""The explorer pattern: controls -> compute (core) -> render (renderers) + readout.

An explorer holds no maths and draws nothing itself: `compute` calls the core,
`render` calls a renderer, `describe` writes the text readout that tests (and
screen readers) check. Every explorer takes a `seed`.
"""

import base64
import gc
import html

import ipywidgets as W

from ..renderers import to_png

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class Explorer:
    """Base class: subclasses define make_controls, compute, render and describe."""

    title = ""

    def __init__(self, seed=0):
        self.seed = seed
        self.state = None
        self.text = ""
        self.png = b""  # the current picture, PNG bytes
        self._width = None  # its width in pixels
        self.controls = self.make_controls()  # {name: ValueWidget}
        self.buttons = self.make_buttons()  # [Button | Play ...] actions, not values
        # the picture is an <img> whose alt text is the readout, for screen readers
        self.image = W.HTML(layout=W.Layout(max_width="100%"))
        self.image.add_class("genai-picture")
        self.readout = W.HTML(layout=W.Layout(min_height="2.5em"))
        self.readout.add_class("genai-readout")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._widget = None
        self.refresh()
        # Park everything alive now (torch, matplotlib, caches) outside the garbage
        # collector's full passes: otherwise one pass in ~10 redraws costs ~350 ms.
        gc.freeze()

    # -- what subclasses write ------------------------------------------------------
    def make_controls(self):
        """{name: ipywidgets value control}."""
        return {}

    def make_buttons(self):
        """Action widgets (buttons, Play) wired by the subclass."""
        return []

    def compute(self, **values):
        """Core computation for the current control values -> state."""
        raise NotImplementedError

    def render(self, state):
        """state -> matplotlib Figure (or None for no picture)."""
        return None

    def describe(self, state):
        """state -> a short plain-text readout."""
        return ""

    # -- wiring ----------------------------------------------------------------------
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change=None):
        self.refresh()

    def refresh(self):
        """Recompute, redraw and rewrite the readout from the current controls."""
        try:
            state = self.compute(**self.values())
        except ValueError as err:  # bad text input etc.: say so, keep the last picture
            self.show_text(f"⚠ {err}")
            return
        self.state = state
        fig = self.render(state)
        if fig is not None:
            self.png = to_png(fig)
            self._width = round(fig.get_figwidth() * fig.dpi)  # drawn 1:1, no blur
        self.show_text(self.describe(state))
        self._show_picture()

    def show_text(self, text):
        self.text = text
        self.readout.value = (
            f"<pre style='margin:0;white-space:pre-wrap'>{html.escape(text)}</pre>"
        )

    def _show_picture(self):
        """Show the PNG as an <img> whose alt text is the readout."""
        if not self.png:
            return
        self.image.value = (
            f"<img src='data:image/png;base64,{self._png_base64()}'"
            f" width='{self._width}' style='max-width:100%;height:auto'"
            f" alt='{html.escape(self.text, quote=True)}'>"
        )

    def _png_base64(self):
        return base64.b64encode(self.png).decode("ascii")

    @property
    def widget(self):
        """The whole explorer as one ipywidgets box."""
        if self._widget is None:
            row = W.Layout(flex_flow="row wrap", align_items="center")
            parts = [W.HBox(list(self.controls.values()) + self.buttons, layout=row)]
            if self.title:
                parts.insert(0, W.HTML(f"<b>{html.escape(self.title)}</b>"))
            self._widget = W.VBox(parts + [self.image, self.readout])
            self._widget.add_class("genai-explorer")
        return self._widget

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with the picture and readout as a static fallback.

        JupyterLab, Notebook, VS Code and Colab show the widget view; a static page
        (nbconvert, the course website) that cannot run widgets shows the PNG, and
        text-only front ends the readout.
        """
        data = {
            "text/plain": self.text,
            WIDGET_VIEW: {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }
        if self.png:
            data["image/png"] = self._png_base64()
        return data

    def __repr__(self):
        return f"{type(self).__name__}({self.text!r})"


def sweep_values(control):
    """Values worth trying on a control: both ends and the middle, or every option."""
    if isinstance(control, (W.Checkbox, W.ToggleButton)):
        return [not control.value, control.value]
    if isinstance(
        control,
        (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.SelectionSlider, W.Select),
    ):
        return [value for _, value in _options(control)]
    if isinstance(control, W.FloatLogSlider):
        lo, hi = control.base**control.min, control.base**control.max
        return [lo, control.base ** ((control.min + control.max) / 2), hi]
    if isinstance(
        control,
        (W.IntSlider, W.FloatSlider, W.BoundedIntText, W.BoundedFloatText, W.Play),
    ):
        mid = (control.min + control.max) / 2
        if isinstance(control, (W.IntSlider, W.BoundedIntText, W.Play)):
            mid = int(mid)
        return [control.min, mid, control.max]
    if isinstance(control, (W.Text, W.Textarea)):
        return list(getattr(control, "presets", [])) + ["", control.value]
    raise TypeError(f"no sweep for {type(control).__name__}")


def _options(control):
    opts = control.options
    if isinstance(opts, dict):
        return list(opts.items())
    return [o if isinstance(o, tuple) else (str(o), o) for o in opts]
