"""The hook specification of an exercise plugin: everything the app may ask an exercise, in one type.

Modelled on datasette's hookspecs: the hooks are declared once, here, with their signatures, and
every consumer (the step page, the wall, phones, reports, the workbook, sharing) asks the exercise
through them instead of keeping a table of exercise names of its own. Hooks are plain callables,
not "module:function" strings, so mypy checks them and "find usages" finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from sff_core.content import Section
    from sff_core.outputs.results import Results, ResultsQuery

# Extra content field: (the raw YAML value, its path for error messages) -> the typed value.
# Raises content.ContentError naming the path when the value is wrong.
FieldParser = Callable[[Any, str], Any]
# The results model of one exercise for one work session.
ResultsBuilder = Callable[["ResultsQuery"], "Results"]
# Checks answers before they are saved (laptop form and phone alike: `responses.save_answers`, which
# `live.submit` calls): (section, {prompt_key: responses.Answer, each already valid for the shape}) ->
# messages in Swedish for the user, empty when the answers may be saved; otherwise nothing is saved and
# the user sees the messages (InputError "answers_rejected").
AnswerCheck = Callable[["Section", Mapping[str, Any]], list[str]]
# The wall's screens of an exercise: its results model cut into screens that each fit 1280×720; "next"
# on the remote walks them before the agenda moves (`wall_screens.exercise_screens` asks this hook).
# None: one screen, the whole model. `wall_screens.paged_screens`: the generic packing of the blocks.
ScreenBuilder = Callable[["Results"], list["Results"]]
# Extra workbook sheets beyond the results tables: (query, shared?) -> [(sheet name, table)].
SheetBuilder = Callable[["ResultsQuery", bool], list[tuple[str, "pd.DataFrame"]]]


@dataclass(frozen=True)
class Exercise:
    """One exercise type: a generic answer shape or a `handler:` named in the content."""

    name: str  # the handler (or shape) as named in content YAML
    answered_as: str | None  # the generic shape whose form answers it; None: a tool of its own
    results: ResultsBuilder  # its results model (an exercise answered by a shape alone: shapes.generic_results)
    live: bool = False  # participants can answer it from their phones
    lists_prompts: bool = False  # its prompts are listed above the tool (not asked one by one)
    fields: Mapping[str, FieldParser] = field(default_factory=dict)  # extra content fields it takes
    validate: AnswerCheck | None = None
    screens: ScreenBuilder | None = None
    workbook_sheets: SheetBuilder | None = None

    def build_results(self, query: ResultsQuery) -> Results:
        """The exercise's results as plain data (titles, tables, figures, texts)."""
        return self.results(query)

    def can_run_live(self, section: Section) -> bool:
        """Whether a section of this type can be opened as a live activity (it needs prompts to ask)."""
        return self.live and self.answered_as is not None and bool(section.prompts)
