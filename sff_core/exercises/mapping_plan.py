"""Step 2 'Hur ska ni kartlägga problembilden?': the mapping plan (categories, contact method, report format)."""

from __future__ import annotations

import pandas as pd

from sff_core.exercises.fields import options_field
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, PlainTextBlock, Results, ResultsQuery, TableBlock


def mapping_plan_results(query: ResultsQuery) -> Results:
    """The plan as the group chose it, and its notes."""
    from sff_core.mapping import get_mapping_plan

    lang, section = query.lang, query.section
    title = text(section.title, lang)
    plan = get_mapping_plan(query.engine, query.workspace_id)
    if not plan.categories and not plan.contact_method and not plan.report_format and not plan.notes:
        return Results(title, None, (), t("mapping.empty", lang))
    categories = {p.key: text(p.text, lang) for p in section.prompts}
    methods = {o.key: text(o.label, lang) for o in section.extra.get("contact_methods", ())}
    formats = {o.key: text(o.label, lang) for o in section.extra.get("report_formats", ())}
    table = pd.DataFrame(
        [
            {"": t("mapping.chosen", lang), " ": ", ".join(categories.get(c, c) for c in plan.categories) or "–"},
            {"": t("mapping.contact_method", lang), " ": methods.get(plan.contact_method or "", "–")},
            {"": t("mapping.report_format", lang), " ": formats.get(plan.report_format or "", "–")},
        ]
    )
    blocks: list[Block] = [TableBlock(table, key="mapping-plan", counts=NO_COUNTS)]
    if plan.notes:
        blocks.append(PlainTextBlock(plan.notes, t("candidates.note", lang)))
    return Results(title, None, tuple(blocks))


EXERCISE = Exercise(
    name="mapping_plan",
    answered_as=None,
    lists_prompts=True,
    fields={"contact_methods": options_field, "report_formats": options_field},
    results=mapping_plan_results,
)
