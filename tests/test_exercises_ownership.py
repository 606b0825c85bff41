from genai_course.exercises import ____
from genai_course.exercises import ownership as ex

FOR = (
    "Allen spent weeks on hundreds of prompts and then selected and edited the "
    "picture, just as a photographer chooses a scene and the camera does the rest."
)
AGAINST = (
    "But a prompt is only an idea: the model, not the person, decided the "
    "expression, and the Copyright Office requires human authorship."
)


def _solution_text():
    namespace = {}
    exec(ex.debate.solution().body, namespace)  # the shown solution passes
    return namespace["answer"]


def test_an_answer_naming_both_sides_passes():
    assert ex.debate.check(FOR + " " + AGAINST + " I side with the law.").passed
    assert ex.debate.check(_solution_text()).passed


def test_one_sided_answers_are_told_what_is_missing():
    only_for = ex.debate.check(FOR + " So he owns it, in my view, fully and clearly.")
    assert only_for.status == "incorrect" and "other side" in only_for.message
    assert "human authorship" in only_for.message
    only_against = ex.debate.check(
        AGAINST + " So nobody owns it and anyone may copy it, I think, freely."
    )
    assert only_against.status == "incorrect"
    assert "prompter's choices" in only_against.message
    neither = ex.debate.check(" ".join(["words"] * 40))
    assert neither.status == "incorrect" and "both sides" in neither.message


def test_short_or_wrong_kind_of_answer():
    assert ex.debate.check().status == "not attempted"
    assert ex.debate.check(____).status == "not attempted"
    short = ex.debate.check("tool versus human authorship")
    assert short.status == "incorrect" and "at least" in short.message
    assert "string" in ex.debate.check(42).message
    assert "string" in ex.debate.check(lambda: FOR + AGAINST).message


def test_notebook_states_the_checkers_word_minimum():
    from genai_course import syllabus

    prose = syllabus.prose(syllabus.load(syllabus.NOTEBOOK_DIR / "09_society_and_law.ipynb"))
    assert f"at least {ex.MIN_WORDS} words" in " ".join(prose.split())
