import torch

from genai_course.exercises import Exercise, Mistake, ____, call, expect_close
from genai_course.exercises import density as ex


def _square_checker(fn):
    expect_close(call(fn, torch.tensor([1.0, 2.0])), torch.tensor([1.0, 4.0]), "x**2")


SQUARE = Exercise("square", _square_checker, hint="x * x", solution="lambda x: x * x")


def test_not_attempted_placeholder_and_function_returning_it():
    assert SQUARE.check().status == "not attempted"
    assert SQUARE.check(____).status == "not attempted"
    assert SQUARE.check(lambda x: ____).status == "not attempted"


def test_right_and_wrong_answers():
    assert SQUARE.check(lambda x: x * x).passed
    wrong = SQUARE.check(lambda x: x + x)
    assert wrong.status == "incorrect" and "wrong values" in wrong.message


def test_learner_mistakes_become_messages_not_tracebacks():
    assert "shape (2,)" in SQUARE.check(lambda x: x[None]).message
    assert "torch.Tensor" in SQUARE.check(lambda x: [1, 4]).message
    assert "raised ZeroDivisionError" in SQUARE.check(lambda x: 1 / 0).message
    assert "expected a function" in SQUARE.check(42).message
    assert "NaN" in SQUARE.check(lambda x: x / 0 * 0).message


def test_hint_and_solution_render():
    assert (
        "x * x" in str(SQUARE.hint()) and "Solution" in SQUARE.solution()._repr_html_()
    )
    assert "correct" in SQUARE.check(lambda x: x * x)._repr_html_().lower()


def test_expect_close_numbers():
    expect_close(1.0, 1.0)
    try:
        expect_close("a", 1.0)
    except Mistake as m:
        assert "number" in str(m)
    else:
        raise AssertionError("a string passed as a number")


def test_welcome_quiz():
    assert (
        ex.classify_or_generate.check({k: ____ for k in ex.TASKS}).status
        == "not attempted"
    )
    assert ex.classify_or_generate.check(dict(ex.TASKS)).passed
    flipped = dict(ex.TASKS, **{"a spam filter marks an email as junk": "generate"})
    assert ex.classify_or_generate.check(flipped).status == "incorrect"
    assert "missing" in ex.classify_or_generate.check({}).message
    assert "dict" in ex.classify_or_generate.check(["classify"]).message


def test_welcome_sampler_right_and_wrong():
    assert ex.sample_mixture.check(ex.sample_mixture_solution).passed
    ignores_probs = lambda w, m, s, n, g: (  # noqa: E731
        m[torch.randint(2, (n,), generator=g)] + s * torch.randn(n, 2, generator=g)
    )
    assert "probability is 75%" in ex.sample_mixture.check(ignores_probs).message
    no_noise = lambda w, m, s, n, g: m[torch.multinomial(w, n, True, generator=g)]  # noqa: E731
    assert "spread" in ex.sample_mixture.check(no_noise).message
    assert (
        "(4000, 2)"
        in ex.sample_mixture.check(lambda w, m, s, n, g: torch.zeros(3)).message
    )


def test_a_checker_crash_becomes_a_message():
    def fragile(answer):
        return answer.shape  # assumes a tensor

    exercise = Exercise("fragile", fragile, hint="h", solution="s")
    feedback = exercise.check(42)
    assert feedback.status == "incorrect" and "wrong form" in feedback.message
