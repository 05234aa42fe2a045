"""Step 6's SWOT on screen: the small groups, post-its for a group, the facilitator's sorting, the phone.

The wall's screens (each group, the whole room, the ranking) are the exercise's results model cut by
its `screens` hook (sff_core/exercises/swot.py); the wall, the laptop and the remote take them from there.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import swot
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.live import ActivityInfo
from sff_core.notes import Exercise, board, new_submission_key, remove_note, set_cluster, set_marked
from sff_core.ui.context import Context, engine, language, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import show_error
from sff_core.ui.text import plain
from sff_core.ui.wall_screens import controls_for


@edit_form("swot-groups")
def swot_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The laptop: the number of small groups, post-its for a group, and the facilitator's sorting."""
    edit = RecordEdit("swot-groups", ["swot-group-count"], {"small_groups": swot.small_groups(ctx.engine, ctx.workspace.id)})
    with st.form("swot-groups", border=False, enter_to_submit=False):
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        count = edit.loaded["small_groups"]
        wanted = left.number_input(tr("field.small_groups"), 1, len(swot.all_group_keys()), count, key="swot-group-count")
        submitted = right.form_submit_button(tr("swot.set_groups"))
    edit.save(
        submitted,
        {"small_groups": tr("field.small_groups")},
        lambda before: swot.set_small_groups(ctx.engine, ctx.workspace.id, wanted, loaded=before["small_groups"]),
        tr("swot.groups_set"),
    )
    exercise = Exercise(ctx.workspace.id, step.key, section.key, session_date)
    group = _pick_group(ctx.engine, ctx.workspace.id, f"swot-laptop-group-{session_date.isoformat()}")
    if group is not None:
        swot_boards(exercise, section, "group", group, f"swot-laptop-{session_date.isoformat()}")
    swot_sort_panel(exercise, section)


def _pick_group(eng: object, workspace_id: int, key: str) -> str | None:
    groups = swot.group_keys(swot.small_groups(eng, workspace_id))  # type: ignore[arg-type]
    labels = swot.group_labels(language())
    return st.segmented_control(tr("swot.pick_group"), groups, format_func=lambda g: labels.get(g, g), key=key)


def swot_boards(exercise: Exercise, section: Section, respondent: str, group: str, prefix: str) -> None:
    """The four quadrants: the person's own post-its (with remove) and a field for the next one."""
    from sff_core.notes import my_notes

    st.caption(tr("answer.personal_data_warning"))
    mine = [n for n in my_notes(engine(), exercise, respondent) if n.topic == group]
    for prompt in section.prompts:
        with st.container(border=True):
            for note in [n for n in mine if n.prompt_key == prompt.key]:
                line, remove = st.columns([6, 1], vertical_alignment="center")
                line.text(note.text)
                if remove.button("✕", key=f"{prefix}-remove-{note.id}", help=tr("notes.remove")):
                    remove_note(engine(), exercise.workspace_id, note.id, respondent=respondent)
                    st.rerun()
            _add_form(exercise, prompt.key, text(prompt.text, language()), respondent, group, prefix)


@adds_records
def _add_form(exercise: Exercise, quadrant: str, label: str, respondent: str, group: str, prefix: str) -> None:
    input_key, token_key = f"{prefix}-{quadrant}-text", f"{prefix}-{quadrant}-submission"
    if st.session_state.pop(f"clear::{input_key}", False):
        st.session_state[input_key] = ""
    st.session_state.setdefault(token_key, new_submission_key())
    with st.form(f"{prefix}-{quadrant}-add", border=False):
        typed = st.text_input(label, key=input_key, max_chars=300, placeholder=tr("notes.placeholder"))
        added = st.form_submit_button(tr("notes.add"), icon=":material/add:")
    if not added:
        return
    try:
        swot.add_swot_note(engine(), exercise, quadrant, respondent, typed, st.session_state[token_key], group)
    except InputError as error:
        show_error(error)  # the text stays in the field
        return
    st.session_state[token_key] = new_submission_key()
    st.session_state[f"clear::{input_key}"] = True
    st.rerun()


@adds_records
def swot_sort_panel(exercise: Exercise, section: Section) -> None:
    """Merge duplicates across the small groups, group them on the wall, mark what goes forward."""
    from sff_core.ui.notes_board import note_label

    notes_now = board(engine(), exercise)
    if not notes_now:
        return
    labels = swot.group_labels(language())
    prefix = f"swotsort-{exercise.session_date.isoformat()}"
    if st.session_state.pop(f"{prefix}-clear", False):
        for key in [k for k in st.session_state if str(k).startswith(f"{prefix}-pick-")]:
            del st.session_state[key]
    with st.expander(tr("swot.sort_title")):
        chosen: list[int] = []
        for prompt in section.prompts:
            on_board = [n for n in notes_now if n.prompt_key == prompt.key]
            if on_board:
                st.markdown(f"**{text(prompt.text, language())}**")
            for note in on_board:
                where = labels.get(note.topic or "", "")
                if st.checkbox(
                    plain(f"{note_label(note)}  ({where}{', ' + note.cluster if note.cluster else ''})"), key=f"{prefix}-pick-{note.id}"
                ):
                    chosen.append(note.id)
        merge, mark, unmark = st.columns(3)
        ws = exercise.workspace_id
        if merge.button(tr("swot.merge_room"), key=f"{prefix}-merge", width="stretch"):
            _run(lambda: swot.merge_for_room(engine(), ws, chosen[0], chosen[1:]), chosen, prefix)
        if mark.button(tr("notes.mark"), key=f"{prefix}-mark", width="stretch"):
            _run(lambda: set_marked(engine(), ws, chosen, True), chosen, prefix)
        if unmark.button(tr("notes.unmark"), key=f"{prefix}-unmark", width="stretch"):
            _run(lambda: set_marked(engine(), ws, chosen, False), chosen, prefix)
        with st.form(f"{prefix}-cluster", border=False, enter_to_submit=False):
            name = st.text_input(tr("notes.cluster_name"), key=f"{prefix}-cluster-name", max_chars=80)
            grouped = st.form_submit_button(tr("notes.cluster"))
        if grouped:
            _run(lambda: set_cluster(engine(), ws, chosen, name), chosen, prefix)


def _run(action: object, chosen: list[int], prefix: str) -> None:
    if not chosen:
        st.warning(tr("notes.choose_first"))
        return
    try:
        action()  # type: ignore[operator]
    except InputError as error:
        show_error(error)
        return
    st.session_state[f"{prefix}-clear"] = True
    st.rerun()


GROUP_PARAM = "grupp"


def swot_phone(activity: ActivityInfo, section: Section, respondent: str) -> None:
    """The phone: pick the small group (kept in the URL, so a reconnect keeps it), then the four quadrants.
    With dot voting open: the dots (sff_core.ui.notes_board.vote_list)."""
    from sff_core.ui.notes_board import vote_list

    exercise = Exercise(activity.workspace_id, activity.step_key, activity.section_key, activity.session_date, activity_id=activity.id)
    if activity.votes_per_person:
        vote_list(activity.id, exercise, section, respondent, activity.votes_per_person)
        return
    labels = swot.group_labels(language())
    in_use = swot.group_keys(swot.small_groups(engine(), activity.workspace_id))
    group = st.query_params.get(GROUP_PARAM)
    if group not in in_use:
        if group:
            show_error(InputError("swot_unknown_group", field="group", value=group[:40], n=len(in_use)))
        picked = st.segmented_control(tr("swot.pick_group"), in_use, format_func=lambda g: labels.get(g, g), key="swot-phone-group")
        if picked:
            st.query_params[GROUP_PARAM] = picked
            st.rerun()
        return
    head, change = st.columns([3, 1], vertical_alignment="center")
    head.markdown(f"**{tr('swot.your_group', group=labels.get(group, group))}**")
    if change.button(tr("swot.change_group"), key="swot-change-group"):
        st.query_params.pop(GROUP_PARAM, None)
        st.rerun()
    if section.intro:
        with st.expander(tr("step.instructions")):
            st.markdown(text(section.intro, language()))
    swot_boards(exercise, section, respondent, group, "phone")


REMOTE_FOLLOW_SECONDS = 3.0


def remote_panel(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """On the remote: the SWOT's screens (previous / next / pick) and its sorting tools, which follow the
    phones' new post-its by themselves."""
    controls_for(ctx, step, section, session_date)
    exercise = Exercise(ctx.workspace.id, step.key, section.key, session_date)
    drawn = tuple((n.id, n.votes, n.weight) for n in board(ctx.engine, exercise))
    swot_sort_panel(exercise, section)

    @st.fragment(run_every=REMOTE_FOLLOW_SECONDS)
    def follow() -> None:
        if tuple((n.id, n.votes, n.weight) for n in board(engine(), exercise)) != drawn:
            st.rerun(scope="app")

    follow()


# The step page, projector mode and the wall draw the model generically (a screen at a time on the wall).
UI = ExerciseUI("swot", form=swot_form, phone=swot_phone, remote_panel=remote_panel)
