"""Post-it boards on a screen: add notes (laptop or phone), sort them (facilitator), dot voting (phone).

The same widgets serve every post-it exercise (step 1's boards, step 2's target groups, step 6's
SWOT); the domain rules live in `sff_core.notes`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from sff_core.content import Prompt, Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.notes import (
    Exercise,
    NoteInfo,
    add_note,
    board,
    merge_notes,
    my_notes,
    my_votes,
    new_submission_key,
    remove_note,
    set_cluster,
    set_marked,
    toggle_vote,
    unmerge_note,
)
from sff_core.ui.context import Context, engine, language, tr
from sff_core.ui.layout import plain_markdown, show_error
from sff_core.ui.sections import pick_respondent

ERROR_KEY = "notes-error"


def note_label(note: NoteInfo) -> str:
    weight = f" ×{note.weight}" if note.weight > 1 else ""
    votes = f" ● {note.votes}" if note.votes else ""
    return ("★ " if note.marked else "") + note.text + weight + votes


def add_note_form(exercise: Exercise, prompt: Prompt, respondent: str, prefix: str) -> None:
    """One line, Enter or the button adds it as a note; the field empties only when it was stored."""
    input_key, token_key = f"{prefix}-{prompt.key}-text", f"{prefix}-{prompt.key}-submission"
    if st.session_state.pop(f"clear::{input_key}", False):
        st.session_state[input_key] = ""
    st.session_state.setdefault(token_key, new_submission_key())
    with st.form(f"{prefix}-{prompt.key}-add", border=False):
        typed = st.text_input(text(prompt.text, language()), key=input_key, max_chars=300, placeholder=tr("notes.placeholder"))
        added = st.form_submit_button(tr("notes.add"), icon=":material/add:")
    if not added:
        return
    if not typed.strip():
        st.warning(tr("notes.empty"))
        return
    try:
        add_note(engine(), exercise, prompt.key, respondent, typed, st.session_state[token_key])
    except InputError as error:
        show_error(error)  # the text stays in the field
        return
    st.session_state[token_key] = new_submission_key()
    st.session_state[f"clear::{input_key}"] = True
    st.rerun()


def own_notes_list(exercise: Exercise, prompt: Prompt, respondent: str, prefix: str) -> None:
    """The person's own notes on this board, each with a remove button."""
    for note in [n for n in my_notes(engine(), exercise, respondent) if n.prompt_key == prompt.key]:
        line, remove = st.columns([6, 1], vertical_alignment="center")
        line.text(note.text)
        if remove.button("✕", key=f"{prefix}-remove-{note.id}", help=tr("notes.remove")):
            try:
                remove_note(engine(), exercise.workspace_id, note.id, respondent=respondent)
            except InputError as error:
                show_error(error)
            else:
                st.rerun()


def note_boards(exercise: Exercise, section: Section, respondent: str, prefix: str) -> None:
    """Every board of the exercise: the person's notes and a field for the next one."""
    st.caption(tr("answer.personal_data_warning"))
    for prompt in section.prompts:
        with st.container(border=True):
            own_notes_list(exercise, prompt, respondent, prefix)
            add_note_form(exercise, prompt, respondent, prefix)


def postits_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The laptop: notes for the group or a member, then the facilitator's sorting tools."""
    respondent = pick_respondent(ctx, step, section, ctx.members())
    if respondent is None:
        return
    exercise = Exercise(ctx.workspace.id, step.key, section.key, session_date)
    note_boards(exercise, section, respondent, f"notes-{step.key}-{section.key}-{respondent}-{session_date.isoformat()}")
    sort_notes(exercise, section)


SORT_REFRESH_SECONDS = 3.0


def sort_notes(exercise: Exercise, section: Section, refresh: float | None = None) -> None:
    """The facilitator's tools: merge duplicates, put notes in groups, mark what goes forward.

    With `refresh` (the remote, while phones add notes) the list follows the boards by itself.
    """

    drawn = _signature(exercise)
    _sort_panel(exercise, section)
    if refresh is None:
        return

    @st.fragment(run_every=refresh)
    def follow() -> None:  # redraw only when the boards changed, so an open list is not closed for nothing
        if _signature(exercise) != drawn:
            st.rerun(scope="app")

    follow()


def _signature(exercise: Exercise) -> tuple[tuple[int, int, int], ...]:
    return tuple((n.id, n.votes, n.weight) for n in board(engine(), exercise))


def _sort_panel(exercise: Exercise, section: Section) -> None:
    notes = board(engine(), exercise)
    if not notes:
        st.caption(tr("notes.none_yet"))
        return
    titles = {p.key: text(p.text, language()) for p in section.prompts}
    prefix = f"sort-{exercise.step_key}-{exercise.section_key}-{exercise.session_date.isoformat()}"
    if st.session_state.pop(f"{prefix}-clear", False):  # after an action: nothing ticked any more
        for key in [k for k in st.session_state if str(k).startswith(f"{prefix}-pick-")]:
            del st.session_state[key]
    with st.expander(tr("notes.sort_title"), expanded=False):
        st.caption(tr("notes.sort_help"))
        chosen: list[int] = []
        for prompt_key, title in titles.items():
            on_board = [n for n in notes if n.prompt_key == prompt_key]
            if on_board:
                st.markdown(f"**{plain_markdown(title)}**")
            for note in on_board:
                cluster = f"  ({note.cluster})" if note.cluster else ""
                if st.checkbox(note_label(note) + cluster, key=f"{prefix}-pick-{note.id}"):
                    chosen.append(note.id)
        merge, mark, unmark, split, drop = st.columns(5)
        workspace_id = exercise.workspace_id
        if merge.button(tr("notes.merge"), key=f"{prefix}-merge", width="stretch"):
            _run(lambda: merge_notes(engine(), workspace_id, chosen[0], chosen[1:]), chosen, prefix)
        if mark.button(tr("notes.mark"), key=f"{prefix}-mark", width="stretch"):
            _run(lambda: set_marked(engine(), workspace_id, chosen, True), chosen, prefix)
        if unmark.button(tr("notes.unmark"), key=f"{prefix}-unmark", width="stretch"):
            _run(lambda: set_marked(engine(), workspace_id, chosen, False), chosen, prefix)
        if split.button(tr("notes.unmerge"), key=f"{prefix}-split", width="stretch"):
            _run(lambda: _each(unmerge_note, workspace_id, chosen), chosen, prefix)
        if drop.button(tr("notes.remove"), key=f"{prefix}-drop", width="stretch"):
            _run(lambda: _each(remove_note, workspace_id, chosen), chosen, prefix)
        with st.form(f"{prefix}-cluster", border=False, enter_to_submit=False):
            name = st.text_input(tr("notes.cluster_name"), key=f"{prefix}-cluster-name", max_chars=80, help=tr("notes.cluster_help"))
            grouped = st.form_submit_button(tr("notes.cluster"))
        if grouped:
            _run(lambda: set_cluster(engine(), exercise.workspace_id, chosen, name), chosen, prefix)


def _each(action: Callable[..., None], workspace_id: int, note_ids: list[int]) -> None:
    for note_id in note_ids:
        action(engine(), workspace_id, note_id)


def _run(action: Callable[[], object], chosen: list[int], prefix: str) -> None:
    if not chosen:
        st.warning(tr("notes.choose_first"))
        return
    try:
        action()
    except InputError as error:
        show_error(error)
        return
    st.session_state[f"{prefix}-clear"] = True
    st.rerun()


# --- Dot voting on the phone ----------------------------------------------------------------------


def vote_list(activity_id: int, exercise: Exercise, section: Section, voter: str, budget: int) -> None:
    """Every note on the boards with a tick box; a tick is a dot, stored at once, taken back by untick."""
    mine = my_votes(engine(), exercise, voter)
    left = budget - len(mine)
    st.markdown(f"**{tr('notes.vote_title')}**")
    st.info(tr("notes.votes_left", left=left, budget=budget))
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.warning(error)
    titles = {p.key: text(p.text, language()) for p in section.prompts}
    notes = board(engine(), exercise)
    for prompt_key, title in titles.items():
        on_board = [n for n in notes if n.prompt_key == prompt_key]
        if not on_board:
            continue
        st.markdown(f"**{title}**")
        for note in on_board:
            key = f"vote-{note.id}"
            st.session_state[key] = note.id in mine
            st.checkbox(note.text, key=key, on_change=_vote, args=(activity_id, note.id, voter, key))


def _vote(activity_id: int, note_id: int, voter: str, key: str) -> None:
    try:
        toggle_vote(engine(), activity_id, note_id, voter)
    except InputError as error:
        st.session_state[ERROR_KEY] = error.message(language())
