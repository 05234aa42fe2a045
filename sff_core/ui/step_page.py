"""One renderer for every step page: the guide from content, then each section's widget."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step, get_content
from sff_core.i18n import text
from sff_core.progress import set_step_status, step_statuses
from sff_core.registry import type_of
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises import ExerciseUI, exercise_ui
from sff_core.ui.layout import labelled, projector_exit_button, show_flash
from sff_core.ui.live import facilitator_controls, join_line, join_panel, live_results
from sff_core.ui.mapping_snapshot import SNAPSHOT_VIEW, VIEW_PARAM, snapshot_view
from sff_core.ui.notes_board import postits_form
from sff_core.ui.report_download import step_documents
from sff_core.ui.sections import answer_form, notes_form
from sff_core.ui.wall_screens import paged_results
from sff_core.ui.workspaces_page import require_context

SESSION_DATE_KEY = "session_date"


def session_date_picker(ctx: Context) -> date:
    """The work session (arbetspass) the answers belong to; shared by all pages of the run."""
    if SESSION_DATE_KEY not in st.session_state:
        st.session_state[SESSION_DATE_KEY] = date.today()
    if ctx.projector:
        return st.session_state[SESSION_DATE_KEY]
    return st.date_input(tr("answer.session"), key=SESSION_DATE_KEY, format="YYYY-MM-DD")


def render_guide(ctx: Context, step: Step) -> None:
    phase = next((p for p in get_content().phases if p.key == step.phase), None)
    if phase is not None:
        st.caption(tr("step.phase", phase=text(phase.title, ctx.lang)))
    st.markdown(text(step.purpose, ctx.lang))
    if step.questions:
        st.markdown(f"**{tr('step.questions')}**")
        st.markdown("\n".join(f"- {text(q, ctx.lang)}" for q in step.questions))
    with st.container(border=True):
        st.markdown(f"**{tr('step.requirements', n=step.number)}**")
        columns = st.columns(3)
        for column, name in zip(columns, ("work", "who", "expected_result"), strict=True):
            column.markdown(f"**{tr(f'step.{name}')}**")
            column.markdown("\n".join(f"- {text(item, ctx.lang)}" for item in step.requirements[name]))
    if step.tips:
        st.markdown(f"**{tr('step.tips')}**")
        st.markdown("\n".join(f"- {text(tip, ctx.lang)}" for tip in step.tips))
        step_panels(ctx, step, step.tip_panels)  # e.g. the tip sends the group back to step 3's levels: shown here
    st.markdown(f"**{tr('step.exercises')}**")
    st.markdown("\n".join(f"{i}. {tr(f'step.kind_{s.kind}')}: {text(s.title, ctx.lang)}" for i, s in enumerate(step.sections, start=1)))


def step_panels(ctx: Context, step: Step, names: tuple[str, ...]) -> None:
    """The panels the step's content names (`panels`, `tip_panels`), each drawn by its exercise's UI."""
    for name in names:
        panel = exercise_ui(name).step_panel
        if panel is not None:
            panel(ctx, step)


def render_section_text(ctx: Context, section: Section) -> None:
    if section.intro and not ctx.projector:
        st.markdown(text(section.intro, ctx.lang))
    listed = type_of(section).lists_prompts
    if ctx.projector:  # the wall shows the questions only where there is no chart to show instead
        listed = listed and not section.handler and section.shape != "postits" and len(section.prompts) <= 6
    if listed and section.prompts:
        st.markdown(
            "\n".join(f"- {text(p.text, ctx.lang)}" + (f"  \n  *{text(p.help, ctx.lang)}*" if p.help else "") for p in section.prompts)
        )
    if section.resources and not ctx.projector:
        st.markdown(f"**{tr('step.resources')}**")
        for resource in section.resources:
            title = text(resource.title, ctx.lang)
            note = text(resource.note, ctx.lang)
            url = resource.url
            line = f"- [{title}]({url})" if url and url.startswith(("http", "mailto:")) else f"- {title}"
            st.markdown(line + (f" – {note}" if note else ""))


EXAMPLE_PARAM = "example"


def render_examples(ctx: Context, section: Section) -> None:
    """The handbook's example and template for the exercise (the Helsingborg role description, plan,
    routine), folded beside it; on the wall only when the facilitator chose to show it."""
    if not (section.example or section.template_headings):
        return
    on_wall = st.query_params.get(EXAMPLE_PARAM) == section.key
    if ctx.projector and not on_wall:
        return
    title = text(section.example_title, ctx.lang) or tr("step.example")
    with st.expander(title, expanded=ctx.projector):
        if section.template_headings:
            for heading in section.template_headings:
                st.markdown(f"**{text(heading.text, ctx.lang)}**")
                if heading.help:
                    st.markdown(text(heading.help, ctx.lang))
        if section.example:
            st.markdown(text(section.example, ctx.lang))
    if not ctx.projector:
        shown = st.checkbox(tr("step.example_on_wall"), value=on_wall, key=f"example-wall-{section.key}")
        if shown != on_wall:
            if shown:
                st.query_params[EXAMPLE_PARAM] = section.key
            else:
                st.query_params.pop(EXAMPLE_PARAM, None)


def render_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """One exercise: its text, example, its own tool (if it has one), then the answer form and results."""
    if not ctx.projector:
        st.subheader(f"{tr(f'step.kind_{section.kind}')}: {text(section.title, ctx.lang)}")
    render_section_text(ctx, section)
    render_examples(ctx, section)
    ui = exercise_ui(section.exercise_key)
    if ui.tool is not None:
        ui.tool(ctx, step, section, session_date)
    if type_of(section).answered_as is not None:
        render_answerable(ctx, step, section, session_date, ui)
    elif ui.tool is None:
        notes_form(ctx, step, section, session_date)


def model_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The exercise's results model, drawn (the same model a report renders); on the wall a screen at a
    time when the exercise has screens (its `screens` hook)."""
    paged_results(ctx, step, section, session_date)


def render_answerable(ctx: Context, step: Step, section: Section, session_date: date, ui: ExerciseUI) -> None:
    """The answer form and results; with a live activity open, the join panel and the live wall."""
    live = type_of(section).can_run_live(section)
    activity = facilitator_controls(ctx, step, section, session_date) if live else None
    results = ui.results or model_results
    if not ctx.projector:
        form = ui.form or (postits_form if section.shape == "postits" else answer_form)
        form(ctx, step, section, activity.session_date if activity else session_date)
    if activity is None:
        results(ctx, step, section, session_date)
    elif ctx.projector and activity.results_visible:  # revealed: the results take the whole wall
        join_line(activity)
        live_results(ctx, step, section, activity, results)
    elif ctx.projector:
        join_column, wall_column = st.columns([1, 3])
        with join_column:
            join_panel(ctx, activity)
        with wall_column:
            live_results(ctx, step, section, activity, results)
    else:
        live_results(ctx, step, section, activity, results)


def render_status(ctx: Context, step: Step) -> None:
    status = step_statuses(ctx.engine, ctx.workspace.id, [step.key])[step.key]
    if ctx.projector:
        return
    options = ["not_started", "in_progress", "done"]
    labels = get_content().labels("step_statuses", ctx.lang)
    chosen = st.segmented_control(tr("step.status"), options, default=status, format_func=labelled(labels), key=f"status-{step.key}")
    if chosen and chosen != status:
        set_step_status(ctx.engine, ctx.workspace.id, step.key, chosen)
        st.rerun()


def render_step(number: int) -> None:
    """The whole page for step `number`."""
    ctx = require_context()
    step = get_content().step(number)
    if ctx.projector and st.query_params.get(VIEW_PARAM) == SNAPSHOT_VIEW:  # a whole-screen view: no header, no controls
        snapshot_view(ctx)
        return
    if ctx.projector:
        render_projected_step(ctx, step)
        return
    st.title(f"{tr('nav.step', n=step.number)}: {text(step.title, ctx.lang)}")
    show_flash()
    top = st.columns([2, 1])
    with top[0]:
        session_date = session_date_picker(ctx)
    with top[1]:
        render_status(ctx, step)
    step_documents(ctx, step.number, session_date)
    guide_open = SECTION_PARAM not in st.query_params  # open on arrival; folded once an exercise is chosen
    sections = chosen_sections(ctx, step)
    with st.expander(tr("step.guide"), expanded=guide_open):
        render_guide(ctx, step)
    step_panels(ctx, step, step.panels)  # e.g. steps 6–7: a warning while the prerequisites are unmet, and the format
    for section in sections:
        st.divider()
        render_section(ctx, step, section, session_date)


ALL_SECTIONS = "all"
SECTION_PARAM = "section"


def chosen_sections(ctx: Context, step: Step) -> list[Section]:
    """The exercise the group works on now (one at a time, as in a work session), or all of them.

    The choice lives in the URL (`?section=KEY`, or `all`), shared with projector mode.
    """
    keys = [s.key for s in step.sections] + [ALL_SECTIONS]
    wanted = st.query_params.get(SECTION_PARAM)
    default = wanted if wanted in keys else keys[0]
    titles = {s.key: f"{i}. {text(s.title, ctx.lang)}" for i, s in enumerate(step.sections, start=1)}
    titles[ALL_SECTIONS] = tr("step.all_sections")
    chosen = (
        st.pills(tr("step.show_section"), keys, default=default, format_func=labelled(titles), key=f"sections-{step.key}-{default}")
        or default
    )
    if chosen != wanted:
        st.query_params[SECTION_PARAM] = chosen
    return list(step.sections) if chosen == ALL_SECTIONS else [step.section(chosen) or step.sections[0]]


def render_projected_step(ctx: Context, step: Step) -> None:
    """The wall: a compact header, one exercise at a time, results large."""
    head, controls = st.columns([3, 2], vertical_alignment="center")
    with controls:
        section = _projected_section(ctx, step)
    head.markdown(f"### {tr('nav.step', n=step.number)} · {text(section.title, ctx.lang)}")
    render_section(ctx, step, section, session_date_picker(ctx))
    projector_exit_button()


def _projected_section(ctx: Context, step: Step) -> Section:
    """On the wall, one exercise at a time; the facilitator picks which (remembered in the URL)."""
    keys = [s.key for s in step.sections]
    titles = {s.key: text(s.title, ctx.lang) for s in step.sections}
    wanted = st.query_params.get(SECTION_PARAM)
    index = keys.index(wanted) if wanted in keys else 0
    chosen = st.selectbox(
        tr("step.show_section"),
        keys,
        index=index,
        label_visibility="collapsed",
        format_func=labelled(titles),
        key=f"proj-{step.key}",
    )
    if chosen != wanted:
        st.query_params[SECTION_PARAM] = chosen
    return step.section(chosen) or step.sections[0]
