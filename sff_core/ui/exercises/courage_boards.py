"""Step 1 'Hur skapar vi en modig miljö?': two post-it boards, the notes common to both marked."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.notes import Exercise, board
from sff_core.responses import COMMON_PROMPT, GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.results import build_results
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import flash, show_error
from sff_core.ui.results_view import query_for, render_results


def courage_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The two boards side by side (from the results model); the facilitator marks what both share."""
    query = query_for(ctx, step, section, session_date)
    results = build_results(query)
    render_results(results)
    if ctx.projector or results.empty or results.shown_date is None:
        return
    shown = results.shown_date
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, shown)
    stored = answers_for(frame, GROUP).get(COMMON_PROMPT)
    common = [line for line in ((stored.text if stored else "") or "").splitlines() if line.strip()]
    options = sorted({note.text for note in board(ctx.engine, Exercise(ctx.workspace.id, step.key, section.key, shown))})
    with st.form(f"common-{shown}"):
        chosen = st.multiselect(
            tr("courage.mark_common"),
            options,
            default=[n for n in common if n in options],
            key=f"common-pick-{shown}",
            placeholder=tr("app.choose"),
        )
        submitted = st.form_submit_button(tr("courage.save_common"))
    if submitted:
        try:
            save_answers(
                ctx.engine,
                ctx.workspace.id,
                step.key,
                section.key,
                GROUP,
                shown,
                {COMMON_PROMPT: Answer(text="\n".join(chosen))},
                loaded={COMMON_PROMPT: stored} if stored else {},
            )
        except InputError as error:
            show_error(error)
        else:
            flash(tr("answer.saved", n=len(chosen)))
