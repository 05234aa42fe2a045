"""Step 1 'Hur skapar vi en modig miljö?': two post-it boards, the notes common to both marked."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Section, Step
from sff_core.notes import Exercise, board
from sff_core.outputs.results import build_results
from sff_core.responses import COMMON_PROMPT, GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.store.concurrency import merge_set
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.results_view import query_for, render_results


@edit_form("courage-marks")
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
    edit = RecordEdit(f"common-{shown}", [f"common-pick-{shown}"], {"marks": common})
    with st.form(f"common-{shown}"):
        chosen = st.multiselect(
            tr("courage.mark_common"),
            options,
            default=[n for n in edit.loaded["marks"] if n in options],
            key=f"common-pick-{shown}",
            placeholder=tr("app.choose"),
        )
        submitted = st.form_submit_button(tr("courage.save_common"))
    marks = merge_set(edit.loaded["marks"], chosen, common)  # what this person marked or unmarked, on what is stored now
    edit.save(
        submitted,
        {},
        lambda _loaded: save_answers(
            ctx.engine,
            ctx.workspace.id,
            step.key,
            section.key,
            GROUP,
            shown,
            {COMMON_PROMPT: Answer(text="\n".join(marks))},
            loaded={COMMON_PROMPT: stored} if stored else {},
        ),
        tr("answer.saved", n=len(marks)),
    )


UI = ExerciseUI("courage_boards", results=courage_results)
