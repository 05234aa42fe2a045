"""Step 5 'Utforska motivation och kommunikation': the rounds per sector, then the communication plan."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import coordination
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled, plain_markdown
from sff_core.ui.notes_board import postits_form

KEYWORD_BOARD = "nyckelord"  # "Finns det några nyckelord att använda eller kanske att undvika?" – shown first beside the plan


def communication_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Rounds 1 and 2 as post-its per sector (laptop; phones join the live activity), then the plan."""
    postits_form(ctx, step, section, session_date)
    st.divider()
    plan_title = next((g.title for g in section.groups if g.key == coordination.PLAN_GROUP), None)
    if plan_title:
        st.markdown(f"#### {text(plan_title, ctx.lang)}")
    plan_form(ctx, session_date)


@edit_form("communication-plan")
def plan_form(ctx: Context, session_date: date) -> None:
    """The plan for one sector, written beside that sector's post-its (the key words first)."""
    sectors = vocab_labels("sectors", ctx.lang)
    options = coordination.sector_options(ctx.engine, ctx.workspace.id)
    st.caption(tr("network.plan_intro"))
    sector = st.selectbox(tr("network.sector"), options, format_func=labelled(sectors), key="plan-sector")
    form_column, notes_column = st.columns([3, 2])
    with notes_column:
        sector_material(ctx, sector, session_date, sectors.get(sector, sector))
    current = next((p for p in coordination.communication_plan(ctx.engine, ctx.workspace.id) if p.sector == sector), None)
    loaded_values = current.fields() if current else dict.fromkeys(coordination.PLAN_FIELDS, "")
    labels = {f: tr(f"network.plan_{f}") for f in coordination.PLAN_FIELDS}
    edit = RecordEdit(f"plan-{sector}", [f"plan-{sector}-{f}" for f in coordination.PLAN_FIELDS], loaded_values)
    with form_column, st.form(f"plan-form-{sector}", enter_to_submit=False):
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
    edit.save(
        submitted,
        labels,
        lambda loaded: coordination.save_plan_row(ctx.engine, ctx.workspace.id, sector, typed, loaded=loaded),
        tr("network.plan_saved", sector=sectors.get(sector, sector)),
    )


def sector_material(ctx: Context, sector: str, session_date: date, label: str) -> None:
    """The sector's post-its from the rounds, the key-word board first; user text as plain text."""
    shown, boards = coordination.sector_answers(ctx.engine, ctx.workspace.id, sector, session_date)
    with st.container(border=True, key=f"plan-material-{sector}"):
        st.markdown(f"**{plain_markdown(tr('network.plan_material', sector=label))}**")
        if shown is None:
            st.caption(tr("network.plan_material_none"))
            return
        if shown != session_date:
            st.caption(tr("answer.showing_date", date=shown.isoformat()))
        for prompt, notes in sorted(boards, key=lambda b: b[0].key != KEYWORD_BOARD):
            st.markdown(f"**{plain_markdown(text(prompt.text, ctx.lang))}**")
            st.text("\n".join(("★ " if n.marked else "• ") + n.text + (f" ×{n.weight}" if n.weight > 1 else "") for n in notes))


UI = ExerciseUI("communication_plan", form=communication_form)  # the generic results view pages it on the wall (its screens hook)
