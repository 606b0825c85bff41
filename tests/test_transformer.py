import math

import pytest
import torch
from torch.nn import functional as F

from genai_course import transformer as tr
from genai_course.transformer import GPT, CharTokenizer, GPTConfig

TEXT = "hello world, hello there.\n" * 20


def tiny(vocab=10, block=8):
    torch.manual_seed(0)
    return GPT(
        GPTConfig(vocab_size=vocab, block_size=block, n_layer=2, n_head=2, n_embd=16)
    )


def test_tokenizer_round_trip_and_unknown_characters():
    tok = CharTokenizer(TEXT)
    assert tok.vocab_size == len(set(TEXT))
    ids = tok.encode("hello there")
    assert ids.dtype == torch.long and tok.decode(ids) == "hello there"
    assert tok.decode(tok.encode(TEXT)) == TEXT  # the fast path for long text
    with pytest.raises(ValueError, match="not in the vocabulary: 'xz'"):
        tok.encode("hex oz")
    with pytest.raises(ValueError, match="not in the vocabulary: 'é'"):
        tok.encode("hé")
    with pytest.raises(TypeError):
        tok.encode(42)
    with pytest.raises(ValueError):
        CharTokenizer("")


def test_forward_shapes_loss_and_attention_maps():
    model = tiny()
    x = torch.randint(10, (3, 8))
    logits, loss = model(x, x)
    assert logits.shape == (3, 8, 10)
    assert abs(loss.item() - math.log(10)) < 0.3  # untrained: about uniform
    logits2, loss2, maps = model(x, x, return_attention=True)
    torch.testing.assert_close(logits2, logits)  # teaching path == fused path
    assert len(maps) == 2 and maps[0].shape == (3, 2, 8, 8)
    torch.testing.assert_close(maps[1].sum(-1), torch.ones(3, 2, 8))
    future = torch.ones(8, 8, dtype=torch.bool).triu(1)
    assert (maps[0][..., future] == 0).all()


def test_the_future_cannot_leak():
    model = tiny()
    x = torch.randint(10, (1, 8))
    y = x.clone()
    y[0, 5:] = (y[0, 5:] + 1) % 10
    a, _ = model(x)
    b, _ = model(y)
    torch.testing.assert_close(a[0, :5], b[0, :5])


def test_context_longer_than_block_size():
    model = tiny()
    with pytest.raises(ValueError, match="longer than the context block_size=8"):
        model(torch.zeros(1, 9, dtype=torch.long))
    # generate crops a long prompt to its last block_size tokens (documented)
    out = tr.generate(model, torch.zeros(1, 20, dtype=torch.long), 5)
    assert out.shape == (1, 25)
    with pytest.raises(TypeError, match="integer"):
        model(torch.zeros(1, 3))


def test_generate_is_seeded_and_greedy_at_tiny_temperature():
    model = tiny()
    start = torch.zeros(2, 1, dtype=torch.long)
    g = lambda: torch.Generator().manual_seed(3)  # noqa: E731
    a = tr.generate(model, start, 12, generator=g())
    b = tr.generate(model, start, 12, generator=g())
    assert torch.equal(a, b) and a.shape == (2, 13)
    greedy = tr.generate(model, start, 6, temperature=1e-8, generator=g())
    idx = start
    for _ in range(6):  # argmax by hand
        nxt = model(idx[:, -8:])[0][:, -1].argmax(-1, keepdim=True)
        idx = torch.cat([idx, nxt], 1)
    assert torch.equal(greedy, idx)
    only = tr.generate(model, start, 6, top_k=1, generator=g())
    assert torch.equal(only, idx)


def test_complete_validates_the_prompt():
    tok = CharTokenizer(TEXT)
    model = tiny(tok.vocab_size)
    text = tr.complete(model, tok, "hello", 10, seed=1)
    assert len(text) == 10 and set(text) <= set(TEXT)
    assert text == tr.complete(model, tok, "hello", 10, seed=1)
    with pytest.raises(ValueError, match="empty"):
        tr.complete(model, tok, "", 5)
    with pytest.raises(ValueError, match="vocabulary"):
        tr.complete(model, tok, "HELLO", 5)
    with pytest.raises(ValueError, match="top_k"):
        tr.complete(model, tok, "hello", 5, top_k=tok.vocab_size + 1)
    with pytest.raises(ValueError, match="top_p"):
        tr.complete(model, tok, "hello", 5, top_p=0)
    with pytest.raises(ValueError, match="temperature"):
        tr.complete(model, tok, "hello", 5, temperature=0)


def test_batches_are_shifted_windows():
    data = torch.arange(100)
    x, y = tr.get_batch(data, 8, 4, torch.Generator().manual_seed(0))
    assert x.shape == (4, 8) and torch.equal(y, x + 1)
    with pytest.raises(ValueError, match="longer than block_size"):
        tr.get_batch(torch.arange(5), 8, 2)


def test_training_learns_a_pattern_and_evaluate_agrees():
    tok = CharTokenizer(TEXT)
    data = tok.encode(TEXT)
    model = tiny(tok.vocab_size, 16)
    before = tr.evaluate(model, data)
    history = tr.train_lm(model, data, steps=80, batch_size=16, lr=1e-2, progress=False)
    after = tr.evaluate(model, data)
    assert history.steps == 80 and after < 0.5 * before
    x = data[:16][None]
    _, loss = model(x, data[1:17][None])
    assert abs(tr.evaluate(model, data[:17]) - loss.item()) < 1e-5


def test_scored_targets_are_the_characters_evaluate_scores():
    data = torch.arange(30)
    # windows of 8 sliding by 4 (starts 0, 4, ..., 20); each scores its last 4 targets
    got = tr.scored_targets(data, 8, stride=4)
    assert got.tolist() == list(range(5, 29))
    spread = tr.scored_targets(data, 8, max_windows=2, stride=4)
    assert spread.tolist() == [5, 6, 7, 8, 25, 26, 27, 28]  # first and last window
    assert tr.scored_targets(data, 8).tolist() == list(range(1, 25))
    # evaluate on a bigram-like model equals the mean loss over those same targets
    tok = CharTokenizer(TEXT)
    ids = tok.encode(TEXT)
    model = tiny(tok.vocab_size, 16)
    model.eval()
    targets = tr.scored_targets(ids, 16, max_windows=3, stride=4)
    starts = (targets[::4] - 13).tolist()
    losses = []
    with torch.no_grad():
        for s in starts:
            logits, _ = model(ids[s : s + 16][None])
            losses.append(
                F.cross_entropy(logits[0, 12:], ids[s + 13 : s + 17], reduction="none")
            )
    expected = torch.cat(losses).mean().item()
    got = tr.evaluate(model, ids, max_windows=3, stride=4)
    assert got == pytest.approx(expected, abs=1e-5)


def test_learning_rate_schedule():
    assert tr.lr_at(0.0, 1.0) < 0.05
    assert tr.lr_at(0.03, 1.0) == pytest.approx(1.0)
    assert tr.lr_at(1.0, 1.0) == pytest.approx(0.1)
    assert tr.lr_at(0.5, 1.0) > tr.lr_at(0.8, 1.0)


def test_schedule_follows_steps_or_the_clock_whichever_ends_first(monkeypatch):
    tok = CharTokenizer(TEXT)
    data, seen, real = tok.encode(TEXT), [], tr.lr_at

    def spy(done, lr):
        seen.append(done)
        return real(done, lr)

    monkeypatch.setattr(tr, "lr_at", spy)
    tr.train_lm(tiny(tok.vocab_size), data, steps=10, progress=False)
    assert sorted(set(seen)) == pytest.approx([i / 10 for i in range(10)])
    seen.clear()  # far too many steps for the time: the clock drives the decay
    tr.train_lm(tiny(tok.vocab_size), data, steps=10**6, seconds=0.5, progress=False)
    assert 0.8 < seen[-1] <= 1.0 and seen == sorted(seen)


def test_shipped_checkpoint_beats_the_bigram_and_writes_words():
    from genai_course.baselines import NGram
    from genai_course.data import load_corpus

    model, tok = tr.load_pretrained()
    val = tok.encode(load_corpus().val)[:40_000]
    loss = tr.evaluate(model, val)
    bigram = NGram(2, tok.vocab_size).fit(tok.encode(load_corpus().train[:500_000]))
    assert loss < bigram.loss(val) - 0.4
    text = tr.complete(model, tok, "ROMEO.\n", 200, seed=0, temperature=0.8)
    words = text.split()
    common = {"the", "and", "to", "of", "I", "my", "you", "a", "that", "is", "in"}
    assert sum(w in common for w in words) >= 5


# -- coordinate tokens (2-D points for a GPT) -----------------------------------


def test_tokenizer_round_trip_within_a_bin():
    tok = tr.CoordinateTokenizer(bins=64, lim=1.5)
    from genai_course.data import sample_2d

    x = sample_2d("ring", 500, seed=0)
    ids = tok.encode(x)
    assert ids.shape == (500, 2) and ids.dtype == torch.int64
    assert ids.min() >= 0 and ids.max() < 64
    back = tok.decode(ids, jitter=False)
    assert (back - x).abs().max() <= tok.width / 2 + 1e-6
    jittered = tok.decode(ids, generator=torch.Generator().manual_seed(0))
    assert (tok.encode(jittered) == ids).all()  # jitter stays inside the bin


def test_tokenizer_by_hand_and_edges():
    tok = tr.CoordinateTokenizer(bins=4, lim=2.0)  # bins of width 1: [-2,-1) ...
    pts = torch.tensor([[-1.5, 0.5], [1.99, -0.01], [-9.0, 9.0]])
    assert tok.encode(pts).tolist() == [[0, 2], [3, 1], [0, 3]]
    seq = tok.sequences(pts)
    assert seq.shape == (3, 3) and (seq[:, 0] == tok.bos).all() and tok.bos == 4
    assert tok.vocab_size == 5
    centres = tok.decode(torch.tensor([[0, 3]]), jitter=False)
    assert centres.tolist() == [[-1.5, 1.5]]


def test_tokenizer_errors():
    tok = tr.CoordinateTokenizer(bins=8)
    with pytest.raises(ValueError, match="bin ids must be in"):
        tok.decode(torch.tensor([[0, 8]]))
    with pytest.raises(TypeError, match="integer"):
        tok.decode(torch.zeros(2, 2))
    with pytest.raises(ValueError, match="shape"):
        tok.encode(torch.zeros(3, 3))
    with pytest.raises(ValueError, match="bins"):
        tr.CoordinateTokenizer(bins=1)
    with pytest.raises(TypeError, match="bins"):
        tr.CoordinateTokenizer(bins=2.5)
