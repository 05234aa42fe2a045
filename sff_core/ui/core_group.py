"""Core-group widgets: the coverage panel (what the handbook asks of the group) and chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sff_core.content import get_content
from sff_core.members import Coverage, core_group_coverage
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import chart, figure


def personality_labels(lang: str) -> dict[str, str]:
    return get_content().labels("personality_types", lang)


def coverage_panel(ctx: Context, show_chart: bool = True) -> None:
    members = ctx.members()
    coverage = core_group_coverage(members)
    checks_column, chart_column = st.columns(2) if show_chart else (st.container(), st.container())
    with checks_column:
        _coverage_checks(ctx, coverage)
    if show_chart:
        labels = personality_labels(ctx.lang)
        with chart_column:
            figure(
                chart("personality_bars", coverage.personality_counts, labels, ctx.lang, ctx.projector),
                coverage_table(coverage.personality_counts, labels),
                key="chart-personality",
            )


def coverage_table(counts: dict[str, int], labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({tr("core.personality"): [labels[k] for k in counts], tr("chart.members"): list(counts.values())})


def _coverage_checks(ctx: Context, coverage: Coverage) -> None:
    st.markdown(f"**{tr('core.coverage')}** – {tr('overview.coverage_summary', ok=coverage.ok_count, total=len(coverage.checks))}")
    level_labels = {k: v.lower() for k, v in get_content().labels("member_levels", ctx.lang).items()}
    for check in coverage.checks:
        mark = ":material/check_circle:" if check.ok else ":material/radio_button_unchecked:"
        st.markdown(f"{mark} {tr(f'coverage.{check.key}', **check.message_params(level_labels))}")
    labels = personality_labels(ctx.lang)
    if coverage.missing_personality_types:
        st.caption(tr("coverage.missing_types", types=", ".join(labels[k] for k in coverage.missing_personality_types)))
