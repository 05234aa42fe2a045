"""The Streamlit side of the exercise registry: one entry per registered exercise type that needs more
than the generic form and results view (sff_core/registry.py names them all).

An entry may give the exercise's own tool (drawn above any answer form), a form replacing the
generic one, and a results view replacing the generic drawing of its results model. A contract
test checks that every handler in the content has an entry here or is answered generically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sff_core.content import Section
from sff_core.live import ActivityInfo
from sff_core.ui import wall_screens
from sff_core.ui.exercises import (
    ad_log,
    candidates,
    collaboration_levels,
    common_ground,
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
    plan,
    prerequisites,
    public_statistics,
    readiness,
    role_description,
    routine,
    stakeholder_analysis,
    swot,
    tasks,
)
from sff_core.ui.sections import SectionRenderer

# A phone's view of a live exercise: (the activity, its section, the participant's respondent key).
PhoneRenderer = Callable[[ActivityInfo, Section, str], None]


@dataclass(frozen=True)
class ExerciseUI:
    tool: SectionRenderer | None = None  # the exercise's own tool, drawn first
    form: SectionRenderer | None = None  # replaces the generic answer form
    results: SectionRenderer | None = None  # replaces the generic drawing of the results model
    phone: PhoneRenderer | None = None  # replaces the generic post-it boards on a live participant's phone
    remote_panel: SectionRenderer | None = None  # the exercise's controls on the facilitator's remote


GENERIC = ExerciseUI()

EXERCISE_UI: dict[str, ExerciseUI] = {
    "readiness": ExerciseUI(form=readiness.readiness_form, results=readiness.readiness_results),
    "courage_boards": ExerciseUI(results=courage_boards.courage_results),
    "candidates": ExerciseUI(tool=candidates.candidates_section),
    "core_group_coverage": ExerciseUI(tool=core_group_coverage.coverage_section),
    "icebreaker": ExerciseUI(tool=icebreaker.icebreaker_section),
    "mindmap": ExerciseUI(tool=mindmap.mindmap_section),
    "mapping_plan": ExerciseUI(tool=mapping_plan.mapping_plan_section),
    "tasks": ExerciseUI(tool=tasks.tasks_section, results=tasks.answers_results),
    "public_statistics": ExerciseUI(tool=public_statistics.public_statistics_section),
    "intelligence": ExerciseUI(tool=intelligence.intelligence_section),
    "ad_log": ExerciseUI(tool=ad_log.ad_log_section),
    "indicator_survey": ExerciseUI(tool=indicator_survey.indicator_section),
    "collaboration_levels": ExerciseUI(tool=collaboration_levels.levels_section),
    "stakeholder_analysis": ExerciseUI(tool=stakeholder_analysis.analysis_section),
    "knowledge_bank": ExerciseUI(tool=knowledge_bank.research_section),
    "research_continuation": ExerciseUI(tool=knowledge_bank.continuation_section),
    "subscriptions": ExerciseUI(tool=knowledge_bank.subscriptions_section),
    "network_event": ExerciseUI(tool=network_event.event_section),
    "network_role": ExerciseUI(tool=role_description.network_role_section),
    "coordinator_role": ExerciseUI(tool=role_description.coordinator_section),
    "communication_plan": ExerciseUI(form=communication.communication_form, results=wall_screens.paged_results),
    # step 6 live
    "prerequisites": ExerciseUI(tool=prerequisites.prerequisites_section),
    "common_ground": ExerciseUI(results=common_ground.results, remote_panel=common_ground.remote_panel),
    "swot": ExerciseUI(form=swot.swot_form, results=swot.results, phone=swot.swot_phone, remote_panel=swot.remote_panel),
    # step 7: the ambition levels (the generic live levels form, with the organisation) and the routine
    "ambition_levels": ExerciseUI(tool=routine.levels_section),
    "routine": ExerciseUI(tool=routine.routine_section),
    # step 6: the collaboration plan and its marketing (sff_core/plan.py)
    "plan": ExerciseUI(tool=plan.plan_section, results=wall_screens.paged_results),
    "marketing": ExerciseUI(tool=plan.marketing_section),
}


def exercise_ui(name: str) -> ExerciseUI:
    """The UI entry of an exercise type (the generic one for the answer shapes)."""
    return EXERCISE_UI.get(name, GENERIC)
