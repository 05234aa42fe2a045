"""Core-group widgets: the coverage panel (what the handbook asks of the group) and chart."""

from __future__ import annotations

import streamlit as st

from sff_core.charts import personality_bars
from sff_core.content import get_content
from sff_core.i18n import text
from sff_core.members import core_group_coverage, list_members
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import figure


def personality_labels(lang: str) -> dict[str, str]:
    return {item["key"]: text(item["label"], lang) for item in get_content().vocab["personality_types"]}


def coverage_panel(ctx: Context, show_chart: bool = True) -> None:
    members = list_members(ctx.engine, ctx.workspace.id)
    coverage = core_group_coverage(members)
    st.markdown(f"**{tr('core.coverage')}** – {tr('overview.coverage_summary', ok=coverage.ok_count, total=len(coverage.checks))}")
    for check in coverage.checks:
        mark = "✅" if check.ok else "⬜"
        st.markdown(f"{mark} {tr(f'coverage.{check.key}', **check.params)}")
    labels = personality_labels(ctx.lang)
    if coverage.missing_personality_types:
        st.caption(tr("coverage.missing_types", types=", ".join(labels[k] for k in coverage.missing_personality_types)))
    if show_chart:
        import pandas as pd

        table = pd.DataFrame({tr("core.personality"): [labels[k] for k in coverage.personality_counts],
                              tr("chart.members"): list(coverage.personality_counts.values())})
        figure(personality_bars(coverage.personality_counts, labels, ctx.lang, ctx.projector), table,
               key="chart-personality")
