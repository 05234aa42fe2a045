"""Step 4, the research continued: the same split of focus areas with the group's common deadline."""

from __future__ import annotations

from sff_core import knowledge
from sff_core.exercises.knowledge_bank import shared_export, split_blocks
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Block, MetricBlock, Results, ResultsQuery


def continuation_results(query: ResultsQuery) -> Results:
    """The continuation: the same split with the group's common deadline, and how large the bank is."""
    lang = query.lang
    blocks: list[Block] = [] if shared_export(query) else split_blocks(query, knowledge.CONTINUATION_SECTION)
    items = knowledge.list_items(query.engine, query.workspace_id)
    if items:
        blocks.append(MetricBlock(t("knowledge.count", lang), str(len(items))))
    answers = generic_results(query)
    blocks += list(answers.blocks)
    if not blocks:
        return Results(text(query.section.title, lang), None, (), t("knowledge.split_empty", lang))
    return Results(text(query.section.title, lang), answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="research_continuation", answered_as=None, lists_prompts=True, results=continuation_results)
