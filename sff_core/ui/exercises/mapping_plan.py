"""Step 2 'Hur ska ni kartlägga problembilden?': the mapping plan (two browsers, one record)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import streamlit as st

from sff_core import mapping
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled
from sff_core.ui.results_view import model_view


@edit_form("mapping-plan")
def mapping_plan_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    plan = mapping.get_mapping_plan(ctx.engine, ctx.workspace.id)
    categories = {p.key: text(p.text, ctx.lang) for p in section.prompts}
    methods = {m.key: text(m.label, ctx.lang) for m in section.extra.get("contact_methods", ())}
    formats = {f.key: text(f.label, ctx.lang) for f in section.extra.get("report_formats", ())}
    model_view(ctx, step, section, session_date)  # the plan as chosen: the results model, as /vagg draws it
    if ctx.projector:
        return
    edit = RecordEdit("mapping-plan", ["mp-categories", "mp-method", "mp-format", "mp-notes"], asdict(plan))
    with st.form("mapping-plan", enter_to_submit=False):
        chosen = st.multiselect(
            tr("mapping.categories"),
            list(categories),
            default=list(plan.categories),
            format_func=labelled(categories),
            key="mp-categories",
            placeholder=tr("app.choose"),
        )
        method_keys, format_keys = list(methods), list(formats)
        method = st.radio(
            tr("mapping.contact_method"),
            method_keys,
            format_func=labelled(methods),
            key="mp-method",
            index=method_keys.index(plan.contact_method) if plan.contact_method in method_keys else None,
        )
        report = st.radio(
            tr("mapping.report_format"),
            format_keys,
            format_func=labelled(formats),
            key="mp-format",
            index=format_keys.index(plan.report_format) if plan.report_format in format_keys else None,
        )
        notes = st.text_area(tr("candidates.note"), value=plan.notes, key="mp-notes")
        submitted = st.form_submit_button(tr("mapping.save"), type="primary")
    labels = {
        "categories": tr("mapping.categories"),
        "contact_method": tr("mapping.contact_method"),
        "report_format": tr("mapping.report_format"),
        "notes": tr("candidates.note"),
    }
    names = {**categories, **methods, **formats}

    def shown(field: str, value: object) -> str:
        if isinstance(value, tuple | list):
            return ", ".join(names.get(str(v), str(v)) for v in value) or tr("conflict.empty")
        if isinstance(value, str) and value:
            return names.get(value, value)
        return str(value or tr("conflict.empty"))

    edit.save(
        submitted,
        labels,
        lambda loaded: mapping.save_mapping_plan(
            ctx.engine, ctx.workspace.id, chosen, method, report, notes, loaded=mapping.MappingPlanInfo(**loaded)
        ),
        tr("mapping.saved"),
        shown=shown,
    )


UI = ExerciseUI(name="mapping_plan", tool=mapping_plan_section)
