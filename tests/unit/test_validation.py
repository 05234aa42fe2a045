"""Every free-text field refuses personal numbers and unsafe characters at the service layer; dates
stay inside what a process can have; messages speak Swedish and name the field in Swedish."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from sff_core import ads, candidates, icebreaker, indicators, live, mapping, members, mindmap, stakeholders, statistics
from sff_core.errors import InputError
from sff_core.notes import Exercise, add_note, new_submission_key
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.store.db import session_scope
from sff_core.store.models import Base
from sff_core.validation import check_period_dates, optional_text, required_text
from sff_core.workspaces import create_workspace, set_small_count_threshold

PERSONNUMMER, PHONE = "850101-1236", "070–123 45 67"


def _row_counts(engine):
    with session_scope(engine) as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def _free_text_writers(engine, ws, bad: str):
    """One call per service that takes free text, each with `bad` in a free-text field."""
    activity = live.open_activity(engine, ws.id, "step0", "staden", date(2026, 3, 1))
    phone = live.join(engine, activity.code)
    actor = stakeholders.add_actor(engine, ws.id, "Hotell Centrum", "naringsliv")
    return {
        "member name": lambda: members.add_member(engine, ws.id, f"Anna {bad}", "Soc", "socialtjanst"),
        "member role": lambda: members.add_member(engine, ws.id, "Anna", "Soc", "socialtjanst", role=bad),
        "candidate note": lambda: candidates.save_candidate(engine, ws.id, "Bo", "Polisen", "polis", None, [], note=bad),
        "text answer": lambda: save_answers(
            engine, ws.id, "step0", "staden", GROUP, date(2026, 3, 1), {"mojligheter": Answer(text=f"Ring {bad}")}
        ),
        "post-it": lambda: add_note(
            engine, Exercise(ws.id, "step1", "modig_miljo", date(2026, 3, 1)), "fraga_1", GROUP, f"lapp {bad}", new_submission_key()
        ),
        "group notes": lambda: save_answers(engine, ws.id, "step0", "staden", GROUP, date(2026, 3, 1), {"_notes": Answer(text=bad)}),
        "live phone answer": lambda: live.submit(engine, activity.code, phone.token, {"mojligheter": Answer(text=bad)}),
        "live participant name": lambda: live.join(engine, activity.code, display_name=f"Sara {bad}"),
        "actor name": lambda: stakeholders.add_actor(engine, ws.id, f"Hotell {bad}", "naringsliv"),
        "level notes": lambda: stakeholders.set_levels(engine, ws.id, actor.id, 1, 2, bad),
        "assessment comment": lambda: stakeholders.add_assessment(engine, ws.id, actor.id, date(2026, 3, 1), 3, 3, comment=bad),
        "mind map label": lambda: mindmap.add_node(engine, ws.id, "group", f"Kvinnor {bad}"),
        "task title": lambda: mapping.add_task(engine, ws.id, f"Ring {bad}"),
        "task owner": lambda: mapping.add_task(engine, ws.id, "Ring hotellen", owner=bad),
        "mapping plan notes": lambda: mapping.save_mapping_plan(engine, ws.id, [], None, None, bad),
        "ice-breaker question": lambda: icebreaker.add_question(engine, ws.id, f"Vem har {bad}?"),
        "survey organisation": lambda: indicators.save_survey(engine, ws.id, f"Hotell {bad}", "naringsliv", date(2026, 3, 1), "traff", {}),
        "ad site": lambda: ads.record_observation(
            engine, ws.id, ads.Observation(date(2026, 3, 1), f"site {bad}", 1, {}, {}), today=date(2026, 3, 2)
        ),
        "incident note": lambda: statistics.record_incident(
            engine, ws.id, statistics.IncidentInput(date(2026, 3, 1), "sexual", "polis", note=bad), today=date(2026, 3, 2)
        ),
    }


@pytest.mark.parametrize("bad", [PERSONNUMMER, PHONE])
def test_every_free_text_field_refuses_personal_numbers_and_writes_nothing(engine, workspace, bad):
    writers = _free_text_writers(engine, workspace, bad)
    for name, write in writers.items():
        before = _row_counts(engine)
        with pytest.raises(InputError) as caught:
            write()
        assert caught.value.key == "personal_data", name
        assert "verkar innehålla ett" in str(caught.value) and "Fältet" in str(caught.value), name
        assert _row_counts(engine) == before, name


@pytest.mark.parametrize(
    "value, key",
    [
        ("\u200b\u200b", "required"),  # only zero-width spaces
        ("\u202eanna", "bidi_control"),  # right-to-left override
        ("Anna\x00", "control_character"),  # NUL: PostgreSQL cannot store it
        ("An\x07na", "control_character"),
        ("\u2066Anna\u2069", "bidi_control"),
    ],
)
def test_names_with_invisible_or_control_characters_are_refused(value, key):
    with pytest.raises(InputError) as caught:
        required_text(value, "name")
    assert caught.value.key == key and 'Fältet "Namn"' in str(caught.value)


def test_text_may_have_line_breaks_and_tabs_but_not_nul():
    assert optional_text("rad 1\n\trad 2", "note") == "rad 1\n\trad 2"
    with pytest.raises(InputError):
        optional_text("rad\x00", "note")
    with pytest.raises(InputError) as caught:
        optional_text("\u200b \u2060", "note")
    assert caught.value.key == "invisible_only"


@pytest.mark.parametrize("city", ["Ystаd", "YSTAD", "Y s t a d", "Υstad"])  # Cyrillic а, case, spaces, Greek Υ
def test_a_workspace_name_that_looks_like_an_existing_one_is_refused(engine, workspace, city):
    with pytest.raises(InputError) as caught:
        create_workspace(engine, city, city, date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    assert caught.value.key in ("workspace_lookalike", "mixed_scripts", "workspace_exists")
    assert city in str(caught.value)


def test_mixed_alphabets_are_refused_even_without_a_twin(engine):
    with pytest.raises(InputError) as caught:
        create_workspace(engine, "Маlmö", "Malmö", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")  # Cyrillic М
    assert caught.value.key == "mixed_scripts"


@pytest.mark.parametrize(
    "start, end",
    [
        (date(1, 1, 1), date(2027, 1, 1)),
        (date(1900, 1, 1), date(1901, 6, 1)),
        (date(2026, 1, 1), date(9999, 12, 31)),
        (date(9998, 1, 1), date(9999, 1, 1)),
    ],
)
def test_implausible_workspace_periods_are_refused(start, end):
    with pytest.raises(InputError) as caught:
        check_period_dates(start, end, today=date(2026, 11, 29))
    assert caught.value.key == "date_window" and "Kontrollera året" in str(caught.value)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1900, 6, 1), date(9999, 12, 31)])
def test_dates_outside_the_process_window_are_refused(engine, workspace, day):
    actor = stakeholders.add_actor(engine, workspace.id, "Hotell", "naringsliv")
    calls = [
        lambda: save_answers(engine, workspace.id, "step0", "staden", GROUP, day, {"mojligheter": Answer(text="x")}),
        lambda: mapping.add_task(engine, workspace.id, "Ring", deadline=day),
        lambda: live.open_activity(engine, workspace.id, "step0", "staden", day),
    ]
    if day <= date.today():
        calls += [
            lambda: stakeholders.add_assessment(engine, workspace.id, actor.id, day, 3, 3),
            lambda: indicators.save_survey(engine, workspace.id, "Hotell", "naringsliv", day, "traff", {}),
            lambda: ads.record_observation(engine, workspace.id, ads.Observation(day, "site", 1, {}, {})),
        ]
    for call in calls:
        before = _row_counts(engine)
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.key == "date_window"
        assert _row_counts(engine) == before


def test_the_threshold_message_does_not_speak_of_scores(engine, workspace):
    with pytest.raises(InputError) as caught:
        set_small_count_threshold(engine, workspace.id, 99)
    assert "Poängen" not in str(caught.value) and 'Fältet "Gräns för små tal"' in str(caught.value)


@pytest.mark.parametrize(
    "field",
    ["site", "reason", "title", "ads_count", "incidents", "question", "contact_method", "threshold", "current_level", "session_date"],
)
def test_field_names_in_messages_are_swedish(field):
    error = InputError("required", field=field, field_label=field)
    assert f'"{field}"' not in str(error)
