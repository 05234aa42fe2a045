"""Step 4 'Samla in och sammanställ': the research split and the knowledge bank (sff_core/knowledge.py).

A document for sharing outside the core group gets only the items the group marked *visible to the
network*, and never who found an item (people's names stay in the group). The continuation
(`research_continuation`) shows the same split.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core import knowledge, links
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, MetricBlock, NoteBlock, Results, ResultsQuery, TableBlock
from sff_core.outputs.wall_screens import paged_screens  # a screen at a time on the wall


def shared_export(query: ResultsQuery) -> bool:
    """A document for sharing outside the core group: names hidden and not on the wall.

    The screen always shows names (`ui.results_view.query_for`); the wall hides them by default,
    but the wall is the core group's room, not a shared document.
    """
    return not query.show_names and not query.projector


def bank_table(
    items: list[knowledge.ItemInfo], lang: str, with_names: bool = True, compact: bool = False, today: date | None = None
) -> pd.DataFrame:
    """Pure: the bank as a table with Swedish (or English) headers."""
    labels = knowledge.categories(lang)
    yes = t("answer.yes", lang)
    rows = []
    for item in items:
        row: dict[str, object] = {
            "★": "★" if item.important else "",
            t("knowledge.title", lang): item.title,
            t("knowledge.category", lang): labels.get(item.category, item.category),
            t("knowledge.focus_area", lang): item.focus_area,
            t("knowledge.relevant_for", lang): item.relevant_for,
        }
        if not compact:
            row[t("knowledge.url", lang)] = links.shown_link(item.url, lang)
            row[t("knowledge.summary", lang)] = item.summary
            if with_names:
                row[t("knowledge.found_by", lang)] = item.found_by
            row[t("knowledge.added_on", lang)] = item.added_on
            row[t("knowledge.checked_on", lang)] = item.checked_on
            row[t("knowledge.review", lang)] = yes if item.needs_review(today) else ""
            row[t("knowledge.network_visible", lang)] = yes if item.network_visible else ""
        rows.append(row)
    return pd.DataFrame(rows)


def split_table(tasks: list[knowledge.mapping.TaskInfo], lang: str) -> pd.DataFrame:
    """Pure: the research split – focus area, who, by when."""
    return pd.DataFrame(
        [
            {
                t("knowledge.focus_area", lang): task.title,
                t("tasks.owner", lang): task.owner,
                t("tasks.deadline", lang): task.deadline,
            }
            for task in tasks
        ]
    )


def split_blocks(query: ResultsQuery, section_key: str) -> list[Block]:
    tasks = knowledge.assignments(query.engine, query.workspace_id, section_key)
    if not tasks:
        return []
    return [
        TableBlock(
            split_table(tasks, query.lang),
            t("knowledge.split", query.lang),
            "fokusomraden",
            key=f"research-split-{section_key}",
            counts=NO_COUNTS,
        )
    ]


def bank_results(query: ResultsQuery) -> Results:
    """Samla in och sammanställ: the split of focus areas and the bank (★ = the most important)."""
    lang = query.lang
    shared = shared_export(query)
    items = knowledge.list_items(query.engine, query.workspace_id, network_only=shared)
    blocks: list[Block] = [] if shared else split_blocks(query, knowledge.BANK_SECTION)
    if items:
        review = sum(1 for i in items if i.needs_review())
        blocks.append(MetricBlock(t("knowledge.count", lang), str(len(items))))
        if review and not query.projector:
            blocks.append(NoteBlock(t("knowledge.review_note", lang, n=review)))
        table = bank_table(items, lang, with_names=query.show_names, compact=query.projector)
        blocks.append(TableBlock(table, t("knowledge.bank", lang), "kunskapsbank", key="knowledge-bank", counts=NO_COUNTS))
        if shared:
            blocks.append(NoteBlock(t("knowledge.shared_note", lang)))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    if not blocks:
        return Results(text(query.section.title, lang), None, (), t("knowledge.empty", lang))
    return Results(text(query.section.title, lang), answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="knowledge_bank", answered_as=None, lists_prompts=True, screens=paged_screens, results=bank_results)
