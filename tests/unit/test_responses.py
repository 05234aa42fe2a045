from datetime import date

import pytest
from sqlalchemy import func, select

from sff_core.errors import InputError
from sff_core.members import add_member
from sff_core.responses import GROUP, Answer, answers_for, load_responses, save_answers, session_dates
from sff_core.store.db import session_scope
from sff_core.store.models import Response
from sff_core.workspaces import create_workspace

DAY = date(2026, 10, 6)


@pytest.fixture
def setup(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    member = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst")
    return engine, workspace, member


def _count(engine):
    with session_scope(engine) as session:
        return session.scalar(select(func.count(Response.id)))


def test_saving_twice_is_an_upsert(setup):
    engine, workspace, member = setup
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {"behov": Answer(value_int=2)})
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {"behov": Answer(value_int=4, text="bättre nu")})
    frame = load_responses(engine, workspace.id, "step0", "redo")
    assert len(frame) == 1 and _count(engine) == 1
    assert answers_for(frame, member.respondent)["behov"] == Answer(value_int=4, text="bättre nu")


def test_each_work_session_keeps_its_own_answers(setup):
    engine, workspace, member = setup
    for day, score in ((date(2026, 9, 1), 2), (DAY, 4)):
        save_answers(engine, workspace.id, "step0", "redo", member.respondent, day, {"behov": Answer(value_int=score)})
    assert session_dates(engine, workspace.id, "step0", "redo") == [DAY, date(2026, 9, 1)]
    assert load_responses(engine, workspace.id, "step0", "redo", DAY)["value_int"].tolist() == [4]


@pytest.mark.parametrize("score", [0, 6, -1, 3.5, True])
def test_score_outside_scale_is_rejected_and_nothing_is_lost(setup, score):
    engine, workspace, member = setup
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {"behov": Answer(value_int=3)})
    with pytest.raises(InputError) as caught:
        save_answers(
            engine,
            workspace.id,
            "step0",
            "redo",
            member.respondent,
            DAY,
            {"politisk_vilja": Answer(value_int=5), "behov": Answer(value_int=score)},
        )
    assert caught.value.key == "score_range"
    assert "mellan 1 och 5" in str(caught.value)
    frame = load_responses(engine, workspace.id, "step0", "redo")
    assert frame[["prompt_key", "value_int"]].values.tolist() == [["behov", 3]]


def test_unknown_prompt_and_section(setup):
    engine, workspace, member = setup
    with pytest.raises(InputError, match="finns inte"):
        save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {"nope": Answer(value_int=3)})
    with pytest.raises(InputError, match="finns inte"):
        save_answers(engine, workspace.id, "step0", "nope", member.respondent, DAY, {})


def test_respondent_must_belong_to_the_workspace(setup):
    engine, workspace, _member = setup
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    stranger = add_member(engine, other.id, "Bo", "Polisen", "polis")
    for respondent in (stranger.respondent, "member:999", "anyone"):
        with pytest.raises(InputError) as caught:
            save_answers(engine, workspace.id, "step0", "redo", respondent, DAY, {"behov": Answer(value_int=3)})
        assert caught.value.key == "unknown_respondent"
    assert _count(engine) == 0


def test_too_long_text_is_rejected(setup):
    engine, workspace, _member = setup
    with pytest.raises(InputError, match="för långt"):
        save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="x" * 5000)})


def test_text_is_stored_as_typed(setup):
    engine, workspace, _member = setup
    typed = "<script>alert(1)</script> **fet** & 'citat'"
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text=typed)})
    assert load_responses(engine, workspace.id, "step0", "staden")["text"].tolist() == [typed]


def test_clearing_an_answer_removes_it(setup):
    engine, workspace, _member = setup
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="något")})
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="  ")})
    assert _count(engine) == 0


def _at_most_one_top_score(section, answers):
    """A plugin-like check of the answers together (a ranking: each place once)."""
    top = [key for key, answer in answers.items() if answer.value_int == 4]
    return ["Högst ett behov kan vara störst."] if len(top) > 1 else []


@pytest.fixture
def checked(monkeypatch):
    """The section step0/redo with an exercise that checks its answers together."""

    from sff_core import registry
    from sff_core.content import get_content
    from sff_core.exercises.spec import Exercise

    section = get_content().section("step0", "redo")
    legacy = registry.type_of(section)
    name = section.handler or section.shape
    plugin = Exercise(
        name,
        legacy.answered_as,
        legacy.build_results,
        live=legacy.live,
        lists_prompts=legacy.lists_prompts,
        validate=_at_most_one_top_score,
    )
    monkeypatch.setitem(registry._types(), name, plugin)
    return section


def test_the_exercise_checks_the_answers_together_on_the_laptop(setup, checked):
    engine, workspace, member = setup
    first, second = (p.key for p in checked.prompts[:2])
    with pytest.raises(InputError, match="Högst ett behov kan vara störst. Inget sparades"):
        save_answers(
            engine, workspace.id, "step0", "redo", member.respondent, DAY, {first: Answer(value_int=4), second: Answer(value_int=4)}
        )
    assert _count(engine) == 0
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {first: Answer(value_int=4), second: Answer(value_int=2)})
    assert _count(engine) == 2


def test_the_exercise_checks_the_answers_together_from_a_phone(setup, checked):
    from sff_core.live import join, open_activity, submit

    engine, workspace, member = setup
    first, second = (p.key for p in checked.prompts[:2])
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "member")
    phone = join(engine, activity.code, member_id=member.id)
    with pytest.raises(InputError, match="Högst ett behov"):
        submit(engine, activity.code, phone.token, {first: Answer(value_int=4), second: Answer(value_int=4)})
    assert _count(engine) == 0
