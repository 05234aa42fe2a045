"""Step 4, the research continued: the team exercise's split kept, with the group's common deadline."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import knowledge
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.knowledge_bank import add_form, search_bank, split_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, show_error
from sff_core.ui.results_view import model_view


@adds_records
def continuation_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The continuation: the results model (the team exercise's split kept), the split's form, the common deadline."""
    model_view(ctx, step, section, session_date)
    if ctx.projector:
        return
    items = knowledge.list_items(ctx.engine, ctx.workspace.id)
    areas = knowledge.used_areas(items, ctx.lang)
    split_form(ctx, section, areas)
    with st.form("split-continue"):
        deadline = st.date_input(tr("knowledge.common_deadline"), value=None, key="split-common-deadline", format="YYYY-MM-DD")
        if st.form_submit_button(tr("knowledge.continue_split")):
            try:
                n = knowledge.continue_split(ctx.engine, ctx.workspace.id, deadline)  # type: ignore[arg-type]
            except InputError as error:
                show_error(error)
            else:
                flash(tr("knowledge.continued", n=n))
    st.divider()
    search_bank(ctx, items, areas, "-cont")
    add_form(ctx, areas, "-cont")


UI = ExerciseUI("research_continuation", tool=continuation_section)
