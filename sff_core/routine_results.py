"""Results models of step 7: the ambition levels (both distributions and the gap) and the routine
(the goal boxes, the flowchart, the steps), drawn by the screen, the wall and every report alike."""

from __future__ import annotations

import pandas as pd

from sff_core import routine
from sff_core.exercises.shapes import generic_results
from sff_core.i18n import t, text
from sff_core.responses import COMMON_PROMPT, NOTES_PROMPT
from sff_core.results import (
    NO_COUNTS,
    Block,
    Counts,
    FigureBlock,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    TableBlock,
    VerdictBlock,
    _title,
    latest_answers,
)


def _threshold(query: ResultsQuery) -> int:
    from sff_core.workspaces import get_workspace

    return max(get_workspace(query.engine, query.workspace_id).small_count_threshold, 2)


def ambition_results(query: ResultsQuery) -> Results:
    """Counts per level now and wanted, the gap (medians, means, n), and per organisation only where at
    least the workspace's small-count threshold answered (never one person's answer by organisation)."""
    lang = query.lang
    frame, shown, caption = latest_answers(query)
    answers = frame[~frame["prompt_key"].isin([NOTES_PROMPT, COMMON_PROMPT])] if not frame.empty else frame
    notes = [b for b in generic_results(query).blocks if isinstance(b, PlainTextBlock)]
    levels = {level.value: text(level.label, lang) for level in query.section.levels}
    organisations = routine.organisation_options(query.engine, query.workspace_id)
    summary = routine.ambition_summary(answers, levels, organisations, _threshold(query))
    if summary.n == 0:
        if notes:
            return Results(_title(query), shown, tuple(notes), caption=caption)
        return Results(_title(query), None, (), t("answer.no_answers", lang), caption)
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
    return Results(_title(query), shown, tuple(blocks), caption=caption)


def status_line(info: routine.RoutineInfo, lang: str) -> str:
    """Our own line about the routine's status and version."""
    if info.status == "agreed" and info.agreed_on:
        return t("routine.status_agreed_line", lang, date=info.agreed_on.isoformat(), version=info.version)
    return t("routine.status_draft_line", lang, version=info.version)


def steps_table(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The steps with the handbook's questions as column names: who does what, and how they are contacted."""
    shown = steps[["number", "title", "action", "actor", "contact", "priority_label", "child_note"]]
    return shown.rename(
        columns={
            "number": t("routine.col_number", lang),
            "title": t("routine.col_title", lang),
            "action": t("routine.col_action", lang),
            "actor": t("routine.col_actor", lang),
            "contact": t("routine.col_contact", lang),
            "priority_label": t("routine.col_priority", lang),
            "child_note": t("routine.col_child", lang),
        }
    )


def routine_blocks(info: routine.RoutineInfo, section_prompts: dict[str, str], lang: str, projector: bool) -> list[Block]:
    """The routine as blocks: on the wall the flowchart and its status; elsewhere also the goal boxes
    and the steps as a table (user text always as plain text)."""
    blocks: list[Block] = []
    title = info.texts.get("title") or ""
    steps = routine.steps_frame(info.steps, lang)
    if not projector:
        if title:
            blocks.append(PlainTextBlock(title, t("routine.title", lang)))
        for key in routine.GOAL_FIELDS:
            if info.texts.get(key):
                blocks.append(PlainTextBlock(info.texts[key], section_prompts.get(key, key)))
    if not steps.empty:
        flow = FigureBlock(
            "routine_flowchart", (steps, title, lang, projector), steps_table(steps, lang), key="routine-flow", counts=NO_COUNTS
        )
        blocks.append(flow)  # the steps and their numbers: no counts
        documents = [s for s in info.steps if s.documents]
        if documents and not projector:
            blocks.append(VerdictBlock(t("routine.documents_heading", lang), t("routine.documents_body", lang, n=documents[0].number)))
    if info.texts.get("contact") and not projector:
        blocks.append(PlainTextBlock(info.texts["contact"], t("routine.network_contact", lang)))
    blocks.append(NoteBlock(status_line(info, lang)))
    return blocks


def routine_results(query: ResultsQuery) -> Results:
    info = routine.get_routine(query.engine, query.workspace_id)
    notes = [b for b in generic_results(query).blocks if isinstance(b, PlainTextBlock)]
    if info.empty:
        if notes:
            return Results(_title(query), None, tuple(notes))
        return Results(_title(query), None, (), t("routine.empty", query.lang))
    prompts = {p.key: text(p.text, query.lang) for p in query.section.prompts}
    return Results(_title(query), None, (*routine_blocks(info, prompts, query.lang, query.projector), *notes))
