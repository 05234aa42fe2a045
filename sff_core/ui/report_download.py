"""Taking it with you: the minutes of a work session, a step report, the process report as a file.

The document is made only when asked for (a click), with its progress shown; the bytes are kept
for this browser session so the download button can hand them over. Another room's live activity
keeps running meanwhile: each browser session runs in its own thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from sff_core.outputs import report, report_render
from sff_core.outputs.report import Report
from sff_core.outputs.sharing import SharingLevel, sharing_level
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import labelled
from sff_core.ui.text import plain

FORMAT_LABELS = {"docx": "Word (.docx)", "pdf": "PDF", "html": "HTML"}


def document_panel(ctx: Context, key: str, build: Callable[[SharingLevel], Report], label: str) -> None:
    """Format, sharing level and a button that makes the document; then its download button."""
    left, middle, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    chosen = left.selectbox(tr("export.format"), list(FORMAT_LABELS), format_func=labelled(FORMAT_LABELS), key=f"{key}-format")
    shared = middle.checkbox(tr("export.shared"), key=f"{key}-shared", help=tr("export.shared_help"))
    made_key = f"{key}-made"
    if right.button(label, key=f"{key}-make", icon=":material/description:"):
        with st.status(tr("export.making"), expanded=False) as status:
            bar = st.progress(0.0)

            def progress(share: float, heading: str) -> None:
                bar.progress(min(1.0, share), text=plain(heading[:80]))  # a heading may be typed text

            built = build(sharing_level(ctx.engine, ctx.workspace.id, shared))
            data = report_render.render(built, chosen, progress)
            status.update(label=tr("export.made", title=plain(built.title)), state="complete")
        st.session_state[made_key] = (f"{built.filename}.{chosen}", data, chosen)
    made = st.session_state.get(made_key)
    if made:
        filename, data, output_format = made
        st.download_button(
            tr("export.download", filename=filename),
            data,
            file_name=filename,
            mime=report_render.MEDIA_TYPES[output_format],
            key=f"{key}-download",
            type="primary",
            icon=":material/download:",
        )


def step_documents(ctx: Context, number: int, session_date: date) -> None:
    """On a step page: the minutes of the chosen work session, and the step report."""
    with st.expander(tr("export.title")):
        st.markdown(f"**{tr('export.minutes', date=session_date.isoformat())}**")
        document_panel(
            ctx,
            f"minutes-{number}-{session_date.isoformat()}",
            lambda sharing: report.minutes(ctx.engine, ctx.workspace.id, session_date, sharing, ctx.lang),
            tr("export.make"),
        )
        st.markdown(f"**{tr('export.step_report', n=number)}**")
        document_panel(
            ctx,
            f"step-report-{number}",
            lambda sharing: report.step_report(ctx.engine, ctx.workspace.id, number, sharing, ctx.lang),
            tr("export.make"),
        )


def process_documents(ctx: Context) -> None:
    """On the overview: the latest work session's minutes and the process report."""
    from sff_core.outputs.report import latest_session
    from sff_core.ui.workbook_download import workbook_download

    with st.expander(tr("export.title_overview")):
        latest = latest_session(ctx.engine, ctx.workspace.id)
        if latest is not None:
            st.markdown(f"**{tr('export.minutes', date=latest.isoformat())}**")
            document_panel(
                ctx,
                f"minutes-latest-{latest.isoformat()}",
                lambda sharing: report.minutes(ctx.engine, ctx.workspace.id, latest, sharing, ctx.lang),
                tr("export.make"),
            )
        workbook_download(ctx)  # titled by itself
        st.markdown(f"**{tr('export.process_report')}**")
        document_panel(
            ctx, "process-report", lambda sharing: report.process_report(ctx.engine, ctx.workspace.id, sharing, ctx.lang), tr("export.make")
        )
