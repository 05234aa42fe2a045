"""Long results on the wall, one 1280×720 screen at a time.

A role description, the knowledge bank, the post-its per sector or the plan's year grid can be taller
than the projector's screen. On the wall such an exercise is shown as several screens (the mechanism
in sff_core/screens.py: "next" on the remote walks them before the agenda moves): its results model's
blocks are packed in order into screens by an estimate of their height at the wall's sizes (text at
20.8 px, tables at 18.7 px), a table too tall for one screen is split by rows, and a chart or a
sector's post-its take a screen of their own. Reports and the laptop keep the whole model.

An exercise says how it is shown on the wall with its `screens` hook (sff_core/exercises/spec.py):
none is one screen (the whole model), `paged_screens` is this packing, or screens of its own.
`exercise_screens` asks it; the remote, the wall and the laptop's controls all count with it.
Pure apart from `exercise_screens` and `screens_now`, which read the workspace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Engine

from sff_core.outputs.results import (
    Block,
    Card,
    CardsBlock,
    FigureBlock,
    MetricBlock,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    ScreenTitle,
    TableBlock,
    TextsBlock,
)

if TYPE_CHECKING:
    from sff_core.content import Section

# The wall at 1280×720 (sff_core/ui/layout.py PROJECTOR_CSS): the page's title and the screen's
# caption take the top ~190 px; what is left for the blocks, with a margin for the estimate.
BUDGET = 470
WIDTH = 1200  # px of a line of text (1280 minus the wall's padding)
TEXT_LINE, TEXT_CHAR = 34, 10.4  # body text: 20.8 px, line height ~1.6
TABLE_LINE, TABLE_CHAR = 30, 9.6  # tables: 18.7 px
BOARD_LINE = 43  # a sector's boards on the wall
HEADING = 62  # a block's bold title and its margins (measured in Chromium at 1280×720)


@dataclass(frozen=True)
class Screen:
    title: str
    blocks: tuple[Block, ...]


def _lines(value: str, chars: float) -> int:
    return sum(max(1, math.ceil(len(line) / max(chars, 1))) for line in str(value).splitlines() or [""])


def _column_chars(table: pd.DataFrame, width: float = WIDTH) -> list[float]:
    """Characters per line in each column: the width shared by the columns' content (as a browser lays out a table)."""
    weights = []
    for column in table.columns:
        longest = max([len(str(column)), *(max((len(p) for p in str(v).splitlines()), default=0) for v in table[column])])
        weights.append(min(max(longest, 6), 60))
    total = sum(weights) or 1
    return [max(4.0, width * w / total / TABLE_CHAR - 2) for w in weights]


def _row_height(row: pd.Series, chars: list[float]) -> int:
    return 12 + TABLE_LINE * max((_lines(str(v), c) for v, c in zip(row, chars, strict=True)), default=1)


def table_height(table: pd.DataFrame, titled: bool = True, chars: list[float] | None = None) -> int:
    chars = chars or _column_chars(table)
    header = 12 + TABLE_LINE * max((_lines(str(c), n) for c, n in zip(table.columns, chars, strict=True)), default=1)
    rows = sum(_row_height(row, chars) for _, row in table.iterrows())
    return (HEADING if titled else 0) + header + rows + 16


def _board_height(prompt: str, cards: tuple[Card, ...], chars: float) -> int:
    """A board in a sector's column: its question (italic) and its post-its, at ~43 px a line (measured)."""
    return _lines(prompt, chars) * BOARD_LINE + 20 + sum(_lines(card.label, chars - 2) for card in cards) * BOARD_LINE + 20


def _topic_height(block: CardsBlock) -> int:
    """A sector's boards, its rounds side by side; one round alone: its boards in two columns
    (sff_core/ui/results_view.py on the wall)."""
    rounds = block.rounds or tuple("" for _ in block.groups)
    order = list(dict.fromkeys(rounds))
    if len(order) == 1:
        chars = (WIDTH - 120) / 2 / TEXT_CHAR
        columns = [0, 0]
        for position, (prompt, cards) in enumerate(block.groups):
            columns[position % 2] += _board_height(prompt, cards, chars)
        return 70 + (TEXT_LINE + 16 if order[0] else 0) + max(columns) + 40
    chars = (WIDTH - 80) / max(1, len(order)) / TEXT_CHAR
    tallest = 0
    for name in order:
        height = TEXT_LINE + 16 if name else 0
        for (prompt, cards), in_round in zip(block.groups, rounds, strict=True):
            if in_round == name:
                height += _board_height(prompt, cards, chars)
        tallest = max(tallest, height)
    return 70 + tallest + 40


def height(block: Block) -> int:
    """The block's estimated height on the wall, in px."""
    chars = WIDTH / TEXT_CHAR
    if isinstance(block, FigureBlock):
        return BUDGET
    if isinstance(block, TableBlock):
        return table_height(block.table, block.title is not None)
    if isinstance(block, PlainTextBlock):
        return (HEADING if block.title else 0) + _lines(block.text, chars) * TEXT_LINE + 36
    if isinstance(block, NoteBlock):
        return 16 + _lines(block.text, WIDTH / 9.6) * 30
    if isinstance(block, MetricBlock):
        return 110
    if isinstance(block, CardsBlock):
        if block.topic is not None:
            return _topic_height(block)
        return sum(HEADING + sum(_lines(c.label, chars / 3) for c in cards) * (TEXT_LINE + 30) // 3 for _p, cards in block.groups)
    if isinstance(block, TextsBlock):
        return sum(HEADING + sum(40 + _lines(a, chars) * TEXT_LINE for _c, a in answers) for _p, answers in block.groups)
    return 80


def _split_table(block: TableBlock, budget: int) -> list[TableBlock]:
    """A table too tall for a screen as several, each with the header (rows never split)."""
    chars = _column_chars(block.table)
    fixed = table_height(block.table.iloc[0:0], block.title is not None, chars)
    parts: list[TableBlock] = []
    start, used = 0, fixed
    for index, (_, row) in enumerate(block.table.iterrows()):
        row_px = _row_height(row, chars)
        if index > start and used + row_px > budget:
            parts.append(replace(block, table=block.table.iloc[start:index].reset_index(drop=True)))
            start, used = index, fixed
        used += row_px
    parts.append(replace(block, table=block.table.iloc[start:].reset_index(drop=True)))
    return parts


def _split_text(block: PlainTextBlock, budget: int) -> list[PlainTextBlock]:
    chars = WIDTH / TEXT_CHAR
    parts: list[PlainTextBlock] = []
    lines: list[str] = []
    used = HEADING
    for line in block.text.splitlines():
        line_px = _lines(line, chars) * TEXT_LINE
        if lines and used + line_px > budget:
            parts.append(replace(block, text="\n".join(lines)))
            lines, used = [], HEADING
        lines.append(line)
        used += line_px
    parts.append(replace(block, text="\n".join(lines)))
    return parts


def _split_rounds(block: CardsBlock) -> list[CardsBlock]:
    """A sector too tall for a screen: one screen per round (its number kept)."""
    order = list(dict.fromkeys(block.rounds))
    parts = []
    for number, name in enumerate(order, start=block.first_round):
        groups = tuple(g for g, r in zip(block.groups, block.rounds, strict=True) if r == name)
        parts.append(replace(block, groups=groups, rounds=tuple(name for _ in groups), first_round=number))
    return parts


def _alone(block: Block) -> bool:
    """A chart, or a sector's post-its: a screen of its own."""
    return isinstance(block, FigureBlock) or (isinstance(block, CardsBlock) and block.topic is not None)


def _title_of(blocks: tuple[Block, ...], fallback: str) -> str:
    for block in blocks:
        if isinstance(block, CardsBlock) and block.topic:
            return block.topic
        if isinstance(block, (TableBlock, PlainTextBlock, FigureBlock)) and block.title:
            return block.title
        if isinstance(block, MetricBlock):
            return block.label
    return fallback


def pack(blocks: tuple[Block, ...] | list[Block], fallback: str = "", budget: int = BUDGET) -> list[Screen]:
    """Pure: the blocks in order as screens that each fit the wall (at least one screen)."""
    pieces: list[Block] = []
    for block in blocks:
        if isinstance(block, TableBlock) and len(block.table) > 1 and height(block) > budget:
            pieces += _split_table(block, budget)
        elif isinstance(block, CardsBlock) and block.topic and len(set(block.rounds)) > 1 and height(block) > budget:
            pieces += _split_rounds(block)
        elif isinstance(block, PlainTextBlock) and height(block) > budget and "\n" in block.text:
            pieces += _split_text(block, budget)
        else:
            pieces.append(block)
    screens: list[list[Block]] = []
    used = budget + 1
    for piece in pieces:
        need = height(piece)
        trailing_note = isinstance(piece, NoteBlock) and screens and not _alone(screens[-1][-1])
        if _alone(piece) or (used + need > budget and not trailing_note) or (screens and _alone(screens[-1][-1])):
            screens.append([piece])
            used = need
        else:
            screens[-1].append(piece)
            used += need
    if not screens:
        return [Screen(fallback, ())]
    return [Screen(_title_of(tuple(s), fallback), tuple(s)) for s in screens]


def results_screens(results: Results) -> list[Screen]:
    return pack(results.blocks, results.title)


def paged_screens(results: Results) -> list[Results]:
    """The `screens` hook of an exercise paged on the wall: its blocks packed into screens (`pack`)."""
    return [Results(s.title, results.shown_date, s.blocks, caption=results.caption) for s in results_screens(results)]


def split_at_titles(results: Results) -> list[Results]:
    """Pure: a results model cut at its `ScreenTitle`s, each screen headed by its title (blocks before the
    first title make a screen of their own). The `screens` hook of an exercise whose model carries its
    screens (step 6's common starting point and SWOT)."""
    if results.empty:
        return [results]
    cuts: list[list[Block]] = []
    for block in results.blocks:
        if isinstance(block, ScreenTitle) or not cuts:
            cuts.append([])
        cuts[-1].append(block)
    return [
        Results(cut[0].text if isinstance(cut[0], ScreenTitle) else results.title, results.shown_date, tuple(cut), caption=results.caption)
        for cut in cuts
    ]


def exercise_screens(section: Section, results: Results) -> list[Screen]:
    """The exercise's screens on the wall: its results model cut by its plugin's `screens` hook, else one
    screen holding the whole model. The wall, the laptop's screen controls, the remote and the counter
    all take the screens from here. Never empty."""
    from sff_core.registry import type_of

    hook = getattr(type_of(section), "screens", None)
    if hook is None:
        return [Screen(results.title, results.blocks)]
    return [Screen(screen.title, screen.blocks) for screen in hook(results)] or [Screen(results.title, ())]


# --- The workspace's screens (the remote walks them) ----------------------------------------------------


def wall_query(engine: Engine, workspace_id: int, section: Section) -> ResultsQuery | None:
    """The wall's query of an exercise: the open live activity's work session, else the room's (Swedish:
    what matters is the screens and their count)."""
    from sff_core import room
    from sff_core.content import get_content
    from sff_core.live import open_activity_for

    step = next((s for s in get_content().steps if section in s.sections), None)
    if step is None:
        return None
    activity = open_activity_for(engine, workspace_id, step.key, section.key)
    session = activity.session_date if activity else room.get_room(engine, workspace_id).session_date or date.today()
    return ResultsQuery(engine, workspace_id, step, section, session, "sv", projector=True, show_names=False)


def screens_now(engine: Engine, workspace_id: int, section: Section) -> list[Screen]:
    """The exercise's screens on the wall as they stand now (one screen without a `screens` hook)."""
    from sff_core.outputs.results import build_results
    from sff_core.registry import type_of

    query = wall_query(engine, workspace_id, section)
    if query is None or getattr(type_of(section), "screens", None) is None:  # one screen: no need to build it
        return [Screen("", ())]
    return exercise_screens(section, build_results(query))
