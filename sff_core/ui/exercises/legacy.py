"""TRANSITION (issue 21): the exercise UIs not yet declared in their own modules.

Move an entry into its module as `UI = ExerciseUI(name=..., ...)` and delete its line here; an entry
declared in a module replaces the line of the same name anyway. Delete this module once it is empty.
"""

from __future__ import annotations

from sff_core.ui import wall_screens
from sff_core.ui.exercises import (
    ad_log,
    candidates,
    collaboration_levels,
    communication,
    core_group_coverage,
    courage_boards,
    icebreaker,
    indicator_survey,
    intelligence,
    knowledge_bank,
    mapping_plan,
    mindmap,
    network_event,
    public_statistics,
    readiness,
    role_description,
    stakeholder_analysis,
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
    ExerciseUI("collaboration_levels", tool=collaboration_levels.levels_section, step_panel=collaboration_levels.tip_panel),
    ExerciseUI("stakeholder_analysis", tool=stakeholder_analysis.analysis_section),
    ExerciseUI("knowledge_bank", tool=knowledge_bank.research_section),
    ExerciseUI("research_continuation", tool=knowledge_bank.continuation_section),
    ExerciseUI("subscriptions", tool=knowledge_bank.subscriptions_section),
    ExerciseUI("network_event", tool=network_event.event_section),
    ExerciseUI("network_role", tool=role_description.network_role_section),
    ExerciseUI("coordinator_role", tool=role_description.coordinator_section),
    ExerciseUI("communication_plan", form=communication.communication_form, results=wall_screens.paged_results),
)
