"""One unit of work per use case, scoped to one workspace.

`with unit_of_work(engine, workspace_id) as uow:` gives one short transaction with owned-row lookup
(a row of another workspace, or a soft-deleted one, is "not found" with the entity's own Swedish
message), audited adds and soft deletes, and the dialect-aware upsert; it commits once at the end or
rolls back everything on any error, so an action touching several rows is atomic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, Result, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sff_core.errors import InputError
from sff_core.store import audit
from sff_core.store.db import session_scope
from sff_core.store.models import Workspace, utcnow

Row = TypeVar("Row")


class WorkspaceUnit:
    """The session of one use case, and what every service needs from it."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def owned(self, model: type[Row], row_id: int | None, missing: str, *, through: Any = None) -> Row:
        """The row if it belongs to this workspace and is not soft-deleted; else InputError(`missing`).

        `through` names the parent relation for rows without their own workspace key (e.g. an
        assessment through its actor).
        """
        row = self.session.get(model, row_id) if row_id is not None else None
        owner = getattr(row, through) if (row is not None and through) else row
        if row is None or owner is None or getattr(owner, "workspace_id", None) != self.workspace_id:
            raise InputError(missing, field=missing.removeprefix("unknown_"))
        if getattr(row, "deleted_at", None) is not None:
            raise InputError(missing, field=missing.removeprefix("unknown_"))
        return row

    def add(self, row: Row, action: str, **detail: Any) -> Row:
        """Add a row, flush it (so it has its id) and record the action."""
        self.session.add(row)
        self.session.flush()
        self.audit(action, id=getattr(row, "id", None), **detail)
        return row

    def soft_delete(self, model: type[Any], row_id: int, missing: str, action: str) -> None:
        """Mark a row deleted (it stays for history and past answers) and record it."""
        row = self.owned(model, row_id, missing)
        row.deleted_at = utcnow()
        self.audit(action, id=row_id)

    def upsert(
        self,
        model: type[Any],
        values: Mapping[str, Any],
        keys: Sequence[str],
        update: Sequence[str] | Mapping[str, Any] = (),
        *,
        returning: Any = None,
    ) -> Result[Any]:
        """INSERT … ON CONFLICT (keys) DO UPDATE / DO NOTHING in this unit (see `upsert`)."""
        return upsert(self.session, model, values, keys, update, returning=returning)

    def audit(self, action: str, **detail: Any) -> None:
        audit.record(self.session, self.workspace_id, action, **detail)

    def scalar(self, statement: Any) -> Any:
        return self.session.scalar(statement)


def upsert(
    session: Session,
    model: type[Any],
    values: Mapping[str, Any],
    keys: Sequence[str],
    update: Sequence[str] | Mapping[str, Any] = (),
    *,
    returning: Any = None,
) -> Result[Any]:
    """INSERT … ON CONFLICT (keys) – SQLite and PostgreSQL alike; the app's one dialect upsert.

    `update` names the columns a conflicting row takes from `values` (DO UPDATE SET col = excluded.col),
    or maps columns to SQL expressions over the stored row (a counter + 1); empty: DO NOTHING, the
    stored row wins (the result's rowcount, or `returning`'s first row, says whether a row was inserted).
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(model).values(**values)
    if not update:
        statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    else:
        changes = dict(update) if isinstance(update, Mapping) else {k: statement.excluded[k] for k in update}
        statement = statement.on_conflict_do_update(index_elements=list(keys), set_=changes)
    return session.execute(statement if returning is None else statement.returning(returning))


@contextmanager
def unit_of_work(engine: Engine, workspace_id: int) -> Iterator[WorkspaceUnit]:
    """One transaction for one use case in one workspace (which must exist)."""
    with session_scope(engine) as session:
        if session.scalar(select(Workspace.id).where(Workspace.id == workspace_id)) is None:
            raise InputError("unknown_workspace", field="workspace")
        yield WorkspaceUnit(session, workspace_id)
