"""One registry of exercises: every answer shape and every `handler:` named in the content.

Each exercise type says, in one place, how it is answered (its generic shape's form or a tool of
its own), whether it can run as a live activity, whether its prompts are listed above the tool,
which extra content fields it takes (validated when content loads), and how its results model is
built. A handler named in content that is not registered here is a ContentError at load time, never
a silent fallback (see `content.load_step`). The Streamlit side registers a renderer under the same
name (`sff_core/ui/exercises/`); a contract test checks both sides know every name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from sff_core import content
from sff_core.exercises.spec import Exercise, ScreenBuilder

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from sff_core.results import Results, ResultsQuery


@dataclass(frozen=True)
class ExerciseType:
    """What kind of exercise a content section is."""

    name: str
    answered_as: str | None  # the generic shape whose form answers it; None when it has a tool of its own
    live: bool = False  # participants can answer it from their phones
    lists_prompts: bool = False  # its prompts are shown as a list (the tool does not ask them one by one)
    fields: frozenset[str] = frozenset()  # extra content fields it takes, beyond GENERIC_FIELDS
    results_builder: str | None = None  # "module:function" building its results model
    screens: ScreenBuilder | None = None  # its screens on the wall (spec.ScreenBuilder); None: one screen
    screen_count: Callable[[Engine, int], int] | None = None  # TRANSITION: screens its UI draws, counted by its service

    def can_run_live(self, section: Any) -> bool:
        """Whether a section of this type can be opened as a live activity (it needs prompts to ask)."""
        return self.live and self.answered_as is not None and bool(section.prompts)

    def build_results(self, query: ResultsQuery) -> Results:
        """The exercise's results as plain data (titles, tables, figures, texts)."""
        module, _, name = (self.results_builder or "sff_core.results:generic_results").partition(":")
        builder: Callable[[ResultsQuery], Results] = getattr(import_module(module), name)
        return builder(query)


# TRANSITION (issue 21): the legacy entries below are replaced one by one by the plugins in
# sff_core/exercises/ (a module defining EXERCISE or EXERCISES); a discovered plugin replaces the
# legacy entry of the same name. When the list below is empty, this module only discovers.
_TYPES: dict[str, ExerciseType | Exercise] = {}
_discovered = False


def register(exercise_type: ExerciseType) -> ExerciseType:
    if exercise_type.name in _TYPES:
        raise ValueError(f"exercise type {exercise_type.name!r} is registered twice")
    _TYPES[exercise_type.name] = exercise_type
    return exercise_type


def _types() -> dict[str, ExerciseType | Exercise]:
    global _discovered
    if not _discovered:
        _discovered = True
        import pkgutil

        import sff_core.exercises as package

        for info in pkgutil.iter_modules(package.__path__):
            module = import_module(f"{package.__name__}.{info.name}")
            for plugin in (*getattr(module, "EXERCISES", ()), *([module.EXERCISE] if hasattr(module, "EXERCISE") else [])):
                _TYPES[plugin.name] = plugin
    return _TYPES


def exercise_type(name: str) -> ExerciseType | Exercise | None:
    return _types().get(name)


def registered_names() -> set[str]:
    return set(_types())


def type_of(section: Any) -> ExerciseType | Exercise:
    """The registered type of a content section: its handler, else its shape."""
    found = _types().get(section.handler or section.shape)
    if found is None:  # content.load_step refuses unknown names, so this is a programming error
        raise KeyError(section.handler or section.shape)
    return found


# --- TRANSITION (issue 21): the wall screens of exercises still registered below ----------------------
# Their plugins name the hook themselves (`screens=wall_screens.paged_screens`, or their own cutting of
# the model) and these adapters go. Imported when called: content imports this module.


def _paged(results: Results) -> list[Results]:
    from sff_core.wall_screens import paged_screens

    return paged_screens(results)


# --- The generic shapes ------------------------------------------------------------------------------
for _shape, _live, _listed, _fields in (
    ("info", False, True, frozenset()),
    ("yes_no", True, False, frozenset({"statement_heading", "interpretation_label"})),
    ("score", True, False, frozenset()),
    ("text", True, False, frozenset()),
    ("checklist", True, False, frozenset()),
    ("levels", True, False, frozenset()),
    ("postits", True, True, frozenset()),
):
    register(ExerciseType(_shape, answered_as=None if _shape == "info" else _shape, live=_live, lists_prompts=_listed, fields=_fields))

# --- Handlers: exercises with a tool of their own -----------------------------------------------------
register(ExerciseType("readiness", answered_as="score", live=True, results_builder="sff_core.results:readiness_results"))
register(
    ExerciseType("courage_boards", answered_as="postits", live=True, lists_prompts=True, results_builder="sff_core.results:courage_results")
)
register(ExerciseType("candidates", answered_as=None, lists_prompts=True, results_builder="sff_core.results:candidates_results"))
register(ExerciseType("core_group_coverage", answered_as=None, lists_prompts=True, results_builder="sff_core.results:coverage_results"))
register(ExerciseType("icebreaker", answered_as=None, lists_prompts=True, results_builder="sff_core.results:icebreaker_results"))
register(ExerciseType("mindmap", answered_as=None, lists_prompts=True, results_builder="sff_core.results:mindmap_results"))
register(
    ExerciseType(
        "mapping_plan",
        answered_as=None,
        lists_prompts=True,
        fields=frozenset({"contact_methods", "report_formats"}),
        results_builder="sff_core.results:mapping_plan_results",
    )
)
register(ExerciseType("tasks", answered_as="text", live=True, lists_prompts=True, results_builder="sff_core.results:tasks_results"))
register(
    ExerciseType("public_statistics", answered_as=None, lists_prompts=True, results_builder="sff_core.results:public_statistics_results")
)
register(ExerciseType("intelligence", answered_as="text", live=True, results_builder="sff_core.results:notes_results"))
register(ExerciseType("ad_log", answered_as=None, fields=frozenset({"warnings"}), results_builder="sff_core.results:ad_log_results"))
register(
    ExerciseType(
        "indicator_survey",
        answered_as=None,
        lists_prompts=True,
        fields=frozenset({"unknown_option"}),
        results_builder="sff_core.results:indicator_results",
    )
)
register(
    ExerciseType(
        "collaboration_levels", answered_as=None, lists_prompts=True, results_builder="sff_core.results:collaboration_levels_results"
    )
)
register(ExerciseType("stakeholder_analysis", answered_as=None, lists_prompts=True, results_builder="sff_core.results:stakeholder_results"))
# Step 4: the knowledge bank (with the research round), its continuation, and the group's subscriptions.
register(
    ExerciseType(
        "knowledge_bank", answered_as=None, lists_prompts=True, results_builder="sff_core.knowledge_results:bank_results", screens=_paged
    )
)
register(
    ExerciseType(
        "research_continuation", answered_as=None, lists_prompts=True, results_builder="sff_core.knowledge_results:continuation_results"
    )
)
register(ExerciseType("subscriptions", answered_as="text", live=True, results_builder="sff_core.knowledge_results:subscriptions_results"))
register(ExerciseType("network_event", answered_as=None, results_builder="sff_core.results:event_results"))
register(
    ExerciseType("network_role", answered_as=None, lists_prompts=True, results_builder="sff_core.results:role_results", screens=_paged)
)
register(ExerciseType("coordinator_role", answered_as=None, results_builder="sff_core.results:coordinator_results", screens=_paged))
# Utforska motivation och kommunikation: post-its per sector (the section's `topics`) and round, then the plan.
register(
    ExerciseType(
        "communication_plan",
        answered_as="postits",
        live=True,
        lists_prompts=True,
        results_builder="sff_core.results:communication_results",
        screens=_paged,
    )
)

content.use_exercises(_types)  # content checks handlers and extra fields against these (it does not import this module)
