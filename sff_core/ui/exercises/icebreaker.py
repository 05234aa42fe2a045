"""Step 1 ice-breaker cards: draw a question at random, add the group's own (listed from the results model)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.icebreaker import add_question, cards, draw, remove_question
from sff_core.outputs.results import build_results
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, plain_markdown, run_action
from sff_core.ui.results_view import query_for, render_results

DRAWN_KEY = "icebreaker_card"


@adds_records
def icebreaker_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    deck = cards(ctx.engine, ctx.workspace.id, ctx.lang)
    current = next((c for c in deck if c.key == st.session_state.get(DRAWN_KEY)), None)
    if st.button(tr("icebreaker.draw"), key="icebreaker-draw", type="primary"):
        current = draw(deck, current.key if current else None)
        st.session_state[DRAWN_KEY] = current.key if current else None
    with st.container(border=True):
        if current is None:
            st.caption(tr("icebreaker.none_drawn"))
        else:
            st.markdown(f"## {plain_markdown(current.text)}")
    render_results(build_results(query_for(ctx, step, section, session_date)))  # the group's own questions
    if ctx.projector:
        return
    with st.expander(tr("icebreaker.all_cards", n=len(deck))):
        for card in deck:
            left, right = st.columns([6, 1])
            left.text(card.text)
            if card.custom and right.button(tr("icebreaker.remove"), key=f"remove-{card.key}"):
                remove_question(ctx.engine, ctx.workspace.id, int(card.key.split(":")[1]))
                flash(tr("icebreaker.removed"))
    with st.form("icebreaker-add"):
        question = st.text_input(tr("icebreaker.own_question"), key="icebreaker-new", max_chars=300)
        if st.form_submit_button(tr("icebreaker.add")):
            run_action(lambda: add_question(ctx.engine, ctx.workspace.id, question), tr("icebreaker.added"))


UI = ExerciseUI("icebreaker", tool=icebreaker_section)
