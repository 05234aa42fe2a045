"""Step 2 'Vem ska göra vad och när?': the tasks with owner, deadline and status, and the group's answers."""

from __future__ import annotations

import pandas as pd

from sff_core.content import get_content
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, Results, ResultsQuery, TableBlock

PLAN_SECTION = "kartlaggning_plan"  # the mapping plan's categories are the tasks' categories


def tasks_table(query: ResultsQuery) -> pd.DataFrame:
    """The step's tasks by deadline, as shown (empty when there are none)."""
    from sff_core.mapping import list_tasks

    lang = query.lang
    plan_section = get_content().section(query.step.key, PLAN_SECTION) or query.section
    categories = {p.key: text(p.text, lang) for p in plan_section.prompts}
    statuses = get_content().labels("task_statuses", lang)
    return pd.DataFrame(
        [
            {
                t("tasks.task", lang): x.title,
                t("tasks.category", lang): categories.get(x.category or "", "–"),
                t("tasks.owner", lang): x.owner,
                t("tasks.deadline", lang): x.deadline,
                t("tasks.status", lang): statuses.get(x.status, x.status),
            }
            for x in list_tasks(query.engine, query.workspace_id)
        ]
    )


def tasks_results(query: ResultsQuery) -> Results:
    """The task table (names of owners: the core group's own work, no counts), then the answers."""
    table = tasks_table(query)
    blocks: list[Block] = []
    if not table.empty:
        blocks.append(TableBlock(table, filename="uppgifter", key="tasks", counts=NO_COUNTS))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    title = text(query.section.title, query.lang)
    if not blocks:
        return Results(title, None, (), t("tasks.empty", query.lang))
    return Results(title, answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="tasks", answered_as="text", live=True, lists_prompts=True, results=tasks_results)
