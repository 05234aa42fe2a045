"""Throttling per client: nobody locks the facilitator out, guesses stay few, and races count exactly.

The reported defects: five wrong guesses from anywhere every ten minutes kept the right passphrase
refused for ever, 200 guesses in parallel had 43 checked instead of 5, and join codes could be
guessed at about six per second.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from sff_core import live, throttle, workspaces
from sff_core.db import session_scope
from sff_core.errors import InputError
from sff_core.models import Attempt, AuditEvent
from sff_core.workspaces import MAX_FAILED_UNLOCKS, create_workspace, unlock_workspace

ATTACKER, FACILITATOR = throttle.client_key("203.0.113.9"), throttle.client_key("198.51.100.4")


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "rätt lösenfras")


@pytest.fixture
def checked(monkeypatch):
    """Counts how many passphrases were really checked against the hash."""
    calls = []
    real = workspaces._hasher

    class CountingHasher:
        def verify(self, stored, given):
            calls.append(given)
            return real.verify(stored, given)

    monkeypatch.setattr(workspaces, "_hasher", CountingHasher())
    return calls


def test_guesses_from_elsewhere_never_lock_the_facilitator_out(engine, workspace):
    for _ in range(MAX_FAILED_UNLOCKS + 10):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "gissning", client=ATTACKER)
    with pytest.raises(InputError) as caught:
        unlock_workspace(engine, workspace.id, "rätt lösenfras", client=ATTACKER)
    assert caught.value.key == "too_many_attempts"  # the guesser is slowed, even with the right phrase
    assert unlock_workspace(engine, workspace.id, "rätt lösenfras", client=FACILITATOR).id == workspace.id


def test_throttling_is_logged_once_per_window(engine, workspace):
    for _ in range(MAX_FAILED_UNLOCKS + 3):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "gissning", client=ATTACKER)
    with session_scope(engine) as session:
        actions = [e.action for e in session.query(AuditEvent).filter_by(workspace_id=workspace.id)]
        attempts = session.query(Attempt).all()
    assert actions.count("workspace.unlock_failed") == MAX_FAILED_UNLOCKS
    assert actions.count("workspace.unlock_throttled") == 1
    assert all("203.0.113.9" not in a.client for a in attempts)  # only a keyed hash is kept


def test_a_success_starts_the_count_afresh(engine, workspace):
    for _ in range(MAX_FAILED_UNLOCKS - 1):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "fel", client=FACILITATOR)
    unlock_workspace(engine, workspace.id, "rätt lösenfras", client=FACILITATOR)
    for _ in range(MAX_FAILED_UNLOCKS - 1):
        with pytest.raises(InputError) as caught:
            unlock_workspace(engine, workspace.id, "fel", client=FACILITATOR)
        assert caught.value.key == "wrong_passphrase"


def test_the_window_expires(engine, workspace):
    for _ in range(MAX_FAILED_UNLOCKS + 1):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "fel", client=ATTACKER)
    with session_scope(engine) as session:
        for row in session.query(Attempt):
            row.window_start -= timedelta(minutes=11)
    assert unlock_workspace(engine, workspace.id, "rätt lösenfras", client=ATTACKER).id == workspace.id


def test_200_parallel_guesses_check_exactly_the_allowed_number(engine, workspace, checked):
    barrier = threading.Barrier(200)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        barrier.wait()
        try:
            unlock_workspace(engine, workspace.id, f"gissning {n}", client=ATTACKER)
        except InputError as error:
            outcomes.append(error.key)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"200 parallel guesses: {len(checked)} checked, {outcomes.count('too_many_attempts')} refused unchecked")
    assert len(checked) == MAX_FAILED_UNLOCKS
    assert outcomes.count("wrong_passphrase") == MAX_FAILED_UNLOCKS
    assert outcomes.count("too_many_attempts") == 200 - MAX_FAILED_UNLOCKS


def test_client_address_behind_a_trusted_proxy():
    assert throttle.client_address("10.0.0.2", "1.2.3.4", 0) == "10.0.0.2"  # no proxy configured: the header is ignored
    assert throttle.client_address("10.0.0.2", "6.6.6.6, 1.2.3.4", 1) == "1.2.3.4"  # a forged left entry is not used
    assert throttle.client_address("10.0.0.2", None, 1) == "10.0.0.2"
    assert throttle.client_key("1.2.3.4") != throttle.client_key("1.2.3.5")


@pytest.fixture
def activity(engine, workspace, monkeypatch):
    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0)
    return live.open_activity(engine, workspace.id, "step0", "staden", date(2026, 3, 1))


def test_wrong_join_codes_are_throttled_per_client(engine, activity):
    for n in range(live.WRONG_CODE_LIMIT):
        with pytest.raises(InputError) as caught:
            live.find_by_code(engine, f"ZZZ{n:03d}", client=ATTACKER)
        assert caught.value.key == "unknown_code"
    with pytest.raises(InputError) as caught:
        live.find_by_code(engine, activity.code, client=ATTACKER)
    assert caught.value.key == "too_many_codes" and "Vänta 10 minuter" in str(caught.value)
    assert live.find_by_code(engine, activity.code, client=FACILITATOR).id == activity.id  # others join as usual


def test_a_wrong_code_costs_a_short_delay(engine, workspace, monkeypatch):
    import time

    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0.3)
    started = time.perf_counter()
    with pytest.raises(InputError):
        live.find_by_code(engine, "NOPE42", client=ATTACKER)
    assert time.perf_counter() - started >= 0.3
