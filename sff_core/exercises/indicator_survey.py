"""Step 2 'Branscher och kontaktytor': the indicator survey's averages per category and sector."""

from __future__ import annotations

from sff_core.content import get_content
from sff_core.exercises.fields import optional_text_field
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import INDICATOR_COUNTS, FigureBlock, MetricBlock, Results, ResultsQuery


def indicator_results(query: ResultsQuery) -> Results:
    """How many surveys, and the indicator averages per category and sector as bars and heatmap (n in every bar and cell)."""
    from sff_core import indicators

    lang = query.lang
    title = text(query.section.title, lang)
    surveys = indicators.load_surveys(query.engine, query.workspace_id)
    table = indicators.averages_by_sector(surveys)
    if table.empty:
        return Results(title, None, (), t("answer.no_answers", lang))
    category_labels = {g.key: text(g.title, lang) for g in indicators.survey_section().groups}
    sectors = get_content().labels("sectors", lang)
    shown = table.assign(category=table["category"].map(category_labels), sector=table["sector"].map(sectors))
    args = (table, category_labels, sectors, lang, query.projector)
    return Results(
        title,
        None,
        (
            MetricBlock(t("survey.count_label", lang), str(len(surveys)), count=True),
            FigureBlock("indicator_bars", args, shown, key="indicator-bars", counts=INDICATOR_COUNTS, rows_arg=0),
            FigureBlock("indicator_heatmap", args, shown, key="indicator-heat", counts=INDICATOR_COUNTS, rows_arg=0),
        ),
    )


EXERCISE = Exercise(
    name="indicator_survey",
    answered_as=None,
    lists_prompts=True,
    fields={"unknown_option": optional_text_field},
    results=indicator_results,
)
