"""Step 0 'Rekrytera till kärngruppen': candidates against the basic and desirable checklists."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core.candidates import STATUSES, CandidateInfo, checklist_groups, list_candidates, promote_candidate, save_candidate
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.core_group import personality_labels
from sff_core.ui.exercises.common import table_here
from sff_core.ui.layout import flash, labelled, show_error


def candidates_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    candidates = list_candidates(ctx.engine, ctx.workspace.id)
    groups = checklist_groups()
    ptypes = personality_labels(ctx.lang)
    if candidates:
        table_here(
            pd.DataFrame(
                [
                    {
                        tr("core.name"): c.name,
                        tr("core.organisation"): c.organisation,
                        tr("core.personality"): ptypes.get(c.personality_type or "", "–"),
                        tr("candidates.meets_basic"): "✓" if c.meets(groups.get("basic", [])) else "–",
                        tr(
                            "candidates.desirable"
                        ): f"{sum(k in c.checks for k in groups.get('desirable', []))}/{len(groups.get('desirable', []))}",
                        tr("candidates.status"): tr(f"candidates.status_{c.status}"),
                    }
                    for c in candidates
                ]
            ),
            "candidates",
            "kandidater",
            ctx.projector,
        )
    else:
        st.caption(tr("candidates.empty"))
    if ctx.projector:
        return
    _candidate_form(ctx, section, candidates, ptypes)


def _candidate_form(ctx: Context, section: Section, candidates: list[CandidateInfo], ptypes: dict[str, str]) -> None:
    content = get_content()
    sectors = content.labels("sectors", ctx.lang)
    options = [None] + [c.id for c in candidates]
    chosen_id = st.selectbox(
        tr("candidates.pick"),
        options,
        key="candidate-pick",
        format_func=lambda i: tr("candidates.new") if i is None else next(c.name for c in candidates if c.id == i),
    )
    current = next((c for c in candidates if c.id == chosen_id), None)
    suffix = chosen_id or "new"
    with st.form(f"candidate-form-{suffix}"):
        name = st.text_input(tr("core.name"), value=current.name if current else "", key=f"cand-name-{suffix}")
        organisation = st.text_input(tr("core.organisation"), value=current.organisation if current else "", key=f"cand-org-{suffix}")
        sector_keys = list(sectors)
        sector = st.selectbox(
            tr("core.sector"),
            sector_keys,
            format_func=labelled(sectors),
            key=f"cand-sector-{suffix}",
            index=sector_keys.index(current.sector) if current else 0,
        )
        ptype_keys = [""] + list(ptypes)
        ptype = st.selectbox(
            tr("core.personality"),
            ptype_keys,
            key=f"cand-ptype-{suffix}",
            format_func=lambda k: ptypes.get(k, tr("core.none")),
            index=ptype_keys.index(current.personality_type or "") if current else 0,
        )
        checks = []
        for group in section.groups:
            st.markdown(f"**{text(group.title, ctx.lang)}**")
            for prompt in (p for p in section.prompts if p.group == group.key):
                if st.checkbox(
                    text(prompt.text, ctx.lang), value=bool(current and prompt.key in current.checks), key=f"cand-{prompt.key}-{suffix}"
                ):
                    checks.append(prompt.key)
        status = st.selectbox(
            tr("candidates.status"),
            list(STATUSES),
            key=f"cand-status-{suffix}",
            format_func=lambda s: tr(f"candidates.status_{s}"),
            index=list(STATUSES).index(current.status) if current else 0,
        )
        note = st.text_area(tr("candidates.note"), value=current.note if current else "", key=f"cand-note-{suffix}")
        submitted = st.form_submit_button(tr("candidates.save"), type="primary")
    if submitted:
        try:
            saved = save_candidate(
                ctx.engine, ctx.workspace.id, name, organisation, sector, ptype or None, checks, status, note, candidate_id=chosen_id
            )
        except InputError as error:
            show_error(error)
        else:
            flash(tr("candidates.saved", name=saved.name))
    if current is not None and current.status == "yes" and st.button(tr("candidates.promote"), key=f"promote-{suffix}"):
        try:
            member = promote_candidate(ctx.engine, ctx.workspace.id, current.id)
        except InputError as error:
            show_error(error)
        else:
            flash(tr("candidates.promoted", name=member.name))
