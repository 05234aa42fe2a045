"""Step 5 'Utforska motivation och kommunikation': the rounds as post-its per sector, on both databases.

Each note stands under a sector (the note's topic); unknown or missing sectors are refused; the results
group the notes per sector, then per question with its round; the sectors are offered from step 2 and
step 3 first; the plan form's material is the sector's own notes.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect

from sff_core import coordination, indicators, live
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.notes import Exercise, add_note, board, merge_notes, new_submission_key
from sff_core.outputs.results import CardsBlock, ResultsQuery, build_results
from sff_core.responses import GROUP
from sff_core.stakeholders import add_actor

DAY = date(2026, 11, 3)
STEP, SECTION = "step5", "motivation_kommunikation"


@pytest.fixture
def rounds(workspace):
    return Exercise(workspace.id, STEP, SECTION, DAY)


def _add(engine, exercise, text, sector, prompt="huvudmal", respondent=GROUP, key=None):
    return add_note(engine, exercise, prompt, respondent, text, key or new_submission_key(), topic=sector)


def _results(engine, workspace, projector=False):
    step = get_content().step(STEP)
    return build_results(ResultsQuery(engine, workspace.id, step, step.section(SECTION), DAY, projector=projector))


def test_the_section_is_post_its_per_sector_in_two_rounds():
    section = get_content().require_section(STEP, SECTION)
    assert section.shape == "postits" and section.topics == "sectors"
    assert {p.group for p in section.prompts} == {"omgang_1", "omgang_2"}  # the plan (round 3) is no board
    assert len(section.prompts) == 8 and section.prompt("kommunikationsplan") is None


def test_the_column_exists_after_the_migrations(engine):
    assert "topic" in {c["name"] for c in inspect(engine).get_columns("note")}


def test_three_phones_answer_for_two_sectors_and_the_results_group_them(engine, workspace, rounds):
    activity = live.open_activity(engine, workspace.id, STEP, SECTION, DAY, "anonymous")
    phones = [live.join(engine, activity.code) for _ in range(3)]
    _add(engine, rounds, "Nöjda gäster", "hotell", respondent=phones[0].respondent)
    _add(engine, rounds, "Trygga hem", "bostadsbolag", respondent=phones[1].respondent)
    _add(engine, rounds, "Använd: trygghet", "hotell", prompt="nyckelord", respondent=phones[2].respondent)
    _add(engine, rounds, "Undvik: razzia", "bostadsbolag", prompt="nyckelord", respondent=phones[2].respondent)
    assert live.live_count(engine, activity).answered == 3
    assert {(n.topic, n.prompt_key) for n in board(engine, rounds)} == {
        ("hotell", "huvudmal"),
        ("bostadsbolag", "huvudmal"),
        ("hotell", "nyckelord"),
        ("bostadsbolag", "nyckelord"),
    }
    cards = [b for b in _results(engine, workspace).blocks if isinstance(b, CardsBlock)]
    assert [b.topic for b in cards] == ["Bostadsbolag/hyresvärd", "Hotell"]  # in the order the sectors are offered
    hotel = cards[1]
    assert [[c.text for c in group] for _, group in hotel.groups] == [["Nöjda gäster"], ["Använd: trygghet"]]
    assert hotel.rounds[0].startswith("1.") and hotel.rounds[1].startswith("2.")  # round 2 written "in another colour"


def test_bad_notes_are_refused_with_a_swedish_message(engine, workspace, rounds):
    with pytest.raises(InputError) as caught:
        _add(engine, rounds, "Nöjda gäster", "ingen_bransch")
    assert caught.value.key == "unknown_topic" and "Det finns ingen bransch som heter" in str(caught.value)
    assert "There is no sector" in caught.value.message("en")
    with pytest.raises(InputError) as caught:
        _add(engine, rounds, "Nöjda gäster", None)
    assert caught.value.key == "topic_required" and str(caught.value).startswith("Välj bransch först")
    with pytest.raises(InputError) as caught:
        _add(engine, rounds, "   ", "hotell")
    assert caught.value.key == "required"
    with pytest.raises(InputError) as caught:
        _add(engine, rounds, "x" * 301, "hotell")
    assert caught.value.key == "too_long"
    with pytest.raises(InputError) as caught:  # a section without topics takes none
        add_note(engine, Exercise(workspace.id, "step1", "modig_miljo", DAY), "fraga_1", GROUP, "Fika", new_submission_key(), "hotell")
    assert caught.value.key == "topic_not_taken"
    assert board(engine, rounds) == []


def test_the_same_tap_twice_adds_one_note(engine, rounds):
    key = new_submission_key()
    first = _add(engine, rounds, "Nöjda gäster", "hotell", key=key)
    second = _add(engine, rounds, "Nöjda gäster", "hotell", key=key)
    assert first.id == second.id and first.topic == "hotell" and len(board(engine, rounds)) == 1


def test_merging_stays_within_one_sector(engine, workspace, rounds):
    hotel = _add(engine, rounds, "Lönsamhet", "hotell")
    again = _add(engine, rounds, "Lönsamhet", "hotell")
    housing = _add(engine, rounds, "Lönsamhet", "bostadsbolag")
    with pytest.raises(InputError) as caught:
        merge_notes(engine, workspace.id, hotel.id, [housing.id])
    assert caught.value.key == "merge_across_boards"
    merge_notes(engine, workspace.id, hotel.id, [again.id])
    assert sorted((n.topic, n.weight) for n in board(engine, rounds)) == [("bostadsbolag", 1), ("hotell", 2)]


def test_sectors_from_step_2_and_step_3_come_first(engine, workspace):
    vocabulary = get_content().vocab_keys("sectors")
    assert coordination.sector_options(engine, workspace.id) == vocabulary  # nothing mapped yet: the list as it is
    answers = {"generella_kontrollerade": 3}
    indicators.save_survey(engine, workspace.id, "Taxi Exempel", "taxi", date(2026, 10, 1), "traff", answers, today=date(2026, 10, 2))
    indicators.create_link(engine, workspace.id, "Hotellen", sector="hotell")
    add_actor(engine, workspace.id, "Bostadsbolaget", "bostadsbolag")
    add_actor(engine, workspace.id, "Taxibolaget", "taxi")
    options = coordination.sector_options(engine, workspace.id)
    assert options[:3] == ["taxi", "hotell", "bostadsbolag"]
    assert sorted(options) == sorted(vocabulary)  # every sector once


def test_the_plan_is_written_from_the_sectors_own_notes(engine, workspace, rounds):
    assert coordination.sector_answers(engine, workspace.id, "hotell") == (None, [])
    _add(engine, rounds, "Använd: trygghet", "hotell", prompt="nyckelord")
    _add(engine, rounds, "Nöjda gäster", "hotell")
    _add(engine, rounds, "Trygga hem", "bostadsbolag")
    shown, boards = coordination.sector_answers(engine, workspace.id, "hotell", date(2026, 12, 1))
    assert shown == DAY  # the chosen session has none: the latest that has
    assert [(prompt.key, [n.text for n in notes]) for prompt, notes in boards] == [
        ("huvudmal", ["Nöjda gäster"]),
        ("nyckelord", ["Använd: trygghet"]),
    ]
    coordination.save_plan_row(engine, workspace.id, "hotell", {"words_to_use": "trygghet"})
    results = _results(engine, workspace)
    assert any(getattr(b, "filename", None) == "kommunikationsplan" for b in results.blocks)
