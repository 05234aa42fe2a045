"""Step 6's live parts on screen: prerequisites, format, the common starting point's presenter view, the SWOT.

The domain is in sff_core (prerequisites, work_format, common_ground, swot, screens, step6_results);
this module only reads widgets, calls those services and draws their results models.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import common_ground, prerequisites, screens, swot, work_format
from sff_core.concurrency import EditConflict
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.live import ActivityInfo
from sff_core.notes import Exercise, board, new_submission_key, remove_note, set_cluster, set_marked
from sff_core.results import FigureBlock, Results
from sff_core.step6_results import group_labels, quadrant_cards, ranking_table, swot_date, training_block
from sff_core.ui.context import Context, engine, language, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.layout import data_table, plain_markdown, show_error
from sff_core.ui.results_view import query_for, render_results
from sff_core.ui.text import plain

# --- Förutsättningar ------------------------------------------------------------------------------------


def prerequisites_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Each prerequisite met or not, what is missing and a link to where it is fixed."""
    checked = prerequisites.check(ctx.engine, ctx.workspace.id, ctx.lang)
    st.markdown(f"**{tr('prereq.title')}**")
    if checked.all_met:
        st.success(tr("prereq.all_met"), icon=":material/check_circle:")
    for item in checked.items:
        with st.container(border=True):
            mark = ":material/check_circle:" if item.met else ":material/warning:"
            state = tr("prereq.met") if item.met else tr("prereq.not_met")
            st.markdown(f"{mark} **{plain_markdown(item.title)}** – {state}")
            if item.found:
                st.caption(plain_markdown(item.found))
            for missing in item.missing:
                line, link = st.columns([3, 1], vertical_alignment="center")
                line.markdown(f"- {plain_markdown(missing.text)}")
                if not ctx.projector:
                    query = {"section": missing.section} if missing.section else None
                    link.page_link(missing.page, label=tr("prereq.fix_here"), icon=":material/arrow_forward:", query_params=query)


def prerequisites_warning(ctx: Context) -> None:
    """At the top of steps 6 and 7: a warning (never a lock) while prerequisites are unmet."""
    checked = prerequisites.check(ctx.engine, ctx.workspace.id, ctx.lang)
    if checked.all_met:
        return
    st.warning(tr("prereq.warning", n=len(checked.unmet)), icon="⚠️")


# --- Format ---------------------------------------------------------------------------------------------


def _parse_dates(raw: str) -> list[object]:
    out: list[object] = []
    for line in raw.replace(",", "\n").splitlines():
        value = line.strip()
        if not value:
            continue
        try:
            out.append(date.fromisoformat(value))
        except ValueError:
            raise InputError("format_bad_date", field="dates", value=value[:20]) from None
    return out


def format_panel(ctx: Context, step: Step) -> None:
    """The step's two formats with fördel, nackdel and lösning, and the group's choice with its dates."""
    if not step.formats or ctx.projector:
        return
    choice = work_format.get_choice(ctx.engine, ctx.workspace.id, step.key)
    titles = {f.key: text(f.title, ctx.lang) for f in step.formats}
    summary = ""
    if choice.alternative:
        dates = ", ".join(d.isoformat() for d in choice.dates) or "–"
        end = f" · {tr('format.chosen_end', date=choice.end_date.isoformat())}" if choice.end_date else ""
        summary = " – " + tr("format.chosen", title=titles.get(choice.alternative, choice.alternative), dates=dates) + end
    with st.expander(tr("format.title", n=step.number) + summary, expanded=choice.alternative is None):
        st.caption(tr("format.intro"))
        for column, option in zip(st.columns(len(step.formats)), step.formats, strict=True):
            with column, st.container(border=True):
                st.markdown(f"**{text(option.title, ctx.lang)}**")
                st.markdown(text(option.summary, ctx.lang))
                for name in ("pros", "cons", "remedy"):
                    st.markdown(f"*{tr(f'format.{name}')}:* {text(getattr(option, name), ctx.lang)}")
        _format_form(ctx, step, choice, titles)


@edit_form("work-format")
def _format_form(ctx: Context, step: Step, choice: work_format.FormatChoice, titles: dict[str, str]) -> None:
    key = f"format-{step.key}"
    loaded_key = f"loaded::{key}"
    if loaded_key not in st.session_state:
        st.session_state[loaded_key] = choice.fields()
    keys = list(titles)
    with st.form(key, enter_to_submit=False):
        picked = st.radio(
            tr("format.choose"),
            keys,
            index=keys.index(choice.alternative) if choice.alternative in keys else None,
            format_func=lambda k: titles[k],
            horizontal=True,
            key=f"{key}-alt",
        )
        raw = st.text_area(
            f"{tr('format.workshop_dates')} / {tr('format.meeting_dates')}",
            value="\n".join(d.isoformat() for d in choice.dates),
            help=tr("format.dates_help"),
            key=f"{key}-dates",
            height=100,
        )
        end = st.date_input(tr("format.end_date"), value=choice.end_date, format="YYYY-MM-DD", key=f"{key}-end")
        saved = st.form_submit_button(tr("format.save"), type="primary")
    if not saved:
        return
    try:
        work_format.save_choice(ctx.engine, ctx.workspace.id, step.key, picked, _parse_dates(raw), end, st.session_state[loaded_key])
    except EditConflict as conflict:
        st.session_state[loaded_key] = {**st.session_state[loaded_key], **{c.field: c.theirs for c in conflict.conflicts}}
        show_error(conflict)  # the form keeps what was typed; a second save writes it
        return
    except InputError as error:
        show_error(error)
        return
    st.session_state.pop(loaded_key, None)
    st.success(tr("format.saved"))


# --- Screens (the presenter view, the SWOT's turns) ----------------------------------------------------


def screen_controls(ctx: Context, step: Step, section: Section, titles: list[str]) -> int:
    """Previous / next screen and a picker, on the laptop or the remote; the wall follows. Returns the screen."""
    here = min(screens.stored_position(ctx.engine, ctx.workspace.id, step.key, section.key), len(titles) - 1)
    if ctx.projector:
        return here
    prev, pick, nxt = st.columns([1, 3, 1], vertical_alignment="bottom")
    labels: dict[int, str] = {i: f"{i + 1}. {title}" for i, title in enumerate(titles)}
    target = None
    if prev.button(tr("screens.prev"), key=f"screen-prev-{section.key}", icon=":material/arrow_back:", disabled=here == 0):
        target = here - 1
    if nxt.button(tr("screens.next"), key=f"screen-next-{section.key}", icon=":material/arrow_forward:", disabled=here >= len(titles) - 1):
        target = here + 1
    options = [str(i) for i in labels]  # string options: the list changes while groups write
    chosen = pick.selectbox(
        tr("common.show_screen"),
        options,
        index=here,
        format_func=lambda option: labels.get(int(option), option) if option.isdigit() else option,
        key=f"screen-pick-{section.key}-{len(options)}-{here}",
    )
    if chosen is not None and chosen.isdigit() and int(chosen) != here and target is None:
        target = int(chosen)
    if target is not None:
        screens.show_screen(ctx.engine, ctx.workspace.id, step.key, section.key, target)
        st.rerun()
    return here


# --- En gemensam utgångspunkt ------------------------------------------------------------------------------


def common_ground_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The presenter view: the screen the remote chose, one topic per screen."""
    query = query_for(ctx, step, section, session_date)
    data = common_ground.data_screens(ctx.engine, ctx.workspace.id, ctx.lang, ctx.projector)
    titles = [*(s.title for s in data), tr("common.screen_questions"), tr("common.screen_training")]
    if not ctx.projector:
        st.markdown(f"**{tr('common.screens_title')}**")
    here = screen_controls(ctx, step, section, titles)
    st.markdown(f"#### {plain_markdown(titles[here])}")
    st.caption(tr("common.screen_of", n=here + 1, total=len(titles)))
    if here < len(data):
        shown = data[here].blocks
        beside = any(isinstance(b, FigureBlock) for b in shown) and len(shown) > 1  # a chart and its note side by side
        render_results(Results(titles[here], None, shown), charts_beside=beside)
        return
    from sff_core.results import generic_results

    answers = generic_results(query)
    if here == len(data):
        render_results(Results(titles[here], answers.shown_date, answers.blocks, answers.empty_message))
        return
    blocks = training_block(query, answers.shown_date)
    render_results(Results(titles[here], answers.shown_date, tuple(blocks), tr("common.no_training")))


# --- SWOT ---------------------------------------------------------------------------------------------------


def _screen_titles(ctx: Context, exercise: Exercise | None = None) -> list[str]:
    labels = group_labels(ctx.lang)
    groups = swot.presenting_groups(ctx.engine, ctx.workspace.id, exercise)
    return [*(tr("swot.screen_group", group=labels.get(g, g)) for g in groups), tr("swot.screen_room"), tr("swot.screen_ranking")]


def swot_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The wall (and the laptop): one small group's SWOT, the whole room's 2 × 2, or the ranking."""
    query = query_for(ctx, step, section, session_date)
    shown, caption = swot_date(query)
    if shown is None:
        st.caption(tr("swot.empty"))
        return
    if caption and not ctx.projector:
        st.caption(plain_markdown(caption))
    exercise = Exercise(ctx.workspace.id, step.key, section.key, shown)
    titles = _screen_titles(ctx, exercise)
    here = min(screen_controls(ctx, step, section, titles), len(titles) - 1)
    kind, group = swot.screen_kind(ctx.engine, ctx.workspace.id, here, exercise)
    st.markdown(f"#### {plain_markdown(titles[here])}")
    notes_now = board(ctx.engine, exercise)
    if kind == "ranking":
        table = ranking_table(query, notes_now)
        st.caption(tr("swot.votes_line", votes=swot.votes_cast(ctx.engine, exercise), voters=swot.voters(ctx.engine, exercise)))
        if table.empty:
            st.caption(tr("swot.no_votes"))
        elif ctx.projector:  # the wall: the top ten, the columns that fit 1280 px at 18 px
            from sff_core.ui.exercises.common import wall_table

            wall_table(table.drop(columns=[tr("swot.writers"), tr("swot.goals")]).head(10))
        else:
            data_table(table, key="swot-ranking", filename="swot-rangordning")
        return
    shown_notes = swot.group_notes(ctx.engine, exercise, group) if kind == "group" and group else notes_now
    render_results(Results(titles[here], shown, (quadrant_cards(query, shown_notes),)))


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
    labels = group_labels(language())
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
    labels = group_labels(language())
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
    labels = group_labels(language())
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


def common_ground_remote(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """On the remote: the common ground's screens (previous / next / pick)."""
    screen_controls(ctx, step, section, common_ground.screen_titles(ctx.engine, ctx.workspace.id, ctx.lang))


def swot_remote(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """On the remote: the SWOT's screens and its sorting tools, which follow the phones' new post-its by themselves."""
    screen_controls(ctx, step, section, _screen_titles(ctx))
    exercise = Exercise(ctx.workspace.id, step.key, section.key, session_date)
    drawn = tuple((n.id, n.votes, n.weight) for n in board(ctx.engine, exercise))
    swot_sort_panel(exercise, section)

    @st.fragment(run_every=REMOTE_FOLLOW_SECONDS)
    def follow() -> None:
        if tuple((n.id, n.votes, n.weight) for n in board(engine(), exercise)) != drawn:
            st.rerun(scope="app")

    follow()
