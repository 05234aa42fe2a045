"""Step 4 'Håll er uppdaterade': what the group follows and who follows it (sff_core/knowledge.py).

A document shared outside the core group never names who follows a subscription.
"""

from __future__ import annotations

import pandas as pd

from sff_core import knowledge, links
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, Results, ResultsQuery, TableBlock


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
        return Results(text(query.section.title, lang), None, (), t("knowledge.subscriptions_empty", lang))
    return Results(text(query.section.title, lang), answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="subscriptions", answered_as="text", live=True, results=subscriptions_results)
