"""Step 3 'Olika nivåer av samverkan': each actor's level now and wanted."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core import stakeholders
from sff_core.concurrency import EditConflict
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit
from sff_core.ui.exercises.actors import actor_form
from sff_core.ui.layout import chart, figure, flash, labelled, show_error
from sff_core.ui.sections import notes_form


def levels_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    levels = {level.value: text(level.label, ctx.lang) for level in section.levels}
    st.markdown(
        "\n".join(f"{level.value}. **{text(level.label, ctx.lang)}** – {text(level.description, ctx.lang)}" for level in section.levels)
    )
    actors = stakeholders.list_actors(ctx.engine, ctx.workspace.id)
    rated = pd.DataFrame(
        [{"actor": a.name, "current": a.current_level, "wanted": a.wanted_level} for a in actors if a.current_level or a.wanted_level],
        columns=["actor", "current", "wanted"],
    )
    if not rated.empty:
        figure(chart("levels_dumbbell", rated, levels, ctx.lang, ctx.projector), rated, key="levels-chart")
    if ctx.projector:
        return
    if not actors:
        st.info(tr("actors.none_yet"))
        actor_form(ctx, "levels")
    else:
        names = {a.id: a.name for a in actors}
        actor_id = st.selectbox(tr("actors.pick"), list(names), format_func=labelled(names), key="levels-actor")
        current = next(a for a in actors if a.id == actor_id)
        values = list(levels)
        edit = RecordEdit(
            f"levels-{actor_id}",
            [f"level-now-{actor_id}", f"level-wanted-{actor_id}", f"level-notes-{actor_id}"],
            stakeholders.level_fields(current),
        )
        with st.form(f"levels-{actor_id}", enter_to_submit=False):
            left, right = st.columns(2)
            now = left.selectbox(
                tr("answer.level_now"),
                values,
                format_func=lambda v: f"{v} – {levels[v]}",
                index=values.index(current.current_level) if current.current_level in values else None,
                key=f"level-now-{actor_id}",
                placeholder=tr("app.choose"),
            )
            wanted = right.selectbox(
                tr("answer.level_wanted"),
                values,
                format_func=lambda v: f"{v} – {levels[v]}",
                index=values.index(current.wanted_level) if current.wanted_level in values else None,
                key=f"level-wanted-{actor_id}",
                placeholder=tr("app.choose"),
            )
            notes = st.text_area(tr("levels.notes"), value=current.level_notes, key=f"level-notes-{actor_id}")
            submitted = st.form_submit_button(tr("levels.save"), type="primary")
        labels = {"current_level": tr("answer.level_now"), "wanted_level": tr("answer.level_wanted"), "level_notes": tr("levels.notes")}
        loaded = edit.snapshot(submitted, labels, lambda f, v: f"{v} – {levels[v]}" if f != "level_notes" and v in levels else (v or "–"))
        if loaded is not None:
            try:
                stakeholders.set_levels(ctx.engine, ctx.workspace.id, actor_id, now, wanted, notes, loaded=loaded)
            except EditConflict as conflict:
                edit.conflict(conflict)
            except InputError as error:
                show_error(error)
            else:
                edit.saved()
                flash(tr("levels.saved", name=current.name))
    notes_form(ctx, step, section, session_date)
