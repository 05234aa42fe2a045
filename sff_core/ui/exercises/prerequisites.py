"""Step 6's prerequisites on screen: the results model shows each prerequisite met or not
(sff_core/exercises/prerequisites.py); the tool adds, on the laptop, where each missing part is fixed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import prerequisites
from sff_core.content import Section, Step
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import plain_markdown
from sff_core.ui.work_format import format_panel


def prerequisites_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """On the laptop: a link to where each missing part of a prerequisite is fixed (the results show the rest)."""
    if ctx.projector:
        return
    checked = prerequisites.check(ctx.engine, ctx.workspace.id, ctx.lang)
    for item in checked.items:
        for missing in item.missing:
            line, link = st.columns([3, 1], vertical_alignment="center")
            line.markdown(f"- {plain_markdown(missing.text)}")
            query = {"section": missing.section} if missing.section else None
            link.page_link(missing.page, label=tr("prereq.fix_here"), icon=":material/arrow_forward:", query_params=query)


def prerequisites_warning(ctx: Context) -> None:
    """At the top of steps 6 and 7: a warning (never a lock) while prerequisites are unmet."""
    checked = prerequisites.check(ctx.engine, ctx.workspace.id, ctx.lang)
    if checked.all_met:
        return
    st.warning(tr("prereq.warning", n=len(checked.unmet)), icon="⚠️")


def step_panel(ctx: Context, step: Step) -> None:
    """At the top of the steps that list the prerequisites (6 and 7): the warning and the step's format."""
    prerequisites_warning(ctx)
    format_panel(ctx, step)


UI = ExerciseUI("prerequisites", tool=prerequisites_section, step_panel=step_panel)
