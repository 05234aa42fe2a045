from sqlalchemy import Date, func, select

from sff_core import events, knowledge, mapping, plan, prerequisites
from sff_core.candidates import list_candidates
from sff_core.demo import (
    DEMO_EVENT_DATE,
    DEMO_PERIOD,
    DEMO_PLAN_AGREED,
    DEMO_ROUTINE_AGREED,
    DEMO_STARTUP_DATE,
    DEMO_STEP7_DAY,
    DEMO_TODAY,
    DEMO_WORKSHOPS,
    FIRST_SESSION,
    SECOND_SESSION,
    seed_demo,
)
from sff_core.members import core_group_coverage, list_members
from sff_core.progress import step_statuses
from sff_core.readiness import CONTINUE, NOT_READY, readiness_summary
from sff_core.responses import load_responses
from sff_core.store.models import Base
from sff_core.workspaces import unlock_workspace


def test_demo_workspace_tells_its_story(engine):
    workspace = seed_demo(engine)
    assert workspace is not None and workspace.is_demo
    assert unlock_workspace(engine, workspace.id, "exempelstad").city == "Exempelstad"
    members = list_members(engine, workspace.id)
    assert len(members) == 6 and all("Exempel" in m.name for m in members)
    first = readiness_summary(engine, workspace.id, FIRST_SESSION)
    second = readiness_summary(engine, workspace.id, SECOND_SESSION)
    assert first.verdict == NOT_READY and first.total <= 20
    assert second.verdict == CONTINUE and second.uses_consensus and second.total > 20
    assert "resurser" in first.weakest
    assert len(load_responses(engine, workspace.id, "step0", "engagemang")) == 6 * 7
    assert len(list_candidates(engine, workspace.id)) == 3
    coverage = core_group_coverage(members)
    assert 0 < coverage.ok_count < len(coverage.checks)
    statuses = step_statuses(engine, workspace.id, [f"step{n}" for n in range(8)])
    assert statuses == {**{f"step{n}": "done" for n in range(7)}, "step7": "in_progress"}  # plan and routine agreed


def test_the_demo_meets_step_6s_prerequisites(engine):
    """The demo's plan and routine are agreed, so the prerequisites for steps 6–7 hold in its data too."""
    workspace = seed_demo(engine)
    assert workspace is not None
    checked = prerequisites.check(engine, workspace.id, "sv", DEMO_TODAY)
    assert checked.all_met, [m.text for item in checked.unmet for m in item.missing]


def test_seeding_twice_changes_nothing(engine):
    assert seed_demo(engine) is not None
    assert seed_demo(engine) is None


def test_the_demo_story_lies_in_the_past_and_in_order(engine):
    """Every date of the demo is on or before DEMO_TODAY (only the period runs on), and the steps follow each other."""
    workspace = seed_demo(engine)
    assert workspace is not None and (workspace.period_start, workspace.period_end) == DEMO_PERIOD
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in (c for c in table.columns if isinstance(c.type, Date)):
                if (table.name, column.name) == ("workspace", "period_end"):
                    continue
                latest = connection.scalar(select(func.max(column)))
                assert latest is None or latest <= DEMO_TODAY, f"{table.name}.{column.name}: {latest}"
    assert FIRST_SESSION < SECOND_SESSION < DEMO_EVENT_DATE < DEMO_STARTUP_DATE < DEMO_WORKSHOPS[0]
    assert DEMO_WORKSHOPS[-1] < DEMO_PLAN_AGREED < DEMO_STEP7_DAY < DEMO_ROUTINE_AGREED <= DEMO_TODAY
    agreed = plan.get_plan(engine, workspace.id)
    assert (agreed.status, agreed.agreed_on, agreed.first_year) == ("agreed", DEMO_PLAN_AGREED, DEMO_PLAN_AGREED.year)
    entered = {year for goal in plan.list_goals(engine, workspace.id) for year, value in goal.actuals.items() if value is not None}
    assert entered == {1}  # by hand only for year 1: the years after it have not come
    activities = plan.list_activities(engine, workspace.id)
    assert {a.status for a in activities if a.year > 1} == {"planned"}
    assert {a.status for a in activities if a.year == 1} <= {"done", "ongoing", "cancelled"}
    scorecard = plan.scorecard(engine, workspace.id)
    linked = scorecard[scorecard["source"] != ""]
    assert linked[linked["year"] == 1]["actual"].notna().all() and linked[linked["year"] > 1]["actual"].isna().all()
    assert {t.status for t in mapping.list_tasks(engine, workspace.id)} == {"done"}  # the mapping is long finished
    assert events.checklist(engine, workspace.id, events.list_events(engine, workspace.id)[0].id)[-1].status == "done"
    bank = knowledge.list_items(engine, workspace.id)
    assert 0 < sum(item.needs_review(DEMO_TODAY) for item in bank) < len(bank)
