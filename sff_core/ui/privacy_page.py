"""Personuppgifter: the register of personal data, read from the models and privacy.yaml (issue 14).

What the app stores about people, who sees it and how long; the rules that keep victims and
advertisers out; the municipality's own blanks; the register as a document; and, in a separate part,
the erasure and access tools (sff_core/ui/privacy_tools.py, the erasure part of the issue).
"""

from __future__ import annotations

import importlib

import streamlit as st

from sff_core.i18n import text
from sff_core.outputs import report_render
from sff_core.privacy.register import load_privacy_content, name_retention_days, privacy_report, register_table
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import labelled
from sff_core.ui.workspaces_page import require_context

FORMAT_LABELS = {"docx": "Word (.docx)", "pdf": "PDF"}


def render() -> None:
    ctx = require_context()
    content = load_privacy_content()
    st.title(tr("privacy.title"))
    st.markdown(tr("privacy.intro"))
    _retention(ctx)
    table = register_table(ctx.lang, content)
    st.subheader(tr("privacy.fields"))
    st.caption(tr("privacy.fields_intro", n=len(table)))
    st.table(table.set_index(table.columns[0]))  # wraps long texts: every column readable without scrolling
    st.subheader(tr("privacy.rules"))
    for rule in content.rules:
        st.markdown(f"**{text(rule.title, ctx.lang)}**")
        st.markdown(text(rule.text, ctx.lang))
        st.caption(tr("privacy.enforced_by", source=rule.source))
    st.subheader(tr("privacy.controller"))
    st.caption(tr("privacy.controller_intro"))
    for blank in content.controller:
        st.markdown(f"**{text(blank.label, ctx.lang)}:** _{text(blank.hint, ctx.lang)}_")
    st.subheader(tr("privacy.document"))
    _document(ctx)
    st.divider()
    _tools(ctx)


def _retention(ctx: Context) -> None:
    days = name_retention_days(ctx.engine, ctx.workspace.id)
    st.info(tr("privacy.retention_days", days=days) if days is not None else tr("privacy.retention_not_set"), icon=":material/schedule:")


def _document(ctx: Context) -> None:
    """Format and a button that makes the document; then its download button (kept for this session)."""
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    chosen = left.selectbox(tr("export.format"), list(FORMAT_LABELS), format_func=labelled(FORMAT_LABELS), key="privacy-format")
    if right.button(tr("privacy.make", format=FORMAT_LABELS[chosen]), key="privacy-make", icon=":material/description:"):
        built = privacy_report(ctx.engine, ctx.workspace.id, ctx.lang)
        st.session_state["privacy-made"] = (f"{built.filename}.{chosen}", report_render.render(built, chosen), chosen)
    made = st.session_state.get("privacy-made")
    if made:
        filename, data, output_format = made
        st.download_button(
            tr("privacy.download", format=FORMAT_LABELS[output_format]),
            data,
            file_name=filename,
            mime=report_render.MEDIA_TYPES[output_format],
            key="privacy-download",
            type="primary",
            icon=":material/download:",
        )


def _tools(ctx: Context) -> None:
    """The erasure and access tools of the other part of issue 14 (they head their own part), once they exist."""
    try:
        tools = importlib.import_module("sff_core.ui.privacy_tools")
    except ModuleNotFoundError as error:
        if error.name != "sff_core.ui.privacy_tools":
            raise
        st.subheader(tr("privacy.tools"))
        st.caption(tr("privacy.tools_missing"))
        return
    tools.render(ctx)
