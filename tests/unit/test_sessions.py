"""Facilitator sessions: a reload resumes an unlocked workspace; only a hash is stored; locking ends it."""

from datetime import date, timedelta

from sqlalchemy import select

from sff_core.sessions import end_session, resume_session, start_session
from sff_core.store.db import session_scope
from sff_core.store.models import FacilitatorSession
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


# --- Issue 20, Medium 8: lock ends the session everywhere; the token rotates; idle sessions end ----------------------


def _workspace(engine):
    return create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")


def test_lock_ends_the_session_for_every_tab_that_holds_it(engine):
    from sff_core.sessions import check, end, start

    workspace = _workspace(engine)
    started = start(engine, workspace.id)
    other = start(engine, workspace.id)  # another browser on the same workspace
    assert check(engine, started.id) == workspace.id  # what every tab of the browser checks on each run
    end(engine, started.id)
    assert check(engine, started.id) is None and resume_session(engine, started.token) is None
    assert check(engine, other.id) == workspace.id  # only that browser's session ends


def test_a_resumed_session_gets_a_new_token_and_the_old_one_unlocks_nothing(engine):
    from sff_core.sessions import check, resume, start

    workspace = _workspace(engine)
    started = start(engine, workspace.id)
    resumed = resume(engine, started.token)  # a reload: the cookie read there is rotated
    assert resumed is not None and resumed.id == started.id and resumed.token != started.token
    assert resume(engine, started.token) is None  # a copy of the old cookie is worth nothing
    assert check(engine, started.id) == workspace.id  # the other tabs of the browser carry on
    assert resume_session(engine, resumed.token) == workspace.id


def test_an_idle_session_ends_and_a_used_one_slides_to_the_absolute_end(engine, monkeypatch):
    from sff_core.sessions import SESSION_HOURS, check, idle_minutes, start

    monkeypatch.setenv("SFF_SESSION_IDLE_MINUTES", "30")
    assert idle_minutes() == 30
    workspace = _workspace(engine)
    started = start(engine, workspace.id)

    def move(**changes):
        with session_scope(engine) as session:
            row = session.get(FacilitatorSession, started.id)
            for name, delta in changes.items():
                setattr(row, name, getattr(row, name) + delta)

    def expires_at():
        with session_scope(engine) as session:
            return session.get(FacilitatorSession, started.id).expires_at

    first = expires_at()
    move(expires_at=timedelta(minutes=-20))  # 20 minutes without a run
    assert check(engine, started.id) == workspace.id and expires_at() > first - timedelta(minutes=1)  # slid again
    unchanged = expires_at()
    assert check(engine, started.id) == workspace.id and expires_at() == unchanged  # at most one write a minute
    move(expires_at=timedelta(minutes=-31))  # idle longer than the window
    assert check(engine, started.id) is None
    later = start(engine, workspace.id)
    started = later
    move(created_at=timedelta(hours=-SESSION_HOURS, minutes=-1))  # in use all along, but past the day's end
    assert check(engine, later.id) is None
