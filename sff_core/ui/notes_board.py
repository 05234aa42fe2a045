"""Post-it boards on a screen: add notes (laptop or phone), sort them (facilitator), dot voting (phone).

The same widgets serve every post-it exercise (step 1's boards, step 2's target groups, step 5's
rounds per sector, step 6's SWOT); the domain rules live in `sff_core.notes`.
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
from sff_core.ui.edits import adds_records
from sff_core.ui.layout import labelled, plain_markdown, show_error
from sff_core.ui.sections import pick_respondent
from sff_core.ui.text import plain

ERROR_KEY = "notes-error"
NOTE_FIELD_END = "-text"  # a post-it field's key: its board's key and this
NOTE_MAX_CHARS = 300  # part of the field's identity: the closed view draws the same field


def note_label(note: NoteInfo) -> str:
    weight = f" ×{note.weight}" if note.weight > 1 else ""
    votes = f" ● {note.votes}" if note.votes else ""
    return ("★ " if note.marked else "") + note.text + weight + votes


def _board_key(prefix: str, prompt: Prompt, topic: str | None) -> str:
    return f"{prefix}-{topic}-{prompt.key}" if topic else f"{prefix}-{prompt.key}"


@adds_records
def add_note_form(exercise: Exercise, prompt: Prompt, respondent: str, prefix: str, topic: str | None = None) -> None:
    """One line, Enter or the button adds it as a note; the field empties only when it was stored."""
    board_key = _board_key(prefix, prompt, topic)
    input_key, token_key = f"{board_key}{NOTE_FIELD_END}", f"{board_key}-submission"
    if st.session_state.pop(f"clear::{input_key}", False):
        st.session_state[input_key] = ""
    st.session_state.setdefault(token_key, new_submission_key())
    with st.form(f"{board_key}-add", border=False):
        typed = st.text_input(text(prompt.text, language()), key=input_key, max_chars=NOTE_MAX_CHARS, placeholder=tr("notes.placeholder"))
        added = st.form_submit_button(tr("notes.add"), icon=":material/add:")
    if not added:
        return
    if not typed.strip():
        st.warning(tr("notes.empty"))
        return
    try:
        add_note(engine(), exercise, prompt.key, respondent, typed, st.session_state[token_key], topic=topic)
    except InputError as error:
        show_error(error)  # the text stays in the field
        return
    st.session_state[token_key] = new_submission_key()
    st.session_state[f"clear::{input_key}"] = True
    st.rerun()


@adds_records
def closed_note_fields(section: Section, prefix: str) -> None:
    """After the activity closed, the phone's post-it fields stay drawn (same form, same key, empty or not).

    A browser keeps a form's typed but unsent value only while its field is on the page: drawing the
    fields again keeps a half-typed note on the phone. Their button only sends the text to the closed
    view, which shows it to copy as not saved; nothing is stored.
    """
    fields = [str(k) for k in st.session_state if str(k).startswith(f"{prefix}-") and str(k).endswith(NOTE_FIELD_END)]
    shown = [(p, key) for p in section.prompts for key in fields if key.removesuffix(NOTE_FIELD_END).endswith(f"-{p.key}")]
    if not shown:
        return
    st.warning(tr("live.closed_notes_kept"), icon="⚠️")
    for prompt, key in shown:
        with st.form(f"{key.removesuffix(NOTE_FIELD_END)}-add", border=False):
            st.text_input(text(prompt.text, language()), key=key, max_chars=NOTE_MAX_CHARS)
            st.form_submit_button(tr("live.show_unsent"))


def own_notes_list(exercise: Exercise, prompt: Prompt, respondent: str, prefix: str, topic: str | None = None) -> None:
    """The person's own notes on this board (under this topic), each with a remove button."""
    for note in [n for n in my_notes(engine(), exercise, respondent) if n.prompt_key == prompt.key and n.topic == topic]:
        line, remove = st.columns([6, 1], vertical_alignment="center")
        line.text(note.text)
        if remove.button("✕", key=f"{prefix}-remove-{note.id}", help=tr("notes.remove")):
            try:
                remove_note(engine(), exercise.workspace_id, note.id, respondent=respondent)
            except InputError as error:
                show_error(error)
            else:
                st.rerun()


def note_boards(
    exercise: Exercise, section: Section, respondent: str, prefix: str, topic: str | None = None, round_key: str | None = None
) -> None:
    """Every board of the exercise (of one round, under one topic): the person's notes and a field for the next one."""
    st.caption(tr("answer.personal_data_warning"))
    titles = {g.key: text(g.title, language()) for g in section.groups} if section.topics else {}
    shown_round = None
    for prompt in section.prompts:
        if round_key is not None and prompt.group != round_key:
            continue
        if prompt.group in titles and prompt.group != shown_round:  # the round's heading ("2. Byt färg och skriv")
            shown_round = prompt.group
            st.markdown(f"**{plain_markdown(titles[prompt.group])}**")
        with st.container(border=True):
            own_notes_list(exercise, prompt, respondent, prefix, topic)
            add_note_form(exercise, prompt, respondent, prefix, topic)


def rounds_of(section: Section) -> list[str]:
    """The rounds (prompt groups that have boards) of an exercise with topics, in order."""
    with_boards = {p.group for p in section.prompts}
    return [g.key for g in section.groups if g.key in with_boards] if section.topics else []


def pick_topic(workspace_id: int, section: Section, key: str) -> str | None:
    """The topic (sector) the person writes under; the workspace's own first. None until one is chosen."""
    from sff_core.topics import topic_labels, topic_options

    options = topic_options(engine(), workspace_id, section)
    labels = topic_labels(section, language())
    return st.selectbox(
        tr(f"notes.topic_{section.topics}"),
        options,
        index=None,
        format_func=lambda k: labels.get(k, k),
        key=key,
        placeholder=tr(f"notes.topic_{section.topics}_placeholder"),
    )


def pick_round(section: Section, key: str) -> str | None:
    """Which round's boards to show (the handbook's first round, then "byt färg" for the second)."""
    rounds = rounds_of(section)
    if len(rounds) < 2:
        return None
    titles = {key: tr("notes.round_n", n=number) for number, key in enumerate(rounds, start=1)}
    chosen = st.segmented_control(tr("notes.round"), rounds, default=rounds[0], format_func=labelled(titles), key=key)
    return chosen or rounds[0]


def topic_boards(exercise: Exercise, section: Section, respondent: str, prefix: str) -> str | None:
    """The boards of an exercise: with topics, first the topic and the round, then that round's boards."""
    if not section.topics:
        note_boards(exercise, section, respondent, prefix)
        return None
    topic = pick_topic(exercise.workspace_id, section, f"{prefix}-topic")
    round_key = pick_round(section, f"{prefix}-round")
    if topic is None:
        st.info(tr(f"notes.topic_{section.topics}_first"))
        return None
    from sff_core.topics import topic_labels

    st.markdown(f"#### {plain_markdown(tr('notes.writing_under', topic=topic_labels(section, language()).get(topic, topic)))}")
    note_boards(exercise, section, respondent, prefix, topic, round_key)
    return topic


def postits_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The laptop: notes for the group or a member, then the facilitator's sorting tools."""
    respondent = pick_respondent(ctx, step, section, ctx.members())
    if respondent is None:
        return
    exercise = Exercise(ctx.workspace.id, step.key, section.key, session_date)
    topic_boards(exercise, section, respondent, f"notes-{step.key}-{section.key}-{respondent}-{session_date.isoformat()}")
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


@adds_records
def _sort_panel(exercise: Exercise, section: Section) -> None:
    notes = board(engine(), exercise)
    if not notes:
        st.caption(tr("notes.none_yet"))
        return
    prefix = f"sort-{exercise.step_key}-{exercise.section_key}-{exercise.session_date.isoformat()}"
    if st.session_state.pop(f"{prefix}-clear", False):  # after an action: nothing ticked any more
        for key in [k for k in st.session_state if str(k).startswith(f"{prefix}-pick-")]:
            del st.session_state[key]
    with st.expander(tr("notes.sort_title"), expanded=False):
        st.caption(tr("notes.sort_help"))
        chosen: list[int] = []
        for title, on_board in boards_by_topic(section, notes):
            st.markdown(f"**{plain_markdown(title)}**")
            for note in on_board:
                cluster = f"  ({note.cluster})" if note.cluster else ""
                if st.checkbox(plain(note_label(note) + cluster), key=f"{prefix}-pick-{note.id}"):
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


def boards_by_topic(section: Section, notes: list[NoteInfo]) -> list[tuple[str, list[NoteInfo]]]:
    """The notes per board ("Hotell · Vad motiverar …" with topics), boards with notes only, in order."""
    from sff_core.topics import topic_labels

    lang = language()
    labels = topic_labels(section, lang)
    topics = list(dict.fromkeys(n.topic for n in sorted(notes, key=lambda n: n.id))) if section.topics else [None]
    out = []
    for topic in topics:
        for prompt in section.prompts:
            on_board = [n for n in notes if n.prompt_key == prompt.key and n.topic == topic]
            if on_board:
                title = text(prompt.text, lang)
                out.append((f"{labels.get(topic, topic)} · {title}" if topic else title, on_board))
    return out


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
    notes = board(engine(), exercise)
    for title, on_board in boards_by_topic(section, notes):
        st.markdown(f"**{plain_markdown(title)}**")
        for note in on_board:
            key = f"vote-{note.id}"
            st.session_state[key] = note.id in mine
            st.checkbox(plain(note.text), key=key, on_change=_vote, args=(activity_id, note.id, voter, key))


def _vote(activity_id: int, note_id: int, voter: str, key: str) -> None:
    try:
        toggle_vote(engine(), activity_id, note_id, voter)
    except InputError as error:
        st.session_state[ERROR_KEY] = error.message(language())
