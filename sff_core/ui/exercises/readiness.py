"""Step 0 'Är ni redo?': the consensus form; the radar, the total and the handbook's verdict from the results model."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.outputs.results import build_results
from sff_core.readiness import agreed_session, set_agreed_session
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash
from sff_core.ui.results_view import query_for, render_results
from sff_core.ui.sections import answer_form


def readiness_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    st.caption(tr("readiness.consensus_help"))
    answer_form(ctx, step, section, session_date, group_label="answer.group_consensus")


def readiness_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """On the wall the radar and the verdict stand side by side, so both fit one screen."""
    query = query_for(ctx, step, section, session_date)
    results = build_results(query)
    render_results(results, charts_beside=True)
    shown = results.shown_date
    if ctx.projector or shown is None or shown == agreed_session(ctx.engine, ctx.workspace.id):
        return
    if st.button(tr("readiness.mark_agreed"), key=f"agree-{shown.isoformat()}"):
        set_agreed_session(ctx.engine, ctx.workspace.id, shown)
        flash(tr("readiness.marked_agreed", date=shown.isoformat()))


UI = ExerciseUI("readiness", form=readiness_form, results=readiness_results)
