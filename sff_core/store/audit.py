"""The audit log: who changed what. Written in the same transaction as the change.

Who acted is set once per request by the entry point (`acting_as`): the facilitator's browser
session, a live participant, an outside actor's survey link, or the command line. Services do
not pass it around; `record` reads it. Answer contents are never logged, only the action and
its target.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy.orm import Session

from sff_core.store.models import AuditEvent

_actor: ContextVar[str] = ContextVar("sff_actor", default="system")


def current_actor() -> str:
    return _actor.get()


def set_actor(actor: str) -> None:
    """Who acts in this request (thread/context): e.g. 'facilitator:3f2a', 'participant:17', 'survey-link:4'."""
    _actor.set(actor[:120])


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    token = _actor.set(actor[:120])
    try:
        yield
    finally:
        _actor.reset(token)


def record(session: Session, workspace_id: int | None, action: str, actor: str = "", **detail: Any) -> None:
    session.add(AuditEvent(workspace_id=workspace_id, action=action, actor=(actor or current_actor())[:120], detail=detail))
