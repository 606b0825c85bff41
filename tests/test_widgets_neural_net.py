"""Training explorer: the readout follows learning rate, steps, optimizer and seed."""

import math

from genai_course.widgets.neural_net import LEARNING_RATES, MAX_STEPS, TrainingExplorer


def _loss(text):
    return float(text.split("training loss is ")[1].split()[0])


def test_readout_follows_steps_and_learning_rate():
    e = TrainingExplorer(seed=0)
    assert e.text.startswith("SGD, learning rate 0.3: after 100 steps")
    e.controls["steps"].value = 0
    assert abs(_loss(e.text) - math.log(2)) < 0.05  # before training: about guessing
    e.controls["steps"].value = MAX_STEPS
    trained = _loss(e.text)
    assert trained < 0.1 and f"after {MAX_STEPS} steps" in e.text
    e.controls["lr"].value = LEARNING_RATES[0]
    assert _loss(e.text) > 0.6  # the smallest rate barely moves
    e.controls["lr"].value = LEARNING_RATES[-1]
    assert _loss(e.text) > math.log(2)  # the largest overshoots: worse than guessing


def test_optimizer_and_seed_change_the_run():
    e = TrainingExplorer(seed=0)
    e.controls["lr"].value = 0.01
    sgd = _loss(e.text)
    e.controls["optimizer"].value = "adam"
    assert e.text.startswith("ADAM, learning rate 0.01") and _loss(e.text) < sgd / 3
    before = e.text
    e.controls["seed"].value = 3
    assert e.text != before
