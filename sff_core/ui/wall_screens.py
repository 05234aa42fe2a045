"""An exercise whose results are longer than the wall: one screen at a time (sff_core/outputs/wall_screens.py).

On the wall only the screen the remote chose is drawn, with a small "Bild 2 av 5" – no controls. On the
laptop the results stay whole, and a row of previous / pick / next moves the wall (as "next" on the
remote and Page Down on the wall do).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from sff_core import screens
from sff_core.content import Section, Step
from sff_core.outputs.results import CardsBlock, FigureBlock, Results, ScreenTitle, build_results
from sff_core.outputs.wall_screens import Screen, exercise_screens
from sff_core.registry import type_of
from sff_core.ui.context import Context, tr
from sff_core.ui.results_view import query_for, render_results


def current(ctx: Context, step: Step, section: Section, count: int) -> int:
    return min(screens.stored_position(ctx.engine, ctx.workspace.id, step.key, section.key), max(0, count - 1))


def wall_controls(ctx: Context, step: Step, section: Section, titles: list[str]) -> None:
    """The laptop's previous / pick / next for the wall's screens (nothing when there is only one)."""
    if ctx.projector or len(titles) < 2:
        return
    here = current(ctx, step, section, len(titles))
    prev, pick, nxt = st.columns([1, 3, 1], vertical_alignment="bottom")
    target = None
    if prev.button(tr("screens.prev"), key=f"wall-screen-prev-{section.key}", icon=":material/arrow_back:", disabled=here == 0):
        target = here - 1
    last = here >= len(titles) - 1
    if nxt.button(tr("screens.next"), key=f"wall-screen-next-{section.key}", icon=":material/arrow_forward:", disabled=last):
        target = here + 1
    labels = {str(i): f"{i + 1}. {title}" for i, title in enumerate(titles)}
    chosen = pick.selectbox(
        tr("common.show_screen"),
        list(labels),
        index=here,
        format_func=lambda option: labels.get(option, option),
        key=f"wall-screen-pick-{section.key}-{len(labels)}-{here}",
    )
    if target is None and chosen is not None and int(chosen) != here:
        target = int(chosen)
    if target is not None:
        screens.show_screen(ctx.engine, ctx.workspace.id, step.key, section.key, target)
        st.rerun()


def show_screen(ctx: Context, step: Step, section: Section, shown: list[Screen], empty: str | None = None) -> None:
    """On the wall: the chosen screen with its place ("Bild 2 av 5")."""
    here = current(ctx, step, section, len(shown))
    screen = shown[here]
    blocks = screen.blocks
    if blocks and isinstance(blocks[0], ScreenTitle):  # the screen's heading first, then its place
        render_results(Results(screen.title, None, blocks[:1]))
        blocks = blocks[1:]
    topic = bool(blocks) and isinstance(blocks[0], CardsBlock) and blocks[0].topic is not None
    if len(shown) > 1 and not topic:  # a sector's post-its are headed by their sector (and need the height)
        st.caption(tr("common.screen_of", n=here + 1, total=len(shown)))  # the screen's own heading names it
    beside = any(isinstance(b, FigureBlock) for b in blocks) and len(blocks) > 1  # a chart and its note side by side
    render_results(Results(screen.title, None, blocks, empty), charts_beside=beside)


def wall_screens_now(ctx: Context, step: Step, section: Section, session_date: date) -> list[Screen]:
    """The exercise's screens as the wall shows them now (its results model for the wall, cut by the exercise)."""
    query = replace(query_for(ctx, step, section, session_date), projector=True)
    return exercise_screens(section, build_results(query))


def controls_for(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The wall's screen controls on the laptop or the remote (nothing on the wall itself, nor for an
    exercise without a `screens` hook: it is one screen)."""
    if not ctx.projector and getattr(type_of(section), "screens", None) is not None:
        wall_controls(ctx, step, section, [s.title for s in wall_screens_now(ctx, step, section, session_date)])


def paged_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The exercise's results model: whole on the laptop (with the wall's screen controls), on the wall
    a screen at a time when the exercise has screens (its `screens` hook: `wall_screens.exercise_screens`)."""
    results = build_results(query_for(ctx, step, section, session_date))
    shown = exercise_screens(section, results)
    if not ctx.projector:
        controls_for(ctx, step, section, session_date)
        render_results(results)
        return
    if results.empty or len(shown) == 1:
        render_results(results)
        return
    show_screen(ctx, step, section, shown, results.empty_message)
