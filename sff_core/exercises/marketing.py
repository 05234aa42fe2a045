"""Step 6's marketing of the collaboration plan: per target group what is important, the channels, the
tone and who helps (sff_core/plan.py stores the rows)."""

from __future__ import annotations

from sff_core import plan
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.plan_results import marketing_table
from sff_core.outputs.results import NO_COUNTS, Results, ResultsQuery, TableBlock


def marketing_results(query: ResultsQuery) -> Results:
    title = text(query.section.title, query.lang)
    rows = plan.list_marketing(query.engine, query.workspace_id)
    if not rows:
        return Results(title, None, (), t("plan.marketing_empty", query.lang))
    table = TableBlock(marketing_table(rows, query.lang), t("plan.marketing", query.lang), "marknadsforing", "marketing", NO_COUNTS)
    return Results(title, None, (table,))


EXERCISE = Exercise(name="marketing", answered_as=None, lists_prompts=True, results=marketing_results)
