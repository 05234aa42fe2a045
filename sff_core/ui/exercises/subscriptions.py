"""Step 4 'Håll er uppdaterade': the group's subscriptions and alerts, each with a responsible member."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import knowledge
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.knowledge_bank import member_names
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled, run_action


@edit_form("knowledge-responsible")
def subscriptions_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Håll er uppdaterade: the group's subscriptions and alerts, each with a responsible member.

    The table itself is part of the exercise's results model, drawn below the answers (and on the wall)."""
    if ctx.projector:
        return
    subscriptions = knowledge.list_subscriptions(ctx.engine, ctx.workspace.id)
    st.markdown(f"**{tr('knowledge.subscriptions')}**")
    suggestions = [text(s, ctx.lang) for s in section.suggestions]
    members = member_names(ctx)
    with st.form("kb-subscribe"):
        title = st.selectbox(tr("knowledge.subscription"), suggestions, key="kb-sub-title", index=None, accept_new_options=True)
        left, right = st.columns(2)
        responsible = left.selectbox(tr("knowledge.responsible"), members, key="kb-sub-responsible", index=None, accept_new_options=True)
        url = right.text_input(tr("knowledge.url"), key="kb-sub-url", placeholder="https://")
        note = st.text_input(tr("knowledge.note"), key="kb-sub-note")
        if st.form_submit_button(tr("knowledge.subscribe")):
            run_action(
                lambda: knowledge.add_subscription(ctx.engine, ctx.workspace.id, title or "", responsible or "", url, note),
                tr("knowledge.subscribed"),
            )
    if not subscriptions:
        return
    names = {s.id: s.title for s in subscriptions}
    sub_id = st.selectbox(tr("knowledge.subscription"), list(names), format_func=labelled(names), key="kb-sub-pick")
    sub = next(s for s in subscriptions if s.id == sub_id)
    prefix = f"kb-sub-{sub_id}"
    edit = RecordEdit(prefix, [f"{prefix}-responsible"], {"responsible": sub.responsible})
    with st.form(f"{prefix}-form"):
        responsible = st.text_input(tr("knowledge.responsible"), value=edit.loaded["responsible"], key=f"{prefix}-responsible")
        submitted = st.form_submit_button(tr("knowledge.change_responsible"))
    edit.save(
        submitted,
        {"responsible": tr("knowledge.responsible")},
        lambda before: knowledge.set_responsible(ctx.engine, ctx.workspace.id, sub_id, responsible, loaded=str(before["responsible"])),
        tr("knowledge.responsible_changed"),
    )
    if st.button(tr("knowledge.unsubscribe"), key=f"{prefix}-remove"):
        run_action(lambda: knowledge.remove_subscription(ctx.engine, ctx.workspace.id, sub_id), tr("knowledge.unsubscribed"))


UI = ExerciseUI("subscriptions", tool=subscriptions_section)
