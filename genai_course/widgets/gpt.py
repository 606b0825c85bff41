"""Notebook 03 explorers: sampling controls on cached logits; the attention browser."""

from functools import lru_cache

import ipywidgets as W
import torch

from ..baselines import NGram
from ..renderers.gpt import attention_map, next_token_bars, show_char
from ..sampling import next_token_probs
from ..transformer import complete, load_pretrained
from .base import Explorer

STYLE = {"description_width": "initial"}
PROMPTS = (
    "ROMEO.\nBut soft, what light through yonder window b",
    "First Citizen.\nBefore we proceed any further, hear me s",
    "KING.\nThe crown is ",
    "To be, or not to be, that is the qu",
)
MODELS = ("tiny GPT", "bigram counts")


@lru_cache(maxsize=1)
def _pretrained():
    return load_pretrained()


@lru_cache(maxsize=1)
def _bigram():
    from ..data import load_corpus

    _, tokenizer = _pretrained()
    return NGram(2, tokenizer.vocab_size).fit(tokenizer.encode(load_corpus().train))


@lru_cache(maxsize=256)
def _logits(model_name, prompt):
    """Next-character logits (V,) for a prompt: the one expensive step, cached."""
    model, tokenizer = _pretrained()
    ids = tokenizer.encode(prompt)  # unknown characters raise a clear ValueError
    if model_name == "bigram counts":
        return _bigram().probs(ids[-1:]).__array__().astype("float32"), ids
    with torch.no_grad():
        logits, _ = model(ids[None, -model.config.block_size :])
    return logits[0, -1], ids


class SamplingExplorer(Explorer):
    """Temperature, top-k and top-p reshape one cached next-character distribution."""

    title = "What comes next? Sampling controls on the model's next-character odds"

    def make_controls(self):
        model, tokenizer = _pretrained()
        prompt = W.Textarea(
            value=PROMPTS[0],
            description="prompt",
            rows=2,
            layout=W.Layout(width="36em"),
            continuous_update=False,
        )
        prompt.presets = PROMPTS[1:]
        V = tokenizer.vocab_size
        return {
            "prompt": prompt,
            "model": W.Dropdown(options=MODELS, value=MODELS[0], description="model"),
            "temperature": W.FloatLogSlider(
                1.0,
                base=10,
                min=-1.3,
                max=0.7,
                step=0.05,
                description="temperature",
                style=STYLE,
            ),
            "top_k": W.IntSlider(V, 1, V, description="top-k", style=STYLE),
            "top_p": W.FloatSlider(
                1.0, min=0.05, max=1.0, step=0.05, description="top-p", style=STYLE
            ),
        }

    def make_buttons(self):
        self.rng = torch.Generator().manual_seed(self.seed)
        one = W.Button(description="generate next token", icon="forward")
        many = W.Button(description="write 60 more", icon="fast-forward")
        one.on_click(lambda _: self.step(1))
        many.on_click(lambda _: self.step(60))
        return [one, many]

    def step(self, n):
        """Sample n characters with the current settings and append them."""
        model, tokenizer = _pretrained()
        v = self.values()
        prompt = v["prompt"] or "\n"
        if v["model"] == "tiny GPT":
            text = complete(
                model,
                tokenizer,
                prompt,
                n,
                seed=int(torch.randint(10**6, (1,), generator=self.rng)),
                temperature=v["temperature"],
                top_k=v["top_k"],
                top_p=v["top_p"],
            )
        else:
            text = ""
            for _ in range(n):
                probs = self._probs(prompt + text, v)
                i = torch.multinomial(probs, 1, generator=self.rng).item()
                text += tokenizer.chars[i]
        self.controls["prompt"].value = prompt + text

    def _probs(self, prompt, v):
        logits, _ = _logits(v["model"], prompt)
        logits = torch.as_tensor(logits)
        if v["model"] == "bigram counts":
            logits = logits.log()
        return next_token_probs(logits, v["temperature"], v["top_k"], v["top_p"])

    def compute(self, prompt, model, temperature, top_k, top_p):
        empty = prompt == ""
        prompt = prompt or "\n"  # an empty box starts a new line
        logits, ids = _logits(model, prompt)
        logits = torch.as_tensor(logits)
        if model == "bigram counts":
            logits = logits.log()
        raw = logits.softmax(-1)
        probs = next_token_probs(logits, temperature, top_k, top_p)
        return {
            "prompt": prompt,
            "empty": empty,
            "model": model,
            "raw": raw,
            "probs": probs,
            "temperature": temperature,
            "top_k": top_k,
            "top_p": top_p,
            "n_ids": len(ids),
        }

    def render(self, s):
        _, tokenizer = _pretrained()
        return next_token_bars(
            tokenizer.chars,
            s["raw"],
            s["probs"],
            title=f"{s['model']}: the 20 likeliest next characters",
        )

    def describe(self, s):
        model, tokenizer = _pretrained()
        p = s["probs"]
        kept = int((p > 0).sum())
        top = p.topk(3)
        best = ", ".join(
            f"{show_char(tokenizer.chars[i])!r} {v:.2f}"
            for v, i in zip(top.values.tolist(), top.indices.tolist())
        )
        ent = -(p[p > 0] * p[p > 0].log2()).sum().item()
        tail = s["prompt"][-40:].replace("\n", "⏎")
        text = (
            f"after '…{tail}' ({s['model']}): sampling from {kept} of "
            f"{len(p)} characters, most likely {best}; entropy {ent:.2f} bits\n"
            f"temperature {s['temperature']:.2g}, top-k {s['top_k']}, "
            f"top-p {s['top_p']:.2f}"
        )
        if s["empty"]:
            text += " (empty prompt: starting from a new line)"
        block = model.config.block_size
        if s["model"] == "tiny GPT" and s["n_ids"] > block:
            text += f" (the prompt is longer than the context: reads the last {block})"
        return text


TEXTS = ("the model's own writing", "Hamlet", "Romeo")
_QUOTES = {
    "Hamlet": "HAMLET.\nTo be, or not to be, that is the question:\nWhether 'tis no",
    "Romeo": "ROMEO.\nBut soft, what light through yonder window breaks?\nIt is th",
}


@lru_cache(maxsize=8)
def _attention(name, seed):
    """A 64-character text and every attention map of one forward pass over it."""
    model, tokenizer = _pretrained()
    if name == TEXTS[0]:  # written once by the model itself (temperature 0.8)
        text = "\n" + complete(model, tokenizer, "\n", 63, seed=seed, temperature=0.8)
    else:
        text = _QUOTES[name][:64]
    with torch.no_grad():
        _, _, maps = model(tokenizer.encode(text)[None], return_attention=True)
    return text, [m[0] for m in maps]  # n_layer x (n_head, T, T)


class AttentionBrowser(Explorer):
    """Where does each character look? Layer, head and query position."""

    title = "Attention browser: the tiny GPT reading text"

    def make_controls(self):
        model, _ = _pretrained()
        c = model.config
        return {
            "text": W.Dropdown(options=TEXTS, value=TEXTS[0], description="text"),
            "layer": W.IntSlider(0, 0, c.n_layer - 1, description="layer"),
            "head": W.IntSlider(0, 0, c.n_head - 1, description="head"),
            "query": W.IntSlider(40, 1, 63, description="query position", style=STYLE),
        }

    def compute(self, text, layer, head, query):
        chars, maps = _attention(text, self.seed)
        query = min(query, len(chars) - 1)
        return {
            "text": chars,
            "att": maps[layer][head],
            "layer": layer,
            "head": head,
            "query": query,
        }

    def render(self, s):
        return attention_map(
            s["text"],
            s["att"],
            s["query"],
            title=f"layer {s['layer']}, head {s['head']}",
        )

    def describe(self, s):
        text, q = s["text"], s["query"]
        row = s["att"][q, : q + 1]
        top = row.topk(min(3, q + 1))
        looks = ", ".join(
            f"{show_char(text[j])!r} at {j} ({q - j} back) {w:.2f}"
            for w, j in zip(top.values.tolist(), top.indices.tolist())
        )
        context = (text[max(0, q - 20) : q] + "[" + text[q] + "]").replace("\n", "⏎")
        return (
            f"layer {s['layer']} head {s['head']}: query '…{context}' looks at {looks}"
        )
