"""One unit of work per use case: owned rows, audited soft deletes, atomic multi-row actions, who acted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sff_core import candidates, demo, icebreaker, mapping, mindmap, stakeholders
from sff_core.errors import InputError
from sff_core.store import audit
from sff_core.store.db import session_scope
from sff_core.store.models import AuditEvent, Base, Candidate, Member, MindmapNode, OffenceCount
from sff_core.store.uow import unit_of_work, upsert
from sff_core.workspaces import create_workspace, delete_workspace


@pytest.fixture
def two_workspaces(engine):
    first = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    second = create_workspace(engine, "Trelleborg", "Trelleborg", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    return first, second


def _count(engine, model, **where):
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def _actions(engine, workspace_id):
    with session_scope(engine) as session:
        return [(e.action, e.actor) for e in session.scalars(select(AuditEvent).where(AuditEvent.workspace_id == workspace_id))]


def test_a_row_of_another_workspace_is_not_found(engine, two_workspaces):
    first, second = two_workspaces
    task = mapping.add_task(engine, first.id, "Ring hotellen")
    with pytest.raises(InputError) as caught:
        mapping.remove_task(engine, second.id, task.id)
    assert caught.value.key == "unknown_task"
    assert [t.id for t in mapping.list_tasks(engine, first.id)] == [task.id]


def test_soft_deletes_are_audited_and_a_deleted_row_is_gone_for_good(engine, two_workspaces):
    first, _ = two_workspaces
    actor = stakeholders.add_actor(engine, first.id, "Hotell Centrum", "naringsliv")
    icebreaker.add_question(engine, first.id, "Vad fick dig att börja?")
    with audit.acting_as("facilitator:test"):
        stakeholders.remove_actor(engine, first.id, actor.id)
    assert ("actor.remove", "facilitator:test") in _actions(engine, first.id)
    with pytest.raises(InputError):
        stakeholders.remove_actor(engine, first.id, actor.id)  # already removed: not found
    assert ("icebreaker.add", "system") in _actions(engine, first.id)


def test_a_mind_map_branch_is_added_whole_or_not_at_all(engine, two_workspaces):
    first, _ = two_workspaces
    group = mindmap.add_node(engine, first.id, "group", "Papperslösa")
    with pytest.raises(InputError):
        mindmap.add_nodes(engine, first.id, "place", ["Hamnen", "Ring 070-123 45 67"], group)
    assert _count(engine, MindmapNode, workspace_id=first.id) == 1
    assert len(mindmap.add_nodes(engine, first.id, "place", ["Hamnen", "Stationen"], group)) == 2


def test_removing_a_mind_map_node_removes_its_branch_in_one_step(engine, two_workspaces):
    first, _ = two_workspaces
    group = mindmap.add_node(engine, first.id, "group", "Papperslösa")
    place = mindmap.add_node(engine, first.id, "place", "Hamnen", group)
    mindmap.add_node(engine, first.id, "actor", "Hamnpolisen", place)
    mindmap.remove_node(engine, first.id, group)
    assert mindmap.load_nodes(engine, first.id).empty


def test_promoting_a_candidate_is_one_atomic_step_and_happens_once(engine, two_workspaces):
    first, second = two_workspaces
    candidate = candidates.save_candidate(engine, first.id, "Bo Berg", "Polisen", "polis", None, [], "yes")
    with pytest.raises(InputError):
        candidates.promote_candidate(engine, second.id, candidate.id)  # another workspace's candidate
    member = candidates.promote_candidate(engine, first.id, candidate.id)
    assert member.name == "Bo Berg"
    with pytest.raises(InputError) as caught:
        candidates.promote_candidate(engine, first.id, candidate.id)
    assert caught.value.key == "already_member"
    assert _count(engine, Member, workspace_id=first.id) == 1 and _count(engine, Candidate, workspace_id=first.id) == 1
    assert "candidate.promote" in [a for a, _ in _actions(engine, first.id)]


def test_a_failed_demo_seed_leaves_nothing_behind(engine, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the statistics could not be seeded")

    monkeypatch.setattr(demo, "seed_statistics", broken)
    with pytest.raises(RuntimeError):
        demo.seed_demo(engine)
    with session_scope(engine) as session:
        left = {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    assert {name: n for name, n in left.items() if n and name != "audit_event"} == {}


def test_deleting_a_workspace_takes_every_row_with_it(engine):
    workspace = demo.seed_demo(engine)
    delete_workspace(engine, workspace.id)
    with session_scope(engine) as session:
        left = {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    assert {name: n for name, n in left.items() if n} == {}


def test_the_demo_is_recorded_as_seeded_by_the_demo(engine):
    workspace = demo.seed_demo(engine)
    actors = {actor for _, actor in _actions(engine, workspace.id)}
    assert actors == {"demo"}


def _offence(workspace_id: int, count: int, source: str = "manual") -> dict[str, object]:
    return {"workspace_id": workspace_id, "year": 2024, "category": "koppleri", "count": count, "source": source}


def test_upsert_inserts_then_updates_only_the_named_columns(engine, two_workspaces):
    first, _ = two_workspaces
    keys = ["workspace_id", "year", "category"]
    with unit_of_work(engine, first.id) as uow:
        uow.upsert(OffenceCount, _offence(first.id, 3), keys, ["count"])
        uow.upsert(OffenceCount, _offence(first.id, 5, "import"), keys, ["count"])
    with session_scope(engine) as session:
        rows = session.execute(select(OffenceCount.count, OffenceCount.source).where(OffenceCount.workspace_id == first.id)).all()
    assert [tuple(r) for r in rows] == [(5, "manual")]  # one row; the source was not named, so it stayed


def test_upsert_without_update_keeps_the_stored_row_and_says_so(engine, two_workspaces):
    first, _ = two_workspaces
    keys = ["workspace_id", "year", "category"]
    with unit_of_work(engine, first.id) as uow:
        created = uow.upsert(OffenceCount, _offence(first.id, 3), keys, returning=OffenceCount.id).first()
        again = uow.upsert(OffenceCount, _offence(first.id, 9), keys, returning=OffenceCount.id).first()
    assert created is not None and again is None
    assert _count(engine, OffenceCount, workspace_id=first.id, count=3) == 1


def test_upsert_updates_with_an_expression_over_the_stored_row(engine, two_workspaces):
    first, _ = two_workspaces
    keys = ["workspace_id", "year", "category"]
    counted = []
    with session_scope(engine) as session:
        for _ in range(3):
            result = upsert(
                session, OffenceCount, _offence(first.id, 1), keys, {"count": OffenceCount.count + 1}, returning=OffenceCount.count
            )
            counted.append(result.scalar_one())
    assert counted == [1, 2, 3]


def test_no_dialect_upsert_outside_uow():
    """One upsert: every INSERT … ON CONFLICT of the app is written in sff_core/store/uow.py."""
    package = Path(__file__).resolve().parents[2] / "sff_core"
    copies = [p.name for p in package.rglob("*.py") if p.name != "uow.py" and "on_conflict_do" in p.read_text(encoding="utf-8")]
    assert copies == []
