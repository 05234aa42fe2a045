"""Facilitator sessions: an unlocked workspace survives a reload, a new tab or a laptop waking up.

Streamlit starts a new session on every reload, so the unlock would be lost and the passphrase
typed again – on the wall. After an unlock the browser gets a random token (a cookie); the store
keeps only its SHA-256 and an expiry (a long workshop day). Locking the workspace ends it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Engine, delete, select

from sff_core import audit
from sff_core.db import session_scope
from sff_core.models import FacilitatorSession, utcnow
from sff_core.validation import is_token

SESSION_HOURS = 14
COOKIE_NAME = "sff_session"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(engine: Engine, workspace_id: int) -> str:
    """A new session for an unlocked workspace; the token goes to the browser, its hash to the store."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with session_scope(engine) as session:
        session.execute(delete(FacilitatorSession).where(FacilitatorSession.expires_at < now))
        session.add(
            FacilitatorSession(
                workspace_id=workspace_id, token_hash=_hash(token), created_at=now, expires_at=now + timedelta(hours=SESSION_HOURS)
            )
        )
        audit.record(session, workspace_id, "session.start")
    return token


def resume_session(engine: Engine, token: str | None) -> int | None:
    """The workspace a browser's token unlocks, or None (unknown, malformed or expired)."""
    if not token or not is_token(token):
        return None
    with session_scope(engine) as session:
        row = session.scalar(select(FacilitatorSession).where(FacilitatorSession.token_hash == _hash(token)))
        if row is None or row.expires_at < utcnow():
            return None
        return row.workspace_id


def end_session(engine: Engine, token: str | None) -> None:
    """Lock: the token no longer unlocks anything."""
    if not token or not is_token(token):
        return
    with session_scope(engine) as session:
        session.execute(delete(FacilitatorSession).where(FacilitatorSession.token_hash == _hash(token)))
