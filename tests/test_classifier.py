import pytest
import torch

from genai_course.classifier import accuracy, classify, load_digit_classifier
from genai_course.data import load_digits


def test_shipped_classifier_is_accurate_on_held_out_digits():
    model = load_digit_classifier()
    d = load_digits()
    assert accuracy(model, d.x_test, d.y_test) > 0.95
    pred, conf = classify(model, d.x_test[:5])
    assert pred.shape == conf.shape == (5,) and ((conf > 0) & (conf <= 1)).all()


def test_wrong_image_shape_is_refused():
    with pytest.raises(ValueError, match=r"\(\*, 1, 8, 8\)"):
        classify(load_digit_classifier(), torch.zeros(2, 8, 8))
