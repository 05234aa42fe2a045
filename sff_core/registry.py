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
        module, _, name = (self.results_builder or "sff_core.exercises.shapes:generic_results").partition(":")
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


def _counted(module: str) -> Callable[[Engine, int], int]:
    """Screens drawn by the exercise's own UI, counted by its service (`<module>.screen_count`)."""
    return lambda engine, workspace_id: int(import_module(f"sff_core.{module}").screen_count(engine, workspace_id))


def _plan_screen_count(engine: Engine, workspace_id: int) -> int:
    from sff_core.wall_screens import plan_screens

    return len(plan_screens(engine, workspace_id))


# --- Handlers: exercises with a tool of their own -----------------------------------------------------
# Step 6: the collaboration plan (vision, delmål with yearly targets, the year grid, follow-up) and its marketing.
register(
    ExerciseType(
        "plan",
        answered_as=None,
        lists_prompts=True,
        fields=frozenset({"plan_example"}),
        results_builder="sff_core.plan_results:plan_results",
        screen_count=_plan_screen_count,
    )
)
register(ExerciseType("marketing", answered_as=None, lists_prompts=True, results_builder="sff_core.plan_results:marketing_results"))
# Step 6 live: the prerequisites checked from the data, the common starting point as a presenter view
# (one topic per screen) with the room's answers and training needs, the SWOT per small group with dot voting.
register(ExerciseType("prerequisites", answered_as="checklist", live=False, results_builder="sff_core.step6_results:prerequisites_results"))
register(
    ExerciseType(
        "common_ground",
        answered_as="text",
        live=True,
        results_builder="sff_core.step6_results:common_ground_results",
        screen_count=_counted("common_ground"),
    )
)
register(
    ExerciseType(
        "swot",
        answered_as="postits",
        live=True,
        lists_prompts=True,
        results_builder="sff_core.step6_results:swot_results",
        screen_count=_counted("swot"),
    )
)
# Step 7: the ambition levels placed live from phones (now and wanted, optionally per organisation), and the
# routine for individual cases (ordered steps, versions, the flowchart on the wall, the routine card).
register(ExerciseType("ambition_levels", answered_as="levels", live=True, results_builder="sff_core.routine_results:ambition_results"))
register(
    ExerciseType(
        "routine",
        answered_as=None,
        lists_prompts=True,
        fields=frozenset({"priorities", "emergency_numbers", "routine_example"}),
        results_builder="sff_core.routine_results:routine_results",
    )
)

content.use_exercises(_types)  # content checks handlers and extra fields against these (it does not import this module)
