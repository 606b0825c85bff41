import torch
import torch.nn.functional as F

from genai_course.exercises import ____
from genai_course.exercises import neural_net as ex


def test_gd_step_right_and_wrong():
    q = ex.gd_step
    assert q.check().status == "not attempted"
    assert q.check(lambda w, b, x, y, lr: (____, ____)).status == "not attempted"
    assert q.check(ex.gd_step_solution).passed

    def grads(w, b, x, y):
        e = w * x + b - y
        return (2 * e * x).mean(), (2 * e).mean()

    def uphill(w, b, x, y, lr):
        gw, gb = grads(w, b, x, y)
        return w + lr * gw, b + lr * gb

    def no_lr(w, b, x, y, lr):
        gw, gb = grads(w, b, x, y)
        return w - gw, b - gb

    def no_two(w, b, x, y, lr):
        gw, gb = grads(w, b, x, y)
        return w - lr * gw / 2, b - lr * gb / 2

    def sum_not_mean(w, b, x, y, lr):
        e = w * x + b - y
        return w - lr * (2 * e * x).sum(), b - lr * (2 * e).sum()

    assert "uphill" in q.check(uphill).message
    assert "learning rate" in q.check(no_lr).message
    assert "half the size" in q.check(no_two).message
    assert "new w" in q.check(sum_not_mean).message
    assert "two numbers" in q.check(lambda w, b, x, y, lr: w).message
    assert "raised ZeroDivisionError" in q.check(lambda *a: 1 / 0).message


def test_cross_entropy_right_and_wrong():
    q = ex.cross_entropy
    assert q.check(lambda logits, t: ____).status == "not attempted"
    assert q.check(ex.cross_entropy_solution).passed
    assert q.check(lambda logits, t: F.cross_entropy(logits, t)).passed

    def p_true(logits, t):
        return logits.softmax(1)[torch.arange(len(t)), t]

    assert "bits" in q.check(lambda lo, t: -p_true(lo, t).log2().mean()).message
    assert "MINUS" in q.check(lambda lo, t: p_true(lo, t).log().mean()).message
    assert "mean over the rows" in q.check(lambda lo, t: -p_true(lo, t).log()).message
    assert "not the sum" in q.check(lambda lo, t: -p_true(lo, t).log().sum()).message
    no_softmax = lambda lo, t: -lo[torch.arange(len(t)), t].mean()  # noqa: E731

    assert "softmax" in q.check(no_softmax).message

    def naive(logits, t):
        probs = logits.exp() / logits.exp().sum(1, keepdim=True)
        return -probs[torch.arange(len(t)), t].log().mean()

    assert "overflows" in q.check(naive).message
    assert "one number" in q.check(lambda lo, t: "0.5").message


def test_train_step_right_and_wrong():
    q = ex.train_step
    assert q.check(lambda m, o, x, y: ____).status == "not attempted"
    assert q.check(ex.train_step_solution).passed

    def no_zero_grad(m, o, x, y):
        loss = F.cross_entropy(m(x), y)
        loss.backward()
        o.step()
        return loss.item()

    def no_step(m, o, x, y):
        loss = F.cross_entropy(m(x), y)
        o.zero_grad()
        loss.backward()
        return loss.item()

    def zero_after_backward(m, o, x, y):
        loss = F.cross_entropy(m(x), y)
        loss.backward()
        o.zero_grad()
        o.step()
        return loss.item()

    def mse(m, o, x, y):
        loss = (m(x) - F.one_hot(y, 2).float()).pow(2).mean()
        o.zero_grad()
        loss.backward()
        o.step()
        return loss.item()

    def returns_tensor(m, o, x, y):
        ex.train_step_solution(m, o, x, y)
        return torch.zeros(3)

    assert "zero_grad() before" in q.check(no_zero_grad).message
    assert "did not move" in q.check(no_step).message
    assert "did not move" in q.check(zero_after_backward).message
    assert "cross_entropy" in q.check(mse).message
    assert "as a number" in q.check(returns_tensor).message
    assert q.check(lambda m, o, x, y: torch.tensor(1.0)).status == "incorrect"
