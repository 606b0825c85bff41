import math

import numpy as np
import pytest
import torch

from genai_course.baselines import LSTM, LSTMConfig, NGram


def test_witten_bell_bigram_by_hand():
    ids = [0, 1, 0, 1, 0, 0]
    g = NGram(2, 2).fit(ids)
    np.testing.assert_allclose(g.unigram, [5 / 8, 3 / 8])  # add-one: (4+1)/8, (2+1)/8
    # after 0: followed by 1 twice and 0 once, 2 distinct followers
    np.testing.assert_allclose(g.probs([0]), [(1 + 2 * 5 / 8) / 5, (2 + 2 * 3 / 8) / 5])
    # an unseen context falls back to the unigram
    g2 = NGram(2, 3).fit([0, 1, 0, 1])
    np.testing.assert_allclose(g2.probs([2]), g2.unigram)


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_probs_sum_to_one_and_loss_matches_probs(order):
    rng = np.random.default_rng(0)
    train = rng.integers(0, 6, 3000) % (rng.integers(1, 6, 3000))
    val = rng.integers(0, 6, 200)
    g = NGram(order, 6).fit(train)
    k = order - 1
    manual = [-math.log(g.probs(val[t - k : t])[val[t]]) for t in range(k, len(val))]
    assert g.loss(val) == pytest.approx(np.mean(manual), rel=1e-9)
    assert g.probs(val[:5]).sum() == pytest.approx(1.0)
    chosen = [t for t in range(k, len(val)) if t % 3 == 0]
    picked = np.mean([manual[t - k] for t in chosen])
    assert g.loss(val, targets=chosen) == pytest.approx(picked, rel=1e-9)


def test_higher_orders_fit_structured_text_better():
    text = np.array([0, 1, 2, 3, 1, 2, 0, 3] * 200)
    losses = [NGram(n, 4).fit(text[:1200]).loss(text[1200:]) for n in (1, 2, 4)]
    assert losses[0] > losses[1] > losses[2]
    assert losses[2] < 0.1


def test_ngram_bad_input_and_sampling():
    with pytest.raises(ValueError, match="order"):
        NGram(0, 5)
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        NGram(2, 3).fit([0, 1, 5])
    g = NGram(3, 3).fit([0, 1, 2] * 50)
    assert g.sample([0, 1], 6, seed=0) == [2, 0, 1, 2, 0, 1]
    with pytest.raises(ValueError, match="more than 2"):
        g.loss([0, 1])
    with pytest.raises(ValueError, match="context"):
        g.loss([0, 1, 2, 0], targets=[1])


def test_lstm_shapes_and_learning():
    torch.manual_seed(0)
    m = LSTM(LSTMConfig(vocab_size=5, block_size=8, n_embd=8, hidden=16))
    x = torch.randint(5, (4, 8))
    logits, loss = m(x, (x + 1) % 5)
    assert logits.shape == (4, 8, 5) and loss.item() > 1.0
    opt = torch.optim.Adam(m.parameters(), 1e-2)
    for _ in range(100):
        _, loss = m(x, (x + 1) % 5)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.1
    with pytest.raises(TypeError):
        LSTM({"vocab_size": 5})


def test_rnn_is_a_plain_tanh_rnn_with_the_lstms_interface():
    from genai_course.baselines import RNN, RecurrentConfig

    cfg = RecurrentConfig(vocab_size=5, block_size=8, n_embd=8, hidden=16)
    rnn, lstm = RNN(cfg), LSTM(cfg)
    assert isinstance(rnn.rnn, torch.nn.RNN) and rnn.rnn.nonlinearity == "tanh"
    x = torch.randint(5, (3, 8))
    logits, loss = rnn(x, x)
    assert logits.shape == (3, 8, 5) and loss.item() > 0
    assert rnn.num_params() < lstm.num_params()  # an LSTM has 4 gates' weights
    with pytest.raises(TypeError, match="RecurrentConfig"):
        RNN({"vocab_size": 5})
    with pytest.raises(TypeError, match="integer"):
        rnn(torch.zeros(2, 3))
