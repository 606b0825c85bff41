"""Notebook 02 explorers: one attention head on a sentence; positional encodings."""

import ipywidgets as W

from .. import word_attention as wa
from ..attention import sinusoidal_positions
from ..renderers.attention import attention_stages, positional_encoding
from .base import Explorer

STYLE = {"description_width": "initial"}


class AttentionExplorer(Explorer):
    """Pick a word (the query) and see what it attends to, stage by stage."""

    title = "Self-attention, one head at a time"

    def make_controls(self):
        sentence = W.Text(
            value=wa.PRESETS[0],
            description="sentence (≤ 12 words)",
            style=STYLE,
            layout=W.Layout(width="34em"),
            continuous_update=False,
        )
        sentence.presets = wa.PRESETS[1:]
        return {
            "sentence": sentence,
            "query": W.IntSlider(
                2, 0, wa.MAX_WORDS - 1, description="query word #", style=STYLE
            ),
            "head": W.Dropdown(options=wa.HEADS, value=wa.HEADS[0], description="head"),
            "temperature": W.FloatLogSlider(
                1.0,
                base=10,
                min=-1.5,
                max=1.5,
                step=0.1,
                description="temperature",
                style=STYLE,
            ),
            "causal": W.Checkbox(
                False, description="causal mask (no peeking ahead)", style=STYLE
            ),
        }

    def make_buttons(self):
        presets = W.Dropdown(
            options=("presets…",) + wa.PRESETS,
            value="presets…",
            layout=W.Layout(width="14em"),
        )

        def use(change):
            if change["new"] != "presets…":
                self.controls["sentence"].value = change["new"]

        presets.observe(use, names="value")
        return [presets]

    def compute(self, sentence, query, head, temperature, causal):
        empty = not sentence.strip()
        if empty:  # an empty box shows the first preset rather than an error
            sentence = wa.PRESETS[0]
        result = wa.attend(sentence, head, temperature, causal)
        q = min(query, len(result.words) - 1)  # the slider may reach past the end
        return {
            "result": result,
            "query": q,
            "temperature": temperature,
            "causal": causal,
            "empty": empty,
        }

    def render(self, s):
        r = s["result"]
        title = f"head '{r.head}'"
        return attention_stages(r.words, r.stages, s["query"], title, wa.FEATURES)

    def describe(self, s):
        r, q = s["result"], s["query"]
        top = ", ".join(f"{w!r} {p:.2f}" for w, p, _ in wa.top_attended(r, q))
        text = (
            f"query {r.words[q]!r} (word {q}) with head '{r.head}', temperature "
            f"{s['temperature']:.2g}{', causal' if s['causal'] else ''}: "
            f"attends most to {top}"
        )
        if s["empty"]:
            text = "(the box is empty: showing the first preset)\n" + text
        if r.unknown:
            text += "\n(words not in the toy lexicon, guessed from spelling: "
            text += f"{', '.join(r.unknown)})"
        return text


class PositionalEncodingExplorer(Explorer):
    """Sinusoidal positional encoding: each pair of dimensions is a clock."""

    title = "Positional encoding: a different wavelength in every pair of dimensions"
    D = 16

    def make_controls(self):
        return {
            "pair": W.IntSlider(
                0, 0, self.D // 2 - 1, description="pair (2i, 2i+1)", style=STYLE
            ),
            "positions": W.IntSlider(48, 8, 128, step=8, description="positions"),
            "base": W.FloatLogSlider(
                10000, base=10, min=1, max=4, step=0.5, description="base", style=STYLE
            ),
        }

    def compute(self, pair, positions, base):
        return {
            "pe": sinusoidal_positions(positions, self.D, base),
            "pair": pair,
            "base": base,
        }

    def render(self, s):
        return positional_encoding(s["pe"], s["pair"])

    def describe(self, s):
        i, base = s["pair"], s["base"]
        wavelength = 2 * 3.141592653589793 * base ** (2 * i / self.D)
        return (
            f"dims {2 * i} and {2 * i + 1}: sin and cos of t / {base:.3g}^({2 * i}/"
            f"{self.D}), a wave that repeats every {wavelength:.1f} positions; "
            f"{len(s['pe'])} positions shown"
        )
