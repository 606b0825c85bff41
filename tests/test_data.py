import pytest
import torch

from genai_course import data
from genai_course.prepare import is_prepared


def test_python_corpus_is_fixed_and_split_90_10():
    c = data.load_corpus("python")
    assert c.text.startswith("# ---- abc ----")
    assert c.train + c.val == c.text
    assert abs(len(c.val) / len(c.text) - 0.1) < 1e-3
    assert c == data.load_corpus("python")


def test_shakespeare_corpus_is_prepared_and_verified():
    assert is_prepared(), "run `python -m genai_course.prepare`"
    c = data.load_corpus()
    assert c.name == "shakespeare" and len(c.text) == 5_057_280
    assert "To be, or not to be" in c.text


def test_missing_shakespeare_says_how_to_prepare(monkeypatch, tmp_path):
    monkeypatch.setattr(data, "SHAKESPEARE_FILE", tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError, match="python -m genai_course.prepare"):
        data.load_corpus("shakespeare")


def test_edited_shakespeare_is_refused(monkeypatch, tmp_path):
    fake = tmp_path / "shakespeare.txt"
    fake.write_text("not the real text " * 20)
    monkeypatch.setattr(data, "SHAKESPEARE_FILE", fake)
    with pytest.raises(ValueError, match="--force"):
        data.load_corpus("shakespeare")


def test_own_text_file(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("hello world, " * 20, encoding="utf-8")
    c = data.load_corpus(path)
    assert c.text == "hello world, " * 20 and len(c.train) == 234


@pytest.mark.parametrize(
    "bad, err, match",
    [
        ("no_such_corpus", ValueError, "expected 'shakespeare', 'python'"),
        (42, TypeError, "str or Path"),
    ],
)
def test_bad_corpus_names(bad, err, match):
    with pytest.raises(err, match=match):
        data.load_corpus(bad)


def test_non_utf8_and_tiny_files_are_refused(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe" * 100)
    with pytest.raises(ValueError, match="not UTF-8"):
        data.load_corpus(tmp_path / "bin.txt")
    (tmp_path / "tiny.txt").write_text("hi")
    with pytest.raises(ValueError, match=">= 100"):
        data.load_corpus(tmp_path / "tiny.txt")


def test_digits_split_is_fixed_and_scaled():
    d = data.load_digits()
    assert d.x_train.shape == (1438, 1, 8, 8) and d.x_test.shape == (359, 1, 8, 8)
    assert d.x_train.min() >= 0 and d.x_train.max() <= 1
    assert set(d.y_test.tolist()) == set(range(10))
    assert torch.equal(d.y_test, data.load_digits().y_test)
    with pytest.raises(ValueError, match="test_fraction"):
        data.load_digits(test_fraction=1.5)


@pytest.mark.parametrize("name", data.TOY_2D)
def test_toy_2d_shapes_labels_and_seeds(name):
    x, y = data.sample_2d(name, 500, seed=3, labels=True)
    assert x.shape == (500, 2) and x.dtype == torch.float32 and y.shape == (500,)
    assert torch.equal(x, data.sample_2d(name, 500, seed=3))
    assert not torch.equal(x, data.sample_2d(name, 500, seed=4))
    assert x.abs().max() < 5


def test_ring_and_grid_sit_on_their_modes():
    x, y = data.sample_2d("ring", 2000, std=0.01, labels=True)
    centers = data.mode_centers("ring")
    assert (x - centers[y]).norm(dim=1).max() < 0.06
    assert torch.allclose(centers.norm(dim=1), torch.ones(8))
    grid = data.mode_centers("grid")
    assert grid.shape == (25, 2) and set(grid[:, 0].tolist()) == {-4, -2, 0, 2, 4}


@pytest.mark.parametrize(
    "kwargs, err",
    [
        ({"name": "donut", "n": 10}, ValueError),
        ({"name": "ring", "n": 0}, ValueError),
        ({"name": "ring", "n": 2.5}, TypeError),
        ({"name": "ring", "n": 10, "seed": -1}, ValueError),
        ({"name": "ring", "n": 10, "std": -0.1}, ValueError),
    ],
)
def test_toy_2d_bad_input(kwargs, err):
    with pytest.raises(err):
        data.sample_2d(**kwargs)


def test_photo_is_grayscale_in_unit_range():
    p = data.load_photo(32)
    assert p.shape == (32, 32) and 0 <= p.min() < p.max() <= 1
    with pytest.raises(ValueError, match="size"):
        data.load_photo(4)
