"""The Streamlit side of an exercise plugin: what a module in sff_core/ui/exercises/ may declare.

A module declares `UI = ExerciseUI(name="<handler>", ...)` (or `UIS`, a tuple, for a module serving
several exercises) under the name of its exercise in sff_core/exercises/. Every hook is optional:
an exercise answered by its shape's generic form, drawn by the generic results view and answered
on phones with its shape's widget needs no entry at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sff_core.content import Prompt, Section, Step
from sff_core.live import ActivityInfo
from sff_core.responses import Answer
from sff_core.ui.context import Context

# Draws something of one exercise on a page: (the context, its step, its section, the work session).
SectionRenderer = Callable[[Context, Step, Section, date], None]
# A phone's view of a live exercise: (the activity, its section, the participant's respondent key).
PhoneRenderer = Callable[[ActivityInfo, Section, str], None]
# One prompt's input: (the section, the prompt, the widget key, the stored answer) -> the typed answer.
AnswerWidget = Callable[[Section, Prompt, str, Answer | None], Answer]
# The answer widget of an exercise in one workspace (it may offer the workspace's own options).
WidgetFactory = Callable[[Section, int], AnswerWidget]
# A panel of the exercise on a step's page (the step's content lists it in `panels` or `tip_panels`).
StepPanel = Callable[[Context, Step], None]


@dataclass(frozen=True)
class ExerciseUI:
    """The Streamlit hooks of one exercise; `None` means the generic behaviour."""

    name: str  # the exercise's name in the registry (sff_core/exercises/)
    tool: SectionRenderer | None = None  # the exercise's own tool, drawn first on the step page
    form: SectionRenderer | None = None  # replaces the generic answer form on the step page
    results: SectionRenderer | None = None  # replaces the generic drawing of the results model
    phone: PhoneRenderer | None = None  # replaces the generic answer form / post-it boards on a phone
    widget: WidgetFactory | None = None  # replaces the shape's answer widget (laptop form and phone)
    remote_panel: SectionRenderer | None = None  # the exercise's controls on the facilitator's remote
    step_panel: StepPanel | None = None  # drawn on a step page whose content names it in `panels` / `tip_panels`
