"""Step 2 'Internet': the safe advertisement log (counts and flags, never who)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import ads
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.responses import ACK_PROMPT, GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, show_error
from sff_core.ui.results_view import model_view


def ad_log_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    acknowledged = answers_for(load_responses(ctx.engine, ctx.workspace.id, step.key, section.key), GROUP)
    if not any(a.value_bool for key, a in acknowledged.items() if key == ACK_PROMPT):
        st.warning("\n".join(f"- {text(w, ctx.lang)}" for w in section.extra.get("warnings", ())))
        if not ctx.projector and st.button(tr("ads.acknowledge"), key="ads-ack", type="primary"):
            save_answers(ctx.engine, ctx.workspace.id, step.key, section.key, GROUP, session_date, {ACK_PROMPT: Answer(value_bool=True)})
            st.rerun()
        return
    with st.expander(tr("ads.warnings_again")):
        st.markdown("\n".join(f"- {text(w, ctx.lang)}" for w in section.extra.get("warnings", ())))
    model_view(ctx, step, section, session_date)  # the flow and the search occasions: the results model, as /vagg draws it
    if not ctx.projector and st.toggle(tr("ads.log_toggle"), key="ads-log-open"):
        _ad_form(ctx)


@adds_records
def _ad_form(ctx: Context) -> None:
    origins, flags = vocab_labels("ad_origins", ctx.lang), vocab_labels("ad_flags", ctx.lang)
    key_available = ads.hash_key() is not None
    if st.session_state.pop("ad-clear-reference", False):
        st.session_state["ad-reference"] = ""  # the reference is never kept, not even in the form
    with st.form("ad-observation"):
        st.caption(tr("ads.no_personal_data"))
        left, right = st.columns(2)
        observed_on = left.date_input(tr("ads.date"), value=date.today(), key="ad-date", format="YYYY-MM-DD")
        site = right.text_input(tr("ads.site"), key="ad-site", max_chars=120)
        count = st.number_input(tr("ads.count"), min_value=0, step=1, value=0, key="ad-count")
        origin_columns = st.columns(len(origins))
        origin_counts = {
            k: column.number_input(label, min_value=0, step=1, value=0, key=f"ad-origin-{k}")
            for column, (k, label) in zip(origin_columns, origins.items(), strict=True)
        }
        flag_values = {k: st.checkbox(label, key=f"ad-flag-{k}") for k, label in flags.items()}
        reference = st.text_input(
            tr("ads.reference"),
            key="ad-reference",
            type="password",
            disabled=not key_available,
            help=tr("ads.reference_help" if key_available else "ads.reference_no_key"),
        )
        if st.form_submit_button(tr("ads.save"), type="primary"):
            observation = ads.Observation(
                observed_on, site, int(count), {k: int(v) for k, v in origin_counts.items()}, flag_values, reference or None
            )
            try:
                ads.record_observation(ctx.engine, ctx.workspace.id, observation)
            except InputError as error:
                show_error(error)
            else:
                st.session_state["ad-clear-reference"] = True
                flash(tr("ads.saved"))


UI = ExerciseUI(name="ad_log", tool=ad_log_section)
