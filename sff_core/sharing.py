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


def sharing_level(engine: Engine, workspace_id: int, shared: bool) -> SharingLevel:
    """The level for a workspace: its own small-count threshold (a workspace setting)."""
    from sff_core.workspaces import get_workspace

    return SharingLevel(shared, get_workspace(engine, workspace_id).small_count_threshold)
