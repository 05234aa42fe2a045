"""The room: a work session's agenda and what the wall shows now, driven from a remote.

The facilitator's laptop or phone (the remote) changes the room's state – which exercise is on the
wall, whether the join code is shown, the timer – and every wall reads it on its one-second refresh.
Commands carry the state's version as the remote saw it: when two remotes (or a remote and the
wall's keyboard) press "next" at the same moment, the wall moves once and the second press is told
that the room has already moved. The timer is arithmetic on stored instants, so it keeps running
through the wall's refreshes, reloads and a sleeping laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.responses import section_or_error
from sff_core.store.db import session_scope
from sff_core.store.models import AgendaItem, RoomState, utcnow
from sff_core.store.uow import unit_of_work, upsert
from sff_core.validation import check_process_date, number_in_range

MAX_TIMER_MINUTES = 240
MAX_AGENDA_MINUTES = 480


@dataclass(frozen=True)
class Timer:
    seconds: int | None  # the countdown's length; None: no timer set
    run_seconds: int = 0  # seconds already run before the current start
    started_at: datetime | None = None  # set while running

    @property
    def running(self) -> bool:
        return self.seconds is not None and self.started_at is not None

    def remaining(self, now: datetime) -> int | None:
        """Whole seconds left (0 when the time is up), or None without a timer."""
        if self.seconds is None:
            return None
        run = self.run_seconds + (int((now - self.started_at).total_seconds()) if self.started_at else 0)
        return max(0, self.seconds - run)


@dataclass(frozen=True)
class Room:
    workspace_id: int
    session_date: date | None
    step_key: str | None
    section_key: str | None
    show_join: bool
    timer: Timer
    version: int

    @property
    def exercise(self) -> tuple[str, str] | None:
        return (self.step_key, self.section_key) if self.step_key and self.section_key else None


@dataclass(frozen=True)
class AgendaEntry:
    position: int
    step_key: str
    section_key: str
    minutes: int | None


class RoomMoved(Exception):
    """The room changed since the remote looked (another remote or the wall's keyboard acted first)."""

    def __init__(self, room: Room) -> None:
        super().__init__("room moved")
        self.room = room


def _view(workspace_id: int, row: RoomState | None) -> Room:
    if row is None:
        return Room(workspace_id, None, None, None, True, Timer(None), 0)
    timer = Timer(row.timer_seconds, row.timer_run_seconds or 0, row.timer_started_at)
    return Room(workspace_id, row.session_date, row.step_key, row.section_key, bool(row.show_join), timer, row.version)


def get_room(engine: Engine, workspace_id: int) -> Room:
    with session_scope(engine) as session:
        return _view(workspace_id, session.scalar(select(RoomState).where(RoomState.workspace_id == workspace_id)))


def _state_for_update(session: Session, workspace_id: int, seen_version: int | None) -> RoomState:
    """The room's row, created on first use and write-locked before it is read (a no-op UPDATE:
    PostgreSQL locks the row, SQLite takes its write lock), so a version check and the change it
    guards are one step. RoomMoved when the version is not the one the remote saw."""
    values = {"workspace_id": workspace_id, "show_join": True, "timer_run_seconds": 0, "version": 0, "updated_at": utcnow()}
    upsert(session, RoomState, values, ["workspace_id"])
    session.execute(update(RoomState).where(RoomState.workspace_id == workspace_id).values(version=RoomState.version))
    row = session.scalar(select(RoomState).where(RoomState.workspace_id == workspace_id))
    assert row is not None
    if seen_version is not None and row.version != seen_version:
        raise RoomMoved(_view(workspace_id, row))
    row.version += 1
    return row


def _check_exercise(step_key: str, section_key: str) -> None:
    section_or_error(step_key, section_key)


# --- Agenda --------------------------------------------------------------------------------------


def agenda(engine: Engine, workspace_id: int, session_date: date) -> list[AgendaEntry]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(AgendaItem)
            .where(AgendaItem.workspace_id == workspace_id, AgendaItem.session_date == session_date)
            .order_by(AgendaItem.position)
        ).all()
        return [AgendaEntry(r.position, r.step_key, r.section_key, r.minutes) for r in rows]


def set_agenda(engine: Engine, workspace_id: int, session_date: date, items: list[tuple[str, str, object]]) -> list[AgendaEntry]:
    """Replace a work session's agenda with exercises in this order, each with planned minutes (optional)."""
    seen: set[tuple[str, str]] = set()
    cleaned = []
    for step_key, section_key, minutes in items:
        _check_exercise(step_key, section_key)
        if (step_key, section_key) in seen:
            raise InputError("agenda_duplicate", field="agenda", section=section_key)
        seen.add((step_key, section_key))
        cleaned.append((step_key, section_key, number_in_range(minutes, "minutes", 1, MAX_AGENDA_MINUTES, optional=True)))
    with unit_of_work(engine, workspace_id) as uow:
        check_process_date(uow.session, workspace_id, session_date, "session_date")
        uow.session.execute(delete(AgendaItem).where(AgendaItem.workspace_id == workspace_id, AgendaItem.session_date == session_date))
        for position, (step_key, section_key, minutes) in enumerate(cleaned, start=1):
            uow.session.add(
                AgendaItem(
                    workspace_id=workspace_id,
                    session_date=session_date,
                    position=position,
                    step_key=step_key,
                    section_key=section_key,
                    minutes=minutes,
                )
            )
        uow.audit("room.agenda", session_date=session_date.isoformat(), items=len(cleaned))
    return agenda(engine, workspace_id, session_date)


def exercise_options() -> list[tuple[str, str]]:
    """Every exercise of the handbook in its order: (step key, section key)."""
    return [(step.key, section.key) for step in get_content().steps for section in step.sections]


# --- Commands from the remote (and the wall's keyboard) ---------------------------------------------


def show_exercise(engine: Engine, workspace_id: int, step_key: str, section_key: str, seen_version: int | None = None) -> Room:
    """Put an exercise on the wall (the timer is reset: a new exercise starts its own time)."""
    _check_exercise(step_key, section_key)
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, seen_version)
        row.step_key, row.section_key = step_key, section_key
        row.timer_seconds, row.timer_run_seconds, row.timer_started_at = None, 0, None
        row.show_join = True
        return _view(workspace_id, row)


def start_work_session(engine: Engine, workspace_id: int, session_date: date) -> Room:
    """Start the work session's agenda: its first exercise on the wall."""
    items = agenda(engine, workspace_id, session_date)
    if not items:
        raise InputError("agenda_empty", field="agenda")
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, None)
        row.session_date = session_date
    first = items[0]
    room = show_exercise(engine, workspace_id, first.step_key, first.section_key)
    return _with_planned_timer(engine, room, first)


def step_agenda(engine: Engine, workspace_id: int, direction: int, seen_version: int) -> Room:
    """Next (+1) or previous (-1) exercise of the session's agenda; at either end the wall stays.

    From an exercise that is not on the agenda, "next" goes to the agenda's first exercise.
    """
    room = get_room(engine, workspace_id)
    if room.version != seen_version:
        raise RoomMoved(room)
    if room.session_date is None:
        raise InputError("agenda_not_started", field="agenda")
    items = agenda(engine, workspace_id, room.session_date)
    if not items:
        raise InputError("agenda_empty", field="agenda")
    keys = [(i.step_key, i.section_key) for i in items]
    here = keys.index(room.exercise) if room.exercise in keys else (-1 if direction > 0 else len(keys))
    target = here + (1 if direction > 0 else -1)
    if not 0 <= target < len(items):
        return room
    chosen = items[target]
    moved = show_exercise(engine, workspace_id, chosen.step_key, chosen.section_key, seen_version)
    return _with_planned_timer(engine, moved, chosen)


def _with_planned_timer(engine: Engine, room: Room, item: AgendaEntry) -> Room:
    """An agenda item with planned minutes gets its timer set (not started)."""
    if item.minutes is None:
        return room
    return set_timer(engine, room.workspace_id, item.minutes, room.version)


def set_show_join(engine: Engine, workspace_id: int, shown: bool) -> Room:
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, None)
        row.show_join = shown
        return _view(workspace_id, row)


def set_timer(engine: Engine, workspace_id: int, minutes: object, seen_version: int | None = None) -> Room:
    """Set the countdown to `minutes` (stopped, nothing run yet)."""
    length = number_in_range(minutes, "minutes", 1, MAX_TIMER_MINUTES)
    assert length is not None
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, seen_version)
        row.timer_seconds, row.timer_run_seconds, row.timer_started_at = length * 60, 0, None
        return _view(workspace_id, row)


def start_timer(engine: Engine, workspace_id: int, now: datetime | None = None) -> Room:
    """Start or resume the countdown (pressing start on a running timer changes nothing)."""
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, None)
        if row.timer_seconds is None:
            raise InputError("timer_not_set", field="minutes")
        if row.timer_started_at is None:
            row.timer_started_at = now or utcnow()
        return _view(workspace_id, row)


def pause_timer(engine: Engine, workspace_id: int, now: datetime | None = None) -> Room:
    """Pause the countdown, keeping the time already run (pausing a paused timer changes nothing)."""
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, None)
        if row.timer_started_at is not None:
            run = int(((now or utcnow()) - row.timer_started_at).total_seconds())
            row.timer_run_seconds = (row.timer_run_seconds or 0) + max(0, run)
            row.timer_started_at = None
        return _view(workspace_id, row)


def clear_timer(engine: Engine, workspace_id: int) -> Room:
    with unit_of_work(engine, workspace_id) as uow:
        row = _state_for_update(uow.session, workspace_id, None)
        row.timer_seconds, row.timer_run_seconds, row.timer_started_at = None, 0, None
        return _view(workspace_id, row)


def format_seconds(seconds: int) -> str:
    """`mm:ss` (or `h:mm:ss` from an hour): how the wall shows the time left."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
