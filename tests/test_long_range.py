import torch

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


def test_transformer_recalls_far_back_and_lstm_forgets():
    torch.manual_seed(0)
    results = experiment(RecallTask(n_symbols=4, length=16), steps=400)
    far = range(9, 17)
    gpt = sum(results["transformer"]["accuracy"][d] for d in far) / len(far)
    lstm = sum(results["LSTM"]["accuracy"][d] for d in far) / len(far)
    assert gpt > 0.9 and lstm < 0.6
    assert results["LSTM"]["accuracy"][1] > lstm  # recent symbols survive longer
