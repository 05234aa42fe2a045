"""Step 7's ambition levels: each participant places the network now and where it wants to be, from
their phone (the generic live levels form, optionally with their organisation); the results are both
distributions, the gap, and per organisation only where enough answered."""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core import routine
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import (
    Block,
    Counts,
    FigureBlock,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    TableBlock,
    shown_date,
)
from sff_core.responses import COMMON_PROMPT, NOTES_PROMPT, load_responses


def session_answers(query: ResultsQuery) -> tuple[pd.DataFrame, date | None, str | None]:
    """The answers of the work session shown (the chosen one if it has answers, else the latest)."""
    shown, caption = shown_date(query)
    if shown is None:
        return pd.DataFrame(), None, None
    return load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown), shown, caption


def _threshold(query: ResultsQuery) -> int:
    from sff_core.workspaces import get_workspace

    return max(get_workspace(query.engine, query.workspace_id).small_count_threshold, 2)


def ambition_results(query: ResultsQuery) -> Results:
    """Counts per level now and wanted, the gap (medians, means, n), and per organisation only where at
    least the workspace's small-count threshold answered (never one person's answer by organisation)."""
    lang = query.lang
    frame, shown, caption = session_answers(query)
    answers = frame[~frame["prompt_key"].isin([NOTES_PROMPT, COMMON_PROMPT])] if not frame.empty else frame
    notes = [b for b in generic_results(query).blocks if isinstance(b, PlainTextBlock)]
    levels = {level.value: text(level.label, lang) for level in query.section.levels}
    organisations = routine.organisation_options(query.engine, query.workspace_id)
    summary = routine.ambition_summary(answers, levels, organisations, _threshold(query))
    if summary.n == 0:
        if notes:
            return Results(text(query.section.title, query.lang), shown, tuple(notes), caption=caption)
        return Results(text(query.section.title, query.lang), None, (), t("answer.no_answers", lang), caption)
    subtitle = routine.gap_line(summary, levels, lang, short=query.projector)
    table = summary.counts.rename(
        columns={
            "level": t("ambition.col_level", lang),
            "label": "",
            "now": t("answer.level_now", lang),
            "wanted": t("answer.level_wanted", lang),
        }
    )
    per_level = (t("answer.level_now", lang), t("answer.level_wanted", lang))  # people per level; n is in the subtitle
    counts = Counts(per_level, column_sums=per_level)
    blocks: list[Block] = [
        FigureBlock("ambition_distribution", (summary.counts, subtitle, lang, query.projector), table, key="ambition-chart", counts=counts)
    ]
    if not summary.by_organisation.empty:
        by_org = summary.by_organisation.assign(  # medians as numbers (a workbook keeps them numbers), one decimal
            median_now=[round(float(v), 1) for v in summary.by_organisation["median_now"]],
            median_wanted=[round(float(v), 1) for v in summary.by_organisation["median_wanted"]],
        ).rename(
            columns={
                "organisation": t("ambition.col_organisation_wall" if query.projector else "ambition.col_organisation", lang),
                "n": "n",
                "median_now": t("ambition.col_median_now", lang),
                "median_wanted": t("ambition.col_median_wanted", lang),
            }
        )
        title = None if query.projector else t("ambition.by_organisation", lang)  # the wall: the column says it, room saved
        medians = (t("ambition.col_median_now", lang), t("ambition.col_median_wanted", lang))
        blocks.append(TableBlock(by_org, title, key="ambition-orgs", counts=Counts(("n",), follows=tuple((m, "n") for m in medians))))
        if summary.pooled and not query.projector:
            blocks.append(NoteBlock(t("ambition.pooled", lang, n=summary.pooled, threshold=_threshold(query))))
    if not query.projector:
        blocks.append(NoteBlock(t("ambition.privacy", lang, threshold=_threshold(query))))
    blocks += notes
    return Results(text(query.section.title, query.lang), shown, tuple(blocks), caption=caption)


EXERCISE = Exercise(name="ambition_levels", answered_as="levels", live=True, results=ambition_results)
