"""The format the group chose for step 6 or 7 (the handbook's two alternatives) and its dates.

Alternative 1 (workshops): the workshop days. Alternative 2 (the network's meetings over time): the
meeting days and a slutdatum by which the plan or routine is to be finished – the handbook's remedy for
the format's risk of interest fading. Two browsers editing the choice: only changed fields are saved,
and a field someone else changed meanwhile is an EditConflict, never overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from sff_core.content import WorkFormat as FormatContent
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.store.concurrency import apply_edit, lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import WorkFormat
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date

MAX_DATES = 24
FIELDS = ("alternative", "dates", "end_date")


@dataclass(frozen=True)
class FormatChoice:
    step_key: str
    alternative: str | None
    dates: tuple[date, ...]
    end_date: date | None

    def fields(self) -> dict[str, Any]:
        """The choice as the edit form loads it (for the two-browsers check)."""
        return {"alternative": self.alternative, "dates": [d.isoformat() for d in self.dates], "end_date": self.end_date}


def formats(step_key: str) -> tuple[FormatContent, ...]:
    return get_content().step(step_key).formats


def get_choice(engine: Engine, workspace_id: int, step_key: str) -> FormatChoice:
    with session_scope(engine) as session:
        row = session.scalar(select(WorkFormat).where(WorkFormat.workspace_id == workspace_id, WorkFormat.step_key == step_key))
        if row is None:
            return FormatChoice(step_key, None, (), None)
        return FormatChoice(step_key, row.alternative, tuple(date.fromisoformat(d) for d in row.dates or ()), row.end_date)


def _clean(
    session: Any, workspace_id: int, step_key: str, alternative: str | None, dates: list[object], end_date: object
) -> dict[str, Any]:
    known = {f.key: f for f in formats(step_key)}
    if not known:
        raise InputError("format_not_offered", field="alternative")
    if alternative not in known:
        raise InputError("format_pick", field="alternative")
    if len(dates) > MAX_DATES:
        raise InputError("format_too_many_dates", field="dates", n=MAX_DATES)
    cleaned = sorted({check_process_date(session, workspace_id, d, "format_date") for d in dates})
    end = check_process_date(session, workspace_id, end_date, "format_end_date") if end_date else None
    if known[alternative].dates == "meetings":
        if end is None:
            raise InputError("format_end_required", field="end_date")
        if cleaned and end < cleaned[-1]:
            raise InputError("format_end_before_meeting", field="end_date", date=cleaned[-1].isoformat())
    else:
        end = None  # a workshop format has its days, no slutdatum
    return {"alternative": alternative, "dates": [d.isoformat() for d in cleaned], "end_date": end}


def save_choice(
    engine: Engine,
    workspace_id: int,
    step_key: str,
    alternative: str | None,
    dates: list[object],
    end_date: object = None,
    loaded: Mapping[str, Any] | None = None,
) -> FormatChoice:
    """Record the chosen alternative and its dates; `loaded` is what the form showed (only changes are written)."""
    with unit_of_work(engine, workspace_id) as uow:
        values = _clean(uow.session, workspace_id, step_key, alternative, dates, end_date)
        row = uow.session.scalar(select(WorkFormat).where(WorkFormat.workspace_id == workspace_id, WorkFormat.step_key == step_key))
        if row is None:
            row = uow.add(WorkFormat(workspace_id=workspace_id, step_key=step_key, dates=[]), "work_format.add", step=step_key)
        lock_row(uow.session, WorkFormat, row.id)
        uow.session.refresh(row)
        apply_edit(uow.session, row, loaded, values)
        uow.audit("work_format.save", step=step_key, alternative=alternative)
    return get_choice(engine, workspace_id, step_key)
