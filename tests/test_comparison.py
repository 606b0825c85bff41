import pytest
import torch

from genai_course import capstone as cap
from genai_course.data import mode_centers, sample_2d


def test_tokenizer_round_trip_within_a_bin():
    tok = cap.CoordinateTokenizer(bins=64, lim=1.5)
    x = sample_2d("ring", 500, seed=0)
    ids = tok.encode(x)
    assert ids.shape == (500, 2) and ids.dtype == torch.int64
    assert ids.min() >= 0 and ids.max() < 64
    back = tok.decode(ids, jitter=False)
    assert (back - x).abs().max() <= tok.width / 2 + 1e-6
    jittered = tok.decode(ids, generator=torch.Generator().manual_seed(0))
    assert (tok.encode(jittered) == ids).all()  # jitter stays inside the bin


def test_tokenizer_by_hand_and_edges():
    tok = cap.CoordinateTokenizer(bins=4, lim=2.0)  # bins of width 1: [-2,-1) ...
    pts = torch.tensor([[-1.5, 0.5], [1.99, -0.01], [-9.0, 9.0]])
    assert tok.encode(pts).tolist() == [[0, 2], [3, 1], [0, 3]]
    seq = tok.sequences(pts)
    assert seq.shape == (3, 3) and (seq[:, 0] == tok.bos).all() and tok.bos == 4
    assert tok.vocab_size == 5
    centres = tok.decode(torch.tensor([[0, 3]]), jitter=False)
    assert centres.tolist() == [[-1.5, 1.5]]


def test_tokenizer_errors():
    tok = cap.CoordinateTokenizer(bins=8)
    with pytest.raises(ValueError, match="bin ids must be in"):
        tok.decode(torch.tensor([[0, 8]]))
    with pytest.raises(TypeError, match="integer"):
        tok.decode(torch.zeros(2, 2))
    with pytest.raises(ValueError, match="shape"):
        tok.encode(torch.zeros(3, 3))
    with pytest.raises(ValueError, match="bins"):
        cap.CoordinateTokenizer(bins=1)
    with pytest.raises(TypeError, match="bins"):
        cap.CoordinateTokenizer(bins=2.5)


def test_nearest_neighbours_matches_brute_force():
    g = torch.Generator().manual_seed(0)
    bank, q = (
        torch.rand(300, 1, 8, 8, generator=g),
        torch.rand(50, 1, 8, 8, generator=g),
    )
    d, i = cap.nearest_neighbours(q, bank, k=3, chunk=7)
    brute = ((q.flatten(1)[:, None] - bank.flatten(1)[None]) ** 2).sum(-1).sqrt()
    want_d, want_i = brute.sort(dim=1)
    assert torch.allclose(d, want_d[:, :3], atol=1e-4)
    assert (i == want_i[:, :3]).all()
    d, i = cap.nearest_neighbours(bank[:5], bank)
    assert (i[:, 0] == torch.arange(5)).all() and d.max() < 1e-3  # itself


def test_nearest_neighbours_errors():
    with pytest.raises(ValueError, match="same shape"):
        cap.nearest_neighbours(torch.zeros(2, 3), torch.zeros(4, 2))
    with pytest.raises(ValueError, match="batch dimension"):
        cap.nearest_neighbours(torch.zeros(3), torch.zeros(4, 3))
    with pytest.raises(ValueError, match="k must be"):
        cap.nearest_neighbours(torch.zeros(2, 3), torch.zeros(4, 3), k=5)
    with pytest.raises(TypeError, match="torch.Tensor"):
        cap.nearest_neighbours([[0.0]], torch.zeros(4, 1))


def test_memorisation_spots_copies():
    g = torch.Generator().manual_seed(0)
    train, held_out = torch.rand(200, 16, generator=g), torch.rand(100, 16, generator=g)
    copies = train[:30] + 0.001 * torch.randn(30, 16, generator=g)
    fresh = torch.rand(70, 16, generator=g)
    r = cap.memorisation(torch.cat([copies, fresh]), train, held_out)
    assert r["near_copies"] == 30 and r["near_copy_pct"] == pytest.approx(30.0)
    assert (r["nearest"][:30] == torch.arange(30)).all()
    none = cap.memorisation(fresh, train, held_out)
    assert none["near_copies"] == 0
    assert none["generated_median"] == pytest.approx(none["held_out_median"], rel=0.3)


def _perfect(n, seed):
    return sample_2d("ring", n, seed=seed + 500)


def _collapsed(n, seed):
    return mode_centers("ring")[[0]].repeat(n, 1) + 0.01 * torch.randn(n, 2)


def test_compare_ranks_a_perfect_and_a_collapsed_engine():
    engines = [cap.Engine("perfect", _perfect), cap.Engine("collapsed", _collapsed)]
    r = cap.compare(engines, n=1000, repeats=1)
    assert r["perfect"]["modes"] == 8 and r["collapsed"]["modes"] == 1
    assert 0.5 < r["perfect"]["swd_ratio"] < 2 < r["collapsed"]["swd_ratio"]
    assert r["perfect"]["samples_per_s"] > 0
    assert r["perfect"]["samples"].shape == (1000, 2)
    t = cap.table(r)
    assert set(t) == {"perfect", "collapsed"}
    assert set(t["perfect"]) == {"swd_ratio", "modes", "samples_per_s"}


def test_compare_without_timing_is_deterministic():
    engines = [cap.Engine("perfect", _perfect)]
    a = cap.table(cap.compare(engines, n=500, timing=False))
    assert a == cap.table(cap.compare(engines, n=500, timing=False))
    assert a["perfect"]["samples_per_s"] is None


def test_samples_per_second_measures_time():
    import time

    def slow(n, seed):
        time.sleep(0.02)
        return torch.zeros(n, 2)

    speed = cap.samples_per_second(slow, n=100, repeats=2)
    assert 1000 < speed <= 100 / 0.02 + 1e-6


def test_compare_errors():
    with pytest.raises(TypeError, match="Engine"):
        cap.compare([_perfect])
    with pytest.raises(ValueError, match="shape"):
        cap.compare([cap.Engine("bad", lambda n, s: torch.zeros(n, 3))], n=10)
    with pytest.raises(ValueError, match="NaN"):
        cap.score(torch.full((10, 2), float("nan")))
    with pytest.raises(ValueError, match="mixture"):
        cap.score(torch.zeros(10, 2), name="moons")
    with pytest.raises(TypeError, match="sample"):
        cap.samples_per_second(3)


# -- engines -----------------------------------------------------------------------


def test_coordinate_logits_match_the_model():
    model = cap.make_ring_transformer(seed=1).eval()
    x_logits, y_logits = cap.coordinate_logits(model)
    bins, bos = cap.RING_TOKENS.bins, cap.RING_TOKENS.bos
    assert x_logits.shape == (bins,) and y_logits.shape == (bins, bins)
    seq = torch.tensor([[bos, 5]])
    with torch.no_grad():
        logits, _ = model(seq)
    assert torch.allclose(logits[0, 0, :bins], x_logits, atol=1e-5)
    assert torch.allclose(logits[0, 1, :bins], y_logits[5], atol=1e-5)


def test_table_sampling_follows_the_table():
    bins = cap.RING_TOKENS.bins
    x_logits = torch.full((bins,), -1e9)
    x_logits[10] = 0.0  # x is always bin 10
    y_logits = torch.full((bins, bins), -1e9)
    y_logits[10, 50] = 0.0  # and given x = 10, y is always bin 50
    pts = cap.sample_from_logits(x_logits, y_logits, 200, seed=0)
    assert (cap.RING_TOKENS.encode(pts) == torch.tensor([10, 50])).all()
    # high temperature spreads mass over the other bins
    x_logits = torch.zeros(bins)
    x_logits[10] = 3.0
    cold = cap.sample_from_logits(x_logits, torch.zeros(bins, bins), 2000, 0, 0.3)
    hot = cap.sample_from_logits(x_logits, torch.zeros(bins, bins), 2000, 0, 3.0)
    share = [
        (cap.RING_TOKENS.encode(p)[:, 0] == 10).float().mean() for p in (cold, hot)
    ]
    assert share[0] > 0.99 and share[1] < 0.2
    with pytest.raises(ValueError, match="temperature"):
        cap.sample_from_logits(x_logits, y_logits, 5, temperature=0)


def test_sample_points_never_emits_the_start_token():
    model = cap.make_ring_transformer(seed=0).eval()  # untrained: any token is likely
    pts = cap.sample_points(model, 500, seed=0, temperature=5.0)
    assert pts.shape == (500, 2) and pts.abs().max() <= cap.RING_TOKENS.lim


def test_shipped_ring_transformer_and_gan_capture_the_ring():
    gan_engine, gpt_engine = cap.gan_engine(), cap.transformer_engine()
    r = cap.compare([gan_engine, gpt_engine], n=1000, timing=False)
    for name in ("gan", "transformer"):
        assert r[name]["modes"] == 8, name
        assert r[name]["swd_ratio"] < 3, name


def test_gan_truncation_trades_diversity_for_quality():
    model = cap.make_ring_gan(seed=0)
    full = cap.sample_gan(model.generator, 300, seed=0, truncation=1.0)
    none = cap.sample_gan(model.generator, 300, seed=0, truncation=0.0)
    assert full.std(0).min() > 0 and none.std(0).max() < 1e-6  # one point, repeated
    from genai_course import gan

    assert torch.allclose(full, gan.sample(model.generator, 300, seed=0))
    with pytest.raises(ValueError, match="truncation"):
        cap.sample_gan(model.generator, 3, truncation=1.5)


def test_ring_training_lowers_the_loss():
    model = cap.make_ring_transformer(seed=0)
    history = cap.fit_ring_transformer(model, steps=30, progress=False)
    assert history.losses[-1] < history.losses[0] - 0.5  # from ~ln(65) = 4.2


# -- code ----------------------------------------------------------------------------


def test_code_text_uses_the_fixed_alphabet():
    assert cap.code_text("a\tb\r\nc é") == "a    b\nc ?"
    assert set(cap.code_text("".join(map(chr, range(300))))) <= set(cap.CODE_CHARS)
    with pytest.raises(TypeError, match="str"):
        cap.code_text(b"x")


def test_longest_copy():
    corpus = "def foo(x):\n    return x + 1\n"
    assert cap.longest_copy("zzdef foo(yy", corpus) == "def foo("
    assert cap.longest_copy("qqq", corpus) == ""
    assert cap.longest_copy("return x + 1", corpus) == "return x + 1"


def test_code_report_right_and_wrong():
    corpus = "def foo(x):\n    return x + 1\nimport os\n"
    good = cap.code_report("def foo(x):\n    return x + 1\n", corpus)
    assert good["parses"] and good["balanced_pct"] == 100
    assert good["indent_ok_pct"] == 100 and good["known_words_pct"] == 100
    assert (
        good["keywords"] == ["def", "return"]
        and good["longest_copy"] == 25  # all of it, whitespace squeezed
    )  # all of it
    bad = cap.code_report("def bar(x:\n   retrun x]\n", corpus)
    assert not bad["parses"] and "line" in bad["parse_error"]
    assert bad["balanced_pct"] == 0 and bad["indent_ok_pct"] == 50
    assert bad["invented_words"] == ["bar", "retrun"]
    spaces = cap.code_report("x" + " " * 50 + "\n", " " * 60)
    assert spaces["longest_copy"] == 1  # one space: a run of spaces is no copy
    with pytest.raises(ValueError, match="non-empty"):
        cap.code_report("  ", corpus)


def test_code_model_shape_and_alphabet():
    tokenizer, model = cap.make_code_model()
    assert tokenizer.vocab_size == len(cap.CODE_CHARS) == 96
    assert model.config.vocab_size == 96 and model.config.block_size == 128


# -- detection ---------------------------------------------------------------------


def test_detector_learns_an_obvious_difference():
    g = torch.Generator().manual_seed(0)
    real = torch.rand(200, 1, 8, 8, generator=g) * 0.5  # darker
    fake = 0.5 + torch.rand(200, 1, 8, 8, generator=g) * 0.5  # brighter
    det = cap.train_detector(real, fake, steps=60, progress=False)
    assert cap.belief_real(det, real).mean() > 0.8
    assert cap.belief_real(det, fake).mean() < 0.2
    with pytest.raises(ValueError, match="shape"):
        cap.train_detector(torch.zeros(3, 8, 8), fake, steps=1)


def test_digit_detector_catches_its_generator_and_misses_the_other():
    """The claims of notebook 08's takeaway, on the shipped GAN and diffusion models."""
    exp = cap.digit_experiment()
    flagged = {
        name: (cap.belief_real(exp.detector, x) < 0.5).float().mean().item()
        for name, x in (
            ("real", exp.digits.x_test),
            ("gan", exp.gan_images),
            ("diffusion", exp.diffusion_images),
        )
    }
    assert flagged["gan"] > 0.5, flagged  # most fakes of the generator it knows
    assert flagged["diffusion"] <= flagged["real"], flagged  # blind to a new one


def test_shipped_code_model_writes_python_shaped_text():
    from genai_course.transformer import complete

    model, tokenizer = cap.load_code_model()
    train_text, _ = cap.code_corpus()
    prompt = "    def __init__(self"
    sample = prompt + complete(model, tokenizer, prompt, 200, seed=0, temperature=0.8)
    report = cap.code_report(sample, train_text[:200_000])
    assert report["lines"] >= 3 and "def" in report["keywords"]
    assert report["known_words_pct"] > 50  # mostly real names, some invented
