"""A tiny Copilot: the character GPT of notebook 03, trained on Python source.

`load_code_model` gives the shipped model; `code_report` measures what a sample gets
right (indentation, brackets, parsing, real names) and how much it copies verbatim.
"""

from . import data as data_mod


CODE_CHECKPOINT = "capstone_gpt_python"
CODE_CHARS = "\n" + "".join(chr(i) for i in range(32, 127))  # fixed: printable ASCII
CODE_STEPS = 1500


def code_text(text):
    """Source text in the fixed alphabet: tabs become 4 spaces, other bytes become ?."""
    if not isinstance(text, str):
        raise TypeError(f"expected source code as a str, got {type(text).__name__}")
    text = text.replace("\t", "    ").replace("\r", "")
    allowed = set(CODE_CHARS)
    return "".join(c if c in allowed else "?" for c in text)


def make_code_model(seed=0):
    """(tokenizer, GPT) for Python source: 4 layers, 128 channels, 128 characters."""
    from .transformer import char_gpt

    return char_gpt(CODE_CHARS, block_size=128, n_layer=4, n_embd=128, seed=seed)


def code_corpus():
    """The Python corpus (data.load_corpus("python")) in the fixed alphabet."""
    corpus = data_mod.load_corpus("python")
    return code_text(corpus.train), code_text(corpus.val)


def pretrain_gpt_python(steps=CODE_STEPS, progress=False):
    """The recipe behind data/checkpoints/capstone_gpt_python.pt."""
    from .transformer import train_lm

    tokenizer, model = make_code_model(seed=0)
    train_text, _ = code_corpus()
    train_lm(
        model, tokenizer.encode(train_text), steps=steps, batch_size=32, lr=3e-3,
        seed=0, progress=progress, desc="tiny Copilot",
    )  # fmt: skip
    return model.eval()


def load_code_model():
    """(model, tokenizer) with the shipped Python checkpoint loaded."""
    from .checkpoints import load_or_train

    tokenizer, model = make_code_model()
    return load_or_train(CODE_CHECKPOINT, model, _fit_code).eval(), tokenizer


def _fit_code(model, progress=True):
    model.load_state_dict(pretrain_gpt_python(progress=progress).state_dict())


def longest_copy(text, corpus):
    """The longest piece of `text` found verbatim in `corpus` (two moving pointers)."""
    if not isinstance(text, str) or not isinstance(corpus, str):
        raise TypeError("text and corpus must both be str")
    best, i = "", 0
    for j in range(1, len(text) + 1):
        while i < j and text[i:j] not in corpus:
            i += 1  # a piece that is in the corpus stays in it when shortened
        if j - i > len(best):
            best = text[i:j]
    return best


def _squeeze(text):
    import re

    return re.sub(r"\s+", " ", text)


def code_report(sample, corpus):
    """What a sampled piece of code gets right and wrong, as numbers."""
    import ast
    import keyword
    import re
    import textwrap

    if not isinstance(sample, str) or not sample.strip():
        raise ValueError("code_report needs a non-empty code sample (a str)")
    lines = [ln for ln in sample.split("\n")[:-1] if ln.strip()]  # whole lines only
    if not lines:
        lines = [sample]
    pairs = {")": "(", "]": "[", "}": "{"}

    def balanced(line):
        stack = []
        for c in re.sub(r"(\"[^\"]*\"|'[^']*'|#.*)", "", line):  # skip strings
            if c in "([{":
                stack.append(c)
            elif c in pairs and (not stack or stack.pop() != pairs[c]):
                return False
        return not stack

    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*", "\n".join(lines))
    vocabulary = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", corpus))
    whole = "\n".join(sample.split("\n")[:-1]) or sample
    try:
        ast.parse(textwrap.dedent(whole))  # a method body may start indented
        parse_error = None
    except SyntaxError as err:
        parse_error = f"line {err.lineno}: {err.msg}"
    return {
        "lines": len(lines),
        "indent_ok_pct": 100.0
        * sum((len(ln) - len(ln.lstrip(" "))) % 4 == 0 for ln in lines)
        / len(lines),
        "balanced_pct": 100.0 * sum(map(balanced, lines)) / len(lines),
        "keywords": sorted({w for w in words if keyword.iskeyword(w)}),
        "known_words_pct": 100.0
        * sum(w in vocabulary for w in words)
        / max(1, len(words)),
        "invented_words": sorted({w for w in words if w not in vocabulary})[:10],
        "parses": parse_error is None,
        "parse_error": parse_error,
        # whitespace runs are everywhere in code: compare with them squeezed to one
        "longest_copy": len(longest_copy(_squeeze(sample), _squeeze(corpus))),
    }
