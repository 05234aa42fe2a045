"""Step 5 'Utveckla en samordningsfunktion': the coordinator's role description (sff_core/coordination.py)."""

from __future__ import annotations

from sff_core.coordination import COORDINATOR
from sff_core.exercises.network_role import role_blocks
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Results, ResultsQuery
from sff_core.outputs.wall_screens import paged_screens  # a screen at a time on the wall


def coordinator_results(query: ResultsQuery) -> Results:
    """Utveckla en samordningsfunktion: the coordinator's role description."""
    blocks = role_blocks(query.engine, query.workspace_id, COORDINATOR, query.lang)
    return Results(text(query.section.title, query.lang), None, tuple(blocks), t("network.role_empty", query.lang))


EXERCISE = Exercise(name="coordinator_role", answered_as=None, screens=paged_screens, results=coordinator_results)
