"""Step 7's ambition levels: the phone's levels form with the person's organisation, and the handbook's
five development levels beside the exercise (the results are the model's, sff_core/exercises/ambition_levels.py)."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from sff_core import routine
from sff_core.content import Prompt, Section, Step
from sff_core.i18n import text
from sff_core.responses import Answer
from sff_core.ui.context import Context, engine, tr
from sff_core.ui.exercises.spec import AnswerWidget, ExerciseUI
from sff_core.ui.sections import WIDGETS

NO_ORGANISATION = ""


def ambition_widget(section: Section, prompt: Prompt, key: str, stored: Answer | None, organisations: list[str]) -> Answer:
    """The levels form (now and wanted) and, optionally, the person's organisation (kept in the answer's text)."""
    levels = WIDGETS["levels"](section, prompt, key, stored)
    current = (stored.text or "") if stored else ""
    options = [NO_ORGANISATION, *organisations, *([current] if current and current not in organisations else [])]
    names = {NO_ORGANISATION: tr("ambition.no_organisation")}
    organisation = st.selectbox(
        tr("ambition.organisation"),
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda o: names.get(o, o),
        key=f"{key}-org",
        help=tr("ambition.organisation_help"),
    )
    return Answer(value_int=levels.value_int, value_int2=levels.value_int2, text=organisation or None)


def ambition_widget_for(section: Section, workspace_id: int) -> AnswerWidget:
    """The ambition levels' answer widget in one workspace: its organisations are the ones to pick from."""
    return partial(ambition_widget, organisations=routine.organisation_options(engine(), workspace_id))


def levels_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The five development levels with the handbook's descriptions, beside the exercise (not on the wall)."""
    if ctx.projector:
        return
    with st.expander(tr("ambition.levels_heading"), expanded=False):
        for level in section.levels:
            st.markdown(f"**{level.value}. {text(level.label, ctx.lang)}**")
            if level.description:
                st.markdown(text(level.description, ctx.lang))


UI = ExerciseUI("ambition_levels", tool=levels_section, widget=ambition_widget_for)
