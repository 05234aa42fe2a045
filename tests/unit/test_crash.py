"""Crash test: a server process killed with SIGKILL while simulated phones submit.

The parent prepares a live activity (step 0 "staden", three text prompts) with 20 participants,
then starts tests/crash_server.py as the "server": 20 threads submit through `live.submit` and
print `CONFIRMED <token> <prompt> <text>` only after a save returned (the phone was told
"saved"). The parent waits, however long the machine needs, for the first few confirmations, then
kills the child with SIGKILL after KILL_AFTER confirmations or KILL_AFTER_SECONDS, whichever comes
first, so the test asserts on what was confirmed and never on throughput (the `loaded_machine`
variant slows every phone down to show it). It reads what was flushed before death, and
"restarts" with a fresh engine on the same database. Every confirmed answer must be stored – as
the last confirmed text or a later one of the same phone (texts are `p<i>-<prompt>-<seq>` with a
growing seq) – and the database must pass its integrity checks. Runs on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL (see conftest's `engine`). Run with -s to see the summary line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from sff_core import live
from sff_core.responses import load_responses
from sff_core.store import db
from sff_core.store.models import Base, Response
from sff_core.workspaces import create_workspace
from tests.conftest import PROJECT_ROOT

PHONES = 20
PROMPTS = ["mojligheter", "unika_mojligheter", "utmaningar"]
# When to kill: after KILL_AFTER confirmations or KILL_AFTER_SECONDS after the first FIRST_FEW,
# whichever comes first – so a slow (loaded) machine gives a shorter test, never a failed one.
# The wait for the first few has no throughput bound, only SAFETY_NET against a child that
# never confirms anything (a broken server, not a slow one).
KILL_AFTER = 400
KILL_AFTER_SECONDS = 5.0
FIRST_FEW = 3
SAFETY_NET = 600.0
EXIT_TIMEOUT = 30.0
CHILD_MAX_SECONDS = SAFETY_NET + KILL_AFTER_SECONDS + 60  # the child ends itself after this even if nobody kills it
CHILD = PROJECT_ROOT / "tests" / "crash_server.py"
TEXT = re.compile(r"p(\d+)-([a-z_]+)-(\d+)")
RESPONSE_KEY = ("workspace_id", "step_key", "section_key", "prompt_key", "respondent", "session_date")


class _Reader(threading.Thread):
    """Collects the child's complete stdout lines; `first_few` is set at FIRST_FEW confirmations,
    `enough` at KILL_AFTER, both at EOF."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[str] = []
        self.confirmations = 0
        self.first_few = threading.Event()
        self.enough = threading.Event()

    def run(self) -> None:
        try:
            for raw in self.stream:
                if not raw.endswith("\n"):  # torn last line: never a whole confirmation
                    break
                line = raw.rstrip("\n")
                self.lines.append(line)
                if line.startswith("CONFIRMED "):
                    self.confirmations += 1
                    if self.confirmations >= FIRST_FEW:
                        self.first_few.set()
                    if self.confirmations >= KILL_AFTER:
                        self.enough.set()
        finally:
            self.first_few.set()
            self.enough.set()


def _run_and_kill(url: str, code: str, tokens: list[str], stderr_path: Path, pace: float) -> tuple[list[str], int]:
    """Start the child server and SIGKILL it after KILL_AFTER confirmations or KILL_AFTER_SECONDS
    after the first few, whichever comes first; its stdout lines and the confirmations seen at the kill."""
    config = {"url": url, "code": code, "tokens": tokens, "prompts": PROMPTS, "max_seconds": CHILD_MAX_SECONDS, "pace": pace}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    with open(stderr_path, "w") as stderr:
        child = subprocess.Popen(
            [sys.executable, str(CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=PROJECT_ROOT, env=env
        )
    reader = _Reader(child.stdout)
    try:
        child.stdin.write(json.dumps(config))
        child.stdin.close()
        reader.start()
        reader.first_few.wait(SAFETY_NET)  # however slowly: only a child that never confirms fails here
        if reader.confirmations < FIRST_FEW or child.poll() is not None:
            pytest.fail(
                f"the child confirmed {reader.confirmations} answers (exit code {child.poll()}) – it never got going; "
                f"stderr:\n{stderr_path.read_text()[-3000:]}"
            )
        reader.enough.wait(KILL_AFTER_SECONDS)
        seen_at_kill = reader.confirmations
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=EXIT_TIMEOUT)
        reader.join(timeout=EXIT_TIMEOUT)  # the lines flushed before death, up to EOF
        assert not reader.is_alive(), "the child's stdout did not reach EOF after SIGKILL"
        assert child.returncode == -signal.SIGKILL, f"the child ended by itself (exit code {child.returncode}) before the kill"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=EXIT_TIMEOUT)
        child.stdout.close()
    return list(reader.lines), seen_at_kill


def _last_confirmed(lines: list[str], index_of: dict[str, int]) -> dict[tuple[str, str], int]:
    """(token, prompt) -> the highest confirmed seq."""
    last: dict[tuple[str, str], int] = {}
    for line in lines:
        if not line.startswith("CONFIRMED "):
            continue
        _, token, prompt, answer = line.split(" ", 3)
        match = TEXT.fullmatch(answer)
        assert match and int(match[1]) == index_of[token] and match[2] == prompt, f"malformed confirmation: {line}"
        last[token, prompt] = max(last.get((token, prompt), 0), int(match[3]))
    return last


def _integrity(engine: Engine) -> str:
    """Fail on a damaged database; a short description of what was checked."""
    with engine.connect() as connection:
        duplicates = connection.execute(
            select(*(getattr(Response, c) for c in RESPONSE_KEY), func.count())
            .group_by(*(getattr(Response, c) for c in RESPONSE_KEY))
            .having(func.count() > 1)
        ).all()
        assert duplicates == [], f"duplicate response keys: {duplicates}"
        counts = {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one() for table in Base.metadata.sorted_tables
        }
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            return "integrity_check ok, foreign_key_check empty"
        invalid = connection.execute(
            text("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'response'::regclass AND NOT indisvalid")
        ).all()
        assert invalid == [], f"invalid indexes on response: {invalid}"
    return f"counts ok on {len(counts)} tables, no duplicate response keys, indexes valid"


@pytest.mark.parametrize("pace", [0.0, 2.0], ids=["full_speed", "loaded_machine"])
def test_confirmed_answers_survive_sigkill_of_the_server(engine: Engine, tmp_path: Path, pace: float) -> None:
    started = time.monotonic()
    dialect = engine.dialect.name
    url = engine.url.render_as_string(hide_password=False)
    today = date.today()
    workspace = create_workspace(engine, "Kraschby", "Kraschby", today - timedelta(days=30), today + timedelta(days=300), "hemlig fras")
    activity = live.open_activity(engine, workspace.id, "step0", "staden", today)
    tokens = [live.join(engine, activity.code, display_name=None).token for _ in range(PHONES)]
    respondent_of = {token: live.participant_for(engine, activity.code, token).respondent for token in tokens}
    index_of = {token: i for i, token in enumerate(tokens)}
    engine.dispose()  # the parent holds no connection while the server runs

    lines, seen_at_kill = _run_and_kill(url, activity.code, tokens, tmp_path / "child.stderr", pace)
    failed = (tmp_path / "child.stderr").read_text().count("FAILED ")
    last = _last_confirmed(lines, index_of)
    confirmations = sum(line.startswith("CONFIRMED ") for line in lines)
    wal_left = dialect == "sqlite" and Path(f"{engine.url.database}-wal").exists()

    restarted = db.make_engine(url)  # the restart: a new process would do exactly this
    try:
        db.migrate(restarted)
        frame = load_responses(restarted, workspace.id, "step0", "staden")
        stored = {(row.respondent, row.prompt_key): row.text for row in frame.itertuples()}
        lost, ahead = [], 0
        for (token, prompt), seq in sorted(last.items()):
            answer = stored.get((respondent_of[token], prompt))
            match = TEXT.fullmatch(answer or "")
            ok = bool(match) and int(match[1]) == index_of[token] and match[2] == prompt and int(match[3]) >= seq
            ahead += ok and int(match[3]) > seq
            if not ok:
                lost.append(f"p{index_of[token]} {prompt}: confirmed seq {seq}, stored {answer!r}")
        foreign = [key for key in stored if key[0] not in respondent_of.values() or key[1] not in PROMPTS]
        malformed = [answer for answer in stored.values() if not TEXT.fullmatch(answer or "")]
        checks = _integrity(restarted)
    finally:
        restarted.dispose()

    print(
        f"\ncrash test ({dialect}): {len(last)} confirmed, {len(last) - len(lost)} stored, {len(lost)} lost, integrity ok "
        f"[{confirmations} confirmations ({seen_at_kill} seen at SIGKILL), {len(stored)} response rows, {ahead} newer than confirmed, "
        f"{failed} failed submits, {'WAL left behind, ' if wal_left else ''}{checks}; {time.monotonic() - started:.1f} s]"
    )
    assert lost == [], f"{len(lost)} confirmed answers lost after SIGKILL:\n" + "\n".join(lost)
    assert foreign == [] and malformed == [], (foreign, malformed)
    assert confirmations >= seen_at_kill >= FIRST_FEW and len(last) > 0  # what was confirmed, not how fast
