import pytest

from genai_course import code_model as cm


def test_code_text_uses_the_fixed_alphabet():
    assert cm.code_text("a\tb\r\nc é") == "a    b\nc ?"
    assert set(cm.code_text("".join(map(chr, range(300))))) <= set(cm.CODE_CHARS)
    with pytest.raises(TypeError, match="str"):
        cm.code_text(b"x")


def test_longest_copy():
    corpus = "def foo(x):\n    return x + 1\n"
    assert cm.longest_copy("zzdef foo(yy", corpus) == "def foo("
    assert cm.longest_copy("qqq", corpus) == ""
    assert cm.longest_copy("return x + 1", corpus) == "return x + 1"


def test_code_report_right_and_wrong():
    corpus = "def foo(x):\n    return x + 1\nimport os\n"
    good = cm.code_report("def foo(x):\n    return x + 1\n", corpus)
    assert good["parses"] and good["balanced_pct"] == 100
    assert good["indent_ok_pct"] == 100 and good["known_words_pct"] == 100
    assert (
        good["keywords"] == ["def", "return"]
        and good["longest_copy"] == 25  # all of it, whitespace squeezed
    )  # all of it
    bad = cm.code_report("def bar(x:\n   retrun x]\n", corpus)
    assert not bad["parses"] and "line" in bad["parse_error"]
    assert bad["balanced_pct"] == 0 and bad["indent_ok_pct"] == 50
    assert bad["invented_words"] == ["bar", "retrun"]
    spaces = cm.code_report("x" + " " * 50 + "\n", " " * 60)
    assert spaces["longest_copy"] == 1  # one space: a run of spaces is no copy
    with pytest.raises(ValueError, match="non-empty"):
        cm.code_report("  ", corpus)


def test_code_model_shape_and_alphabet():
    tokenizer, model = cm.make_code_model()
    assert tokenizer.vocab_size == len(cm.CODE_CHARS) == 96
    assert model.config.vocab_size == 96 and model.config.block_size == 128


def test_shipped_code_model_writes_python_shaped_text():
    from genai_course.transformer import complete

    model, tokenizer = cm.load_code_model()
    train_text, _ = cm.code_corpus()
    prompt = "    def __init__(self"
    sample = prompt + complete(model, tokenizer, prompt, 200, seed=0, temperature=0.8)
    report = cm.code_report(sample, train_text[:200_000])
    assert report["lines"] >= 3 and "def" in report["keywords"]
    assert report["known_words_pct"] > 50  # mostly real names, some invented
