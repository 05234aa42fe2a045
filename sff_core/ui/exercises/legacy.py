"""TRANSITION (issue 21): the exercise UIs not yet declared in their own modules.

Move an entry into its module as `UI = ExerciseUI(name=..., ...)` and delete its line here; an entry
declared in a module replaces the line of the same name anyway. Delete this module once it is empty.
"""

from __future__ import annotations

from sff_core.ui.exercises import (
    plan,
    routine,
    step6_live,
)
from sff_core.ui.exercises.spec import ExerciseUI

EXERCISE_UI: tuple[ExerciseUI, ...] = (
    # step 6 live
    ExerciseUI("prerequisites", tool=step6_live.prerequisites_section, step_panel=step6_live.step_panel),
    ExerciseUI("common_ground", results=step6_live.common_ground_results, remote_panel=step6_live.common_ground_remote),
    ExerciseUI(
        "swot",
        form=step6_live.swot_form,
        results=step6_live.swot_results,
        phone=step6_live.swot_phone,
        remote_panel=step6_live.swot_remote,
    ),
    # step 7: the ambition levels (the generic live levels form, with the organisation) and the routine
    ExerciseUI("ambition_levels", tool=routine.levels_section, widget=routine.ambition_widget_for),
    ExerciseUI("routine", tool=routine.routine_section),
    # step 6: the collaboration plan and its marketing (sff_core/plan.py)
    ExerciseUI("plan", tool=plan.plan_section),
    ExerciseUI("marketing", tool=plan.marketing_section),
)
