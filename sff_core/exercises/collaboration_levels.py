"""Step 3 'Olika nivåer av samverkan': each actor's collaboration level now and wanted (sff_core/stakeholders.py)."""

from __future__ import annotations

import pandas as pd

from sff_core import stakeholders
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, FigureBlock, Results, ResultsQuery

RATED_COLUMNS = ["actor", "current", "wanted"]


def rated_actors(actors: list[stakeholders.ActorInfo]) -> pd.DataFrame:
    """Pure: the actors with a level now or wanted (the levels chart's input)."""
    return pd.DataFrame(
        [{"actor": a.name, "current": a.current_level, "wanted": a.wanted_level} for a in actors if a.current_level or a.wanted_level],
        columns=RATED_COLUMNS,
    )


def collaboration_levels_results(query: ResultsQuery) -> Results:
    """Each actor's level now and wanted (a dumbbell chart), then the group's notes."""
    lang = query.lang
    levels = {level.value: text(level.label, lang) for level in query.section.levels}
    rated = rated_actors(stakeholders.list_actors(query.engine, query.workspace_id))
    blocks: list[Block] = []
    if not rated.empty:
        chart = FigureBlock("levels_dumbbell", (rated, levels, lang, query.projector), rated, key="levels-chart", counts=NO_COUNTS)
        blocks.append(chart)  # each actor's collaboration level: levels, not counts
    blocks += list(generic_results(query).blocks)
    title = text(query.section.title, lang)
    if not blocks:
        return Results(title, None, (), t("answer.no_answers", lang))
    return Results(title, None, tuple(blocks))


EXERCISE = Exercise(name="collaboration_levels", answered_as=None, lists_prompts=True, results=collaboration_levels_results)
