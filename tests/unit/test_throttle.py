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
from sff_core.errors import InputError
from sff_core.store.db import session_scope
from sff_core.store.models import Attempt, AuditEvent
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


def test_a_forwarded_for_from_a_loopback_peer_is_not_trusted_without_a_configured_proxy():
    """Streamlit's server (uvicorn) trusts X-Forwarded-For from 127.0.0.1 by default and reports the header's
    address as the connection's: with SFF_TRUSTED_PROXIES unset, every such claim is one client, never the
    address it names (else a stranger picks the facilitator's address, or a fresh one per guess)."""
    forged = {throttle.client_address(claimed, claimed, 0) for claimed in ("198.51.100.4", "203.0.113.77", "10.9.9.9")}
    assert forged == {throttle.FORWARDED_CLIENT}
    assert throttle.client_address(None, "198.51.100.4", 0) == throttle.FORWARDED_CLIENT  # the peer itself was loopback
    assert throttle.client_address("203.0.113.9", "198.51.100.4", 0) == "203.0.113.9"  # a remote peer: the header was ignored
    assert throttle.client_address(None, None, 0) is None  # the facilitator's own machine, no header


@pytest.fixture
def activity(engine, workspace, monkeypatch):
    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0)
    return live.open_activity(engine, workspace.id, "step0", "staden", date(2026, 3, 1))


ROOM = throttle.client_key("192.0.2.10")  # the venue's Wi-Fi: every phone in the room shares it


def _phone(n: int) -> live.Guesser:
    return live.Guesser(address=ROOM, session=throttle.client_key(f"session:{n}"))


def _wrong(engine, guesser: live.Guesser, n: int) -> str:
    with pytest.raises(InputError) as caught:
        live.find_by_code(engine, f"ZZZ{n:03d}", guesser=guesser)
    return caught.value.key


def test_a_right_code_is_never_refused_because_of_others_wrong_codes(engine, activity):
    """The reported lock-out: 31 wrong codes from one phone locked every phone on the venue's Wi-Fi out."""
    guessers = [_phone(n) for n in range(40)]
    outcomes = [_wrong(engine, guessers[n % 40], n) for n in range(live.WRONG_CODE_ADDRESS_LIMIT + 50)]
    assert "too_many_codes" in outcomes  # the guessers are stopped …
    assert live.find_by_code(engine, activity.code, guesser=_phone(1000)).id == activity.id  # … a new phone with the QR code is not
    honest = _phone(1001)
    assert live.find_by_code(engine, activity.code.lower(), guesser=honest).id == activity.id
    assert live.find_by_code(engine, activity.code, guesser=honest).id == activity.id  # right codes are never counted


def test_wrong_codes_are_limited_per_browser_session(engine, activity):
    guesser = _phone(1)
    assert [_wrong(engine, guesser, n) for n in range(live.WRONG_CODE_SESSION_LIMIT)] == ["unknown_code"] * live.WRONG_CODE_SESSION_LIMIT
    with pytest.raises(InputError) as caught:
        live.find_by_code(engine, activity.code, guesser=guesser)  # this session is refused unchecked, even a right code
    assert caught.value.key == "too_many_codes" and "skanna QR-koden" in str(caught.value)
    assert live.find_by_code(engine, activity.code, guesser=_phone(2)).id == activity.id  # the phone beside it joins


def test_over_the_network_limit_only_a_session_that_guessed_is_refused_unchecked(engine, activity):
    for n in range(live.WRONG_CODE_ADDRESS_LIMIT):
        _wrong(engine, _phone(n), n)
    mistyper = _phone(5000)
    assert _wrong(engine, mistyper, 1) == "too_many_codes"  # a fresh session's guess is checked and counted …
    with pytest.raises(InputError) as caught:
        live.find_by_code(engine, activity.code, guesser=mistyper)  # … its next one is not
    assert caught.value.key == "too_many_codes"
    assert live.find_by_code(engine, activity.code, guesser=_phone(5001)).id == activity.id
    assert live.find_by_code(engine, activity.code).id == activity.id  # a joined phone's lookups are never throttled


def test_200_parallel_wrong_codes_from_one_session_check_exactly_the_cap(engine, activity, monkeypatch):
    checked: list[str] = []
    real_lookup = live._lookup_code

    def counting_lookup(engine_, cleaned):
        checked.append(cleaned)
        return real_lookup(engine_, cleaned)

    monkeypatch.setattr(live, "_lookup_code", counting_lookup)
    guesser, barrier, outcomes = _phone(7), threading.Barrier(200), []

    def guess(n: int) -> None:
        barrier.wait()
        try:
            live.find_by_code(engine, f"QQQ{n:03d}", guesser=guesser)
        except InputError as error:
            outcomes.append(error.key)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"200 parallel wrong codes from one session: {len(checked)} checked, {outcomes.count('too_many_codes')} refused unchecked")
    assert len(checked) == live.WRONG_CODE_SESSION_LIMIT
    assert outcomes.count("unknown_code") == live.WRONG_CODE_SESSION_LIMIT
    assert outcomes.count("too_many_codes") == 200 - live.WRONG_CODE_SESSION_LIMIT


def test_a_wrong_code_costs_a_short_delay(engine, workspace, monkeypatch):
    import time

    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0.3)
    started = time.perf_counter()
    with pytest.raises(InputError):
        live.find_by_code(engine, "NOPE42", guesser=live.Guesser(ATTACKER, ATTACKER))
    assert time.perf_counter() - started >= 0.3


def test_a_stranger_on_the_facilitators_address_never_locks_out_the_facilitators_browser(engine, workspace):
    """The venue's one public address: a participant's six guesses locked the facilitator out. A browser that
    unlocked the workspace before carries a proof of it (a cookie) and is counted on its own."""
    proof = workspaces.known_browser_proof(engine, workspace.id)  # handed to the browser at an earlier unlock
    for _ in range(MAX_FAILED_UNLOCKS + 5):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "gissning", client=FACILITATOR)  # the stranger, same address
    with pytest.raises(InputError) as caught:
        unlock_workspace(engine, workspace.id, "rätt lösenfras", client=FACILITATOR)  # a browser never seen waits
    assert caught.value.key == "too_many_attempts"
    assert unlock_workspace(engine, workspace.id, "rätt lösenfras", client=FACILITATOR, proof=proof).id == workspace.id


def test_a_known_browser_is_still_slowed_by_its_own_guesses(engine, workspace):
    proof = workspaces.known_browser_proof(engine, workspace.id)
    for _ in range(MAX_FAILED_UNLOCKS):
        with pytest.raises(InputError) as caught:
            unlock_workspace(engine, workspace.id, "fel", client=ATTACKER, proof=proof)
        assert caught.value.key == "wrong_passphrase"
    with pytest.raises(InputError) as caught:
        unlock_workspace(engine, workspace.id, "rätt lösenfras", client=FACILITATOR, proof=proof)
    assert caught.value.key == "too_many_attempts"  # the proof's own count, wherever the browser is


def test_a_forged_or_foreign_proof_counts_as_its_address(engine, workspace):
    other = create_workspace(engine, "Trelleborg", "Trelleborg", date(2026, 1, 1), date(2027, 3, 1), "annan lösenfras")
    foreign = workspaces.known_browser_proof(engine, other.id)
    forged = workspaces.known_browser_proof(engine, workspace.id)[:-4] + "AAAA"
    for _ in range(MAX_FAILED_UNLOCKS + 1):
        with pytest.raises(InputError):
            unlock_workspace(engine, workspace.id, "gissning", client=ATTACKER)
    for proof in (foreign, forged, "nonsense", None):
        with pytest.raises(InputError) as caught:
            unlock_workspace(engine, workspace.id, "rätt lösenfras", client=ATTACKER, proof=proof)
        assert caught.value.key == "too_many_attempts"
