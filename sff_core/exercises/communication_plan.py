"""Step 5 'Utforska motivation och kommunikation': post-its per sector and round, then the communication plan."""

from __future__ import annotations

import pandas as pd

from sff_core.content import get_content
from sff_core.coordination import PLAN_FIELDS, PLAN_GROUP, communication_plan
from sff_core.exercises.shapes import generic_results, text_answers
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import (
    NO_COUNTS,
    Block,
    Results,
    ResultsQuery,
    TableBlock,
    TextsBlock,
    respondent_names,
    shown_date,
    texts_block,
)
from sff_core.outputs.wall_screens import paged_screens  # a screen at a time on the wall
from sff_core.responses import COMMON_PROMPT, NOTES_PROMPT, load_responses


def communication_results(query: ResultsQuery) -> Results:
    """Utforska motivation och kommunikation: the round 1 and 2 answers, then the communication plan per sector."""
    lang = query.lang
    answers = generic_results(query)
    plan = communication_plan(query.engine, query.workspace_id)
    sectors = get_content().labels("sectors", lang)
    blocks: list[Block] = list(answers.blocks)
    earlier = earlier_text_answers(query)
    if earlier is not None:
        blocks.append(earlier)
    if plan:
        table = pd.DataFrame(
            [
                {
                    t("network.sector", lang): sectors.get(p.sector, p.sector),
                    **{t(f"network.plan_{f}", lang): getattr(p, f) for f in PLAN_FIELDS},
                }
                for p in plan
            ]
        )
        blocks.append(TableBlock(table, t("network.plan_heading", lang), "kommunikationsplan", key="communication-plan", counts=NO_COUNTS))
    if not blocks:
        return Results(text(query.section.title, lang), None, (), answers.empty_message)
    return Results(text(query.section.title, lang), answers.shown_date, tuple(blocks), caption=answers.caption)


def earlier_text_answers(query: ResultsQuery) -> TextsBlock | None:
    """Answers typed as text before the rounds became post-its per sector (kept readable, never lost)."""
    if query.projector:
        return None
    shown, _ = shown_date(query)
    if shown is None:
        return None
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown)
    frame = frame[~frame["prompt_key"].isin([NOTES_PROMPT, COMMON_PROMPT])] if not frame.empty else frame
    if frame.empty:
        return None
    texts = text_answers(query.section, frame, respondent_names(query.engine, query.workspace_id, query.lang, query.show_names), query.lang)
    if texts.empty:
        return None
    plan_title = next((text(g.title, query.lang) for g in query.section.groups if g.key == PLAN_GROUP), "")
    texts["prompt"] = [p if p != "kommunikationsplan" else plan_title for p in texts["prompt"]]
    texts["prompt"] = [f"{t('network.earlier_answers', query.lang)} – {p}" for p in texts["prompt"]]
    return texts_block(texts)


EXERCISE = Exercise(
    name="communication_plan", answered_as="postits", live=True, lists_prompts=True, screens=paged_screens, results=communication_results
)
