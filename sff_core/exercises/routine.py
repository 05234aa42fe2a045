"""Step 7's routine for individual cases: the goal boxes, ordered steps (who does what, how they are
contacted, priority, children), versions, the flowchart on the wall and the routine card
(sff_core/routine.py stores it, sff_core/outputs/routine_card.py prints the card)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sff_core import routine
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import (
    NO_COUNTS,
    Block,
    FigureBlock,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    VerdictBlock,
)


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
            return Results(text(query.section.title, query.lang), None, tuple(notes))
        return Results(text(query.section.title, query.lang), None, (), t("routine.empty", query.lang))
    prompts = {p.key: text(p.text, query.lang) for p in query.section.prompts}
    return Results(text(query.section.title, query.lang), None, (*routine_blocks(info, prompts, query.lang, query.projector), *notes))


def passed_through(raw: Any, path: str) -> Any:
    """TRANSITION (issue 21): sff_core.routine.routine_content still reads these fields from the YAML
    until sections carry the exercise's parsed fields; the value passes through here unchanged."""
    return raw


EXERCISE = Exercise(
    name="routine",
    answered_as=None,
    lists_prompts=True,
    fields={"priorities": passed_through, "emergency_numbers": passed_through, "routine_example": passed_through},
    results=routine_results,
)
