"""Step 5 'Utveckla en rollbeskrivning för nätverket' (Helsingborg template) and the role tool the coordinator's uses too."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from sff_core import coordination, events, stakeholders
from sff_core.content import Section, Step
from sff_core.exercises.network_role import role_section_titles
from sff_core.i18n import text
from sff_core.outputs import documents
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, edit_form, status_form
from sff_core.ui.exercises.collaboration_levels import levels_reference
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import plain_markdown
from sff_core.ui.wall_screens import paged_results


def network_role_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    role_tool(ctx, step, section, session_date, coordination.NETWORK)


def _lines(value: str) -> list[str]:
    return [line.strip().removeprefix("- ").strip() for line in (value or "").splitlines() if line.strip()]


@edit_form("role-text")
def role_tool(ctx: Context, step: Step, section: Section, session_date: date, kind: str) -> None:
    """A role description: its results model (on the wall a screen at a time), then the editor, status and history."""
    paged_results(ctx, step, section, session_date)  # the wall: a screen at a time
    if ctx.projector:
        return
    levels_reference(ctx, f"role-{kind}")
    role = coordination.get_role(ctx.engine, ctx.workspace.id, kind)
    titles = role_section_titles(kind, ctx.lang)
    heads = coordination.headings(kind)
    lists = coordination.LISTS[kind]
    fields = [*coordination.text_sections(kind), *lists]
    current: dict[str, Any] = {k: role.sections.get(k) for k in fields}
    edit = RecordEdit(f"role-{kind}", [f"role-{kind}-{k}" for k in fields], current)
    in_network = {p.organisation for p in events.list_participants(ctx.engine, ctx.workspace.id)}
    organisations = list(
        dict.fromkeys([*(a.name for a in stakeholders.list_actors(ctx.engine, ctx.workspace.id)), *(current.get("participants") or [])])
    )
    with st.expander(tr("network.role_edit"), expanded=role.version == 0):
        with st.form(f"role-form-{kind}", enter_to_submit=False):
            typed: dict[str, Any] = {}
            for key in coordination.text_sections(kind):
                heading = heads.get(key)
                if heading is not None and heading.help:
                    left, right = st.columns([3, 2])
                    typed[key] = left.text_area(titles[key], value=edit.loaded.get(key) or "", key=f"role-{kind}-{key}", height=150)
                    right.caption(tr("network.example_beside"))
                    right.markdown(text(heading.help, ctx.lang))
                else:
                    typed[key] = st.text_area(titles[key], value=edit.loaded.get(key) or "", key=f"role-{kind}-{key}", height=120)
                if key == "andamal" and "delmal" in lists:
                    typed["delmal"] = _lines(
                        st.text_area(
                            titles["delmal"],
                            value="\n".join(edit.loaded.get("delmal") or []),
                            key=f"role-{kind}-delmal",
                            help=tr("network.one_per_line"),
                        )
                    )
                if key == "deltagare" and "participants" in lists:
                    typed["participants"] = sorted(
                        st.multiselect(
                            titles["participants"],
                            organisations,
                            default=[a for a in edit.loaded.get("participants") or [] if a in organisations],
                            format_func=lambda a: a + (" ★" if a in in_network else ""),
                            key=f"role-{kind}-participants",
                            help=tr("network.participants_help"),
                        )
                    )
            if "links" in lists:
                typed["links"] = _lines(
                    st.text_area(
                        titles["links"],
                        value="\n".join(edit.loaded.get("links") or []),
                        key=f"role-{kind}-links",
                        help=tr("network.links_help"),
                    )
                )
            submitted = st.form_submit_button(tr("network.role_save"), type="primary")
        edit.save(
            submitted,
            titles,
            lambda loaded: coordination.save_role(ctx.engine, ctx.workspace.id, kind, typed, loaded=loaded),
            tr("network.role_saved"),
        )
    if role.version == 0:
        return
    _status_form(ctx, kind, role)
    _history(ctx, kind, titles)
    _documents(ctx, kind)


def _status_form(ctx: Context, kind: str, role: coordination.RoleInfo) -> None:
    status_form(
        f"role-status-{kind}",
        {s: tr(f"network.role_status_{s}") for s in coordination.STATUSES},
        (tr("network.status"), tr("network.agreed_on"), tr("network.status_save")),
        {"status": role.status, "agreed_on": role.agreed_on},
        lambda status, agreed_on, loaded: coordination.set_status(
            ctx.engine, ctx.workspace.id, kind, status, agreed_on, loaded_status=loaded
        ),
        tr("network.status_saved"),
    )


def _history(ctx: Context, kind: str, titles: dict[str, str]) -> None:
    history = coordination.versions(ctx.engine, ctx.workspace.id, kind)
    with st.expander(tr("network.versions", n=len(history))):
        agreed, changed = coordination.changed_since_agreed(ctx.engine, ctx.workspace.id, kind)
        if agreed is None:
            st.caption(tr("network.never_agreed"))
        elif not changed:
            st.caption(tr("network.unchanged_since", version=agreed.number))
        else:
            st.markdown(tr("network.changed_heading", version=agreed.number))
            for key, before, after in changed:
                st.markdown(f"**{plain_markdown(titles.get(key, key))}**")
                left, right = st.columns(2)
                left.caption(tr("network.before"))
                left.text(_shown(before))
                right.caption(tr("network.after"))
                right.text(_shown(after))
        for version in reversed(history):
            st.caption(
                tr(
                    "network.version_line",
                    number=version.number,
                    saved=version.saved_at.strftime("%Y-%m-%d %H:%M"),
                    status=tr(f"network.role_status_{version.status}"),
                )
            )


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value) or "–"
    return str(value or "–")


def _documents(ctx: Context, kind: str) -> None:
    from sff_core.outputs.report_render import render

    left, right = st.columns(2)
    for column, output_format in ((left, "docx"), (right, "pdf")):
        key = f"role-doc-{kind}-{output_format}"
        if column.button(tr(f"network.make_{output_format}"), key=f"{key}-make"):
            st.session_state[key] = render(documents.role_report(ctx.engine, ctx.workspace.id, kind, ctx.lang), output_format)
        if key in st.session_state:
            column.download_button(
                tr("network.download", format=output_format.upper()),
                st.session_state[key],
                file_name=f"rollbeskrivning-{kind}.{output_format}",
                key=f"{key}-download",
            )


@edit_form("flyer")
def flyer_editor(ctx: Context) -> None:
    """The event's flyer: the city's own text under the handbook's headings, made as Word or PDF."""
    kind = coordination.FLYER
    flyer = coordination.get_role(ctx.engine, ctx.workspace.id, kind)
    heads = coordination.headings(kind)
    keys = list(coordination.text_sections(kind))
    titles = {k: text(h.text, ctx.lang) if h else k for k, h in heads.items()}
    st.caption(tr("network.flyer_intro"))
    edit = RecordEdit(f"role-{kind}", [f"role-{kind}-{k}" for k in keys], {k: flyer.sections.get(k) for k in keys})
    with st.form(f"role-form-{kind}", enter_to_submit=False):
        typed: dict[str, Any] = {}
        for key in keys:
            left, right = st.columns([3, 2])
            typed[key] = left.text_area(titles[key], value=edit.loaded.get(key) or "", key=f"role-{kind}-{key}", height=100)
            heading = heads[key]
            if heading is not None and heading.help:
                right.caption(text(heading.help, ctx.lang))
        submitted = st.form_submit_button(tr("network.role_save"), type="primary")
    edit.save(
        submitted,
        titles,
        lambda loaded: coordination.save_role(ctx.engine, ctx.workspace.id, kind, typed, loaded=loaded),
        tr("network.role_saved"),
    )
    from sff_core.outputs.report_render import render

    left, right = st.columns(2)
    for column, output_format in ((left, "docx"), (right, "pdf")):
        key = f"flyer-doc-{output_format}"
        if column.button(tr(f"network.make_{output_format}"), key=f"{key}-make"):
            st.session_state[key] = render(documents.flyer_report(ctx.engine, ctx.workspace.id, ctx.lang), output_format)
        if key in st.session_state:
            column.download_button(
                tr("network.download", format=output_format.upper()),
                st.session_state[key],
                file_name=f"flyer.{output_format}",
                key=f"{key}-dl",
            )


UI = ExerciseUI("network_role", tool=network_role_section)  # the generic results view pages it on the wall (its screens hook)
