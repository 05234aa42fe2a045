"""Step 0 'Rekrytera till kärngruppen': candidates against the basic and desirable checklists."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from sff_core.candidates import STATUSES, CandidateInfo, list_candidates, promote_candidate, save_candidate
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.outputs.results import build_results
from sff_core.ui.context import Context, tr
from sff_core.ui.core_group import personality_labels
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, labelled, show_error
from sff_core.ui.results_view import query_for, render_results


def candidates_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The candidates from the results model; off the wall, the form to add or change one."""
    render_results(build_results(query_for(ctx, step, section, session_date)))
    if ctx.projector:
        return
    _candidate_form(ctx, section, list_candidates(ctx.engine, ctx.workspace.id), personality_labels(ctx.lang))


CANDIDATE_FIELDS = ("name", "organisation", "sector", "personality_type", "checks", "status", "note")


def _candidate_fields(current: CandidateInfo | None) -> dict[str, Any]:
    if current is None:
        return {}
    return {f: list(current.checks) if f == "checks" else getattr(current, f) for f in CANDIDATE_FIELDS}


@edit_form("candidate")
def _candidate_form(ctx: Context, section: Section, candidates: list[CandidateInfo], ptypes: dict[str, str]) -> None:
    """A new candidate, or one candidate's form: a change saves only what the person changed (RecordEdit),
    the checklist item by item."""
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
    check_keys = {p.key: f"cand-{p.key}-{suffix}" for p in section.prompts}
    widget_keys = [f"cand-{k}-{suffix}" for k in ("name", "org", "sector", "ptype", "status", "note")] + list(check_keys.values())
    edit = RecordEdit(f"candidate-{suffix}", widget_keys, _candidate_fields(current))
    loaded = edit.loaded
    with st.form(f"candidate-form-{suffix}"):
        name = st.text_input(tr("core.name"), value=loaded.get("name", ""), key=f"cand-name-{suffix}")
        organisation = st.text_input(tr("core.organisation"), value=loaded.get("organisation", ""), key=f"cand-org-{suffix}")
        sector_keys = list(sectors)
        sector = st.selectbox(
            tr("core.sector"),
            sector_keys,
            format_func=labelled(sectors),
            key=f"cand-sector-{suffix}",
            index=sector_keys.index(loaded["sector"]) if loaded.get("sector") in sector_keys else 0,
        )
        ptype_keys = [""] + list(ptypes)
        ptype = st.selectbox(
            tr("core.personality"),
            ptype_keys,
            key=f"cand-ptype-{suffix}",
            format_func=lambda k: ptypes.get(k, tr("core.none")),
            index=ptype_keys.index(loaded.get("personality_type") or ""),
        )
        checks = []
        for group in section.groups:
            st.markdown(f"**{text(group.title, ctx.lang)}**")
            for prompt in (p for p in section.prompts if p.group == group.key):
                if st.checkbox(text(prompt.text, ctx.lang), value=prompt.key in loaded.get("checks", ()), key=check_keys[prompt.key]):
                    checks.append(prompt.key)
        status = st.selectbox(
            tr("candidates.status"),
            list(STATUSES),
            key=f"cand-status-{suffix}",
            format_func=lambda s: tr(f"candidates.status_{s}"),
            index=list(STATUSES).index(loaded.get("status", next(iter(STATUSES)))),
        )
        note = st.text_area(tr("candidates.note"), value=loaded.get("note", ""), key=f"cand-note-{suffix}")
        submitted = st.form_submit_button(tr("candidates.save"), type="primary")
    labels = {
        "name": tr("core.name"),
        "organisation": tr("core.organisation"),
        "sector": tr("core.sector"),
        "personality_type": tr("core.personality"),
        "status": tr("candidates.status"),
        "note": tr("candidates.note"),
    }
    edit.save(
        submitted,
        labels,
        lambda before: save_candidate(
            ctx.engine,
            ctx.workspace.id,
            name,
            organisation,
            sector,
            ptype or None,
            checks,
            status,
            note,
            candidate_id=chosen_id,
            loaded=before if chosen_id else None,
        ),
        tr("candidates.saved", name=name.strip()),
        shown=lambda field, value: _shown_value(field, value, sectors, ptypes),
    )
    if current is not None and current.status == "yes" and st.button(tr("candidates.promote"), key=f"promote-{suffix}"):
        try:
            member = promote_candidate(ctx.engine, ctx.workspace.id, current.id)
        except InputError as error:
            show_error(error)
        else:
            flash(tr("candidates.promoted", name=member.name))


def _shown_value(field: str, value: Any, sectors: dict[str, str], ptypes: dict[str, str]) -> str:
    if field == "status":
        return tr(f"candidates.status_{value}")
    if field == "sector":
        return sectors.get(value, str(value))
    if field == "personality_type":
        return ptypes.get(value or "", tr("core.none"))
    return str(value) if value else "–"


UI = ExerciseUI("candidates", tool=candidates_section)
