"""sff_core/exercises/notes_page.py: the handbook's Anteckningar page keeps every work session's notes."""

from __future__ import annotations

from datetime import date

from sff_core.content import get_content
from sff_core.exercises.notes_page import EXERCISE, notes_page_results
from sff_core.outputs.results import ResultsQuery, TextsBlock, build_results
from sff_core.registry import type_of
from sff_core.responses import GROUP, Answer, save_answers

STEPS = ("step5", "step7")  # after the reflections that end Utrusta and Utföra


def _query(engine, workspace, step_key: str, session_date: date | None = None, show_names: bool = True) -> ResultsQuery:
    content = get_content()
    return ResultsQuery(
        engine, workspace.id, content.step(step_key), content.require_section(step_key, "anteckningar"), session_date, show_names=show_names
    )


def _note(engine, workspace, step_key: str, day: date, note: str) -> None:
    save_answers(engine, workspace.id, step_key, "anteckningar", GROUP, day, {"anteckning": Answer(text=note)})


def test_the_page_follows_the_reflections_of_steps_5_and_7_and_is_this_plugin():
    for step_key in STEPS:
        keys = [s.key for s in get_content().step(step_key).sections]
        assert keys.index("anteckningar") == keys.index("reflektion") + 1
        assert type_of(get_content().require_section(step_key, "anteckningar")) is EXERCISE
    assert EXERCISE.can_run_live(get_content().require_section("step5", "anteckningar"))  # phones can add notes


def test_every_work_sessions_notes_newest_first_whichever_session_is_chosen(engine, workspace):
    _note(engine, workspace, "step5", date(2026, 3, 2), "Boka lokal till eventet")
    _note(engine, workspace, "step5", date(2026, 5, 11), "Polisen vill presentera")
    for chosen in (None, date(2026, 3, 2)):
        results = build_results(_query(engine, workspace, "step5", chosen))
        [block] = results.blocks
        assert isinstance(block, TextsBlock)
        assert [day for day, _ in block.groups] == ["2026-05-11", "2026-03-02"]
        assert [text for _, notes in block.groups for _, text in notes] == ["Polisen vill presentera", "Boka lokal till eventet"]
    assert notes_page_results(_query(engine, workspace, "step7")).blocks == ()  # each phase has its own page


def test_an_empty_page_says_so(engine, workspace):
    results = notes_page_results(_query(engine, workspace, "step7"))
    assert results.empty and results.empty_message == "Inga svar ännu."
