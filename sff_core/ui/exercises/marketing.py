"""Step 6's marketing of the collaboration plan: per target group what is important, the channels, the
tone and who helps (sff_core/plan.py); the table is the results model's (sff_core/exercises/marketing.py)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import plan
from sff_core.content import Section, Step
from sff_core.outputs.results import build_results
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled, run_action
from sff_core.ui.results_view import query_for, render_results


@edit_form("plan-marketing")
def marketing_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    render_results(build_results(query_for(ctx, step, section, session_date)))
    if ctx.projector:
        return
    rows = plan.list_marketing(ctx.engine, ctx.workspace.id)
    names = {0: tr("plan.add_marketing"), **{r.id: r.target_group for r in rows}}
    chosen = st.selectbox(tr("plan.edit_marketing"), list(names), format_func=labelled(names), key="marketing-pick")
    row = next((r for r in rows if r.id == chosen), None)
    prefix = f"marketing-{row.id if row else 'new'}"
    current = row.fields() if row else dict.fromkeys(plan.MARKETING_FIELDS, "")
    edit = RecordEdit(prefix, [f"{prefix}-{f}" for f in plan.MARKETING_FIELDS], current)
    labels = {f: tr(f"plan.{f}") for f in plan.MARKETING_FIELDS}
    with st.form(f"{prefix}-form", enter_to_submit=False):
        typed = {"target_group": st.text_input(labels["target_group"], value=edit.loaded["target_group"], key=f"{prefix}-target_group")}
        left, right = st.columns(2)
        typed["important"] = left.text_area(labels["important"], value=edit.loaded["important"], key=f"{prefix}-important", height=90)
        typed["channels"] = right.text_area(labels["channels"], value=edit.loaded["channels"], key=f"{prefix}-channels", height=90)
        typed["tone"] = left.text_area(labels["tone"], value=edit.loaded["tone"], key=f"{prefix}-tone", height=70)
        typed["helpers"] = right.text_area(labels["helpers"], value=edit.loaded["helpers"], key=f"{prefix}-helpers", height=70)
        submitted = st.form_submit_button(tr("plan.save_marketing") if row else tr("plan.add_marketing"), type="primary")
    row_id = row.id if row else None
    edit.save(
        submitted,
        labels,
        lambda loaded: plan.save_marketing(ctx.engine, ctx.workspace.id, row_id, typed, loaded=loaded if row_id else None),
        tr("plan.marketing_saved") if row else tr("plan.marketing_added"),
    )
    if row is not None and st.button(tr("plan.remove_marketing"), key=f"{prefix}-remove", type="tertiary"):
        run_action(lambda: plan.remove_marketing(ctx.engine, ctx.workspace.id, row.id), tr("plan.marketing_removed"))


UI = ExerciseUI("marketing", tool=marketing_section)
