"""The melody explorer: sample the tiny music GPT, see its piano roll, play it."""

from functools import lru_cache

import ipywidgets as W
import torch

from .. import music
from ..renderers.music import melody_roll, update_melody_roll
from .base import Explorer

STYLE = {"description_width": "initial"}
TEMPERATURES = (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0)
MELODIES_PER_TEMPERATURE = 10


@lru_cache(maxsize=1)
def _melody_model():
    return music.load_model()


@lru_cache(maxsize=1)
def _training_melodies():
    return set(music.melody_corpus(music.TRAIN_MELODIES, seed=0).splitlines(True))


@lru_cache(maxsize=4)
def _melody_bank(seed):
    """MELODIES_PER_TEMPERATURE samples at every temperature, in one batched run."""
    model, tokenizer = _melody_model()
    bank = {}
    for i, t in enumerate(TEMPERATURES):
        bank[t] = music.sample_melodies(
            model, tokenizer, MELODIES_PER_TEMPERATURE, t, seed=seed * 100 + i
        )
    return bank


@lru_cache(maxsize=128)
def _wav(text, timbre):
    """The melody as WAV bytes (a melody with no notes plays one eighth of silence)."""
    try:
        notes = music.parse_melody(text)
    except ValueError:
        notes = [(None, 1)]
    wave = music.synthesize(notes, sample_rate=11_025, timbre=timbre)
    return music.wav_bytes(wave, 11_025)


class MelodyExplorer(Explorer):
    """Sample a melody from the tiny music GPT, see its piano roll, play it."""

    title = "A tiny music transformer: temperature, then listen"
    _fig = None

    def __init__(self, seed=0):
        self.audio = W.Audio(format="wav", autoplay=False, loop=False)
        super().__init__(seed)

    def make_controls(self):
        return {
            "temperature": W.SelectionSlider(
                options=TEMPERATURES, value=1.0, description="temperature", style=STYLE
            ),
            "sample": W.IntSlider(
                0, 0, MELODIES_PER_TEMPERATURE - 1, description="sample", style=STYLE
            ),
            "timbre": W.Dropdown(
                options=music.TIMBRES, value="organ", description="sound"
            ),
        }

    def compute(self, temperature, sample, timbre):
        bank = _melody_bank(self.seed)[temperature]
        text = bank[sample]
        rules = music.rule_scores(bank)
        try:
            facts = music.check_rules(text)
        except ValueError:
            facts = None
        return {
            "text": text,
            "temperature": temperature,
            "timbre": timbre,
            "facts": facts,
            "rules": rules,
            "copied": text in _training_melodies(),
            "wav": _wav(text, timbre),
        }

    def render(self, s):
        self.audio.value = s["wav"]
        body = s["text"].split(music.END)[0]
        try:
            roll, starts = music.piano_roll(body)
        except ValueError:  # a sample with no notes at all: an empty roll
            roll, starts = torch.zeros(len(music.PITCHES), 1).numpy(), [False]
        title = f"temperature {s['temperature']}"
        if self._fig is None:
            self._fig = melody_roll(roll, starts, music.PITCHES, title=title)
            return self._fig
        return update_melody_roll(self._fig, roll, starts, title)

    def describe(self, s):
        f, r = s["facts"], s["rules"]
        if f is None:
            mine = "this sample has no notes"
        else:
            mine = (
                f"{f['notes']} notes; 4 bars of 8: {'yes' if f['bars_ok'] else 'no'}; "
                f"ends on C: {'yes' if f['ends_on_c'] else 'no'}; bar 3 = bar 1: "
                f"{'yes' if f['motif_repeats'] else 'no'}; "
                f"{f['stepwise_pct']:.0f}% steps"
            )
        return (
            f"melody: {s['text'].strip()!r} ({s['timbre']})\n{mine}; "
            f"{'copied from' if s['copied'] else 'not in'} the training melodies\n"
            f"all {MELODIES_PER_TEMPERATURE} at T={s['temperature']}: "
            f"{r['bars_ok']:.0f}% well-formed bars, {r['ends_on_c']:.0f}% end on C, "
            f"{r['motif_repeats']:.0f}% repeat the motif"
        )

    @property
    def widget(self):
        if self._widget is None:
            super().widget  # builds the box
            self._widget.children = (*self._widget.children, self.audio)
        return self._widget
