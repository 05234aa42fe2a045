"""Tasks with owner, deadline and status (step 2 'Vem ska göra vad och när?', reusable by later steps)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import mapping
from sff_core.content import Section, Step, get_content
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled, run_action


@edit_form("task-status")
def tasks_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Adds tasks and sets their status; the task table is the results model's (sff_core/exercises/tasks.py)."""
    tasks = mapping.list_tasks(ctx.engine, ctx.workspace.id)
    categories = {p.key: text(p.text, ctx.lang) for p in (get_content().section(step.key, "kartlaggning_plan") or section).prompts}
    statuses = vocab_labels("task_statuses", ctx.lang)
    if ctx.projector:  # the task table is the results model's, drawn below the answers
        return
    with st.form("task-add"):
        title = st.text_input(tr("tasks.task"), key="task-title", max_chars=200)
        left, middle, right = st.columns(3)
        category = left.selectbox(
            tr("tasks.category"), [None, *categories], key="task-category", format_func=lambda k: categories.get(k, "–") if k else "–"
        )
        owner = middle.text_input(tr("tasks.owner"), key="task-owner", max_chars=120)
        deadline = right.date_input(tr("tasks.deadline"), value=None, key="task-deadline", format="YYYY-MM-DD")
        if st.form_submit_button(tr("tasks.add")):
            run_action(lambda: mapping.add_task(ctx.engine, ctx.workspace.id, title, owner, deadline, category), tr("tasks.added"))
    if tasks:
        names = {t.id: t.title for t in tasks}
        task_id = st.selectbox(tr("tasks.task"), list(names), format_func=labelled(names), key="task-pick")
        task = next(t for t in tasks if t.id == task_id)
        edit = RecordEdit(f"task-{task_id}", [f"task-status-{task_id}"], {"status": task.status})
        with st.form(f"task-status-form-{task_id}"):
            status = st.segmented_control(
                tr("tasks.status"),
                list(statuses),
                format_func=labelled(statuses),
                default=edit.loaded["status"],
                key=f"task-status-{task_id}",
            )
            submitted = st.form_submit_button(tr("tasks.update")) and bool(status)
        edit.save(
            submitted,
            {"status": tr("tasks.status")},
            lambda loaded: mapping.set_task_status(ctx.engine, ctx.workspace.id, task_id, status, loaded_status=loaded["status"]),
            tr("tasks.updated"),
            shown=lambda _f, v: statuses.get(v, str(v)),
        )


UI = ExerciseUI(name="tasks", tool=tasks_section)
