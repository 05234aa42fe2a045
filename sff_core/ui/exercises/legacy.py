"""TRANSITION (issue 21): the exercise UIs not yet declared in their own modules.

Move an entry into its module as `UI = ExerciseUI(name=..., ...)` and delete its line here; an entry
declared in a module replaces the line of the same name anyway. Delete this module once it is empty.
"""

from __future__ import annotations

from sff_core.ui.exercises import (
    ad_log,
    candidates,
    core_group_coverage,
    courage_boards,
    icebreaker,
    indicator_survey,
    intelligence,
    mapping_plan,
    mindmap,
    plan,
    public_statistics,
    readiness,
    routine,
    step6_live,
    tasks,
)
from sff_core.ui.exercises.spec import ExerciseUI

EXERCISE_UI: tuple[ExerciseUI, ...] = (
    ExerciseUI("readiness", form=readiness.readiness_form, results=readiness.readiness_results),
    ExerciseUI("courage_boards", results=courage_boards.courage_results),
    ExerciseUI("candidates", tool=candidates.candidates_section),
    ExerciseUI("core_group_coverage", tool=core_group_coverage.coverage_section),
    ExerciseUI("icebreaker", tool=icebreaker.icebreaker_section),
    ExerciseUI("mindmap", tool=mindmap.mindmap_section),
    ExerciseUI("mapping_plan", tool=mapping_plan.mapping_plan_section),
    ExerciseUI("tasks", tool=tasks.tasks_section, results=tasks.answers_results),
    ExerciseUI("public_statistics", tool=public_statistics.public_statistics_section),
    ExerciseUI("intelligence", tool=intelligence.intelligence_section),
    ExerciseUI("ad_log", tool=ad_log.ad_log_section),
    ExerciseUI("indicator_survey", tool=indicator_survey.indicator_section),
    # step 6 live
    ExerciseUI("prerequisites", tool=step6_live.prerequisites_section),
    ExerciseUI("common_ground", results=step6_live.common_ground_results, remote_panel=step6_live.common_ground_remote),
    ExerciseUI(
        "swot",
        form=step6_live.swot_form,
        results=step6_live.swot_results,
        phone=step6_live.swot_phone,
        remote_panel=step6_live.swot_remote,
    ),
    # step 7: the ambition levels (the generic live levels form, with the organisation) and the routine
    ExerciseUI("ambition_levels", tool=routine.levels_section),
    ExerciseUI("routine", tool=routine.routine_section),
    # step 6: the collaboration plan and its marketing (sff_core/plan.py)
    ExerciseUI("plan", tool=plan.plan_section),
    ExerciseUI("marketing", tool=plan.marketing_section),
)
