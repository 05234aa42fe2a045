"""The room: the wall (`/vagg`, only the exercise and its results) and the remote (`/fjarrkontroll`).

The facilitator drives the wall from a laptop or phone – agenda, next/previous, the live activity,
the join code, the timer – and reads the guide and the instructions there, never on the wall. The
wall refreshes itself every second from the room's state, so it needs no one at its keyboard; a
presenter clicker (Page Down / Page Up) or the keyboard drives it too.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import room
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.live import ActivityInfo, join_url, live_count, open_activity_for, qr_png, set_results_visible
from sff_core.notes import Exercise
from sff_core.registry import type_of
from sff_core.room import Room, RoomMoved
from sff_core.store.models import utcnow
from sff_core.ui.context import Context, still_unlocked, tr
from sff_core.ui.exercises import exercise_ui
from sff_core.ui.layout import labelled, plain_markdown, show_error
from sff_core.ui.live import base_url, facilitator_controls, join_line, short_address, spaced_code
from sff_core.ui.notes_board import SORT_REFRESH_SECONDS, sort_notes
from sff_core.ui.step_page import exercise_results, render_guide, session_date_picker
from sff_core.ui.workspaces_page import require_context

WALL_PATH, REMOTE_PATH = "vagg", "fjarrkontroll"
WALL_REFRESH_SECONDS = 1.0
REMOTE_REFRESH_SECONDS = 2.0
SEEN_VERSION_KEY = "room-seen-version"
KEY_COMMANDS = ("next", "prev", "reveal", "timer", "join")

# Our own static script: keys on the wall (or the remote) press the hidden command buttons.
# A presenter clicker sends Page Down / Page Up; typing in a field is never taken as a command.
KEYBOARD_SCRIPT = """
<script>
(function () {
  const doc = window.parent ? window.parent.document : document;
  if (doc.__sffRoomKeys) { return; }
  doc.__sffRoomKeys = true;
  const commands = {ArrowRight: "next", PageDown: "next", n: "next", ArrowLeft: "prev", PageUp: "prev", p: "prev",
                    r: "reveal", t: "timer", q: "join"};
  doc.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) { return; }
    const command = commands[event.key] || commands[event.key.toLowerCase()];
    if (!command) { return; }
    const button = doc.querySelector(".st-key-roomkey-" + command + " button");
    if (button) { event.preventDefault(); button.click(); }
  });
})();
</script>
"""
HIDDEN_KEYS_CSS = "<style>.st-key-roomkeys { display: none; }</style>"


def _exercise(current: Room) -> tuple[Step, Section] | None:
    if current.exercise is None:
        return None
    step_key, section_key = current.exercise
    content = get_content()
    section = content.section(step_key, section_key)
    return (content.step(step_key), section) if section is not None else None


def _session_date(current: Room) -> date:
    return current.session_date or date.today()


def exercise_title(ctx: Context, step: Step, section: Section) -> str:
    return f"{tr('nav.step', n=step.number)} · {text(section.title, ctx.lang)}"


# --- Commands (the remote's buttons and the keyboard's hidden ones) ---------------------------------


def _command(ctx: Context, name: str, seen: int | None) -> None:
    """Run one room command as this screen last showed the room (`seen`, its version); a room that
    moved meanwhile (another remote, the wall's keys) is only reported, never moved a second time."""
    current = room.get_room(ctx.engine, ctx.workspace.id)
    try:
        if name in ("next", "prev"):
            from sff_core import screens  # an exercise with screens (step 6) walks them before the agenda moves

            screens.step(ctx.engine, ctx.workspace.id, +1 if name == "next" else -1, seen if seen is not None else current.version)
        elif name == "timer":
            if current.timer.running:
                room.pause_timer(ctx.engine, ctx.workspace.id)
            else:
                room.start_timer(ctx.engine, ctx.workspace.id)
        elif name == "join":
            room.set_show_join(ctx.engine, ctx.workspace.id, not current.show_join)
        elif name == "reveal":
            activity = _activity(ctx, current)
            if activity is not None:
                set_results_visible(ctx.engine, ctx.workspace.id, activity.id, not activity.results_visible)
    except RoomMoved as moved:
        st.session_state[SEEN_VERSION_KEY] = moved.room.version
        st.toast(tr("room.moved"))
    except InputError as error:
        st.toast(plain_markdown(error.message(ctx.lang)))  # a message may quote what was typed


def seen_version() -> int | None:
    """The room's version as this screen last showed it (read before anything is drawn in this run)."""
    return st.session_state.get(SEEN_VERSION_KEY)


def keyboard(ctx: Context, seen: int | None) -> None:
    """The hidden command buttons the keys press, and the script that listens for the keys."""
    st.html(HIDDEN_KEYS_CSS)
    with st.container(key="roomkeys"):
        for name in KEY_COMMANDS:
            if st.button(name, key=f"roomkey-{name}"):
                _command(ctx, name, seen)
    st.html(KEYBOARD_SCRIPT, unsafe_allow_javascript=True)


def _activity(ctx: Context, current: Room) -> ActivityInfo | None:
    found = _exercise(current)
    if found is None:
        return None
    step, section = found
    return open_activity_for(ctx.engine, ctx.workspace.id, step.key, section.key)


# --- The wall --------------------------------------------------------------------------------------


def wall_page() -> None:
    """What the room sees: the exercise, its timer and join code, its results. No controls."""
    ctx = require_context()
    keyboard(ctx, seen_version())

    @st.fragment(run_every=WALL_REFRESH_SECONDS)
    def wall() -> None:
        still_unlocked()  # locked in another tab: the whole page runs again and asks
        ctx.memo.clear()
        current = room.get_room(ctx.engine, ctx.workspace.id)
        st.session_state[SEEN_VERSION_KEY] = current.version
        found = _exercise(current)
        if found is None:
            _waiting(ctx, current)
            return
        step, section = found
        head, clock = st.columns([4, 1], vertical_alignment="center")
        head.markdown(f"### {plain_markdown(exercise_title(ctx, step, section))}")
        _timer(clock, current)
        _wall_body(ctx, current, step, section)

    wall()


def _timer(column: object, current: Room) -> None:
    remaining = current.timer.remaining(utcnow())
    if remaining is None:
        return
    shown = room.format_seconds(remaining)
    paused = f" · {tr('room.timer_paused')}"
    label = tr("room.time_up") if remaining == 0 else tr("room.timer") + ("" if current.timer.running else paused)
    column.metric(label, shown)  # type: ignore[attr-defined]


def _waiting(ctx: Context, current: Room) -> None:
    """Before the first exercise: the city and today's agenda."""
    st.markdown(f"## {plain_markdown(tr('room.welcome', city=ctx.workspace.city))}")
    items = room.agenda(ctx.engine, ctx.workspace.id, _session_date(current))
    if items:
        st.markdown(f"**{tr('room.agenda_today')}**")
        st.markdown("\n".join(f"{i.position}. {_agenda_label(ctx, i)}" for i in items))


def _agenda_label(ctx: Context, item: room.AgendaEntry) -> str:
    section = get_content().section(item.step_key, item.section_key)
    step = get_content().step(item.step_key)
    title = text(section.title, ctx.lang) if section else item.section_key
    minutes = f" ({tr('room.minutes_n', n=item.minutes)})" if item.minutes else ""
    return f"{tr('nav.step', n=step.number)} · {title}{minutes}"


def _wall_body(ctx: Context, current: Room, step: Step, section: Section) -> None:
    activity = open_activity_for(ctx.engine, ctx.workspace.id, step.key, section.key)
    session_date = activity.session_date if activity else _session_date(current)
    results = exercise_results  # the same drawing as the step page and its projector mode
    if activity is None:  # not live (or closed): the exercise's results; no code on the wall
        results(ctx, step, section, session_date)
        return
    count = live_count(ctx.engine, activity)
    counted = f"**{tr('live.answers')}: {tr('live.count', answered=count.answered, joined=count.joined)}**"
    if activity.votes_per_person:
        counted += f" · {tr('notes.voting_open', votes=activity.votes_per_person)}"
    if activity.results_visible:  # revealed: the results take the whole wall, one line for latecomers
        if current.show_join:
            join_line(activity)
        st.markdown(counted)
        if count.answered:
            results(ctx, step, section, session_date)
        return
    if not current.show_join:
        st.markdown(counted)
        st.caption(tr("live.hidden"))
        return
    qr_column, text_column = st.columns([2, 3], vertical_alignment="center")
    qr_column.image(qr_png(join_url(base_url(), activity.code), scale=8), width=320)
    with text_column:  # the short address and the code, large enough for the back of the room
        st.markdown(f"{tr('live.go_to')}  \n### {plain_markdown(short_address(base_url()))}")
        st.markdown(f"{tr('live.type_code')}  \n## {spaced_code(activity.code)}")
        st.markdown(counted)
        st.caption(tr("live.hidden"))


# --- The remote ------------------------------------------------------------------------------------


def remote_page() -> None:
    """The facilitator's remote: agenda, next/previous, the live activity, code, timer, presenter notes."""
    ctx = require_context()
    st.title(tr("room.remote_title"))
    st.link_button(tr("room.open_wall"), f"{base_url()}/{WALL_PATH}?projector=1", icon=":material/cast:")
    st.caption(tr("room.keys_help"))
    seen = seen_version()
    keyboard(ctx, seen)
    session_date = session_date_picker(ctx)
    agenda_editor(ctx, session_date)
    current = room.get_room(ctx.engine, ctx.workspace.id)
    st.session_state[SEEN_VERSION_KEY] = current.version
    _agenda_controls(ctx, current, session_date, current.version if seen is None else seen)
    found = _exercise(current)
    if found is None:
        return
    step, section = found
    st.subheader(exercise_title(ctx, step, section))
    _status(ctx)
    _timer_controls(ctx, current)
    shown = st.toggle(tr("room.show_join"), value=current.show_join, key=f"room-join-{current.version}")
    if shown != current.show_join:
        _act(lambda: room.set_show_join(ctx.engine, ctx.workspace.id, shown))
    live_date = current.session_date or session_date
    if type_of(section).can_run_live(section):
        facilitator_controls(ctx, step, section, live_date)
    panel = exercise_ui(section.exercise_key).remote_panel
    if panel is not None:  # the exercise's own controls (step 6: its screens, and the SWOT's sorting across small groups)
        panel(ctx, step, section, live_date)
    elif section.shape == "postits":
        sort_notes(Exercise(ctx.workspace.id, step.key, section.key, live_date), section, refresh=SORT_REFRESH_SECONDS)
    presenter_notes(ctx, step, section)


def _agenda_controls(ctx: Context, current: Room, session_date: date, seen: int) -> None:
    start, prev, nxt, other = st.columns([3, 2, 2, 4], vertical_alignment="bottom")
    if start.button(tr("room.start"), key="room-start", type="primary" if current.exercise is None else "secondary"):
        _act(lambda: room.start_work_session(ctx.engine, ctx.workspace.id, session_date))
    if prev.button(tr("room.prev"), key="room-prev", icon=":material/arrow_back:", width="stretch"):
        _command(ctx, "prev", seen)
        st.rerun()
    if nxt.button(tr("room.next"), key="room-next", icon=":material/arrow_forward:", width="stretch", type="primary"):
        _command(ctx, "next", seen)
        st.rerun()
    options = room.exercise_options()
    titles = {f"{s}|{k}": _exercise_label(ctx, s, k) for s, k in options}
    here = f"{current.step_key}|{current.section_key}" if current.exercise else None
    chosen = other.selectbox(
        tr("room.show_other"),
        list(titles),
        index=list(titles).index(here) if here in titles else None,
        format_func=labelled(titles),
        key=f"room-other-{current.version}",
        placeholder=tr("app.choose"),
    )
    if chosen and chosen != here:
        step_key, section_key = chosen.split("|")
        _act(lambda: room.show_exercise(ctx.engine, ctx.workspace.id, step_key, section_key, current.version))


def _exercise_label(ctx: Context, step_key: str, section_key: str) -> str:
    step = get_content().step(step_key)
    section = step.section(section_key)
    return f"{tr('nav.step', n=step.number)} · {text(section.title, ctx.lang) if section else section_key}"


def _act(action: object) -> None:
    try:
        action()  # type: ignore[operator]
    except RoomMoved:
        st.toast(tr("room.moved"))
    except InputError as error:
        show_error(error)
        return
    st.rerun()


def agenda_editor(ctx: Context, session_date: date) -> None:
    """Today's agenda: exercises in the order chosen, each with planned minutes (the timer's default)."""
    items = room.agenda(ctx.engine, ctx.workspace.id, session_date)
    options = [f"{s}|{k}" for s, k in room.exercise_options()]
    titles = {key: _exercise_label(ctx, *key.split("|")) for key in options}
    prefix = f"agenda-{session_date.isoformat()}"
    with st.expander(tr("room.agenda_title", date=session_date.isoformat(), n=len(items)), expanded=not items):
        chosen = st.multiselect(
            tr("room.agenda_pick"),
            options,
            default=[f"{i.step_key}|{i.section_key}" for i in items],
            format_func=labelled(titles),
            key=f"{prefix}-pick",
            placeholder=tr("app.choose"),
        )
        planned = {f"{i.step_key}|{i.section_key}": i.minutes for i in items}
        minutes = {
            key: st.number_input(
                tr("room.minutes_for", title=titles[key]),
                min_value=0,
                max_value=room.MAX_AGENDA_MINUTES,
                value=planned.get(key) or 0,
                step=5,
                key=f"{prefix}-min-{key}",
            )
            for key in chosen
        }
        if st.button(tr("room.agenda_save"), key=f"{prefix}-save", type="primary"):
            entries: list[tuple[str, str, object]] = []
            for key in chosen:
                step_key, section_key = key.split("|")
                entries.append((step_key, section_key, minutes.get(key) or None))
            _act(lambda: room.set_agenda(ctx.engine, ctx.workspace.id, session_date, entries))


def _status(ctx: Context) -> None:
    """What the wall shows now, refreshed: answers so far and the time left."""

    @st.fragment(run_every=REMOTE_REFRESH_SECONDS)
    def status() -> None:
        still_unlocked()
        current = room.get_room(ctx.engine, ctx.workspace.id)
        activity = _activity(ctx, current)
        parts = []
        if activity is not None:
            count = live_count(ctx.engine, activity)
            parts.append(f"{tr('live.answers')}: {tr('live.count', answered=count.answered, joined=count.joined)}")
            parts.append(tr("room.revealed") if activity.results_visible else tr("room.hidden"))
        remaining = current.timer.remaining(utcnow())
        if remaining is not None:
            parts.append(
                f"{tr('room.timer')}: {room.format_seconds(remaining)}" + ("" if current.timer.running else f" ({tr('room.timer_paused')})")
            )
        st.caption(" · ".join(parts) or tr("room.not_live"))

    status()


def _timer_controls(ctx: Context, current: Room) -> None:
    minutes_column, set_column, run_column, clear_column = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    default = (current.timer.seconds or 0) // 60 or 10
    minutes = minutes_column.number_input(
        tr("room.timer_minutes"), 1, room.MAX_TIMER_MINUTES, default, key=f"room-minutes-{current.version}"
    )
    if set_column.button(tr("room.timer_set"), key="room-timer-set", width="stretch"):
        _act(lambda: room.set_timer(ctx.engine, ctx.workspace.id, minutes))
    running = current.timer.running
    if run_column.button(
        tr("room.timer_pause") if running else tr("room.timer_start"),
        key="room-timer-run",
        width="stretch",
        disabled=current.timer.seconds is None,
    ):
        _command(ctx, "timer", None)
        st.rerun()
    if clear_column.button(tr("room.timer_clear"), key="room-timer-clear", width="stretch", disabled=current.timer.seconds is None):
        _act(lambda: room.clear_timer(ctx.engine, ctx.workspace.id))


def presenter_notes(ctx: Context, step: Step, section: Section) -> None:
    """The step's guide and the exercise's instructions: for the facilitator only, never on the wall."""
    with st.expander(tr("room.presenter_notes"), expanded=True):
        if section.intro:
            st.markdown(text(section.intro, ctx.lang))
        if section.prompts and type_of(section).lists_prompts:
            st.markdown("\n".join(f"- {text(p.text, ctx.lang)}" for p in section.prompts))
    with st.expander(tr("step.guide")):
        render_guide(ctx, step)
