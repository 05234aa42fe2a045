"""The sharing level of anything that leaves the app: inside the core group, or for sharing outside it.

A document marked for sharing outside the core group (decision makers, the network, an archive
others read) follows the statistics page's rules everywhere: counts between 1 and the workspace's
threshold – 1 are shown as "<threshold", the advertisement log's per-site rows are left out, core
group members appear by organisation only, and live participants' names are left out. Reports,
workbooks and CSV files all take one `SharingLevel`, so the rule is written once.

Which cells are counts is never guessed: every results table and figure declares it
(`results.Counts` on `TableBlock`/`FigureBlock`, `count=` on `MetricBlock`), and a shared build
refuses a block that does not (`UndeclaredCounts`). From the declaration `apply_counts` hides small
counts ("<N"), the means and shares computed from them ("–"), and the siblings that would let a
hidden count be worked out from a total ("dolt", secondary suppression).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, SupportsInt

import pandas as pd
from sqlalchemy import Engine

from sff_core.i18n import t
from sff_core.statistics import suppress, suppressed

if TYPE_CHECKING:
    from sff_core.results import Counts, FigureBlock, TableBlock


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


class UndeclaredCounts(Exception):
    """A block reached a shared document without saying what its counts are (a programming error:
    every results builder declares `counts=` on its TableBlock and FigureBlock, see results.Counts)."""


def shared_table(block: TableBlock | FigureBlock, sharing: SharingLevel, lang: str) -> pd.DataFrame:
    """A results block's table at the sharing level (see `shared_results_table`); shared, a block
    without a counts declaration or a figure without its table is refused with UndeclaredCounts."""
    if not sharing.shared:
        return block.table if block.table is not None else pd.DataFrame()
    if block.counts is None or block.table is None:
        what = "its data (table)" if block.table is None else "what its counts are (counts=)"
        raise UndeclaredCounts(f"{type(block).__name__} {block.key or block.title or ''!r} does not declare {what}")
    return shared_results_table(block.table, block.key, sharing, lang, block.counts)


def shared_results_table(table: pd.DataFrame, key: str, sharing: SharingLevel, lang: str, counts: Counts | None) -> pd.DataFrame:
    """A results-model table (a TableBlock's or a FigureBlock's, by its block key) at the sharing level.

    Shared: the advertisement flow summed over sites (no site names), candidates without names, and
    the declared counts suppressed with the means that follow them and the siblings that would give
    a hidden count back (`apply_counts`). Which columns are counts is the block's own declaration –
    never guessed from a column's type. Reports and workbooks both use this, so a shared report never
    disagrees with a shared workbook.
    """
    if not sharing.shared:
        return table
    if counts is None:
        raise UndeclaredCounts(f"the table {key!r} does not declare what its counts are (counts=)")
    frame = table.copy()
    if key == "ads-chart" and "site" in frame.columns:
        frame = frame.groupby("month", as_index=False, sort=True)[["ads_count", "occasions"]].sum()
    if key == "candidates":
        frame = frame.drop(columns=[t("core.name", lang)], errors="ignore")
    return apply_counts(frame, counts, sharing.threshold, t("sharing.hidden", lang))


Cell = tuple[int, str]  # (row position, column)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _groups(frame: pd.DataFrame, counts: Counts, present: list[str]) -> list[tuple[Cell | None, list[Cell]]]:
    """The sets of cells that add up to a known total: per row (declared totals), per column (column sums)."""
    groups: list[tuple[Cell | None, list[Cell]]] = []
    for total, parts in counts.totals:
        columns = [p for p in parts if p in present]
        for row in range(len(frame)):
            groups.append(((row, total) if total in present else None, [(row, c) for c in columns]))
    for column in counts.column_sums:
        if column in present:
            groups.append((None, [(row, column) for row in range(len(frame))]))
    return groups


def _span(cell: Cell, value: dict[Cell, float], hidden: set[Cell], vague: set[Cell], threshold: int) -> tuple[float, float]:
    """What a reader knows of a cell: its value when shown, 1..threshold-1 when it reads "<N", anything when "dolt"."""
    if cell in vague:
        return 0.0, math.inf
    if cell in hidden:
        return 1.0, threshold - 1.0
    number = value.get(cell, 0.0)
    return number, number


def _derivable(
    total: Cell | None, cells: list[Cell], value: dict[Cell, float], hidden: set[Cell], vague: set[Cell], threshold: int
) -> bool:
    """Whether a hidden cell of the group has one value left once the total and the other cells are read."""
    if total is None:  # the total is shown elsewhere: the reader knows it
        low_total = high_total = sum(value.get(c, 0.0) for c in cells)
    else:
        low_total, high_total = _span(total, value, hidden, vague, threshold)
    spans = {c: _span(c, value, hidden, vague, threshold) for c in cells}
    for cell in cells:
        if cell not in hidden:
            continue
        others = [spans[c] for c in cells if c != cell]
        lowest = max(spans[cell][0], low_total - sum(high for _, high in others))
        highest = min(spans[cell][1], high_total - sum(low for low, _ in others))
        if lowest >= highest:
            return True
    return False


def _hide_siblings(groups: list[tuple[Cell | None, list[Cell]]], value: dict[Cell, float], hidden: set[Cell], threshold: int) -> set[Cell]:
    """Secondary suppression: in every group of cells with a known total, while a hidden cell could be
    worked out from the total and the cells shown, hide the smallest non-zero cell still shown (or, with
    none left, the total). Returns the cells hidden this way (shown as "dolt": they may be large)."""
    vague: set[Cell] = set()
    changed = True
    while changed:
        changed = False
        for total, cells in groups:
            while any(c in hidden for c in cells) and _derivable(total, cells, value, hidden, vague, threshold):
                shown = sorted((c for c in cells if c not in hidden and value.get(c, 0.0) > 0), key=lambda c: value[c])
                if shown:
                    hidden.add(shown[0])
                    vague.add(shown[0])
                elif total is not None and total not in vague:
                    hidden.add(total)
                    vague.add(total)
                else:
                    break  # nothing left to hide in this group
                changed = True
    return vague


def hidden_in_breakdown(values: list[float], threshold: int) -> list[bool]:
    """Pure: which counts of a breakdown whose total is shown elsewhere to hide – the small ones, and
    then the smallest others until no hidden one follows from the total and those shown."""
    cells: list[Cell] = [(row, "") for row in range(len(values))]
    value = {cell: float(v) for cell, v in zip(cells, values, strict=True)}
    hidden = {cell for cell in cells if 0 < value[cell] < threshold}
    _hide_siblings([(None, cells)], value, hidden, threshold)
    return [cell in hidden for cell in cells]


def apply_counts(frame: pd.DataFrame, counts: Counts, threshold: int, hidden_label: str = "dolt") -> pd.DataFrame:
    """Pure: the table as it may be shared. A count from 1 to threshold-1 reads "<threshold"; a count
    hidden only so that a small one cannot be worked out from a total reads `hidden_label`; a value
    that follows a hidden count (a mean of those answers) reads "–". Every other cell is unchanged."""
    present = [c for c in counts.columns if c in frame.columns]
    value: dict[Cell, float] = {}
    hidden: set[Cell] = set()
    for column in present:
        for row, cell in enumerate(frame[column]):
            number = _number(cell)
            if number is not None:
                value[(row, column)] = number
                if 0 < number < threshold:
                    hidden.add((row, column))
            elif isinstance(cell, str) and cell.startswith("<"):  # hidden already (a table built for sharing)
                hidden.add((row, column))
    vague = _hide_siblings(_groups(frame, counts, present), value, hidden, threshold)
    shared = frame.copy()
    for column in {c for _, c in hidden}:
        cells = list(shared[column].astype(object))
        for row in range(len(cells)):
            if (row, column) in vague:
                cells[row] = hidden_label
            elif (row, column) in hidden and not isinstance(cells[row], str):
                cells[row] = f"<{threshold}"
        shared[column] = pd.Series(cells, index=shared.index, dtype=object)
    for column, count in counts.follows:
        rows = [row for row in range(len(frame)) if (row, count) in hidden]
        if column in shared.columns and rows:
            cells = list(shared[column].astype(object))
            for row in rows:
                cells[row] = "–"
            shared[column] = pd.Series(cells, index=shared.index, dtype=object)
    return shared


def changed_rows(original: pd.DataFrame, shared: pd.DataFrame) -> list[bool]:
    """Per row, whether sharing changed any of its cells (same shape and columns)."""

    def same(a: object, b: object) -> bool:
        first, second = _number(a), _number(b)
        if first is not None or second is not None:
            return first == second
        return str(a) == str(b)  # text, None and NaN as they read

    return [not all(same(a, b) for a, b in zip(original.iloc[row], shared.iloc[row], strict=True)) for row in range(len(original))]


def sharing_level(engine: Engine, workspace_id: int, shared: bool) -> SharingLevel:
    """The level for a workspace: its own small-count threshold (a workspace setting)."""
    from sff_core.workspaces import get_workspace

    return SharingLevel(shared, get_workspace(engine, workspace_id).small_count_threshold)
