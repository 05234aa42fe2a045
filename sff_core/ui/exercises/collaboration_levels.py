"""Step 3 'Olika nivåer av samverkan': each actor's level now and wanted."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core import stakeholders
from sff_core.content import Section, Step, get_content
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.actors import actor_form
from sff_core.ui.layout import chart, figure, labelled
from sff_core.ui.sections import notes_form


@edit_form("collaboration-levels")
def levels_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    levels = {level.value: text(level.label, ctx.lang) for level in section.levels}
    st.markdown(
        "\n".join(f"{level.value}. **{text(level.label, ctx.lang)}** – {text(level.description, ctx.lang)}" for level in section.levels)
    )
    actors = stakeholders.list_actors(ctx.engine, ctx.workspace.id)
    rated = _rated(actors)
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
        edit.save(
            submitted,
            labels,
            lambda loaded: stakeholders.set_levels(ctx.engine, ctx.workspace.id, actor_id, now, wanted, notes, loaded=loaded),
            tr("levels.saved", name=current.name),
            shown=lambda f, v: f"{v} – {levels[v]}" if f != "level_notes" and v in levels else (v or "–"),
        )
    notes_form(ctx, step, section, session_date)


def _rated(actors: list[stakeholders.ActorInfo]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"actor": a.name, "current": a.current_level, "wanted": a.wanted_level} for a in actors if a.current_level or a.wanted_level],
        columns=["actor", "current", "wanted"],
    )


LEVELS_STEP, LEVELS_SECTION = "step3", "nivaer"  # step 3, exercise 2: where step 5's tip sends the group back


def tip_panel(ctx: Context, step: Step) -> None:
    """Under a step's tips that send the group back to the levels (step 5): the levels, open."""
    levels_reference(ctx, f"tip-{step.key}", folded=False)


def levels_reference(ctx: Context, key: str, folded: bool = True) -> None:
    """Step 3's collaboration levels (now and wanted per actor), read-only, with a link to the exercise.

    Shown where step 5 sends the group back to them: beside the tip, and in the coordination, network
    role and event exercises. Never on the wall (the wall shows the exercise itself).
    """
    if ctx.projector:
        return
    section = get_content().section(LEVELS_STEP, LEVELS_SECTION)
    if section is None:
        return
    box = st.expander(tr("levels_ref.heading"), icon=":material/stairs:") if folded else st.container(border=True)
    with box:
        if not folded:
            st.markdown(f"**{tr('levels_ref.heading')}**")
        levels = {level.value: text(level.label, ctx.lang) for level in section.levels}
        rated = _rated(stakeholders.list_actors(ctx.engine, ctx.workspace.id))
        if rated.empty:
            st.caption(tr("levels_ref.empty"))
        else:
            table = rated.rename(
                columns={"actor": tr("actors.pick"), "current": tr("answer.level_now"), "wanted": tr("answer.level_wanted")}
            )
            figure(chart("levels_dumbbell", rated, levels, ctx.lang, False), table, key=f"levels-ref-{key}")
        number = get_content().step(LEVELS_STEP).number
        st.page_link(
            f"pages/step_{number}.py", label=tr("levels_ref.open"), query_params={"section": LEVELS_SECTION}, icon=":material/arrow_back:"
        )
