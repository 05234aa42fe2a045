"""Facilitator sessions: a reload resumes an unlocked workspace; only a hash is stored; locking ends it."""

from datetime import date, timedelta

from sqlalchemy import select

from sff_core.db import session_scope
from sff_core.models import FacilitatorSession
from sff_core.sessions import end_session, resume_session, start_session
from sff_core.workspaces import create_workspace


def test_a_session_resumes_its_workspace_until_it_ends(engine):
    workspace = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    token = start_session(engine, workspace.id)
    assert resume_session(engine, token) == workspace.id
    with session_scope(engine) as session:
        stored = session.scalars(select(FacilitatorSession.token_hash)).all()
    assert stored and token not in stored  # only the SHA-256 is kept
    end_session(engine, token)
    assert resume_session(engine, token) is None


def test_unknown_malformed_and_expired_tokens_unlock_nothing(engine):
    workspace = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    token = start_session(engine, workspace.id)
    for stranger in (None, "", "x" * 500, "a\x00b", "fel-token"):
        assert resume_session(engine, stranger) is None
    with session_scope(engine) as session:
        for row in session.scalars(select(FacilitatorSession)):
            row.expires_at -= timedelta(hours=15)
    assert resume_session(engine, token) is None
