"""Exercises with several screens on the wall, and which one the wall shows.

Step 6's common starting point is a presenter view, one topic per screen; its SWOT is shown per small
group in turn and then merged for the whole room. "Next" on the remote (or a presenter clicker on the
wall) first walks the exercise's screens and only then moves along the agenda; "previous" walks back
and enters the previous exercise at its last screen. A screen change is guarded by the room's version
like every other room command, so two remotes pressing "next" at once move the wall one screen.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from sff_core import room
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.room import Room, RoomMoved
from sff_core.store.db import session_scope
from sff_core.store.models import ExerciseScreen, utcnow


def screen_count(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> int:
    """How many screens the exercise has on the wall now: the length of `wall_screens.exercise_screens`
    (1 for an exercise without a `screens` hook: its whole model is one screen)."""
    from sff_core.outputs.wall_screens import screens_now

    section = get_content().section(step_key, section_key)
    if section is None:
        return 1
    return len(screens_now(engine, workspace_id, section))


def _row(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> ExerciseScreen | None:
    with session_scope(engine) as session:
        row = session.scalar(
            select(ExerciseScreen).where(
                ExerciseScreen.workspace_id == workspace_id, ExerciseScreen.step_key == step_key, ExerciseScreen.section_key == section_key
            )
        )
        if row is not None:
            session.expunge(row)
        return row


def stored_position(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> int:
    """The screen as stored, not clamped (a caller that already knows the screens clamps it itself)."""
    row = _row(engine, workspace_id, step_key, section_key)
    return max(0, row.position) if row is not None else 0


def position(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> int:
    """The screen shown now (0-based), within the exercise's current number of screens."""
    row = _row(engine, workspace_id, step_key, section_key)
    stored = row.position if row is not None else 0
    return min(max(0, stored), screen_count(engine, workspace_id, step_key, section_key) - 1)


def _write(session: object, workspace_id: int, step_key: str, section_key: str, **values: object) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    row = session.scalar(
        select(ExerciseScreen).where(
            ExerciseScreen.workspace_id == workspace_id, ExerciseScreen.step_key == step_key, ExerciseScreen.section_key == section_key
        )
    )
    if row is None:
        row = ExerciseScreen(workspace_id=workspace_id, step_key=step_key, section_key=section_key, position=0)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = utcnow()


def show_screen(engine: Engine, workspace_id: int, step_key: str, section_key: str, index: int, seen_version: int | None = None) -> int:
    """Put screen `index` of the exercise on the wall (clamped to its screens); returns the screen shown."""
    if not isinstance(index, int):
        raise InputError("not_allowed", field="screen", field_label="screen", value=str(index)[:20])
    target = min(max(0, index), screen_count(engine, workspace_id, step_key, section_key) - 1)
    with session_scope(engine) as session:
        room._state_for_update(session, workspace_id, seen_version)  # the room's version guards the move
        _write(session, workspace_id, step_key, section_key, position=target)
    return target


def set_setting(engine: Engine, workspace_id: int, step_key: str, section_key: str, **values: object) -> None:
    """Store an exercise's screen setting (e.g. the SWOT's number of small groups)."""
    with session_scope(engine) as session:
        _write(session, workspace_id, step_key, section_key, **values)


def setting(engine: Engine, workspace_id: int, step_key: str, section_key: str, name: str) -> object:
    row = _row(engine, workspace_id, step_key, section_key)
    return getattr(row, name) if row is not None else None


def step(engine: Engine, workspace_id: int, direction: int, seen_version: int) -> Room:
    """Next (+1) or previous (-1): within the wall's exercise's screens first, then along the agenda.

    Entering an exercise with screens going forward starts at its first screen, going back at its last.
    """
    current = room.get_room(engine, workspace_id)
    if current.version != seen_version:
        raise RoomMoved(current)
    if current.exercise is not None:
        step_key, section_key = current.exercise
        count = screen_count(engine, workspace_id, step_key, section_key)
        here = position(engine, workspace_id, step_key, section_key)
        target = here + (1 if direction > 0 else -1)
        if count > 1 and 0 <= target < count:
            show_screen(engine, workspace_id, step_key, section_key, target, seen_version)
            return room.get_room(engine, workspace_id)
    moved = room.step_agenda(engine, workspace_id, direction, seen_version)
    if moved.exercise is not None and moved.exercise != current.exercise:
        step_key, section_key = moved.exercise
        count = screen_count(engine, workspace_id, step_key, section_key)
        if count > 1:
            with session_scope(engine) as session:
                _write(session, workspace_id, step_key, section_key, position=0 if direction > 0 else count - 1)
    return moved
