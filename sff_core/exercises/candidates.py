"""Step 0 'Rekrytera till kärngruppen': candidates checked against the handbook's basic and desirable lists."""

from __future__ import annotations

import pandas as pd

from sff_core.candidates import checklist_groups, list_candidates
from sff_core.content import get_content
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Results, ResultsQuery, TableBlock, without_column


def candidates_results(query: ResultsQuery) -> Results:
    lang = query.lang
    title = text(query.section.title, lang)
    candidates = list_candidates(query.engine, query.workspace_id)
    if not candidates:
        return Results(title, None, (), t("candidates.empty", lang))
    groups = checklist_groups()
    basic, desirable = groups.get("basic", []), groups.get("desirable", [])
    ptypes = get_content().labels("personality_types", lang)
    table = pd.DataFrame(
        [
            {
                t("core.name", lang): c.name,
                t("core.organisation", lang): c.organisation,
                t("core.personality", lang): ptypes.get(c.personality_type or "", "–"),
                t("candidates.meets_basic", lang): "✓" if c.meets(basic) else "–",
                t("candidates.desirable", lang): f"{sum(k in c.checks for k in desirable)}/{len(desirable)}",
                t("candidates.status", lang): t(f"candidates.status_{c.status}", lang),
            }
            for c in candidates
        ]
    )
    return Results(
        title,
        None,
        (TableBlock(table, filename="kandidater", key="candidates", counts=NO_COUNTS, shared_view=without_column(t("core.name", lang))),),
    )


EXERCISE = Exercise("candidates", answered_as=None, results=candidates_results, lists_prompts=True)
