"""Draws a results model (sff_core.outputs.results) on the screen or the wall: the one place blocks become widgets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.live import open_activity_for
from sff_core.outputs.results import (
    Block,
    Card,
    CardsBlock,
    FigureBlock,
    MetricBlock,
    NoteBlock,
    PlainTextBlock,
    ProgressBlock,
    Results,
    ResultsQuery,
    ScreenTitle,
    TableBlock,
    TextsBlock,
    VerdictBlock,
    build_results,
)
from sff_core.ui.context import Context, projector_on, tr
from sff_core.ui.exercises.common import wall_table
from sff_core.ui.layout import chart, data_table, figure, plain_markdown

NAMES_PARAM = "names"


def query_for(ctx: Context, step: Step, section: Section, session_date: date) -> ResultsQuery:
    """The results query of an exercise as this screen shows it.

    On the wall names are shown only when the facilitator chose to: for the open live activity
    (its own setting, so the choice reaches the wall's browser), or with `?names=1` on the wall.
    """
    show_names = True
    if ctx.projector:
        activity = open_activity_for(ctx.engine, ctx.workspace.id, step.key, section.key)
        show_names = (activity is not None and activity.names_on_wall) or st.query_params.get(NAMES_PARAM) == "1"
    return ResultsQuery(ctx.engine, ctx.workspace.id, step, section, session_date, ctx.lang, ctx.projector, ctx.workspace.city, show_names)


def render_results(results: Results, charts_beside: bool = False) -> None:
    """Every block of the model; user text always as plain text, never Markdown or HTML.

    `charts_beside` (the wall): figures in a wide left column, the other blocks beside them, so a
    chart and its verdict fit one 1280×720 screen.
    """
    if results.caption and not projector_on():
        st.caption(plain_markdown(results.caption))
    if results.empty:
        st.caption(plain_markdown(results.empty_message or ""))
        return
    if charts_beside and projector_on():
        figures = [b for b in results.blocks if isinstance(b, FigureBlock)]
        others = [b for b in results.blocks if not isinstance(b, FigureBlock)]
        left, right = st.columns([3, 2])
        with right:
            for other in others:
                _render_block(other)
        with left:
            for figure_block in figures:
                _render_block(figure_block)
        return
    blocks = list(results.blocks)
    while blocks:
        topics = _leading_topics(blocks)
        if topics:  # post-its per topic (sector): the flip chart's columns
            render_topics(topics)
            del blocks[: len(topics)]
            continue
        _render_block(blocks.pop(0))


def model_view(ctx: Context, step: Step, section: Section, session_date: date, charts_beside: bool = False) -> None:
    """An exercise's results model drawn by this view: what its tool shows above its forms, as /vagg does."""
    render_results(build_results(query_for(ctx, step, section, session_date)), charts_beside=charts_beside)


def _leading_topics(blocks: list[Block]) -> list[CardsBlock]:
    topics: list[CardsBlock] = []
    for block in blocks:
        if not (isinstance(block, CardsBlock) and block.topic is not None):
            break
        topics.append(block)
    return topics


ROUND_CSS = """
<style>
[class*="st-key-sffround-2-"] {border-left: 0.45rem solid #E69F00; background: rgba(230, 159, 0, 0.10); padding-left: 0.6rem;}
[class*="st-key-sffround-1-"] {border-left: 0.45rem solid #0072B2; padding-left: 0.6rem;}
[class*="st-key-sffround-"] {gap: 0.5rem !important;}
</style>
"""
WALL_TOPICS_PER_ROW = 3


def render_topics(blocks: list[CardsBlock]) -> None:
    """Each topic's boards in its own bordered column (the wall: up to three side by side), the rounds
    one under the other, each round with its own colour bar – the handbook's "byt färg"."""
    st.html(ROUND_CSS)  # our own static style, never user text
    per_row = min(WALL_TOPICS_PER_ROW, len(blocks)) if projector_on() else 1
    for start in range(0, len(blocks), per_row):
        row = blocks[start : start + per_row]
        for offset, (column, block) in enumerate(zip(st.columns(per_row), row, strict=False)):
            with column, st.container(border=True):
                _render_topic(block, start + offset, beside=len(blocks) == 1 and projector_on())


def _render_topic(block: CardsBlock, index: int, beside: bool = False) -> None:
    """One topic's boards, round after round; `beside` (one topic on a wall screen): the rounds side by side."""
    total = sum(len(cards) for _, cards in block.groups)
    st.markdown(f"#### {plain_markdown(block.topic or '')} ({total})")
    rounds = block.rounds or tuple("" for _ in block.groups)
    order = list(dict.fromkeys(rounds))
    places = st.columns(len(order)) if beside and len(order) > 1 else [st.container() for _ in order]
    for number, (round_title, place) in enumerate(zip(order, places, strict=True), start=block.first_round):
        if beside and len(order) == 1:  # one round of one topic on a wall screen: its boards in two columns
            with st.container(key=f"sffround-{min(number, 2)}-{index}-{number}"):
                if round_title:
                    st.markdown(f"**{tr('notes.round_n', n=number)}**")
                halves = st.columns(2)
                for position, (prompt, cards) in enumerate(block.groups):
                    with halves[position % 2]:
                        st.markdown(f"*{plain_markdown(prompt)}*")
                        st.text("\n".join(_board_lines(cards)) or "–")
            continue
        with place, st.container(key=f"sffround-{min(number, 2)}-{index}-{number}"):
            if round_title:  # on the wall the short "Omgång 2"; on the screen the handbook's own heading
                st.markdown(f"**{tr('notes.round_n', n=number) if projector_on() else plain_markdown(round_title)}**")
            for (prompt, cards), in_round in zip(block.groups, rounds, strict=True):
                if in_round != round_title:
                    continue
                st.markdown(f"*{plain_markdown(prompt)}*")
                st.text("\n".join(_board_lines(cards)) or "–")


def _render_block(block: Block) -> None:
    if isinstance(block, FigureBlock):
        figure(chart(block.builder, *block.args), block.table, key=block.key or None)
    elif isinstance(block, TableBlock):
        if block.title:
            st.markdown(f"**{plain_markdown(block.title)}**")
        if projector_on():  # the wall: a table that wraps at 18 px or more, never a sideways-scrolling grid
            wall_table(block.table)
        elif block.filename:
            data_table(block.table, block.key or block.filename, block.filename)
        else:
            st.dataframe(block.table, hide_index=True, width="stretch")
    elif isinstance(block, TextsBlock):
        for prompt, answers in block.groups:
            st.markdown(f"**{plain_markdown(prompt)}**")
            for caption, answer in answers:
                with st.container(border=True):
                    st.caption(plain_markdown(caption))
                    st.text(answer)
    elif isinstance(block, CardsBlock):
        _render_cards(block)
    elif isinstance(block, ProgressBlock):
        st.progress(block.done / block.total if block.total else 0.0, text=block.label)
    elif isinstance(block, MetricBlock):
        st.metric(block.label, block.value)
    elif isinstance(block, VerdictBlock):
        box = {"good": st.success, "bad": st.error}.get(block.tone, st.info)
        body = "  \n".join(plain_markdown(line) for line in block.body.splitlines())
        box(f"**{plain_markdown(block.heading)}**" + (f"  \n{body}" if body else ""))
    elif isinstance(block, ScreenTitle):  # a wall screen's heading (our own text)
        st.markdown(f"#### {plain_markdown(block.text)}")
    elif isinstance(block, NoteBlock):
        st.caption(plain_markdown(block.text))
    elif isinstance(block, PlainTextBlock):
        if block.title:
            st.markdown(f"**{plain_markdown(block.title)}**")
        st.text(block.text)


def _render_cards(block: CardsBlock) -> None:
    """Post-its as cards: under each question, or (up to four boards, the wall) side by side.

    Notes the facilitator grouped stand under their group's name; text is always plain text.
    """
    if block.side_by_side and block.groups:
        per_row = 2 if len(block.groups) == 4 else len(block.groups)  # four boards (a SWOT): a 2 × 2 grid
        for start in range(0, len(block.groups), per_row):
            row = block.groups[start : start + per_row]
            for column, (prompt, cards) in zip(st.columns(len(row)), row, strict=True):
                with column, st.container(border=True):
                    st.markdown(f"**{plain_markdown(prompt)}** ({len(cards)})")
                    lines = wall_board_lines(cards, WALL_QUADRANT_LINES) if projector_on() else _board_lines(cards)
                    st.text("\n".join(lines) or "–")
        return
    for prompt, cards in block.groups:
        st.markdown(f"**{plain_markdown(prompt)}** ({len(cards)})")
        for cluster, members in _clusters(cards):
            if cluster:
                st.caption(plain_markdown(cluster))
            cells = st.columns(3)
            for index, card in enumerate(members):
                with cells[index % 3].container(border=True):
                    st.text(card.label)


def _clusters(cards: tuple[Card, ...]) -> list[tuple[str | None, list[Card]]]:
    """Consecutive cards of one group together (the results model already ordered them)."""
    runs: list[tuple[str | None, list[Card]]] = []
    for card in cards:
        if runs and runs[-1][0] == card.cluster:
            runs[-1][1].append(card)
        else:
            runs.append((card.cluster, [card]))
    return runs


WALL_QUADRANT_LINES = 7  # a 2 × 2 on a 1280 × 720 wall holds about seven lines of 18 px text per board
WALL_NOTE_CHARS = 70  # about two lines of a quadrant; the whole note stays on the laptop and in reports


def wall_board_lines(cards: tuple[Card, ...], max_lines: int) -> list[str]:
    """A board on the wall in at most `max_lines` lines: every note while they fit; else each of the
    facilitator's groups as one line with its size and dots, then the most voted notes, then "+ N till"."""
    lines = _board_lines(tuple(replace(card, text=_shorten(card.text)) for card in cards))
    if len(lines) <= max_lines:
        return lines
    entries: list[tuple[int, str]] = []  # (dots, line), in the board's order
    for cluster, members in _clusters(cards):
        if cluster:
            votes = sum(card.votes for card in members)
            entries.append((votes, f"▸ {_shorten(cluster)} ({len(members)}{f' · ● {votes}' if votes else ''})"))
        else:
            entries += [(card.votes, ("" if card.marked else "• ") + replace(card, text=_shorten(card.text)).label) for card in members]
    if len(entries) <= max_lines:
        return [line for _, line in entries]
    kept = sorted(sorted(range(len(entries)), key=lambda i: -entries[i][0])[: max_lines - 1])
    return [*(entries[i][1] for i in kept), tr("notes.more_on_board", n=len(entries) - len(kept))]


def _shorten(text: str) -> str:
    return text if len(text) <= WALL_NOTE_CHARS else text[: WALL_NOTE_CHARS - 1].rstrip() + "…"


def _board_lines(cards: tuple[Card, ...]) -> list[str]:
    lines = []
    for cluster, members in _clusters(cards):
        if cluster:
            lines.append(f"▸ {cluster}")
        lines += [("  " if cluster else "") + ("" if card.marked else "• ") + card.label for card in members]
    return lines
