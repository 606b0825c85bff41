from genai_course.exercises import ____
from genai_course.exercises import gpt as ex


def _top_k(logits, k):
    kth = logits.topk(k, dim=-1).values[..., -1:]
    return logits.masked_fill(logits < kth, float("-inf"))


def test_top_k_right_and_wrong():
    q = ex.top_k
    assert q.check().status == "not attempted"
    assert q.check(_top_k).passed
    assert "exactly 1 logit" in q.check(lambda x, k: x).message
    assert "smallest" in q.check(lambda x, k: -_top_k(-x, k)).message
    assert "shape (2, 5)" in q.check(lambda x, k: _top_k(x, k)[0]).message
    assert "raised" in q.check(lambda x, k: x.topk(k + 10)).message


def test_training_step_right_and_wrong():
    q = ex.training_step
    assert q.check(lambda m, o, x, y: ____).status == "not attempted"
    assert q.check(ex.training_step_solution).passed

    def no_zero_grad(model, opt, x, y):
        _, loss = model(x, y)
        loss.backward()
        opt.step()
        return loss.item()

    def no_step(model, opt, x, y):
        _, loss = model(x, y)
        opt.zero_grad()
        loss.backward()
        return loss.item()

    def returns_tensor(model, opt, x, y):
        _, loss = model(x, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss

    def zero_after(model, opt, x, y):  # also right: zero_grad after the step
        _, loss = model(x, y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        return loss.item()

    assert "zero_grad" in q.check(no_zero_grad).message
    assert "did not change" in q.check(no_step).message
    assert "loss.item()" in q.check(returns_tensor).message
    assert q.check(zero_after).passed
    wrong = q.check(lambda m, o, x, y: 1.0)
    assert wrong.status == "incorrect" and "before the update" in wrong.message
