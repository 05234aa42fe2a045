"""The workspace as spreadsheets: the Excel workbook and the zip of CSV files, for the core group or for sharing.

Building the files reads every exercise and table, so it happens on a click, with its progress in
an `st.status`, and the finished files wait in this browser's session for their download buttons
(a download does not rerun the page). Another session – the wall with a live activity running – has
its own script thread and is not held up. Not shown on the wall.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from sff_core.outputs.sharing import sharing_level
from sff_core.outputs.workbook import csv_zip_from_sheets, export_sheets, swedish_now, workbook_from_sheets
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import plain_markdown

FILES_KEY = "workbook-files"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Files:
    workspace_id: int
    shared: bool
    lang: str
    created: datetime
    xlsx: bytes
    zip: bytes


def workbook_download(ctx: Context) -> None:
    """A checkbox for the sharing level, a button that builds the files, and their download buttons."""
    if ctx.projector:
        return
    with st.container(border=True):
        st.markdown(f"**{tr('workbook.title')}**")
        st.caption(tr("workbook.intro"))
        shared = st.checkbox(
            tr("workbook.shared"), key="workbook-shared", help=tr("sharing.shared", threshold=ctx.workspace.small_count_threshold)
        )
        if st.button(tr("workbook.prepare"), key="workbook-prepare", icon=":material/table_view:"):
            _build(ctx, shared)
        files = st.session_state.get(FILES_KEY)
        if not isinstance(files, _Files) or (files.workspace_id, files.shared, files.lang) != (ctx.workspace.id, shared, ctx.lang):
            return
        time = files.created.strftime("%Y-%m-%d %H:%M")
        st.caption(tr("workbook.ready_shared" if files.shared else "workbook.ready", time=time) + " " + tr("workbook.stale"))
        stem = f"stad-for-stad-{ctx.workspace.slug}-{'delning' if files.shared else 'intern'}-{files.created:%Y-%m-%d}"
        left, right = st.columns(2)
        left.download_button(
            tr("workbook.download_xlsx"),
            files.xlsx,
            f"{stem}.xlsx",
            XLSX_MIME,
            key="workbook-xlsx",
            on_click="ignore",
            icon=":material/download:",
            type="primary",
        )
        right.download_button(
            tr("workbook.download_csv"),
            files.zip,
            f"{stem}-csv.zip",
            "application/zip",
            key="workbook-csv",
            on_click="ignore",
            icon=":material/download:",
        )


def _build(ctx: Context, shared: bool) -> None:
    st.session_state.pop(FILES_KEY, None)
    with st.status(tr("workbook.preparing"), expanded=False) as status:
        bar = st.progress(0.0)

        def progress(label: str, done: int, total: int) -> None:
            status.update(label=tr("workbook.progress", label=label, done=done, total=total))
            bar.progress(min(done / total, 1.0) if total else 1.0)

        try:
            sheets = export_sheets(ctx.engine, ctx.workspace.id, sharing_level(ctx.engine, ctx.workspace.id, shared), ctx.lang, progress)
            status.update(label=tr("workbook.writing"))
            files = _Files(ctx.workspace.id, shared, ctx.lang, swedish_now(), workbook_from_sheets(sheets), csv_zip_from_sheets(sheets))
        except Exception as error:  # noqa: BLE001 - a failed export changes nothing; say so in Swedish and keep the page
            log.exception("workbook export failed")
            status.update(label=tr("workbook.failed", detail=type(error).__name__), state="error")
            st.error(plain_markdown(tr("workbook.failed", detail=type(error).__name__)))
            return
        bar.progress(1.0)
        status.update(
            label=tr("workbook.ready_shared" if shared else "workbook.ready", time=files.created.strftime("%H:%M")), state="complete"
        )
    st.session_state[FILES_KEY] = files
