"""Step 7: the routine for individual cases (goal boxes, ordered steps, Helsingborg's example as a draft,
status and versions, the routine card, the internal flowchart per organisation). On the wall: the
results model only, no forms."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from sff_core import routine
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.outputs.results import build_results
from sff_core.stakeholders import list_actors
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form, status_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import chart, flash, labelled, plain_markdown, run_action, show_error
from sff_core.ui.results_view import query_for, render_results

# --- The routine -----------------------------------------------------------------------------------


def routine_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    render_results(build_results(query_for(ctx, step, section, session_date)))
    if ctx.projector:
        return
    info = routine.get_routine(ctx.engine, ctx.workspace.id)
    actors = {a.id: a.name for a in list_actors(ctx.engine, ctx.workspace.id)}
    _texts_form(ctx, section, info)
    st.markdown(f"**{tr('routine.steps_heading')}**")
    if not actors:
        st.info(tr("routine.no_actors"))
    if not info.steps and actors:
        _example_form(ctx, actors)
    for item in info.steps:
        _step_editor(ctx, item, actors, len(info.steps))
    if actors:
        _add_form(ctx, actors)
    if info.version:
        _status_form(ctx, info)
        _history(ctx)
    if info.steps:
        _card_downloads(ctx)
        _internal(ctx, info, actors)


@edit_form("routine-texts")
def _texts_form(ctx: Context, section: Section, info: routine.RoutineInfo) -> None:
    labels = {
        "title": tr("field.routine_title"),
        "contact": tr("field.routine_network_contact"),
        **{p.key: text(p.text, ctx.lang) for p in section.prompts if p.key in routine.GOAL_FIELDS},
    }
    edit = RecordEdit("routine-texts", [f"routine-text-{k}" for k in routine.TEXT_FIELDS], dict(info.texts))
    with st.expander(tr("routine.goal_heading"), expanded=not any(info.texts.values())):
        with st.form("routine-texts-form", enter_to_submit=False):
            typed: dict[str, Any] = {}
            typed["title"] = st.text_input(labels["title"], value=edit.loaded.get("title") or "", key="routine-text-title")
            columns = st.columns(3)
            for column, key in zip(columns, routine.GOAL_FIELDS, strict=True):
                typed[key] = column.text_area(labels[key], value=edit.loaded.get(key) or "", key=f"routine-text-{key}", height=160)
            typed["contact"] = st.text_input(
                labels["contact"], value=edit.loaded.get("contact") or "", key="routine-text-contact", help=tr("routine.contact_help")
            )
            submitted = st.form_submit_button(tr("routine.texts_save"), type="primary")
        edit.save(
            submitted,
            labels,
            lambda loaded: routine.save_texts(ctx.engine, ctx.workspace.id, typed, loaded=loaded),
            tr("routine.texts_saved"),
        )


@adds_records
def _example_form(ctx: Context, actors: dict[int, str]) -> None:
    example = routine.routine_content().example
    suggested = routine.suggested_actors(ctx.engine, ctx.workspace.id)
    with st.expander(tr("routine.example_heading")), st.form("routine-example", enter_to_submit=False):
        st.caption(tr("routine.example_intro"))
        chosen: list[int | None] = []
        for number, (item, default) in enumerate(zip(example.steps, suggested, strict=True), start=1):
            options = list(actors)
            chosen.append(
                st.selectbox(
                    tr("routine.example_step", n=number, title=text(item.title, ctx.lang)),
                    options,
                    index=options.index(default) if default in options else None,
                    format_func=labelled(actors),
                    key=f"routine-example-{number}",
                    placeholder=tr("app.choose"),
                )
            )
        if st.form_submit_button(tr("routine.example_load")):
            run_action(lambda: routine.load_example(ctx.engine, ctx.workspace.id, chosen, ctx.lang), tr("routine.example_loaded"))


def _step_fields(ctx: Context, prefix: str, values: dict[str, Any], actors: dict[int, str]) -> dict[str, Any]:
    """The step's widgets, filled from `values` (what the form loaded or what was typed)."""
    priorities = routine.priority_labels(ctx.lang)
    typed: dict[str, Any] = {}
    left, right = st.columns([3, 2])
    typed["title"] = left.text_input(tr("field.routine_step_title"), value=values.get("title") or "", key=f"{prefix}-title")
    options = list(actors)
    actor = values.get("actor_id")
    typed["actor_id"] = right.selectbox(
        tr("field.routine_actor"),
        options,
        index=options.index(actor) if actor in options else None,
        format_func=labelled(actors),
        key=f"{prefix}-actor_id",
        placeholder=tr("app.choose"),
    )
    typed["action"] = st.text_area(tr("field.routine_action"), value=values.get("action") or "", key=f"{prefix}-action", height=90)
    left, right = st.columns([3, 2])
    typed["contact"] = left.text_input(
        tr("field.routine_contact"), value=values.get("contact") or "", key=f"{prefix}-contact", help=tr("routine.contact_help")
    )
    keys = list(priorities)
    priority = values.get("priority") or "planerat"
    typed["priority"] = right.selectbox(
        tr("field.routine_priority"),
        keys,
        index=keys.index(priority) if priority in keys else 0,
        format_func=labelled(priorities),
        key=f"{prefix}-priority",
    )
    typed["child_note"] = st.text_input(
        tr("field.routine_child_note"), value=values.get("child_note") or "", key=f"{prefix}-child_note", help=tr("routine.child_help")
    )
    typed["documents"] = st.checkbox(tr("routine.documents"), value=bool(values.get("documents")), key=f"{prefix}-documents")
    return typed


@edit_form("routine-step")
def _step_editor(ctx: Context, item: routine.StepInfo, actors: dict[int, str], count: int) -> None:
    prefix = f"routine-step-{item.id}"
    edit = RecordEdit(prefix, [f"{prefix}-{f}" for f in routine.STEP_FIELDS], item.fields())
    labels = {f: tr(f"field.routine_{'step_title' if f == 'title' else 'actor' if f == 'actor_id' else f}") for f in routine.STEP_FIELDS}
    labels["documents"] = tr("routine.documents")
    label = f"{item.number}. {item.title} – {item.actor or '–'}"
    with st.expander(plain_markdown(label)):
        up, down, remove = st.columns(3)
        if up.button(tr("routine.move_up"), key=f"{prefix}-up", disabled=item.number == 1):
            run_action(lambda: routine.move_step(ctx.engine, ctx.workspace.id, item.id, "up"), tr("routine.step_saved"))
        if down.button(tr("routine.move_down"), key=f"{prefix}-down", disabled=item.number == count):
            run_action(lambda: routine.move_step(ctx.engine, ctx.workspace.id, item.id, "down"), tr("routine.step_saved"))
        if remove.button(tr("routine.remove_step"), key=f"{prefix}-remove"):
            run_action(lambda: routine.remove_step(ctx.engine, ctx.workspace.id, item.id), tr("routine.step_removed"))
        if item.documents:
            st.page_link("pages/statistics.py", label=tr("routine.statistics_link"), icon=":material/bar_chart:")
        with st.form(f"{prefix}-form", enter_to_submit=False):
            typed = _step_fields(ctx, prefix, edit.loaded, actors)
            submitted = st.form_submit_button(tr("routine.save_step"), type="primary")
        shown = {"actor_id": lambda value: actors.get(value, "–")}
        edit.save(
            submitted,
            labels,
            lambda loaded: routine.update_step(ctx.engine, ctx.workspace.id, item.id, typed, loaded=loaded),
            tr("routine.step_saved"),
            shown=lambda f, v: shown[f](v) if f in shown else str(v if v not in (None, "") else "–"),
        )


@adds_records
def _add_form(ctx: Context, actors: dict[int, str]) -> None:
    with st.expander(tr("routine.add_step")), st.form("routine-add", enter_to_submit=False):
        typed = _step_fields(ctx, "routine-new", {}, actors)
        if st.form_submit_button(tr("routine.add_step"), type="primary"):
            try:
                routine.add_step(ctx.engine, ctx.workspace.id, typed)
            except InputError as error:
                show_error(error)  # the form keeps every typed value
            else:
                for key in [k for k in st.session_state if str(k).startswith("routine-new-")]:
                    del st.session_state[key]
                flash(tr("routine.step_added"))


def _status_form(ctx: Context, info: routine.RoutineInfo) -> None:
    status_form(
        "routine-status",
        {s: tr(f"routine.status_{s}") for s in routine.STATUSES},
        (tr("routine.status"), tr("routine.agreed_on"), tr("routine.status_save")),
        {"status": info.status, "agreed_on": info.agreed_on},
        lambda status, agreed_on, loaded: routine.set_status(ctx.engine, ctx.workspace.id, status, agreed_on, loaded_status=loaded),
        tr("routine.status_saved"),
    )


def change_line(change: routine.Change, lang_fields: dict[str, str]) -> str:
    """One change since the agreed version, as plain text."""
    field = lang_fields.get(change.field or "", change.field or "")
    values = {"label": change.label, "field": field, "before": _short(change.before), "after": _short(change.after)}
    return tr(f"routine.change_{change.kind}", **values)


def _short(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return tr("answer.yes") if value else tr("answer.no")
    shown = str(value)
    return shown if len(shown) <= 200 else shown[:199] + "…"


def _history(ctx: Context) -> None:
    history = routine.versions(ctx.engine, ctx.workspace.id)
    fields = {
        "title": tr("field.routine_step_title"),
        "action": tr("field.routine_action"),
        "actor": tr("field.routine_actor"),
        "contact": tr("field.routine_contact"),
        "priority": tr("field.routine_priority"),
        "child_note": tr("field.routine_child_note"),
        "documents": tr("routine.documents"),
        **{k: tr(f"field.routine_{'network_contact' if k == 'contact' else k}") for k in routine.TEXT_FIELDS if k != "title"},
    }
    with st.expander(tr("routine.versions", n=len(history))):
        agreed, changed = routine.changed_since_agreed(ctx.engine, ctx.workspace.id)
        if agreed is None:
            st.caption(tr("routine.never_agreed"))
        elif not changed:
            st.caption(tr("routine.unchanged_since", version=agreed.number))
        else:
            st.markdown(
                tr("routine.changed_heading", version=agreed.number, date=agreed.agreed_on.isoformat() if agreed.agreed_on else "–")
            )
            fields_here = {**fields, "title": tr("field.routine_step_title")}
            st.text(
                "\n".join(
                    f"• {change_line(c, fields_here if c.kind != 'text' else {**fields, 'title': tr('field.routine_title')})}"
                    for c in changed
                )
            )
        for version in reversed(history):
            st.caption(
                tr(
                    "routine.version_line",
                    number=version.number,
                    saved=version.saved_at.strftime("%Y-%m-%d %H:%M"),
                    status=tr(f"routine.status_{version.status}"),
                )
            )


def _downloads(ctx: Context, key: str, make_card: Any, filename: str) -> None:
    from sff_core.outputs.routine_card import render_card

    columns = st.columns(4)
    formats = [("pdf", "A4"), ("docx", "A4"), ("pdf", "A3"), ("docx", "A3")]
    for column, (output_format, size) in zip(columns, formats, strict=True):
        state = f"{key}-{output_format}-{size}"
        if column.button(tr("routine.make_card", format=output_format.upper(), size=size), key=f"{state}-make"):
            st.session_state[state] = render_card(make_card(), output_format, size)
        if state in st.session_state:
            column.download_button(
                tr("routine.download", format=output_format.upper(), size=size),
                st.session_state[state],
                file_name=f"{filename}-{size.lower()}.{output_format}",
                key=f"{state}-dl",
            )


def _card_downloads(ctx: Context) -> None:
    from sff_core.outputs.routine_card import build_card

    st.markdown(f"**{tr('routine.card_heading')}**")
    _downloads(ctx, "routine-card", lambda: build_card(ctx.engine, ctx.workspace.id, ctx.lang), "rutinkort")


def _internal(ctx: Context, info: routine.RoutineInfo, actors: dict[int, str]) -> None:
    """The steps where one organisation acts: a filtered flowchart and its own one-page document."""
    from sff_core.outputs.routine_card import build_card

    acting = list(dict.fromkeys(s.actor_id for s in info.steps if s.actor_id is not None))
    with st.expander(tr("routine.internal_heading")):
        chosen = st.selectbox(tr("routine.internal_pick"), acting, format_func=labelled(actors), key="routine-internal-actor")
        if chosen is None:
            return
        steps = routine.steps_for_actor(info, chosen)
        if not steps:
            st.caption(tr("routine.internal_none"))
            return
        title = tr("routine.internal_title", organisation=actors.get(chosen, ""), title=info.texts.get("title") or "")
        st.plotly_chart(
            chart("routine_flowchart", routine.steps_frame(steps, ctx.lang), title, ctx.lang, False), key="routine-internal-chart"
        )
        _downloads(
            ctx, f"routine-internal-{chosen}", lambda: build_card(ctx.engine, ctx.workspace.id, ctx.lang, chosen), f"intern-rutin-{chosen}"
        )


UI = ExerciseUI("routine", tool=routine_section)
