"""Step 0 'Kärngruppen': what the handbook asks of the core group, checked."""

from __future__ import annotations

from datetime import date

from sff_core.content import Section, Step
from sff_core.ui.context import Context
from sff_core.ui.core_group import coverage_panel


def coverage_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    coverage_panel(ctx)
