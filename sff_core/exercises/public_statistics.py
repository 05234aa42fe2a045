"""Step 2 'Offentligt material': reported offences per year (by hand or imported) and the group's notes."""

from __future__ import annotations

from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Block, Counts, FigureBlock, NoteBlock, Results, ResultsQuery


def public_statistics_results(query: ResultsQuery) -> Results:
    """Reported offences per year (reported – not actual occurrence, said under the chart), and the notes."""
    from sff_core import offences

    lang = query.lang
    wide = offences.wide_table(offences.load_counts(query.engine, query.workspace_id))
    blocks: list[Block] = []
    if not wide.empty:
        categories = {k: text(v, lang) for k, v in offences.offence_categories().items()}
        blocks.append(
            FigureBlock(
                "offences_chart",
                (wide, categories, lang, query.projector),
                wide.rename(columns={"year": t("offences.year", lang), **categories}),
                key="offences-chart",
                counts=Counts(tuple(categories.values()), totals=((None, tuple(categories.values())),)),  # the year's total is public
            )
        )
        blocks.append(NoteBlock(t("offences.caveat", lang)))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    title = text(query.section.title, lang)
    if not blocks:
        return Results(title, None, (), t("offences.empty", lang))
    return Results(title, answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="public_statistics", answered_as=None, lists_prompts=True, results=public_statistics_results)
