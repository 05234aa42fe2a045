"""Step 6's "En gemensam utgångspunkt": a presenter view generated from the data, one topic per screen.

The core group presents what the mapping produced (step 2) and the tools and knowledge bank it compiled
(step 4) to the network, then the room answers the template's five questions live from their phones,
and the training needs (question 4) are collected as one list (sff_core/common_ground.py). The room is
outside the core group, so every count follows the sharing rule (sff_core.outputs.sharing /
sff_core.outputs.mapping_snapshot): small counts hidden, the advertisement flow summed over sites, a sector with
fewer indicator surveys than the threshold left out of the per-sector averages.

The results model carries the screens: each topic, the five questions and the training needs start
with a `ScreenTitle`, and the exercise's `screens` hook cuts there – the wall, the laptop's screen
controls and the remote all take the screens from it; a report shows them all in order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from sff_core import common_ground, links
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import (
    INDICATOR_COUNTS,
    NO_COUNTS,
    Block,
    Counts,
    FigureBlock,
    NoteBlock,
    Results,
    ResultsQuery,
    ScreenTitle,
    TableBlock,
)
from sff_core.outputs.wall_screens import split_at_titles

SNAPSHOT_PARTS = ("target_groups", "offences", "ads")  # the parts of step 2's snapshot shown as screens of their own


def snapshot_screens(engine: Engine, workspace_id: int, lang: str, projector: bool) -> dict[str, list[Block]]:
    """Step 2's snapshot (sff_core.outputs.mapping_snapshot, already at the sharing level), built once, one screen per part."""
    from sff_core.outputs import mapping_snapshot

    snapshot = mapping_snapshot.build_snapshot(engine, workspace_id, lang)
    empty = pd.DataFrame()
    parts = {
        "target_groups": replace(snapshot, indicators=empty, offences=empty, ads=empty),
        "offences": replace(snapshot, target_groups=(), indicators=empty, ads=empty),
        "ads": replace(snapshot, target_groups=(), indicators=empty, offences=empty),
    }
    return {
        key: [ScreenTitle(t(f"common.screen_{key}", lang)), *mapping_snapshot.snapshot_blocks(part, lang, projector)]
        for key, part in parts.items()
        if not part.empty
    }


def indicators_screen(engine: Engine, workspace_id: int, lang: str, projector: bool) -> list[Block]:
    """Indicator averages by sector; a sector with fewer surveys than the workspace's threshold is left out."""
    from sff_core import indicators
    from sff_core.content import get_content
    from sff_core.workspaces import get_workspace

    threshold = get_workspace(engine, workspace_id).small_count_threshold
    table = indicators.averages_by_sector(indicators.load_surveys(engine, workspace_id))
    if table.empty:
        return []
    shown = table[table["n"] >= threshold].reset_index(drop=True)
    hidden = sorted(set(table["sector"]) - set(shown["sector"]))
    category_labels = {g.key: text(g.title, lang) for g in indicators.survey_section().groups}
    sectors = get_content().labels("sectors", lang)
    blocks: list[Block] = [ScreenTitle(t("common.screen_indicators", lang))]
    if not shown.empty:
        listed = shown.assign(category=shown["category"].map(category_labels), sector=shown["sector"].map(sectors))
        args = (shown, category_labels, sectors, lang, projector)
        blocks.append(FigureBlock("indicator_bars", args, listed, key="indicator-bars", counts=INDICATOR_COUNTS, rows_arg=0))
    if hidden:
        blocks.append(NoteBlock(t("common.sectors_hidden", lang, n=len(hidden), threshold=threshold)))
    return blocks


def knowledge_screen(engine: Engine, workspace_id: int, lang: str) -> list[Block]:
    """The knowledge bank's items marked visible to the network (step 4): title, category, area, link."""
    from sff_core import knowledge

    items = knowledge.list_items(engine, workspace_id, network_only=True)
    if not items:
        return []
    categories = knowledge.categories(lang)
    table = pd.DataFrame(
        {
            t("common.item", lang): [i.title for i in items],
            t("common.category", lang): [categories.get(i.category, i.category) for i in items],
            t("common.area", lang): [i.focus_area or "–" for i in items],
            t("common.link", lang): [links.shown_link(i.url, lang) or "–" for i in items],
        }
    )
    return [ScreenTitle(t("common.screen_knowledge", lang)), TableBlock(table, key="common-knowledge", counts=NO_COUNTS)]


def data_blocks(query: ResultsQuery) -> list[Block]:
    """The topics that have data, in the order the core group presents them, each headed by its screen's title:
    target groups and contact surfaces, indicators by sector, reported offences, the advertisement flow, the
    knowledge bank for the network."""
    engine, workspace_id, lang, projector = query.engine, query.workspace_id, query.lang, query.projector
    snapshot = snapshot_screens(engine, workspace_id, lang, projector)
    return [
        *snapshot.get("target_groups", []),
        *indicators_screen(engine, workspace_id, lang, projector),
        *snapshot.get("offences", []),
        *snapshot.get("ads", []),
        *knowledge_screen(engine, workspace_id, lang),
    ]


def needs_table(needs: list[common_ground.Need], lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("common.need", lang): [n.text for n in needs], t("common.named_by", lang): [n.count for n in needs]})


def training_blocks(query: ResultsQuery, shown: date | None) -> list[Block]:
    needs = common_ground.training_needs(common_ground.training_answers(query.engine, query.workspace_id, shown))
    if not needs:
        return [NoteBlock(t("common.no_training", query.lang))]
    named_by = Counts((t("common.named_by", query.lang),))  # people who named the need
    return [TableBlock(needs_table(needs, query.lang), None, "utbildningsbehov", "training", named_by)]


def common_ground_results(query: ResultsQuery) -> Results:
    """Every data topic, then the room's answers to the five questions, then the training needs as one list
    (the last two screens always: the room answers them live)."""
    data = data_blocks(query)
    answers = generic_results(query)
    title = text(query.section.title, query.lang)
    nothing_yet = [] if data else [NoteBlock(t("common.empty", query.lang))]  # the data topics come from steps 2 and 4
    questions = answers.blocks or (NoteBlock(answers.empty_message or ""),)
    blocks: list[Block] = [
        *data,
        ScreenTitle(t("common.screen_questions", query.lang)),
        *nothing_yet,
        *questions,
        ScreenTitle(t("common.screen_training", query.lang)),
        *training_blocks(query, answers.shown_date),
    ]
    return Results(title, answers.shown_date, tuple(blocks), caption=answers.caption)


EXERCISE = Exercise(name="common_ground", answered_as="text", live=True, results=common_ground_results, screens=split_at_titles)
