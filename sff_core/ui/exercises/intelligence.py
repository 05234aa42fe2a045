"""Step 2 'Underrättelse': the police members' shareable summary, as the group's notes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.spec import ExerciseUI


def intelligence_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Marks the exercise as the police members' shareable summary; the answers follow as text."""
    st.info(tr("intelligence.marker"))


UI = ExerciseUI(name="intelligence", tool=intelligence_section)
