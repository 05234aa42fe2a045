"""Step 3's bespoke parts: collaboration levels per actor, and the actor analysis with its matrix."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core import stakeholders
from sff_core.concurrency import EditConflict
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit
from sff_core.ui.layout import chart, data_table, figure, flash, show_error
from sff_core.ui.sections import answer_form, notes_form
from sff_core.ui.step_page import StepParts


def _sectors(lang: str) -> dict[str, str]:
    return {item["key"]: text(item["label"], lang) for item in get_content().vocab["sectors"]}


def actor_form(ctx: Context, where: str) -> None:
    sectors = _sectors(ctx.lang)
    with st.form(f"actor-add-{where}"):
        st.caption(tr("actors.no_individuals"))
        left, right = st.columns(2)
        name = left.text_input(tr("actors.name"), key=f"actor-name-{where}", max_chars=160)
        sector = right.selectbox(tr("core.sector"), list(sectors), format_func=sectors.get, key=f"actor-sector-{where}")
        if st.form_submit_button(tr("actors.add")):
            try:
                stakeholders.add_actor(ctx.engine, ctx.workspace.id, name, sector)
            except InputError as error:
                show_error(error)
            else:
                flash(tr("actors.added", name=name.strip()))


def levels_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    levels = {level["value"]: text(level["label"], ctx.lang) for level in section.levels}
    st.markdown("\n".join(f"{level['value']}. **{text(level['label'], ctx.lang)}** – {text(level['description'], ctx.lang)}"
                          for level in section.levels))
    actors = stakeholders.list_actors(ctx.engine, ctx.workspace.id)
    rated = pd.DataFrame([{"actor": a.name, "current": a.current_level, "wanted": a.wanted_level}
                          for a in actors if a.current_level or a.wanted_level], columns=["actor", "current", "wanted"])
    if not rated.empty:
        figure(chart("levels_dumbbell", rated, levels, ctx.lang, ctx.projector), rated, key="levels-chart")
    if ctx.projector:
        return
    if not actors:
        st.info(tr("actors.none_yet"))
        actor_form(ctx, "levels")
    else:
        names = {a.id: a.name for a in actors}
        actor_id = st.selectbox(tr("actors.pick"), list(names), format_func=names.get, key="levels-actor")
        current = next(a for a in actors if a.id == actor_id)
        values = list(levels)
        edit = RecordEdit(f"levels-{actor_id}", [f"level-now-{actor_id}", f"level-wanted-{actor_id}",
                                                 f"level-notes-{actor_id}"], stakeholders.level_fields(current))
        with st.form(f"levels-{actor_id}", enter_to_submit=False):
            left, right = st.columns(2)
            now = left.selectbox(tr("answer.level_now"), values, format_func=lambda v: f"{v} – {levels[v]}",
                                 index=values.index(current.current_level) if current.current_level in values else None,
                                 key=f"level-now-{actor_id}", placeholder=tr("app.choose"))
            wanted = right.selectbox(tr("answer.level_wanted"), values, format_func=lambda v: f"{v} – {levels[v]}",
                                     index=values.index(current.wanted_level) if current.wanted_level in values else None,
                                     key=f"level-wanted-{actor_id}", placeholder=tr("app.choose"))
            notes = st.text_area(tr("levels.notes"), value=current.level_notes, key=f"level-notes-{actor_id}")
            submitted = st.form_submit_button(tr("levels.save"), type="primary")
        labels = {"current_level": tr("answer.level_now"), "wanted_level": tr("answer.level_wanted"),
                  "level_notes": tr("levels.notes")}
        loaded = edit.snapshot(submitted, labels,
                               lambda f, v: f"{v} – {levels[v]}" if f != "level_notes" and v in levels else (v or "–"))
        if loaded is not None:
            try:
                stakeholders.set_levels(ctx.engine, ctx.workspace.id, actor_id, now, wanted, notes, loaded=loaded)
            except EditConflict as conflict:
                edit.conflict(conflict)
            except InputError as error:
                show_error(error)
            else:
                edit.saved()
                flash(tr("levels.saved", name=current.name))
    notes_form(ctx, step, section, session_date)


def analysis_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    assessments = stakeholders.load_assessments(ctx.engine, ctx.workspace.id)
    moves = stakeholders.movements(assessments)
    if moves.empty:
        st.caption(tr("actors.no_assessments"))
    else:
        figure(chart("influence_support_matrix", moves, ctx.lang, ctx.projector), moves, key="matrix-chart")
    if ctx.projector:
        return
    if not assessments.empty:
        with st.expander(tr("actors.table", n=len(assessments))):
            columns = {p.key: text(p.text, ctx.lang) for p in section.prompts if p.group == "kolumner"}
            data_table(assessments.drop(columns=["actor_id"]).rename(columns={
                "actor": columns.get("aktor", "actor"), "influence": columns.get("paverkansgrad", "influence"),
                "support": columns.get("upplevt_stod", "support"), "reason": columns.get("anledning", "reason"),
                "action": columns.get("atgard", "action"), "result": columns.get("resultat", "result"),
                "contact_role": columns.get("kontaktperson", "contact_role"),
                "comment": columns.get("kommentar", "comment")}), "assessments", "aktorsanalys")
    actors = stakeholders.list_actors(ctx.engine, ctx.workspace.id)
    actor_form(ctx, "analysis")
    if actors:
        _assessment_form(ctx, actors)
    questions = [p.key for p in section.prompts if p.group == "fragor"]
    if questions:
        answer_form(ctx, step, section, session_date, prompt_keys=questions)


def _assessment_form(ctx: Context, actors) -> None:  # type: ignore[no-untyped-def]
    names = {a.id: a.name for a in actors}
    with st.form("assessment"):
        st.markdown(f"**{tr('actors.assess')}**")
        first, second, third = st.columns(3)
        actor_id = first.selectbox(tr("actors.name"), list(names), format_func=names.get, key="assess-actor")
        influence = second.slider(tr("chart.influence"), 1, 5, 3, key="assess-influence")
        support = third.slider(tr("chart.support"), 1, 5, 3, key="assess-support")
        assessed_on = first.date_input(tr("actors.date"), value=date.today(), key="assess-date", format="YYYY-MM-DD")
        contact_role = second.text_input(tr("actors.contact_role"), key="assess-role", max_chars=160,
                                         help=tr("actors.contact_role_help"))
        reason = st.text_area(tr("actors.reason"), key="assess-reason", height=68)
        action = st.text_area(tr("actors.action"), key="assess-action", height=68)
        result = st.text_area(tr("actors.result"), key="assess-result", height=68)
        comment = st.text_area(tr("answer.comment"), key="assess-comment", height=68)
        if st.form_submit_button(tr("actors.save_assessment"), type="primary"):
            try:
                stakeholders.add_assessment(ctx.engine, ctx.workspace.id, actor_id, assessed_on, influence, support,
                                            reason, action, result, contact_role, comment)
            except InputError as error:
                show_error(error)
            else:
                flash(tr("actors.assessed", name=names[actor_id]))


PARTS = StepParts(sections={"nivaer": levels_section, "analys_samverkansaktorer": analysis_section})
