"""Counting attempts per client, atomically: passphrase guesses and wrong join codes.

A failed-attempt counter per workspace lets anyone who knows a workspace's (public) name lock its
facilitator out. Counting per client *and* subject instead means a stranger's guesses only slow
the stranger. The count is one INSERT … ON CONFLICT DO UPDATE … RETURNING statement, so parallel
attempts each get their own number and exactly `limit` of them are let through in a window.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

from sqlalchemy import Engine, case, delete, select, update

from sff_core.config import hash_key
from sff_core.store.db import session_scope
from sff_core.store.models import Attempt, utcnow
from sff_core.store.uow import upsert

log = logging.getLogger("sff.throttle")
FALLBACK_KEY = "stad-for-stad-throttle"


FORWARDED_CLIENT = "forwarded-by-loopback"


def client_address(direct: str | None, forwarded_for: str | None, trusted_hops: int) -> str | None:
    """The client's address: the connection's, or behind `trusted_hops` proxies of our own the
    address the outermost of them saw (the entry that many places from the right of
    X-Forwarded-For). Entries further left are whatever the client claims, so they are never used.

    With no proxy configured the header is never believed. Streamlit's server (uvicorn) does believe
    it from a loopback peer (its default FORWARDED_ALLOW_IPS) and reports the header's address as the
    connection's; the peer's own address is gone by then. So when the address reported is one the
    header names (or the peer was loopback), every such request is one client, FORWARDED_CLIENT: a
    forged header neither picks someone else's address nor a fresh one per guess.
    """
    forwarded = forwarded_for if isinstance(forwarded_for, str) else ""
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    if trusted_hops <= 0:
        return FORWARDED_CLIENT if chain and (direct is None or direct in chain) else direct
    return chain[-trusted_hops] if len(chain) >= trusted_hops else direct


def client_key(address: str | None) -> str:
    """A keyed hash of a client address (the address itself is never stored)."""
    key = hash_key() or FALLBACK_KEY.encode()
    address = address if isinstance(address, str) and address else "local"
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def count_attempt(engine: Engine, scope: str, subject: str, client: str, window: timedelta) -> int:
    """Count one attempt and return its number within the client's current window (1, 2, …)."""
    now = utcnow()
    cutoff = now - window
    with session_scope(engine) as session:
        session.execute(delete(Attempt).where(Attempt.window_start < cutoff - window))  # keep nothing long
        expired = Attempt.window_start < cutoff
        counted = upsert(
            session,
            Attempt,
            {"scope": scope, "subject": subject, "client": client, "window_start": now, "attempts": 1},
            ["scope", "subject", "client"],
            {
                "attempts": case((expired, 1), else_=Attempt.attempts + 1),
                "window_start": case((expired, now), else_=Attempt.window_start),
            },
            returning=Attempt.attempts,
        )
        return int(counted.scalar_one())


def attempts_in_window(engine: Engine, scope: str, subject: str, client: str, window: timedelta) -> int:
    """How many attempts the client made in its current window (0 when it has expired)."""
    with session_scope(engine) as session:
        row = session.execute(
            select(Attempt.attempts, Attempt.window_start).where(
                Attempt.scope == scope, Attempt.subject == subject, Attempt.client == client
            )
        ).first()
    if row is None or row.window_start < utcnow() - window:
        return 0
    return int(row.attempts)


def forget(engine: Engine, scope: str, subject: str, client: str) -> None:
    """A success: the client starts afresh."""
    with session_scope(engine) as session:
        session.execute(delete(Attempt).where(Attempt.scope == scope, Attempt.subject == subject, Attempt.client == client))


def refund(engine: Engine, scope: str, subject: str, client: str) -> None:
    """Give back one counted attempt (it turned out not to be a guess); a count back at nothing leaves no row.

    Each statement is atomic: the row goes only while it holds just this attempt, else it loses one."""
    where = (Attempt.scope == scope, Attempt.subject == subject, Attempt.client == client)
    with session_scope(engine) as session:
        session.execute(delete(Attempt).where(*where, Attempt.attempts <= 1))
        session.execute(update(Attempt).where(*where, Attempt.attempts > 1).values(attempts=Attempt.attempts - 1))
