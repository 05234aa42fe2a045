"""Step 6 collaboration plan: targets and actuals (statistics series, missing years), trend, the year grid,
SWOT → delmål links both ways, the Helsingborg draft, two browsers, bad input, marketing, the documents."""

import io
from datetime import date

import pandas as pd
import pytest
from docx import Document
from pypdf import PdfReader

from sff_core import notes, plan, statistics
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.members import add_member
from sff_core.outputs.plan_results import plan_report, scorecard_counts, scorecard_table
from sff_core.outputs.report_render import render
from sff_core.outputs.sharing import SharingLevel, shared_results_table
from sff_core.responses import GROUP
from sff_core.stakeholders import add_actor
from sff_core.store.concurrency import EditConflict
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 28)


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 6, 30), "hemlig fras")


def _plan(engine, workspace, first_year=2024, years=3):
    return plan.save_plan(
        engine, workspace.id, {"vision": "En trygg stad.", "points": ["Stöd", "Lagföring"], "first_year": first_year, "years": years}
    )


def _swot_note(engine, workspace_id, text, marked=True):
    section = notes.postit_section(plan.STEP, plan.SWOT_SECTION)
    topics = notes.topic_keys(section)
    exercise = notes.Exercise(workspace_id, plan.STEP, plan.SWOT_SECTION, date(2026, 11, 2))
    note = notes.add_note(
        engine, exercise, section.prompts[0].key, GROUP, text, notes.new_submission_key(), topic=topics[0] if topics else None
    )
    if marked:
        notes.set_marked(engine, workspace_id, [note.id], True)
    return note


def test_targets_actuals_share_and_trend_with_a_linked_series_and_missing_years(engine, workspace):
    _plan(engine, workspace)  # 2024, 2025, 2026
    statistics.set_year(engine, workspace.id, 2024, {"incidents": 10}, today=TODAY)
    statistics.set_year(engine, workspace.id, 2025, {"incidents": 8}, today=TODAY)  # 2026: no statistics yet
    linked = plan.save_goal(
        engine,
        workspace.id,
        None,
        {"text": "Statistikinsamling", "unit": "incidenter", "series": "incidents", "target_1": "5", "target_2": 10},
    )
    manual = plan.save_goal(engine, workspace.id, None, {"text": "Lagföring", "target_1": 5, "target_2": 7, "target_3": "10"})
    plan.save_goal(engine, workspace.id, manual.id, {"actual_1": "5", "actual_3": "12,5"})
    frame = plan.scorecard(engine, workspace.id)
    first = frame[frame["goal_id"] == linked.id].set_index("year")
    assert list(first["calendar_year"]) == [2024, 2025, 2026]
    assert first.loc[1, "actual"] == 10 and first.loc[1, "share"] == 200.0
    assert first.loc[2, "actual"] == 8 and first.loc[2, "share"] == 80.0 and first.loc[2, "trend"] == "down"
    assert pd.isna(first.loc[3, "actual"]) and pd.isna(first.loc[3, "target"]) and first.loc[3, "trend"] is None  # missing, not 0
    second = frame[frame["goal_id"] == manual.id].set_index("year")
    assert second.loc[1, "share"] == 100.0 and pd.isna(second.loc[2, "actual"]) and second.loc[3, "actual"] == 12.5
    assert second.loc[3, "trend"] is None  # the year before is missing: no trend
    table = scorecard_table(frame, "sv")
    assert list(table["Andel av målet"])[:2] == ["200 %", "80 %"] and list(table["Trend"])[:2] == ["–", "↓"]
    assert list(table["Utfall"]) == [10, 8, None, 5, None, 12.5] and table["Mål"].iloc[2] is None
    shared = shared_results_table(table, "plan-scorecard", SharingLevel(True, 9), "sv", scorecard_counts("sv"))
    assert list(shared["Utfall"])[:3] == [10, "<9", None] and list(shared["Mål"]) == list(table["Mål"])  # small counts only
    assert list(shared["Andel av målet"])[:2] == ["200 %", "–"] and list(shared["Trend"])[:2] == ["–", "–"]  # 80 % × 10 = 8
    assert list(shared["Andel av målet"])[3] == "–" and list(shared["Trend"])[4] == table["Trend"].iloc[4]  # 5 of 5 hidden too
    chart = shared_results_table(table, "plan-chart", SharingLevel(True, 9), "sv", scorecard_counts("sv"))
    assert list(chart["Andel av målet"])[1] == "–"
    inside = shared_results_table(table, "plan-scorecard", SharingLevel(False, 9), "sv", scorecard_counts("sv"))
    assert list(inside["Andel av målet"])[:2] == ["200 %", "80 %"]


def test_pure_trend_share_and_compact_scorecard():
    assert [plan.trend(1, 2), plan.trend(2, 1), plan.trend(2, 2), plan.trend(None, 2)] == ["up", "down", "flat", None]
    assert plan.share_of_target(3, 4) == 75.0 and plan.share_of_target(3, 0) is None and plan.share_of_target(None, 4) is None
    info = plan.PlanInfo("", (), 2025, 3)
    goal = plan.GoalInfo(1, 1, "Lagföring", "", None, {1: 4.0, 2: 6.0, 3: 8.0}, {})
    frame = plan.scorecard_frame(info, [goal], {1: {1: 3.0, 2: 5.0, 3: None}})
    compact = plan.current_year_scorecard(frame, today=date(2026, 6, 1))
    assert list(compact["calendar_year"]) == [2026] and compact["actual"].iloc[0] == 5.0
    early = plan.current_year_scorecard(frame, today=date(2020, 1, 1))
    assert list(early["calendar_year"]) == [2025]  # before the plan starts: its first target


def test_year_grid_shape_and_activities_with_responsible_and_status(engine, workspace):
    _plan(engine, workspace)
    add_actor(engine, workspace.id, "Polisen", "polis")
    add_member(engine, workspace.id, "Anna", "Socialtjänsten", "socialtjanst", "Chef")
    first = plan.save_goal(engine, workspace.id, None, {"text": "Lagföring"})
    second = plan.save_goal(engine, workspace.id, None, {"text": "Medvetenhet"})
    assert plan.responsible_options(engine, workspace.id) == ["Polisen", "Socialtjänsten"]
    plan.save_activity(engine, workspace.id, None, {"goal_id": first.id, "year": 1, "text": "Insatsvecka", "responsible": "Polisen"})
    done = plan.save_activity(
        engine, workspace.id, None, {"goal_id": first.id, "year": 3, "text": "Utvärdera", "responsible": "Socialtjänsten", "status": "done"}
    )
    plan.save_activity(engine, workspace.id, None, {"goal_id": second.id, "year": 2, "text": "Debattartikel"})
    info = plan.get_plan(engine, workspace.id)
    grid = plan.year_grid(
        info,
        plan.list_goals(engine, workspace.id),
        plan.list_activities(engine, workspace.id),
        {"planned": "planerad", "done": "klar"},
        "ansvarig saknas",
    )
    assert grid.shape == (2, 4) and list(grid.columns) == ["goal", 1, 2, 3]
    assert grid.loc[0, 1] == "• Insatsvecka – Polisen (planerad)" and grid.loc[0, 3] == "• Utvärdera – Socialtjänsten (klar)"
    assert grid.loc[1, 2] == "• Debattartikel – ansvarig saknas (planerad)" and grid.loc[0, 2] == ""
    assert done.status == "done"


def test_swot_chain_is_visible_both_ways(engine, workspace):
    _plan(engine, workspace)
    goal = plan.save_goal(engine, workspace.id, None, {"text": "Statistik"})
    other = plan.save_goal(engine, workspace.id, None, {"text": "Nätverk"})
    strength = _swot_note(engine, workspace.id, "Korta avstånd mellan förvaltningar")
    unmarked = _swot_note(engine, workspace.id, "Hög omsättning", marked=False)
    assert [c.note_id for c in plan.swot_candidates(engine, workspace.id)] == [strength.id]
    plan.link_swot(engine, workspace.id, strength.id, goal.id)
    plan.link_swot(engine, workspace.id, strength.id, goal.id)  # twice: one link
    plan.link_swot(engine, workspace.id, strength.id, other.id)
    assert [s.text for s in plan.swot_for_goals(engine, workspace.id)[goal.id]] == ["Korta avstånd mellan förvaltningar"]
    assert [g.text for g in plan.goals_for_note(engine, workspace.id, strength.id)] == ["Statistik", "Nätverk"]
    with pytest.raises(InputError, match="Markera SWOT-punkten"):
        plan.link_swot(engine, workspace.id, unmarked.id, goal.id)
    plan.unlink_swot(engine, workspace.id, strength.id, other.id)
    assert [g.number for g in plan.goals_for_note(engine, workspace.id, strength.id)] == [1]
    plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 1, "text": "Ta fram statistikmall"})
    assert [a.text for a in plan.list_activities(engine, workspace.id) if a.goal_id == goal.id] == ["Ta fram statistikmall"]
    plan.remove_goal(engine, workspace.id, goal.id)  # the chain follows the delmål away
    assert plan.goals_for_note(engine, workspace.id, strength.id) == [] and plan.list_activities(engine, workspace.id) == []


def test_helsingborg_draft_loads_fully_and_only_into_an_empty_plan(engine, workspace):
    example = get_content().require_section(plan.STEP, plan.PLAN_SECTION).plan_example
    assert example is not None and all(g.series in (None, *statistics.SERIES) for g in example.goals)
    count = plan.load_example(engine, workspace.id, "sv", first_year=2028)
    goals = plan.list_goals(engine, workspace.id)
    activities = plan.list_activities(engine, workspace.id)
    assert count == len(activities) == sum(len(g.activities) for g in example.goals) == 37
    assert len(goals) == 5 and goals[0].text == "Ökad lagföring av sexköpare" and goals[0].unit == "lagförda sexköpare"
    assert goals[0].targets == {1: 5.0, 2: 7.0, 3: 10.0} and goals[3].targets == {1: 3.0, 2: 5.0, 3: 7.0} and goals[1].targets == {}
    by_cell = {(a.goal_id, a.year): [] for a in activities}
    for a in activities:
        by_cell[(a.goal_id, a.year)].append(a.text)
    assert by_cell[(goals[0].id, 1)][2] == 'Polisen: uppdatering av flödesschema "köp av sexuella tjänster"'
    assert by_cell[(goals[2].id, 3)] == [
        "Sprid statistikmallen",
        "Följ upp och sammanställ insamlad information",
        "Utvärdera och uppdatera statistikmallen",
    ]
    assert by_cell[(goals[4].id, 2)] == ["Samla deltagare till regelbundna nätverksträffar (6 per år)"]
    info = plan.get_plan(engine, workspace.id)
    assert info.first_year == 2028 and info.status == "draft" and info.points[0] == "Bekämpa efterfrågan på sexuella tjänster."
    with pytest.raises(InputError, match="tom plan"):
        plan.load_example(engine, workspace.id)
    assert len(plan.list_activities(engine, workspace.id)) == 37  # nothing added or overwritten


def test_two_facilitators_editing_the_plan_at_once(engine, workspace):
    info = _plan(engine, workspace)
    loaded = info.fields()
    plan.save_plan(engine, workspace.id, {**loaded, "vision": "Min vision"}, loaded=loaded)
    with pytest.raises(EditConflict) as raised:
        plan.save_plan(engine, workspace.id, {**loaded, "vision": "Din vision"}, loaded=loaded)
    assert raised.value.conflicts[0].theirs == "Min vision"
    merged = plan.save_plan(engine, workspace.id, {**loaded, "years": 4}, loaded=loaded)  # another field: merged
    assert merged.vision == "Min vision" and merged.years == 4
    goal = plan.save_goal(engine, workspace.id, None, {"text": "Lagföring", "target_1": 5})
    form = goal.fields(4)
    plan.save_goal(engine, workspace.id, goal.id, {**form, "target_1": "6"}, loaded=form)
    with pytest.raises(EditConflict) as conflict:
        plan.save_goal(engine, workspace.id, goal.id, {**form, "target_1": "7"}, loaded=form)
    assert (conflict.value.conflicts[0].field, conflict.value.conflicts[0].theirs) == ("target_1", 6.0)
    saved = plan.save_goal(engine, workspace.id, goal.id, {**form, "target_2": "8"}, loaded=form)
    assert saved.targets == {1: 6.0, 2: 8.0}
    activity = plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 1, "text": "Insatsvecka"})
    fields = activity.fields()
    plan.save_activity(engine, workspace.id, activity.id, {**fields, "status": "done"}, loaded=fields)
    with pytest.raises(EditConflict):
        plan.save_activity(engine, workspace.id, activity.id, {**fields, "status": "cancelled"}, loaded=fields)


def test_status_agreed_and_a_changed_target_makes_it_a_draft_again(engine, workspace):
    _plan(engine, workspace)
    goal = plan.save_goal(engine, workspace.id, None, {"text": "Lagföring", "target_1": 5})
    with pytest.raises(InputError, match="datumet"):
        plan.set_plan_status(engine, workspace.id, "agreed")
    agreed = plan.set_plan_status(engine, workspace.id, "agreed", date(2026, 11, 20))
    assert (agreed.status, agreed.agreed_on) == ("agreed", date(2026, 11, 20))
    plan.save_goal(engine, workspace.id, goal.id, {"actual_1": 4})  # follow-up: still agreed
    assert plan.get_plan(engine, workspace.id).status == "agreed"
    plan.save_goal(engine, workspace.id, goal.id, {"target_1": 6})
    assert plan.get_plan(engine, workspace.id).status == "draft"


def test_bad_input_is_refused_in_swedish_and_nothing_is_written(engine, workspace):
    other = create_workspace(engine, "Ösby", "Ösby", date(2026, 1, 1), date(2027, 6, 30), "annan fras")
    _plan(engine, workspace)
    foreign = plan.save_goal(engine, other.id, None, {"text": "Någon annans delmål"})
    goal = plan.save_goal(engine, workspace.id, None, {"text": "Lagföring", "target_1": 5})
    with pytest.raises(InputError, match="måste vara ett tal"):
        plan.save_goal(engine, workspace.id, goal.id, {"target_2": "fem"})
    with pytest.raises(InputError, match="negativt"):
        plan.save_goal(engine, workspace.id, goal.id, {"target_2": "-3"})
    with pytest.raises(InputError, match="utanför planens period"):
        plan.save_goal(engine, workspace.id, goal.id, {"target_4": "5"})
    with pytest.raises(InputError, match="utanför planens period"):
        plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 4, "text": "För sent"})
    with pytest.raises(InputError, match="får inte vara tomt"):
        plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 1, "text": "   "})
    with pytest.raises(InputError, match="Statistikserien"):
        plan.save_goal(engine, workspace.id, goal.id, {"series": "kaffe"})
    with pytest.raises(InputError, match="Delmålet finns inte"):
        plan.save_activity(engine, workspace.id, None, {"goal_id": foreign.id, "year": 1, "text": "Fel stad"})
    with pytest.raises(InputError, match="för långt"):
        plan.save_goal(engine, workspace.id, goal.id, {"text": "x" * 10_000})
    with pytest.raises(InputError, match="för långt"):
        plan.save_plan(engine, workspace.id, {"vision": "x" * 10_000})
    with pytest.raises(InputError, match="varken en aktör"):
        plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 1, "text": "Insats", "responsible": "Kalle Anka"})
    plan.save_activity(engine, workspace.id, None, {"goal_id": goal.id, "year": 3, "text": "Utvärdera"})
    with pytest.raises(InputError, match="kan inte kortas"):
        plan.save_plan(engine, workspace.id, {"years": 2})
    assert plan.list_goals(engine, workspace.id)[0].targets == {1: 5.0}
    assert plan.get_plan(engine, workspace.id).years == 3 and len(plan.list_activities(engine, workspace.id)) == 1


def test_marketing_rows_per_target_group(engine, workspace):
    row = plan.save_marketing(engine, workspace.id, None, {"target_group": "Hotell", "important": "Trygga gäster"})
    with pytest.raises(InputError, match="finns redan"):
        plan.save_marketing(engine, workspace.id, None, {"target_group": "hotell"})
    with pytest.raises(InputError, match="får inte vara tomt"):
        plan.save_marketing(engine, workspace.id, None, {"important": "Utan målgrupp"})
    loaded = row.fields()
    plan.save_marketing(engine, workspace.id, row.id, {**loaded, "tone": "Stödjande"}, loaded=loaded)
    with pytest.raises(EditConflict):
        plan.save_marketing(engine, workspace.id, row.id, {**loaded, "tone": "Saklig"}, loaded=loaded)
    saved = plan.save_marketing(engine, workspace.id, row.id, {**loaded, "helpers": "Kommunikatören"}, loaded=loaded)
    assert (saved.tone, saved.helpers) == ("Stödjande", "Kommunikatören")
    plan.remove_marketing(engine, workspace.id, row.id)
    assert plan.list_marketing(engine, workspace.id) == []


def test_plan_document_contains_every_delmal_activity_and_responsible_actor(engine, workspace):
    add_actor(engine, workspace.id, "Polisen i Ystad", "polis")
    plan.load_example(engine, workspace.id, "sv", first_year=2028)
    goals = plan.list_goals(engine, workspace.id)
    first = plan.list_activities(engine, workspace.id)[0]
    plan.save_activity(engine, workspace.id, first.id, {"responsible": "Polisen i Ystad", "status": "ongoing"})
    plan.save_marketing(engine, workspace.id, None, {"target_group": "Allmänheten", "channels": "Lokaltidningen"})
    report = plan_report(engine, workspace.id, "sv")
    assert (report.paper, report.landscape) == ("A3", True)
    document = Document(io.BytesIO(render(report, "docx")))
    words = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])
    section = document.sections[0]
    assert section.page_width > section.page_height and round(section.page_width.cm) == 42  # A3 landscape
    for goal in goals:
        assert goal.text in words
    for activity in plan.list_activities(engine, workspace.id):
        assert activity.text in words
    assert "Polisen i Ystad" in words and "Lokaltidningen" in words and "År 1 (2028)" in words and "Bekämpa efterfrågan" in words
    pdf = PdfReader(io.BytesIO(render(plan_report(engine, workspace.id, "sv", paper="A4"), "pdf")))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    box = pdf.pages[0].mediabox
    assert box.width > box.height  # landscape
    for needle in ("Ökad lagföring av sexköpare", "Polisen i Ystad", "Etablera ett nätverk", "Allmänheten"):
        assert needle in text
