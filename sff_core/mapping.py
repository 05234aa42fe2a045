"""Step 2 'Hur ska ni kartlägga problembilden?' and 'Vem ska göra vad och när?': plan and tasks."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import Engine, select

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.store.concurrency import EditConflict, apply_edit, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import MappingPlan, Task
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date, one_of, optional_text, required_text

STEP = "step2"
TASK_STATUSES = ("todo", "doing", "done")


def _plan_options() -> tuple[list[str], list[str], list[str]]:
    section = get_content().require_section(STEP, "kartlaggning_plan")
    return (
        [p.key for p in section.prompts],
        [m.key for m in section.options.get("contact_methods", ())],
        [f.key for f in section.options.get("report_formats", ())],
    )


@dataclass(frozen=True)
class MappingPlanInfo:
    categories: tuple[str, ...]
    contact_method: str | None
    report_format: str | None
    notes: str


def save_mapping_plan(
    engine: Engine,
    workspace_id: int,
    categories: list[str],
    contact_method: str | None,
    report_format: str | None,
    notes: str = "",
    loaded: MappingPlanInfo | None = None,
) -> MappingPlanInfo:
    """Save the plan's fields changed since `loaded` (what the form showed); EditConflict if
    someone else changed one of them meanwhile."""
    known_categories, methods, formats = _plan_options()
    unknown = [c for c in categories if c not in known_categories]
    if unknown:
        raise InputError("not_allowed", field="categories", field_label="categories", value=unknown[0])
    method = one_of(contact_method, methods, "contact_method", optional=True)
    report = one_of(report_format, formats, "report_format", optional=True)
    notes = optional_text(notes, "note")
    submitted = {
        "categories": tuple(c for c in known_categories if c in categories),
        "contact_method": method,
        "report_format": report,
        "notes": notes,
    }
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.session.scalar(select(MappingPlan).where(MappingPlan.workspace_id == workspace_id))
        if row is None:
            row = MappingPlan(workspace_id=workspace_id, categories=[], notes="")
            uow.session.add(row)
            uow.session.flush()
        lock_row(uow.session, MappingPlan, row.id)
        uow.session.refresh(row)
        current = _mapping_plan_info(row)
        writes, conflicts = merge(None if loaded is None else asdict(loaded), submitted, asdict(current))
        if conflicts:
            raise EditConflict(conflicts)
        for field, value in writes.items():
            setattr(row, field, list(value) if field == "categories" else value)
        if writes:
            uow.audit("mapping_plan.save")
        return _mapping_plan_info(row)


def _mapping_plan_info(row: MappingPlan) -> MappingPlanInfo:
    return MappingPlanInfo(tuple(row.categories or ()), row.contact_method, row.report_format, row.notes or "")


def get_mapping_plan(engine: Engine, workspace_id: int) -> MappingPlanInfo:
    with session_scope(engine) as session:
        row = session.scalar(select(MappingPlan).where(MappingPlan.workspace_id == workspace_id))
        if row is None:
            return MappingPlanInfo((), None, None, "")
        return _mapping_plan_info(row)


@dataclass(frozen=True)
class TaskInfo:
    id: int
    title: str
    category: str | None
    owner: str
    deadline: date | None
    status: str


def add_task(
    engine: Engine,
    workspace_id: int,
    title: str,
    owner: str = "",
    deadline: date | None = None,
    category: str | None = None,
    step_key: str = STEP,
    section_key: str | None = None,
) -> TaskInfo:
    """A task of any exercise (`step_key`, `section_key`); step 2's tasks take the mapping plan's categories."""
    if step_key not in {s.key for s in get_content().steps}:
        raise InputError("not_allowed", field="step", field_label="step", value=step_key)
    allowed = _plan_options()[0] if step_key == STEP else []
    values = {
        "title": required_text(title, "title", 200),
        "owner": optional_text(owner, "owner", 120),
        "category": one_of(category, allowed, "category", optional=True),
    }
    with unit_of_work(engine, workspace_id) as uow:
        if deadline is not None:
            check_process_date(uow.session, workspace_id, deadline, "deadline")
        row = uow.add(
            Task(workspace_id=workspace_id, step_key=step_key, section_key=section_key, deadline=deadline, status="todo", **values),
            "task.add",
            step=step_key,
        )
        return _task_info(row)


def _task_info(row: Task) -> TaskInfo:
    return TaskInfo(row.id, row.title, row.category, row.owner, row.deadline, row.status)


def set_task_status(engine: Engine, workspace_id: int, task_id: int, status: str | None, loaded_status: str | None = None) -> None:
    """Change a task's status; with `loaded_status` (what the form showed) refuse to overwrite
    a status someone else changed meanwhile (EditConflict)."""
    one_of(status, list(TASK_STATUSES), "status")
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, Task, task_id)
        row = uow.session.get(Task, task_id)
        if row is None or row.workspace_id != workspace_id or row.deleted_at is not None:
            raise InputError("unknown_task", field="task")
        loaded = None if loaded_status is None else {"status": loaded_status}
        if apply_edit(uow.session, row, loaded, {"status": status}):
            uow.audit("task.status", task_id=task_id, status=status)


def remove_task(engine: Engine, workspace_id: int, task_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(Task, task_id, "unknown_task", "task.remove")


def list_tasks(engine: Engine, workspace_id: int, step_key: str = STEP, section_key: str | None = None) -> list[TaskInfo]:
    """The tasks of one step (and, when given, one exercise), by deadline."""
    query = select(Task).where(Task.workspace_id == workspace_id, Task.step_key == step_key, Task.deleted_at.is_(None))
    if section_key is not None:
        query = query.where(Task.section_key == section_key)
    with session_scope(engine) as session:
        return [_task_info(r) for r in session.scalars(query.order_by(Task.deadline, Task.id)).all()]
