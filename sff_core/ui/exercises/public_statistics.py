"""Step 2 'Offentligt material': reported offences per year, by hand or imported."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core import offences
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.results_view import model_view
from sff_core.ui.statistics_page import import_with_preview


@edit_form("offences-year")
def public_statistics_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    labels = {p.key: text(p.text, ctx.lang) for p in section.prompts}
    model_view(ctx, step, section, session_date)  # reported offences per year: the results model, as /vagg draws it
    if ctx.projector or not st.toggle(tr("offences.enter_toggle"), key="offences-open"):
        return
    year = int(
        st.number_input(
            tr("offences.year"), min_value=1990, max_value=date.today().year, step=1, value=date.today().year - 1, key="off-year"
        )
    )
    keys = {key: f"off-{key}-{year}" for key in labels}
    edit = RecordEdit(f"offences-{year}", keys.values(), offences.year_counts(ctx.engine, ctx.workspace.id, year))
    with st.form(f"offences-year-{year}"):
        counts = {
            key: st.number_input(label, min_value=0, step=1, value=edit.loaded.get(key), key=keys[key]) for key, label in labels.items()
        }
        submitted = st.form_submit_button(tr("offences.save"))
    edit.save(
        submitted,
        labels,
        lambda before: offences.set_counts(
            ctx.engine, ctx.workspace.id, year, {k: None if v is None else int(v) for k, v in counts.items()}, loaded=before
        ),
        tr("offences.saved", year=year),
    )
    template = pd.DataFrame(columns=["år", *[labels[k] for k in labels]]).to_csv(index=False, sep=";")
    st.download_button(tr("offences.template"), template.encode("utf-8-sig"), "anmalda_brott_mall.csv", "text/csv", key="off-template")
    import_with_preview(
        ctx,
        "off",
        tr("offences.import"),
        lambda data, name: offences.preview_counts(ctx.engine, ctx.workspace.id, data, name),
        lambda preview: offences.apply_counts(ctx.engine, ctx.workspace.id, preview),
        labels,
        tr("import_preview.category"),
    )


UI = ExerciseUI(name="public_statistics", tool=public_statistics_section)
