"""Step 3 'Analys av era lokala samverkansaktörer': the influence × support matrix over time."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import stakeholders
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.actors import actor_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, labelled, show_error
from sff_core.ui.results_view import model_view
from sff_core.ui.sections import answer_form


def analysis_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The results model (the matrix and the analysis table), then the forms: actors, assessments, questions."""
    model_view(ctx, step, section, session_date)
    if ctx.projector:
        return
    actors = stakeholders.list_actors(ctx.engine, ctx.workspace.id)
    actor_form(ctx, "analysis")
    if actors:
        _assessment_form(ctx, actors)
    questions = [p.key for p in section.prompts if p.group == "fragor"]
    if questions:
        answer_form(ctx, step, section, session_date, prompt_keys=questions)


@adds_records
def _assessment_form(ctx: Context, actors: list[stakeholders.ActorInfo]) -> None:
    names = {a.id: a.name for a in actors}
    with st.form("assessment"):
        st.markdown(f"**{tr('actors.assess')}**")
        first, second, third = st.columns(3)
        actor_id = first.selectbox(tr("actors.name"), list(names), format_func=labelled(names), key="assess-actor")
        influence = second.slider(tr("chart.influence"), 1, 5, 3, key="assess-influence")
        support = third.slider(tr("chart.support"), 1, 5, 3, key="assess-support")
        assessed_on = first.date_input(tr("actors.date"), value=date.today(), key="assess-date", format="YYYY-MM-DD")
        contact_role = second.text_input(tr("actors.contact_role"), key="assess-role", max_chars=160, help=tr("actors.contact_role_help"))
        reason = st.text_area(tr("actors.reason"), key="assess-reason", height=68)
        action = st.text_area(tr("actors.action"), key="assess-action", height=68)
        result = st.text_area(tr("actors.result"), key="assess-result", height=68)
        comment = st.text_area(tr("answer.comment"), key="assess-comment", height=68)
        if st.form_submit_button(tr("actors.save_assessment"), type="primary"):
            try:
                stakeholders.add_assessment(
                    ctx.engine, ctx.workspace.id, actor_id, assessed_on, influence, support, reason, action, result, contact_role, comment
                )
            except InputError as error:
                show_error(error)
            else:
                flash(tr("actors.assessed", name=names[actor_id]))


UI = ExerciseUI("stakeholder_analysis", tool=analysis_section)
