"""Step 5 'Utforska motivation och kommunikation': the rounds per sector, then the communication plan."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import coordination
from sff_core.concurrency import EditConflict
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.layout import flash, labelled, show_error


def communication_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The plan's form; the rounds' answers (live from phones) and the plan table are the results below."""
    if ctx.projector:
        return
    sectors = vocab_labels("sectors", ctx.lang)
    options = coordination.sector_options(ctx.engine, ctx.workspace.id)
    st.caption(tr("network.plan_intro"))
    sector = st.selectbox(tr("network.sector"), options, format_func=labelled(sectors), key="plan-sector")
    current = next((p for p in coordination.communication_plan(ctx.engine, ctx.workspace.id) if p.sector == sector), None)
    loaded_values = current.fields() if current else dict.fromkeys(coordination.PLAN_FIELDS, "")
    labels = {f: tr(f"network.plan_{f}") for f in coordination.PLAN_FIELDS}
    edit = RecordEdit(f"plan-{sector}", [f"plan-{sector}-{f}" for f in coordination.PLAN_FIELDS], loaded_values)
    with st.form(f"plan-form-{sector}", enter_to_submit=False):
        typed = {"key_message": st.text_area(labels["key_message"], value=edit.loaded["key_message"], key=f"plan-{sector}-key_message")}
        left, right = st.columns(2)
        typed["words_to_use"] = left.text_area(labels["words_to_use"], value=edit.loaded["words_to_use"], key=f"plan-{sector}-words_to_use")
        typed["words_to_avoid"] = right.text_area(
            labels["words_to_avoid"], value=edit.loaded["words_to_avoid"], key=f"plan-{sector}-words_to_avoid"
        )
        first, second, third = st.columns(3)
        typed["channel"] = first.text_input(labels["channel"], value=edit.loaded["channel"], key=f"plan-{sector}-channel", max_chars=200)
        typed["who"] = second.text_input(labels["who"], value=edit.loaded["who"], key=f"plan-{sector}-who", max_chars=120)
        typed["when"] = third.text_input(labels["when"], value=edit.loaded["when"], key=f"plan-{sector}-when", max_chars=120)
        submitted = st.form_submit_button(tr("network.plan_save"), type="primary")
    loaded = edit.snapshot(submitted, labels)
    if loaded is not None:
        try:
            coordination.save_plan_row(ctx.engine, ctx.workspace.id, sector, typed, loaded=loaded)
        except EditConflict as conflict:
            edit.conflict(conflict)
        except InputError as error:
            show_error(error)
        else:
            edit.saved()
            flash(tr("network.plan_saved", sector=sectors.get(sector, sector)))
            st.rerun()
