"""Step 1's bespoke parts: the ice-breaker cards and the common points of 'Hur skapar vi en modig miljö?'."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.exercises import postit_notes
from sff_core.i18n import text
from sff_core.icebreaker import add_question, cards, draw, remove_question
from sff_core.responses import COMMON_PROMPT, GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import flash, plain_markdown, show_error
from sff_core.ui.sections import results_date
from sff_core.ui.step_page import StepParts

DRAWN_KEY = "icebreaker_card"


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
            try:
                add_question(ctx.engine, ctx.workspace.id, question)
            except InputError as error:
                show_error(error)
            else:
                flash(tr("icebreaker.added"))


def courage_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The two boards side by side; what the groups have in common is marked and listed."""
    shown = results_date(ctx, step, section, session_date)
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, shown) if shown else None
    if frame is None or frame.empty:
        st.caption(tr("answer.no_answers"))
        return
    stored = answers_for(frame, GROUP).get(COMMON_PROMPT)
    common = [line for line in ((stored.text if stored else "") or "").splitlines() if line.strip()]
    notes = postit_notes(section, frame[frame["prompt_key"] != COMMON_PROMPT], ctx.lang)
    columns = st.columns(max(len(section.prompts), 1))
    for column, prompt in zip(columns, section.prompts, strict=False):
        with column:
            st.markdown(f"**{text(prompt.text, ctx.lang)}**")
            for note in notes[notes["prompt"] == text(prompt.text, ctx.lang)]["note"]:
                with st.container(border=True):
                    st.text(("★ " if note in common else "") + note)
    if common:
        st.markdown(f"**{tr('courage.common')}**")
        for note in common:
            st.text(f"★ {note}")
    if ctx.projector:
        return
    options = sorted(set(notes["note"]))
    with st.form(f"common-{shown}"):
        chosen = st.multiselect(tr("courage.mark_common"), options, default=[n for n in common if n in options],
                                key=f"common-pick-{shown}", placeholder=tr("app.choose"))
        if st.form_submit_button(tr("courage.save_common")):
            try:
                save_answers(ctx.engine, ctx.workspace.id, step.key, section.key, GROUP, shown,
                             {COMMON_PROMPT: Answer(text="\n".join(chosen))})
            except InputError as error:
                show_error(error)
            else:
                flash(tr("answer.saved", n=len(chosen)))


PARTS = StepParts(sections={"ice_breaker": icebreaker_section}, results={"modig_miljo": courage_results})
