"""Music as text: melodies from simple rules, checked by rule, played by a synthesiser.

A melody is a line of characters on a grid of eighth notes: a pitch letter starts a
note, "-" holds the note one more eighth, "|" separates bars of 8 eighths, and a
newline ends the melody. "C-E-G---|..." is C (a quarter), E (a quarter), G (a half).
Text like this is exactly what a character-level transformer reads and writes.
"""

import io
import wave as wave_module

import numpy as np
import torch

from .validate import check_choice, check_float, check_int

PITCHES = "CDEFGABcdefg"  # C major from middle C (C4) up to G5
MIDI = dict(zip(PITCHES, (60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79)))
HOLD, BAR, END = "-", "|", "\n"
VOCAB = END + HOLD + BAR + PITCHES  # every character a melody may use
STEPS_PER_BAR = 8  # eighth notes in a 4/4 bar
BARS = 4
TONICS = ("C", "c")

# Rhythms of one bar, as note lengths in eighths (each sums to 8).
RHYTHMS = ((2, 2, 2, 2), (4, 4), (2, 2, 4), (4, 2, 2), (1, 1, 2, 2, 2), (2, 1, 1, 4))
CADENCES = ((2, 2, 4), (4, 4), (8,))  # the last bar slows down


def _bar_text(degrees, rhythm):
    return "".join(PITCHES[d] + HOLD * (n - 1) for d, n in zip(degrees, rhythm))


def generate_melody(seed=0):
    """One 4-bar melody (a str ending in a newline) drawn by the rules below.

    Rules: start on C, E or G; move mostly by step (the next scale note up or down),
    sometimes skip one note, rarely leap (3-4 notes) and then step back the other
    way; bar 3 repeats bar 1 (a motif); the last bar slows down and ends on C.
    """
    rng = np.random.default_rng(check_int("seed", seed, 0))
    degree = int(rng.choice([0, 2, 4]))  # scale degrees: 0 = C4 ... 11 = G5
    leapt = 0  # direction of a leap just taken (a leap is answered by a step back)
    bars = []

    def next_degree(d):
        nonlocal leapt
        if leapt:
            move, leapt = -leapt, 0
        else:
            size = int(rng.choice([1, 2, 3, 4], p=[0.6, 0.25, 0.1, 0.05]))
            move = size * int(rng.choice([-1, 1]))
            if not 0 <= d + move < len(PITCHES):
                move = -move  # bounce off the edge of the range
            leapt = int(np.sign(move)) if size >= 3 else 0
        return min(max(d + move, 0), len(PITCHES) - 1)

    for bar in range(BARS):
        if bar == 2:  # the motif returns
            bars.append(bars[0])
            continue
        last = bar == BARS - 1
        rhythm = CADENCES[rng.integers(len(CADENCES))] if last else None
        rhythm = rhythm or RHYTHMS[rng.integers(len(RHYTHMS))]
        degrees = []
        for i in range(len(rhythm)):
            if bar == 0 and i == 0:
                degrees.append(degree)
                continue
            degree = next_degree(degree)
            degrees.append(degree)
        if last:  # cadence: the final note is the C nearest the note before it
            before = degrees[-2] if len(degrees) > 1 else degree
            degrees[-1] = 0 if before < 4 else 7
        bars.append(_bar_text(degrees, rhythm))
    return BAR.join(bars) + END


def melody_corpus(n, seed=0):
    """n rule-made melodies, one per line, as one str (a training text)."""
    n = check_int("n", n, 1, 1_000_000)
    seed = check_int("seed", seed, 0)
    return "".join(generate_melody(seed * 1_000_003 + i) for i in range(n))


def parse_melody(text):
    """Melody text -> list of (midi pitch, length in eighths) for each note.

    Bars and the final newline are skipped; a hold before any note is a rest
    (pitch None). Unknown characters raise ValueError.
    """
    if not isinstance(text, str):
        raise TypeError(f"a melody must be a str, got {type(text).__name__}")
    unknown = sorted(set(text) - set(VOCAB))
    if unknown:
        raise ValueError(
            f"characters {''.join(unknown)!r} are not melody text; "
            f"expected pitches {PITCHES!r}, {HOLD!r}, {BAR!r} and newlines"
        )
    notes = []
    for ch in text.split(END)[0] if text.strip(END) else "":
        if ch == BAR:
            continue
        if ch == HOLD:
            if notes:
                notes[-1] = (notes[-1][0], notes[-1][1] + 1)
            else:
                notes.append((None, 1))
        else:
            notes.append((MIDI[ch], 1))
    if not notes:
        raise ValueError(f"no notes in {text!r}: a melody needs at least one pitch")
    return notes


def check_rules(text):
    """Which of the generator's rules a melody obeys -> dict of facts and booleans."""
    body = text.split(END)[0] if isinstance(text, str) else text
    notes = parse_melody(body)
    bars = body.split(BAR)
    pitches = [p for p, _ in notes if p is not None]
    degrees = [PITCHES.index(c) for c in body if c in PITCHES]
    moves = [abs(b - a) for a, b in zip(degrees, degrees[1:])]
    return {
        "bars_ok": len(bars) == BARS and all(len(b) == STEPS_PER_BAR for b in bars),
        "ends_on_c": bool(pitches) and pitches[-1] in (MIDI["C"], MIDI["c"]),
        "motif_repeats": len(bars) >= 3 and bars[2] == bars[0],
        "stepwise_pct": 100.0 * sum(m <= 2 for m in moves) / max(len(moves), 1),
        "notes": len(notes),
    }


def rule_scores(melodies):
    """Share (%) of melodies that obey each rule, for a list of melody strings."""
    if not melodies:
        raise ValueError("rule_scores needs at least one melody")
    checks = []
    for m in melodies:
        try:
            checks.append(check_rules(m))
        except ValueError:
            checks.append(
                {"bars_ok": False, "ends_on_c": False, "motif_repeats": False}
            )
    return {
        rule: 100.0 * sum(c[rule] for c in checks) / len(checks)
        for rule in ("bars_ok", "ends_on_c", "motif_repeats")
    }


def random_melody(seed=0):
    """A rule-free baseline: 4 bars of random characters from the same alphabet."""
    rng = np.random.default_rng(check_int("seed", seed, 0))
    alphabet = HOLD + PITCHES
    bars = ["".join(rng.choice(list(alphabet), STEPS_PER_BAR)) for _ in range(BARS)]
    return BAR.join(bars) + END


# ----------------------------------------------------------------------------- sound

TIMBRES = ("sine", "organ", "pluck")


def midi_to_hz(pitch):
    """MIDI note number -> frequency in Hz (A4 = 69 = 440 Hz)."""
    return 440.0 * 2.0 ** ((check_float("pitch", pitch, 0, 127) - 69) / 12)


def synthesize(notes, bpm=120, sample_rate=11_025, timbre="organ"):
    """(pitch, eighths) notes -> mono waveform float32 in [-1, 1] for Audio().

    Each note is a sum of harmonics under an envelope that fades in and out over a
    few milliseconds (a sudden start or stop would click).
    """
    bpm = check_float("bpm", bpm, 30, 300)
    sample_rate = check_int("sample_rate", sample_rate, 4000, 48_000)
    check_choice("timbre", timbre, TIMBRES)
    if not isinstance(notes, (list, tuple)) or not notes:
        raise ValueError("notes must be a non-empty list of (pitch, eighths) pairs")
    eighth = 60.0 / bpm / 2  # seconds
    harmonics = {
        "sine": (1.0,),
        "organ": (1.0, 0.5, 0.25, 0.125),
        "pluck": (1.0, 0.6, 0.3),
    }
    parts = []
    for pitch, length in notes:
        length = check_int("note length", length, 1)
        n = int(round(length * eighth * sample_rate))
        t = np.arange(n) / sample_rate
        if pitch is None:
            parts.append(np.zeros(n))
            continue
        f = midi_to_hz(pitch)
        tone = sum(
            a * np.sin(2 * np.pi * f * (h + 1) * t)
            for h, a in enumerate(harmonics[timbre])
            if f * (h + 1) < sample_rate / 2  # above Nyquist a harmonic would alias
        )
        ramp = max(1, int(0.01 * sample_rate))
        env = np.ones(n)
        env[:ramp] = np.linspace(0, 1, ramp)[:n]
        env[-ramp:] = np.minimum(env[-ramp:], np.linspace(1, 0, ramp)[-n:])
        if timbre == "pluck":
            env = env * np.exp(-3.0 * t / max(t[-1], 1e-3))
        parts.append(tone * env)
    signal = np.concatenate(parts)
    peak = np.abs(signal).max()
    return (0.8 * signal / peak if peak > 0 else signal).astype(np.float32)


def wav_bytes(signal, sample_rate=11_025):
    """A waveform in [-1, 1] as the bytes of a 16-bit mono WAV file."""
    sample_rate = check_int("sample_rate", sample_rate, 4000, 48_000)
    signal = np.asarray(signal, dtype=np.float64)
    if signal.ndim != 1 or len(signal) == 0:
        raise ValueError(f"signal must be a non-empty 1-D array, got {signal.shape}")
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave_module.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def piano_roll(text):
    """Melody text -> (pitch grid (12, steps) of 0/1, note starts (steps,))."""
    body = text.split(END)[0].replace(BAR, "")
    parse_melody(body)  # validates
    roll = np.zeros((len(PITCHES), len(body)))
    starts = np.zeros(len(body), dtype=bool)
    row = None
    for i, ch in enumerate(body):
        if ch in PITCHES:
            row, starts[i] = PITCHES.index(ch), True
        if row is not None:
            roll[row, i] = 1
    return roll, starts


# ----------------------------------------------------------------------------- model
# A tiny GPT that reads and writes melody text, trained on rule-made melodies.

CHECKPOINT = "capstone_music"
TRAIN_MELODIES = 2000
STEPS = 1500


def make_model(seed=0):
    """(tokenizer, GPT) for melody text: 2 layers, 64 channels, 64 characters."""
    from .transformer import char_gpt

    return char_gpt(VOCAB, block_size=64, n_layer=2, n_embd=64, seed=seed)


def fit(model, tokenizer, steps=STEPS, seconds=None, progress=True):
    """Train on TRAIN_MELODIES rule-made melodies -> training History."""
    from .transformer import train_lm

    ids = tokenizer.encode(melody_corpus(TRAIN_MELODIES, seed=0))
    return train_lm(
        model, ids, steps=steps, seconds=seconds, batch_size=32, lr=3e-3, seed=0,
        progress=progress, desc="melody GPT",
    )  # fmt: skip


def pretrain():
    """The recipe behind data/checkpoints/capstone_music.pt."""
    tokenizer, model = make_model(seed=0)
    fit(model, tokenizer, progress=False)
    return model.eval()


def load_model():
    """(model, tokenizer) with the shipped melody checkpoint loaded."""
    from .checkpoints import load_or_train

    tokenizer, model = make_model()
    model = load_or_train(CHECKPOINT, model, lambda m: fit(m, tokenizer))
    return model.eval(), tokenizer


MELODY_CHARS = BARS * (STEPS_PER_BAR + 1)  # a whole melody, newline included


@torch.no_grad()
def sample_melodies(model, tokenizer, n=1, temperature=1.0, seed=0, top_k=None):
    """n melodies (list of str, each ending in a newline unless cut off) from a GPT.

    Every melody starts after a newline, like the start of a line in training.
    """
    from .transformer import generate

    n = check_int("n", n, 1, 1000)
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    start = tokenizer.encode(END).repeat(n, 1)  # (n, 1)
    out = generate(
        model, start, MELODY_CHARS + 4, temperature=temperature, top_k=top_k,
        generator=g,
    )  # fmt: skip
    texts = [tokenizer.decode(row[1:]) for row in out]
    return [t[: t.index(END) + 1] if END in t else t for t in texts]
