"""Facilitator sessions: an unlocked workspace survives a reload, a new tab or a laptop waking up.

Streamlit starts a new session on every reload, so the unlock would be lost and the passphrase
typed again – on the wall. After an unlock the browser gets a random token (a cookie); the store
keeps only its SHA-256 and an expiry. Locking the workspace ends it.

Streamlit cannot set an HttpOnly cookie from an app (only its own `st.login` routes do), so the token
is written by a small script and a script on the page could read it. What makes that matter less:
- every open Streamlit session of the browser holds the session's row id (server side, never sent to
  the browser) and checks it on each run – one primary-key read, a write at most once a minute – so
  *Lås arbetsytan* in one tab locks every tab on its next run, and a stolen cookie stops working then;
- the token is rotated whenever a new Streamlit session resumes from it (a reload, a new tab, a laptop
  waking up): the cookie that was read before no longer unlocks anything;
- a session ends after SFF_SESSION_IDLE_MINUTES without a run (120 unless set), and at the latest
  SESSION_HOURS after the passphrase was typed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select

from sff_core.store.db import session_scope
from sff_core.store.models import FacilitatorSession, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import is_token

SESSION_HOURS = 14  # a long workshop day, from the passphrase on
DEFAULT_IDLE_MINUTES = 120  # longer than a lunch break; a wall left alone that long asks again
TOUCH_SECONDS = 60  # the idle deadline moves at most once a minute: one write, not one a run
COOKIE_NAME = "sff_session"


@dataclass(frozen=True)
class Started:
    """A session: its row (kept server side) and the token for the browser's cookie."""

    id: int
    workspace_id: int
    token: str


def idle_minutes() -> int:
    raw = os.environ.get("SFF_SESSION_IDLE_MINUTES", "").strip()
    try:
        return max(1, int(raw)) if raw else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _alive(row: FacilitatorSession | None, now: datetime) -> bool:
    return row is not None and row.expires_at >= now and row.created_at + timedelta(hours=SESSION_HOURS) >= now


def _deadline(created_at: datetime, now: datetime) -> datetime:
    """The idle deadline from now, never past the session's absolute end."""
    return min(now + timedelta(minutes=idle_minutes()), created_at + timedelta(hours=SESSION_HOURS))


def start(engine: Engine, workspace_id: int) -> Started:
    """A new session for an unlocked workspace; the token goes to the browser, its hash to the store."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with unit_of_work(engine, workspace_id) as uow:
        uow.session.execute(delete(FacilitatorSession).where(FacilitatorSession.expires_at < now))
        row = FacilitatorSession(workspace_id=workspace_id, token_hash=_hash(token), created_at=now, expires_at=_deadline(now, now))
        uow.session.add(row)
        uow.audit("uow.session.start")
        uow.session.flush()
        return Started(row.id, workspace_id, token)


def start_session(engine: Engine, workspace_id: int) -> str:
    """A new session; its token (see `start`)."""
    return start(engine, workspace_id).token


def resume(engine: Engine, token: str | None) -> Started | None:
    """A new Streamlit session from a browser's token: the session it belongs to, under a new token
    (rotated: the old one no longer unlocks anything), or None (unknown, malformed or expired)."""
    if not token or not is_token(token):
        return None
    now = utcnow()
    with session_scope(engine) as session:
        row = session.scalar(select(FacilitatorSession).where(FacilitatorSession.token_hash == _hash(token)))
        if row is None or not _alive(row, now):
            return None
        fresh = secrets.token_urlsafe(32)
        row.token_hash = _hash(fresh)
        row.expires_at = _deadline(row.created_at, now)
        return Started(row.id, row.workspace_id, fresh)


def resume_session(engine: Engine, token: str | None) -> int | None:
    """The workspace a browser's token unlocks, or None; the token is rotated (see `resume`)."""
    resumed = resume(engine, token)
    return resumed.workspace_id if resumed is not None else None


def check(engine: Engine, session_id: int | None) -> int | None:
    """On every run of an unlocked Streamlit session: the workspace its session still unlocks, or None
    (locked in another tab, expired, idle too long). Moves the idle deadline at most once a minute."""
    if session_id is None:
        return None
    now = utcnow()
    with session_scope(engine) as session:
        row = session.get(FacilitatorSession, session_id)
        if row is None or not _alive(row, now):
            return None
        deadline = _deadline(row.created_at, now)
        if deadline - row.expires_at > timedelta(seconds=TOUCH_SECONDS):
            row.expires_at = deadline
        return row.workspace_id


def end(engine: Engine, session_id: int | None) -> None:
    """Lock: the session ends for every tab that holds it, and its token unlocks nothing."""
    if session_id is None:
        return
    with session_scope(engine) as session:
        session.execute(delete(FacilitatorSession).where(FacilitatorSession.id == session_id))


def end_session(engine: Engine, token: str | None) -> None:
    """Lock by token: the token no longer unlocks anything."""
    if not token or not is_token(token):
        return
    with session_scope(engine) as session:
        session.execute(delete(FacilitatorSession).where(FacilitatorSession.token_hash == _hash(token)))
