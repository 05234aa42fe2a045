"""Step 6's "En gemensam utgångspunkt": a presenter view generated from the data, one topic per screen.

The core group presents what the mapping produced (step 2) and the tools and knowledge bank it compiled
(step 4) to the network, then the room answers the template's five questions live from their phones,
and the training needs (question 4) are collected as one list. The room is outside the core group, so
every count follows the sharing rule (sff_core.sharing / sff_core.mapping_snapshot): small counts hidden,
the advertisement flow summed over sites, a sector with fewer indicator surveys than the threshold left
out of the per-sector averages.

Each screen is a title and results blocks; the wall draws the screen the remote chose, a report all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from sff_core import links
from sff_core.i18n import t, text
from sff_core.results import INDICATOR_COUNTS, NO_COUNTS, Block, FigureBlock, NoteBlock, TableBlock

STEP, SECTION = "step6", "gemensam_utgangspunkt"
TRAINING_PROMPT = "utbildningsbehov"
QUESTIONS = "questions"  # the screen of the five questions (the room's answers)
TRAINING = "training"  # the screen of the training needs list


@dataclass(frozen=True)
class Screen:
    key: str
    title: str
    blocks: tuple[Block, ...]


# --- The training needs: every line of every answer to question 4, as one list ------------------------


@dataclass(frozen=True)
class Need:
    text: str  # as first written (user text)
    count: int  # how many wrote it (the same words, any case)


_SPLIT = re.compile(r"[\n;•]+|^\s*[-*]\s+", re.MULTILINE)


def training_needs(answers: list[str]) -> list[Need]:
    """Pure: the answers to "Vilka behov till vidare utbildning finns i gruppen?" split into items (one a
    line, or separated by ";" or bullets), the same item from several people counted once with its count,
    most-named first, then in the order first written."""
    seen: dict[str, list[object]] = {}
    for answer in answers:
        for part in _SPLIT.split(answer or ""):
            item = " ".join(part.strip(" -*\t").split())
            if not item:
                continue
            key = item.casefold().rstrip(".")
            if key in seen:
                seen[key][1] = int(seen[key][1]) + 1  # type: ignore[call-overload]
            else:
                seen[key] = [item, 1]
    needs = [Need(str(v[0]), int(v[1])) for v in seen.values()]  # type: ignore[call-overload]
    order = {n.text: i for i, n in enumerate(needs)}
    return sorted(needs, key=lambda n: (-n.count, order[n.text]))


def training_answers(engine: Engine, workspace_id: int, session_date: date | None = None) -> list[str]:
    """Every stored answer to the training question (of one work session, or of all)."""
    from sff_core.responses import load_responses

    frame = load_responses(engine, workspace_id, STEP, SECTION, session_date)
    if frame.empty:
        return []
    mine = frame[frame["prompt_key"] == TRAINING_PROMPT]
    return [str(x) for x in mine["text"] if isinstance(x, str) and x.strip()]


def needs_table(needs: list[Need], lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("common.need", lang): [n.text for n in needs], t("common.named_by", lang): [n.count for n in needs]})


# --- The data screens -------------------------------------------------------------------------------


SNAPSHOT_PARTS = ("target_groups", "offences", "ads")  # the parts of step 2's snapshot shown as screens of their own


def snapshot_screens(engine: Engine, workspace_id: int, lang: str, projector: bool) -> dict[str, Screen]:
    """Step 2's snapshot (sff_core.mapping_snapshot, already at the sharing level), built once, one screen per part."""
    from sff_core import mapping_snapshot

    snapshot = mapping_snapshot.build_snapshot(engine, workspace_id, lang)
    empty = pd.DataFrame()
    parts = {
        "target_groups": replace(snapshot, indicators=empty, offences=empty, ads=empty),
        "offences": replace(snapshot, target_groups=(), indicators=empty, ads=empty),
        "ads": replace(snapshot, target_groups=(), indicators=empty, offences=empty),
    }
    return {
        key: Screen(key, t(f"common.screen_{key}", lang), tuple(mapping_snapshot.snapshot_blocks(part, lang, projector)))
        for key, part in parts.items()
        if not part.empty
    }


def indicators_screen(engine: Engine, workspace_id: int, lang: str, projector: bool) -> Screen | None:
    """Indicator averages by sector; a sector with fewer surveys than the workspace's threshold is left out."""
    from sff_core import indicators
    from sff_core.content import get_content
    from sff_core.workspaces import get_workspace

    threshold = get_workspace(engine, workspace_id).small_count_threshold
    table = indicators.averages_by_sector(indicators.load_surveys(engine, workspace_id))
    if table.empty:
        return None
    shown = table[table["n"] >= threshold].reset_index(drop=True)
    hidden = sorted(set(table["sector"]) - set(shown["sector"]))
    category_labels = {g.key: text(g.title, lang) for g in indicators.survey_section().groups}
    sectors = get_content().labels("sectors", lang)
    blocks: list[Block] = []
    if not shown.empty:
        listed = shown.assign(category=shown["category"].map(category_labels), sector=shown["sector"].map(sectors))
        args = (shown, category_labels, sectors, lang, projector)
        blocks.append(FigureBlock("indicator_bars", args, listed, key="indicator-bars", counts=INDICATOR_COUNTS, rows_arg=0))
    if hidden:
        blocks.append(NoteBlock(t("common.sectors_hidden", lang, n=len(hidden), threshold=threshold)))
    return Screen("indicators", t("common.screen_indicators", lang), tuple(blocks))


def knowledge_screen(engine: Engine, workspace_id: int, lang: str, projector: bool) -> Screen | None:
    """The knowledge bank's items marked visible to the network (step 4): title, category, area, link."""
    from sff_core import knowledge

    items = knowledge.list_items(engine, workspace_id, network_only=True)
    if not items:
        return None
    categories = knowledge.categories(lang)
    table = pd.DataFrame(
        {
            t("common.item", lang): [i.title for i in items],
            t("common.category", lang): [categories.get(i.category, i.category) for i in items],
            t("common.area", lang): [i.focus_area or "–" for i in items],
            t("common.link", lang): [links.shown_link(i.url, lang) or "–" for i in items],
        }
    )
    return Screen("knowledge", t("common.screen_knowledge", lang), (TableBlock(table, key="common-knowledge", counts=NO_COUNTS),))


def data_screens(engine: Engine, workspace_id: int, lang: str = "sv", projector: bool = False) -> list[Screen]:
    """The topics that have data, in the order the core group presents them: target groups and contact surfaces,
    indicators by sector, reported offences, the advertisement flow, the knowledge bank for the network."""
    snapshot = snapshot_screens(engine, workspace_id, lang, projector)
    ordered = [
        snapshot.get("target_groups"),
        indicators_screen(engine, workspace_id, lang, projector),
        snapshot.get("offences"),
        snapshot.get("ads"),
        knowledge_screen(engine, workspace_id, lang, projector),
    ]
    return [screen for screen in ordered if screen is not None]


def screen_titles(engine: Engine, workspace_id: int, lang: str = "sv") -> list[str]:
    """Every screen's title: the data topics, then the five questions and the training needs."""
    titles = [s.title for s in data_screens(engine, workspace_id, lang)]
    return [*titles, t("common.screen_questions", lang), t("common.screen_training", lang)]


def screen_count(engine: Engine, workspace_id: int) -> int:
    return len(data_screens(engine, workspace_id)) + 2
