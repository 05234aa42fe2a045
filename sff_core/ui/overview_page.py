"""Översikt: the three phases and eight steps with their status, the readiness verdict and coverage."""

from __future__ import annotations

import streamlit as st

from sff_core.content import get_content
from sff_core.i18n import text
from sff_core.members import core_group_coverage, list_members
from sff_core.progress import set_step_status, step_statuses
from sff_core.readiness import NOT_READY, readiness_summary
from sff_core.ui.context import tr
from sff_core.ui.layout import plain_markdown, projector_exit_button
from sff_core.ui.report_download import process_documents
from sff_core.ui.workspaces_page import require_context


def render() -> None:
    STATUS_ICON = {
        "not_started": ":material/radio_button_unchecked:",
        "in_progress": ":material/pending:",
        "done": ":material/check_circle:",
    }

    ctx = require_context()
    projector_exit_button()
    content = get_content()
    st.title(f"{tr('overview.title')} – {plain_markdown(ctx.workspace.city)}")
    if ctx.workspace.is_demo:
        st.caption(tr("workspace.demo_badge"))
    st.caption(
        tr("workspace.period", start=ctx.workspace.period_start, end=ctx.workspace.period_end, months=f"{ctx.workspace.period_months:.0f}")
    )
    if ctx.workspace.period_outside_recommendation:
        st.warning(tr("workspace.period_warning", months=f"{ctx.workspace.period_months:.0f}"))
    if not ctx.projector:
        process_documents(ctx)

    summary = readiness_summary(ctx.engine, ctx.workspace.id)
    coverage = core_group_coverage(list_members(ctx.engine, ctx.workspace.id))
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.markdown(f"**{tr('overview.readiness')}**")
        if summary.total is None:
            st.caption(tr("overview.readiness_none"))
        else:
            verdict = tr("readiness.verdict_not_ready" if summary.verdict == NOT_READY else "readiness.verdict_continue")
            st.metric(verdict, tr("readiness.total_of", total=f"{summary.total:g}", max=summary.max_total), help=str(summary.session_date))
    with right, st.container(border=True):
        st.markdown(f"**{tr('overview.coverage')}**")
        st.metric(
            tr("overview.coverage"),
            tr("overview.coverage_summary", ok=coverage.ok_count, total=len(coverage.checks)),
            label_visibility="collapsed",
        )

    with st.container(border=True):  # step 6: the collaboration plan's follow-up, what the network looks at every year
        from sff_core.ui.exercises.plan import overview_scorecard

        overview_scorecard(ctx)

    statuses = step_statuses(ctx.engine, ctx.workspace.id, [s.key for s in content.steps])
    labels = content.labels("step_statuses", ctx.lang)
    for phase in content.phases:
        st.subheader(text(phase.title, ctx.lang))
        columns = st.columns(max(len(phase.steps), 1))
        for column, number in zip(columns, phase.steps, strict=True):
            step = content.step(number)
            status = statuses[step.key]
            with column, st.container(border=True):
                st.markdown(f"**{tr('nav.step', n=number)}: {text(step.title, ctx.lang)}**")
                st.markdown(f"{STATUS_ICON[status]} {labels[status]}")
                st.caption(tr("overview.finish") + ": " + "; ".join(text(r, ctx.lang) for r in step.requirements["expected_result"]))
                st.page_link(f"pages/step_{number}.py", label=tr("overview.open_step", n=number))
                if not ctx.projector:
                    done = status == "done"
                    if st.button(tr("overview.mark_open" if done else "overview.mark_done", n=number), key=f"mark-{step.key}"):
                        set_step_status(ctx.engine, ctx.workspace.id, step.key, "in_progress" if done else "done")
                        st.rerun()
