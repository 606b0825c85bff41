"""Attention you can read: words as small hand-made vectors and four hand-made heads.

Each word is 8 readable features (is it a noun? a verb? an animal? ...) followed by
an 8-number sinusoidal positional encoding, so x is (T, 16). The position numbers are
*concatenated* (put after the features), not added as in the 2017 transformer, so a
head can read features and positions apart; their base is 20, not 10000, so that
all four sin/cos pairs change visibly over a sentence of at most 12 words. Each head
is a pair of small matrices W_q, W_k chosen by hand so that its pattern has a
meaning, and W_v copies the features. A trained model learns such matrices instead; here you
can read them.
"""

import re
from dataclasses import dataclass

import torch

from .attention import attention_stages, causal_mask, sinusoidal_positions
from .validate import check_choice, check_float

FEATURES = ("noun", "verb", "describes", "animal", "person", "place", "small", "plural")
D_POS = 8
MAX_WORDS = 12
PRESETS = (
    "the hungry cat chased a small grey mouse into the old barn",
    "my sister gave the dog a big red ball",
    "a tired farmer slowly walked home",
    "the birds sang and the children laughed",
)

_WORDS = {  # word: features that are on (weight 1)
    "the": (),
    "a": (),
    "an": (),
    "my": (),
    "and": (),
    "into": (),
    "on": (),
    "in": (),
    "to": (),
    "of": (),
    "with": (),
    "home": ("noun", "place"),
    "cat": ("noun", "animal", "small"),
    "dog": ("noun", "animal"),
    "mouse": ("noun", "animal", "small"),
    "birds": ("noun", "animal", "plural"),
    "bird": ("noun", "animal", "small"),
    "horse": ("noun", "animal"),
    "sister": ("noun", "person"),
    "farmer": ("noun", "person"),
    "children": ("noun", "person", "plural"),
    "king": ("noun", "person"),
    "queen": ("noun", "person"),
    "girl": ("noun", "person"),
    "boy": ("noun", "person"),
    "barn": ("noun", "place"),
    "garden": ("noun", "place"),
    "house": ("noun", "place"),
    "city": ("noun", "place"),
    "ball": ("noun", "small"),
    "book": ("noun", "small"),
    "chased": ("verb",),
    "gave": ("verb",),
    "walked": ("verb",),
    "sang": ("verb",),
    "laughed": ("verb",),
    "ate": ("verb",),
    "saw": ("verb",),
    "ran": ("verb",),
    "sat": ("verb",),
    "loves": ("verb",),
    "read": ("verb",),
    "found": ("verb",),
    "hungry": ("describes",),
    "small": ("describes", "small"),
    "grey": ("describes",),
    "old": ("describes",),
    "big": ("describes",),
    "red": ("describes",),
    "tired": ("describes",),
    "slowly": ("describes",),
    "happy": ("describes",),
    "little": ("describes", "small"),
}

HEADS = ("who does what", "describe me", "previous word", "same kind")


def _head_matrices():
    """{head: (W_q, W_k)} each (16, 8): readable by hand."""
    f = {name: i for i, name in enumerate(FEATURES)}
    d = len(FEATURES) + D_POS
    heads = {}
    # verbs look for nouns (their subject and object); nouns look for verbs
    wq, wk = torch.zeros(d, 8), torch.zeros(d, 8)
    wq[f["verb"], 0], wk[f["noun"], 0] = 8.0, 1.0
    wq[f["noun"], 1], wk[f["verb"], 1] = 6.0, 1.0
    heads["who does what"] = (wq, wk)
    # nouns look for the words that describe them
    wq, wk = torch.zeros(d, 8), torch.zeros(d, 8)
    wq[f["noun"], 0], wk[f["describes"], 0] = 8.0, 1.0
    wq[f["verb"], 1], wk[f["describes"], 1] = 6.0, 1.0
    heads["describe me"] = (wq, wk)
    # the position one step back: rotate each sin/cos pair back by its frequency
    wq, wk = torch.zeros(d, 8), torch.zeros(d, 8)
    pe = sinusoidal_positions(2, D_POS, base=20.0)  # row 1 holds sin/cos of 1*freq
    for i in range(D_POS // 2):
        s, c = pe[1, 2 * i].item(), pe[1, 2 * i + 1].item()
        rot = torch.tensor([[c, s], [-s, c]])  # PE[t] @ rot = PE[t - 1]
        a = len(FEATURES) + 2 * i
        wq[a : a + 2, 2 * i : 2 * i + 2] = 6.0 * rot
        wk[a : a + 2, 2 * i : 2 * i + 2] = torch.eye(2)
    heads["previous word"] = (wq, wk)
    # words look for words with the same features (animals find animals)
    wq, wk = torch.zeros(d, 8), torch.zeros(d, 8)
    for name in ("animal", "person", "place", "small", "plural"):
        wq[f[name], f[name]] = wk[f[name], f[name]] = 3.0
    heads["same kind"] = (wq, wk)
    return heads


HEAD_MATRICES = _head_matrices()


def tokenize(sentence):
    """Lower-case words of a sentence (at most MAX_WORDS)."""
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be a str, got {type(sentence).__name__}")
    words = re.findall(r"[a-z']+", sentence.lower())
    if not words:
        raise ValueError("type a sentence with at least one word")
    if len(words) > MAX_WORDS:
        raise ValueError(f"at most {MAX_WORDS} words please, got {len(words)}")
    return words


def embed(words):
    """(T, 16): 8 features then the positional encoding; and the unknown words."""
    x = torch.zeros(len(words), len(FEATURES) + D_POS)
    unknown = []
    for t, w in enumerate(words):
        if w in _WORDS:
            for name in _WORDS[w]:
                x[t, FEATURES.index(name)] = 1.0
        else:  # a guess from the spelling, so any sentence works
            unknown.append(w)
            guess = (
                "verb"
                if w.endswith("ed")
                else "describes"
                if w.endswith("ly")
                else "noun"
            )
            x[t, FEATURES.index(guess)] = 1.0
    x[:, len(FEATURES) :] = sinusoidal_positions(len(words), D_POS, base=20.0)
    return x, unknown


@dataclass
class SentenceAttention:
    words: list
    head: str
    stages: dict  # scores, scaled, masked, weights, out: each (T, T) or (T, 8)
    unknown: list


def attend(sentence, head="who does what", temperature=1.0, causal=False):
    """Run one hand-made head over a sentence; every stage kept for display."""
    check_choice("head", head, HEADS)
    temperature = check_float("temperature", temperature, 0, low_open=True)
    words = tokenize(sentence)
    x, unknown = embed(words)  # (T, 16)
    wq, wk = HEAD_MATRICES[head]
    q, k, v = x @ wq, x @ wk, x[:, :8]  # (T, 8) each; values = the word's features
    mask = causal_mask(len(words)) if causal else None
    stages = attention_stages(q, k, v, mask=mask, temperature=temperature)
    return SentenceAttention(words, head, stages, unknown)


def top_attended(result, query, n=3):
    """[(word, weight)] the query position attends to most, largest first."""
    w = result.stages["weights"][query]
    order = w.argsort(descending=True, stable=True)[:n]  # ties: earlier word first
    return [(result.words[i], w[i].item(), int(i)) for i in order]
