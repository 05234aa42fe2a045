"""Step status (not started, in progress, done): the facilitator marks a step done."""

from __future__ import annotations

from sqlalchemy import Engine, select

from sff_core.errors import InputError
from sff_core.store.db import session_scope
from sff_core.store.models import Response, StepProgress, utcnow
from sff_core.store.uow import unit_of_work

STATUSES = ("not_started", "in_progress", "done")


def set_step_status(engine: Engine, workspace_id: int, step_key: str, status: str) -> None:
    if status not in STATUSES:
        raise InputError("not_allowed", field="status", field_label="status", value=status)
    from sff_core.content import get_content

    if step_key not in {s.key for s in get_content().steps}:
        raise InputError("not_allowed", field="step", field_label="step", value=step_key)
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.session.scalar(select(StepProgress).where(StepProgress.workspace_id == workspace_id, StepProgress.step_key == step_key))
        if row is None:
            uow.session.add(StepProgress(workspace_id=workspace_id, step_key=step_key, status=status))
        else:
            row.status, row.updated_at = status, utcnow()
        uow.audit("step.status", step=step_key, status=status)


def step_statuses(engine: Engine, workspace_id: int, step_keys: list[str]) -> dict[str, str]:
    """Each step's status: as marked, else in progress when it has answers, else not started."""
    with session_scope(engine) as session:
        marked = dict(
            session.execute(select(StepProgress.step_key, StepProgress.status).where(StepProgress.workspace_id == workspace_id))
            .tuples()
            .all()
        )
        answered = set(session.scalars(select(Response.step_key).distinct().where(Response.workspace_id == workspace_id)).all())
    return {key: marked.get(key) or ("in_progress" if key in answered else "not_started") for key in step_keys}
