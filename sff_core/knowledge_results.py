"""Results models of step 4: the knowledge bank, the research split and the subscriptions.

The screen, the wall, reports and the workbook draw these (see `sff_core/results.py`). A document
for sharing outside the core group gets only the items the group marked *visible to the network*,
and never who found an item or who follows a subscription (people's names stay in the group).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core import knowledge, links
from sff_core.exercises.shapes import generic_results
from sff_core.i18n import t
from sff_core.results import NO_COUNTS, Block, MetricBlock, NoteBlock, Results, ResultsQuery, TableBlock


def _title(query: ResultsQuery) -> str:
    from sff_core.i18n import text

    return text(query.section.title, query.lang)


def _shared_export(query: ResultsQuery) -> bool:
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


def _split_blocks(query: ResultsQuery, section_key: str) -> list[Block]:
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
    shared = _shared_export(query)
    items = knowledge.list_items(query.engine, query.workspace_id, network_only=shared)
    blocks: list[Block] = [] if shared else _split_blocks(query, knowledge.BANK_SECTION)
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
        return Results(_title(query), None, (), t("knowledge.empty", lang))
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)


def continuation_results(query: ResultsQuery) -> Results:
    """The continuation: the same split with the group's common deadline, and how large the bank is."""
    lang = query.lang
    blocks: list[Block] = [] if _shared_export(query) else _split_blocks(query, knowledge.CONTINUATION_SECTION)
    items = knowledge.list_items(query.engine, query.workspace_id)
    if items:
        blocks.append(MetricBlock(t("knowledge.count", lang), str(len(items))))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    if not blocks:
        return Results(_title(query), None, (), t("knowledge.split_empty", lang))
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)


def subscriptions_table(subscriptions: list[knowledge.SubscriptionInfo], lang: str, with_names: bool = True) -> pd.DataFrame:
    rows = []
    for sub in subscriptions:
        row = {t("knowledge.subscription", lang): sub.title, t("knowledge.url", lang): links.shown_link(sub.url, lang)}
        if with_names:
            row[t("knowledge.responsible", lang)] = sub.responsible
        row[t("knowledge.note", lang)] = sub.note
        rows.append(row)
    return pd.DataFrame(rows)


def subscriptions_results(query: ResultsQuery) -> Results:
    """Håll er uppdaterade: what the group follows and who follows it, then the group's answers."""
    lang = query.lang
    subscriptions = knowledge.list_subscriptions(query.engine, query.workspace_id)
    blocks: list[Block] = []
    if subscriptions:
        table = subscriptions_table(subscriptions, lang, with_names=query.show_names)
        blocks.append(TableBlock(table, t("knowledge.subscriptions", lang), "bevakningar", key="knowledge-subscriptions", counts=NO_COUNTS))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    if not blocks:
        return Results(_title(query), None, (), t("knowledge.subscriptions_empty", lang))
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)
