"""The sharing level of anything that leaves the app: inside the core group, or for sharing outside it.

A document marked for sharing outside the core group (decision makers, the network, an archive
others read) follows the statistics page's rules everywhere: counts between 1 and the workspace's
threshold – 1 are shown as "<threshold", the advertisement log's per-site rows are left out, core
group members appear by organisation only, and live participants' names are left out. Reports,
workbooks and CSV files all take one `SharingLevel`, so the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import SupportsInt

import pandas as pd
from sqlalchemy import Engine

from sff_core.i18n import t
from sff_core.statistics import suppress, suppressed


@dataclass(frozen=True)
class SharingLevel:
    shared: bool
    threshold: int = 3

    def count(self, value: SupportsInt | None) -> SupportsInt | str | None:
        """A count as it may be shown at this level."""
        return suppress(value, self.threshold) if self.shared else value

    def counts(self, table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        """The table with its count columns suppressed at this level (a copy; unchanged inside the group)."""
        present = [c for c in columns if c in table.columns]
        return suppressed(table, present, self.threshold) if self.shared and present else table

    def member(self, name: str, organisation: str) -> str:
        """A core-group member: by name inside the group, by organisation only when shared."""
        return organisation if self.shared else f"{name} ({organisation})"

    @property
    def shows_names(self) -> bool:
        """Whether people's names (members, live participants) may appear at all."""
        return not self.shared

    @property
    def shows_ad_sites(self) -> bool:
        """Whether the advertisement log's per-site rows may appear (never outside the core group)."""
        return not self.shared

    def label(self, lang: str = "sv") -> str:
        """What the first page of a document says about who may read it."""
        return t("sharing.shared" if self.shared else "sharing.internal", lang, threshold=self.threshold)


INTERNAL = SharingLevel(False)


def shared_results_table(
    table: pd.DataFrame, key: str, sharing: SharingLevel, lang: str, step_key: str, section_key: str, score_section: bool = False
) -> pd.DataFrame:
    """A results-model table (a TableBlock's or a FigureBlock's, by its block key) at the sharing level.

    Shared: the advertisement flow summed over sites (no site names), candidates without names,
    and the counts suppressed. Which columns are counts is known for every table the results models
    build today; a table this does not know (a new exercise) has every whole-number column treated
    as a count, so a new table can lose a score to "<N" but never leak a small count. Reports and
    workbooks both use this, so a shared report never disagrees with a shared workbook.
    """
    if not sharing.shared:
        return table
    frame = table.copy()
    if key == "ads-chart" and "site" in frame.columns:
        frame = frame.groupby("month", as_index=False, sort=True)[["ads_count", "occasions"]].sum()
    if key == "candidates":
        frame = frame.drop(columns=[t("core.name", lang)], errors="ignore")
    frame = sharing.counts(frame, count_columns(frame, key, lang, step_key, section_key, score_section))
    if key in ("plan-scorecard", "plan-chart"):
        frame = _without_derived(frame, lang)
    return frame


def _without_derived(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The plan's scorecard with the share of the target and the trend hidden where the actual is:
    beside the target the share would give the hidden count back (actual = share × target)."""
    actual = t("plan.col_actual", lang)
    if actual not in frame.columns:
        return frame
    hidden = frame[actual].map(lambda v: isinstance(v, str))
    frame = frame.copy()
    for column in (t("plan.col_share", lang), t("plan.col_trend", lang)):
        if column in frame.columns:
            frame[column] = frame[column].astype(object).where(~hidden, "–")
    return frame


def count_columns(frame: pd.DataFrame, key: str, lang: str, step_key: str, section_key: str, score_section: bool = False) -> list[str]:
    """The columns of a results table (by block key) that count people, answers or events."""
    numbers = [c for c in frame.columns if pd.api.types.is_integer_dtype(frame[c].dtype)]
    known: dict[str, list[str]] = {
        "chart-personality": [t("chart.members", lang)],
        "chart-readiness": ["n"],
        "readiness-comments": [],
        "indicator-bars": ["n"],
        "ads-chart": ["ads_count", "occasions"],
        "ad-occasions": numbers,  # every column a count of ads or of sites
        "offences-chart": [c for c in numbers if c not in (t("offences.year", lang), "year")],
        "matrix": ["assessments"],  # influence and support are scores 1-5
        "levels-chart": [],  # levels, not counts
        "assessments": [],
        "tasks": [],
        "mapping-plan": [],
        "candidates": [],
        "plan-scorecard": [t("plan.col_actual", lang)],  # step 6: an actual may be a small count of incidents
        "plan-chart": [t("plan.col_actual", lang)],
        "plan-goals": [],  # targets are the network's aims, not counts of people or events
        "plan-grid": [],
        "ambition-chart": [t("answer.level_now", lang), t("answer.level_wanted", lang)],  # step 7: people per level
        "ambition-orgs": ["n"],  # the medians are levels, not counts
        f"chart-{step_key}-{section_key}": ["yes", "no", "answered"],  # agreement per statement
        f"{step_key}-{section_key}": ["n"] if score_section else [],  # score means, yes/no and levels tables
    }
    if key.startswith("mindmap-"):
        return []
    return [c for c in known.get(key, numbers) if c in frame.columns]


def sharing_level(engine: Engine, workspace_id: int, shared: bool) -> SharingLevel:
    """The level for a workspace: its own small-count threshold (a workspace setting)."""
    from sff_core.workspaces import get_workspace

    return SharingLevel(shared, get_workspace(engine, workspace_id).small_count_threshold)
