"""Two browsers, one record: save only what a person changed, and never overwrite silently.

Every form that edits a shared record remembers the values it was loaded with. On save, a field
counts as changed only when the person's value differs from what their form loaded; a changed
field is written only if the stored value is still the loaded one (or already equals theirs).
When someone else saved a different value in between, nothing is written and the service raises
`EditConflict`, listing each field with the stored and the typed value, so the person can choose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, update
from sqlalchemy.orm import Session

from sff_core.errors import InputError
from sff_core.store.models import Base


@dataclass(frozen=True)
class Conflict:
    """One field someone else changed since the form was loaded."""

    field: str
    loaded: Any
    theirs: Any
    mine: Any


class EditConflict(InputError):
    """Someone else saved these fields since the form was loaded; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__("edit_conflict", field=conflicts[0].field if conflicts else None, n=len(conflicts))


def changed_fields(loaded: Mapping[str, Any] | None, submitted: Mapping[str, Any]) -> dict[str, Any]:
    """The submitted fields whose value differs from what the form was loaded with.

    Without a loaded snapshot (a script, the demo) every submitted field counts as changed.
    """
    if loaded is None:
        return dict(submitted)
    return {field: value for field, value in submitted.items() if value != loaded.get(field)}


def merge(
    loaded: Mapping[str, Any] | None, submitted: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """Three-way merge per field: (fields to write, conflicts).

    A field the person did not change is left alone (someone else's value stays); a changed field
    is written when the stored value is still the loaded one; when it is already what the person
    typed there is nothing to do; otherwise it is a conflict.
    """
    writes: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for field, mine in changed_fields(loaded, submitted).items():
        theirs = current.get(field)
        if theirs == mine:
            continue
        base = None if loaded is None else loaded.get(field)
        if loaded is None or theirs == base:
            writes[field] = mine
        else:
            conflicts.append(Conflict(field, base, theirs, mine))
    return writes, conflicts


def merge_set(loaded: Iterable[Any] | None, mine: Iterable[Any], current: Iterable[Any]) -> list[Any]:
    """Three-way merge of a set of marks (checked items, notes marked common), item by item.

    What the person added or removed since their form was loaded is applied to what is stored now;
    every other item keeps its stored state, so two people marking different items both keep theirs.
    An item has only two states, so two people can never disagree about one: there is no conflict.
    Without a loaded snapshot the person's set is the result.
    """
    mine_set = set(mine)
    if loaded is None:
        return sorted(mine_set)
    before = set(loaded)
    return sorted((set(current) | (mine_set - before)) - (before - mine_set))


def lock_row(session: Session, model: type[Base], row_id: int) -> None:
    """Take the write lock on one row before reading it, so read-compare-write is atomic.

    A no-op UPDATE: PostgreSQL locks the row until commit, SQLite takes the database's write
    lock (waiting out its busy timeout) – so a second editor reads only after the first committed.
    """
    (key,) = inspect(model).primary_key  # `id` on every model
    session.execute(update(model).where(key == row_id).values({key: key}))


def apply_edit(session: Session, row: object, loaded: Mapping[str, Any] | None, submitted: Mapping[str, Any]) -> dict[str, Any]:
    """Merge a form's values into a locked ORM row; raise EditConflict before changing anything."""
    current = {field: getattr(row, field) for field in submitted}
    writes, conflicts = merge(loaded, submitted, current)
    if conflicts:
        raise EditConflict(conflicts)
    for field, value in writes.items():
        setattr(row, field, value)
    return writes
