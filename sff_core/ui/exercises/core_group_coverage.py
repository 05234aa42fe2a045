"""Step 0 'Kärngruppen': what the handbook asks of the core group, checked (drawn from the results model)."""

from __future__ import annotations

from datetime import date

from sff_core.content import Section, Step
from sff_core.outputs.results import build_results
from sff_core.ui.context import Context
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.results_view import query_for, render_results


def coverage_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The checks and the personality types; on the wall the chart beside the checks."""
    render_results(build_results(query_for(ctx, step, section, session_date)), charts_beside=True)


UI = ExerciseUI("core_group_coverage", tool=coverage_section)
