"""Step 5 'Utveckla en samordningsfunktion': the coordinator's role description, in the network role's tool."""

from __future__ import annotations

from datetime import date

from sff_core import coordination
from sff_core.content import Section, Step
from sff_core.ui.context import Context
from sff_core.ui.exercises.network_role import role_tool
from sff_core.ui.exercises.spec import ExerciseUI


def coordinator_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    role_tool(ctx, step, section, session_date, coordination.COORDINATOR)


UI = ExerciseUI("coordinator_role", tool=coordinator_section)  # the generic results view pages it on the wall (its screens hook)
