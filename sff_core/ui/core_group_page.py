"""Kärngruppen: the members' table, the coverage panel and the member form (two browsers, one record)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.members import add_member, list_members, member_fields, remove_member, update_member
from sff_core.store.concurrency import EditConflict
from sff_core.ui.context import tr
from sff_core.ui.core_group import coverage_panel, personality_labels
from sff_core.ui.edits import RecordEdit, edit_form
from sff_core.ui.layout import data_table, flash, labelled, projector_exit_button, show_error, show_flash
from sff_core.ui.workspaces_page import require_context


@edit_form("member")
def render() -> None:
    ctx = require_context()
    projector_exit_button()
    st.title(tr("core.title"))
    show_flash()
    content = get_content()
    sectors = content.labels("sectors", ctx.lang)
    levels = content.labels("member_levels", ctx.lang)
    ptypes = personality_labels(ctx.lang)
    members = list_members(ctx.engine, ctx.workspace.id)

    st.subheader(tr("core.members"))
    if members:
        data_table(
            pd.DataFrame(
                [
                    {
                        tr("core.name"): m.name,
                        tr("core.organisation"): m.organisation,
                        tr("core.sector"): sectors.get(m.sector, m.sector),
                        tr("core.role"): m.role,
                        tr("core.level"): levels.get(m.level or "", "–"),
                        tr("core.personality"): ptypes.get(m.personality_type or "", "–"),
                        tr("core.child_youth_short"): "✓" if m.child_youth_perspective else "",
                    }
                    for m in members
                ]
            ),
            "members",
            "karngruppen",
        )
    else:
        st.info(tr("core.empty"))
    coverage_panel(ctx)

    if not ctx.projector:
        st.divider()
        options = [None] + [m.id for m in members]
        chosen = st.selectbox(
            tr("core.pick_member"),
            options,
            key="member-pick",
            format_func=lambda i: tr("core.add") if i is None else next(m.name for m in members if m.id == i),
        )
        current = next((m for m in members if m.id == chosen), None)
        suffix = chosen or "new"
        widget_keys = [f"m-{field}-{suffix}" for field in ("name", "org", "sector", "role", "level", "ptype", "child")]
        edit = RecordEdit(f"member-{suffix}", widget_keys, member_fields(current) if current else {})
        with st.form(f"member-form-{suffix}", enter_to_submit=False):
            st.markdown(f"**{tr('core.edit') if current else tr('core.add')}**")
            name = st.text_input(tr("core.name"), value=current.name if current else "", key=f"m-name-{suffix}")
            organisation = st.text_input(tr("core.organisation"), value=current.organisation if current else "", key=f"m-org-{suffix}")
            sector_keys, level_keys, ptype_keys = list(sectors), [""] + list(levels), [""] + list(ptypes)
            sector = st.selectbox(
                tr("core.sector"),
                sector_keys,
                format_func=labelled(sectors),
                key=f"m-sector-{suffix}",
                index=sector_keys.index(current.sector) if current else 0,
            )
            role = st.text_input(tr("core.role"), value=current.role if current else "", key=f"m-role-{suffix}")
            level = st.selectbox(
                tr("core.level"),
                level_keys,
                format_func=lambda k: levels.get(k, tr("core.none")),
                index=level_keys.index(current.level or "") if current else 0,
                key=f"m-level-{suffix}",
            )
            ptype = st.selectbox(
                tr("core.personality"),
                ptype_keys,
                format_func=lambda k: ptypes.get(k, tr("core.none")),
                index=ptype_keys.index(current.personality_type or "") if current else 0,
                key=f"m-ptype-{suffix}",
            )
            child = st.checkbox(tr("core.child_youth"), value=bool(current and current.child_youth_perspective), key=f"m-child-{suffix}")
            submitted = st.form_submit_button(tr("core.save"), type="primary")
        labels = {
            "name": tr("core.name"),
            "organisation": tr("core.organisation"),
            "sector": tr("core.sector"),
            "role": tr("core.role"),
            "level": tr("core.level"),
            "personality_type": tr("core.personality"),
            "child_youth_perspective": tr("core.child_youth"),
        }
        loaded = edit.snapshot(submitted, labels)
        if loaded is not None:
            try:
                if current:
                    saved = update_member(
                        ctx.engine,
                        ctx.workspace.id,
                        current.id,
                        name,
                        organisation,
                        sector,
                        role,
                        level or None,
                        ptype or None,
                        child,
                        loaded=loaded,
                    )
                    edit.saved()
                else:
                    saved = add_member(ctx.engine, ctx.workspace.id, name, organisation, sector, role, level or None, ptype or None, child)
            except EditConflict as conflict:
                edit.conflict(conflict)
            except InputError as error:
                show_error(error)
            else:
                flash(tr("core.saved", name=saved.name))
        if current is not None and st.button(tr("core.remove"), key=f"remove-{suffix}"):
            remove_member(ctx.engine, ctx.workspace.id, current.id)
            flash(tr("core.removed", name=current.name))
