import pytest
import torch

from genai_course import long_range as lr
from genai_course.long_range import RecallTask, experiment


def test_task_answer_is_the_symbol_at_the_distance():
    task = RecallTask(n_symbols=4, length=10)
    x, y, d = task.batch(50, torch.Generator().manual_seed(0))
    assert x.shape == (50, 11) and task.vocab_size == 14
    for row, answer, dist in zip(x, y, d):
        j = row[-1].item() - 4  # the question token names the position
        assert j == 10 - dist.item() and row[j] == answer
    _, _, d3 = task.batch(5, torch.Generator(), distance=3)
    assert (d3 == 3).all()
    with pytest.raises(ValueError, match="distance"):
        task.batch(5, torch.Generator(), distance=11)
    with pytest.raises(ValueError, match="n_symbols"):
        RecallTask(n_symbols=1)


def test_models_share_the_state_size_and_the_context():
    models = lr.make_models(RecallTask(4, 16))
    assert list(models) == ["RNN", "LSTM", "transformer"]
    assert models["RNN"].rnn.hidden_size == models["LSTM"].rnn.hidden_size
    assert isinstance(models["RNN"].rnn, torch.nn.RNN)
    assert models["transformer"].config.block_size == 17
    wide = lr.make_models(RecallTask(4, 16), block_size=64)["transformer"]
    assert wide.config.block_size == 64


def test_transformer_recalls_far_back_and_the_recurrent_nets_do_not_yet():
    """Notebook 03: after 400 steps, who recalls what (the same run)."""
    results = experiment(RecallTask(n_symbols=4, length=16), steps=lr.RECALL_STEPS)
    far = range(9, 17)
    mean = {n: sum(r["accuracy"][d] for d in far) / 8 for n, r in results.items()}
    assert mean["transformer"] > 0.9 and mean["LSTM"] < 0.6 and mean["RNN"] < 0.4
    assert results["RNN"]["accuracy"][1] > 0.9  # the last symbol is still in its state
    assert results["LSTM"]["accuracy"][1] > mean["LSTM"]  # recent symbols come first
    assert results["RNN"]["params"] < results["LSTM"]["params"]


def test_gradient_by_distance_bad_input():
    gpt = lr.make_models(RecallTask(4, 16))["transformer"]
    with pytest.raises(ValueError, match="longer than the transformer's context"):
        lr.gradient_by_distance(gpt, 4, length=64)
    with pytest.raises(ValueError, match="n_symbols"):
        lr.gradient_by_distance(gpt, 0)
    g = lr.gradient_by_distance(gpt, 4, length=17, batch_size=8)
    assert sorted(g) == list(range(1, 17)) and all(v > 0 for v in g.values())


def test_gradients_vanish_with_distance_in_the_rnn_and_the_lstm_learns_to_keep_them():
    """Notebook 03, the vanishing-gradient figure: the same models, the same probe."""
    task = RecallTask(4, 16)
    models = lr.make_models(task)
    before = {n: lr.gradient_by_distance(models[n], 4, 65) for n in ("RNN", "LSTM")}
    for g in before.values():  # both shrink by orders of magnitude with distance
        assert g[32] < 1e-4 * g[1]
    assert before["RNN"][32] < 0.01 * before["LSTM"][32]
    for name in ("RNN", "LSTM"):
        lr.train_recall(models[name], task, steps=lr.RECALL_STEPS)
    after = {n: lr.gradient_by_distance(models[n], 4, 65) for n in ("RNN", "LSTM")}
    assert after["LSTM"][32] > 0.1 * after["LSTM"][1]  # nearly flat after training
    assert after["RNN"][32] < 1e-12 * after["RNN"][1]  # the RNN's falls even faster
    assert after["RNN"][32] < 1e-6 * after["LSTM"][32]


def test_more_training_lets_the_lstm_reach_further():
    """Notebook 03: more steps, and the LSTM recalls further back than before."""
    task = RecallTask(4, 16)
    lstm = lr.make_models(task)["LSTM"]
    lr.train_recall(lstm, task, steps=lr.RECALL_STEPS)
    early = lr.accuracy_by_distance(lstm, task)
    lr.train_recall(lstm, task, steps=lr.MORE_STEPS, seed=1)
    late = lr.accuracy_by_distance(lstm, task)
    assert early[2] < 0.6 and early[3] < 0.6
    assert late[2] > 0.9 and late[3] > 0.8


def test_time_by_length_recurrent_grows_in_proportion_attention_at_least_as_fast():
    """Notebook 03, the speed figure: the shapes the prose describes."""
    times = lr.time_by_length(lengths=(64, 512), batch_size=16, repeats=3)
    for name in ("RNN", "LSTM"):  # 8 times the length: about 8 times the time
        assert 4 < times[name][512] / times[name][64] < 16, times
    assert times["transformer"][512] / times["transformer"][64] > 6, times
    with pytest.raises(ValueError, match="at least one"):
        lr.time_by_length(lengths=())
    with pytest.raises(ValueError, match="length"):
        lr.time_by_length(lengths=(0,))
