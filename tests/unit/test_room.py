"""The room: agenda, what the wall shows, two remotes pressing at once, and the timer's arithmetic."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest

from sff_core import room
from sff_core.errors import InputError
from sff_core.room import RoomMoved, Timer

DAY = date(2026, 10, 6)
AGENDA = [("step0", "staden", 10), ("step0", "redo", None), ("step1", "modig_miljo", 20)]


def test_the_agenda_keeps_its_order_and_refuses_duplicates_and_unknown_exercises(engine, workspace):
    entries = room.set_agenda(engine, workspace.id, DAY, AGENDA)
    assert [(e.position, e.section_key, e.minutes) for e in entries] == [(1, "staden", 10), (2, "redo", None), (3, "modig_miljo", 20)]
    with pytest.raises(InputError) as caught:
        room.set_agenda(engine, workspace.id, DAY, [*AGENDA, ("step0", "staden", None)])
    assert caught.value.key == "agenda_duplicate"
    with pytest.raises(InputError):
        room.set_agenda(engine, workspace.id, DAY, [("step0", "finns_inte", None)])
    with pytest.raises(InputError) as caught:
        room.set_agenda(engine, workspace.id, DAY, [("step0", "staden", 0)])
    assert caught.value.field == "minutes"
    assert len(room.agenda(engine, workspace.id, DAY)) == 3  # a refused agenda changes nothing
    room.set_agenda(engine, workspace.id, DAY, AGENDA[::-1])
    assert [e.section_key for e in room.agenda(engine, workspace.id, DAY)] == ["modig_miljo", "redo", "staden"]


def test_next_and_previous_follow_the_agenda(engine, workspace):
    room.set_agenda(engine, workspace.id, DAY, AGENDA)
    with pytest.raises(InputError):
        room.step_agenda(engine, workspace.id, +1, room.get_room(engine, workspace.id).version)  # not started
    state = room.start_work_session(engine, workspace.id, DAY)
    assert state.exercise == ("step0", "staden") and state.timer.seconds == 600 and not state.timer.running
    state = room.step_agenda(engine, workspace.id, +1, state.version)
    assert state.exercise == ("step0", "redo") and state.timer.seconds is None
    state = room.step_agenda(engine, workspace.id, +1, state.version)
    assert state.exercise == ("step1", "modig_miljo") and state.timer.seconds == 1200
    assert room.step_agenda(engine, workspace.id, +1, state.version).exercise == ("step1", "modig_miljo")  # the end: stays
    state = room.get_room(engine, workspace.id)
    assert room.step_agenda(engine, workspace.id, -1, state.version).exercise == ("step0", "redo")
    state = room.show_exercise(engine, workspace.id, "step3", "reflektion")
    assert room.step_agenda(engine, workspace.id, +1, state.version).exercise == ("step0", "staden")  # off the agenda: back to its start


def test_a_second_remote_pressing_next_at_the_same_moment_does_not_skip_an_exercise(engine, workspace):
    room.set_agenda(engine, workspace.id, DAY, AGENDA)
    seen = room.start_work_session(engine, workspace.id, DAY).version
    outcomes: list[str] = []

    def press() -> None:
        try:
            room.step_agenda(engine, workspace.id, +1, seen)
            outcomes.append("moved")
        except RoomMoved:
            outcomes.append("already moved")

    threads = [threading.Thread(target=press) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already moved"] * 3 + ["moved"]
    assert room.get_room(engine, workspace.id).exercise == ("step0", "redo")


def test_the_timer_runs_pauses_and_resumes_from_stored_instants(engine, workspace):
    start = datetime(2026, 10, 6, 9, 0, 0)
    with pytest.raises(InputError):
        room.start_timer(engine, workspace.id, now=start)
    room.set_timer(engine, workspace.id, 30)
    state = room.start_timer(engine, workspace.id, now=start)
    assert state.timer.running and state.timer.remaining(start + timedelta(minutes=12, seconds=5)) == 17 * 60 + 55
    assert room.start_timer(engine, workspace.id, now=start + timedelta(minutes=5)).timer.started_at == start  # start again: no change
    paused = room.pause_timer(engine, workspace.id, now=start + timedelta(minutes=10))
    assert not paused.timer.running and paused.timer.remaining(start + timedelta(hours=3)) == 20 * 60  # paused: time stands
    resumed = room.start_timer(engine, workspace.id, now=start + timedelta(hours=1))
    assert resumed.timer.remaining(start + timedelta(hours=1, minutes=25)) == 0  # ran out: never negative
    assert room.clear_timer(engine, workspace.id).timer.remaining(start) is None
    with pytest.raises(InputError):
        room.set_timer(engine, workspace.id, "abc")


def test_timer_arithmetic_and_format():
    now = datetime(2026, 10, 6, 9, 0, 0)
    assert Timer(None).remaining(now) is None
    assert Timer(600, 120, None).remaining(now) == 480
    assert Timer(600, 120, now - timedelta(seconds=30)).remaining(now) == 450
    assert [room.format_seconds(s) for s in (0, 59, 600, 3725)] == ["00:00", "00:59", "10:00", "1:02:05"]


def test_the_join_code_can_be_taken_off_the_wall_and_a_new_exercise_shows_it_again(engine, workspace):
    assert room.get_room(engine, workspace.id).show_join  # a room nobody touched yet
    assert not room.set_show_join(engine, workspace.id, False).show_join
    assert room.show_exercise(engine, workspace.id, "step0", "redo").show_join
