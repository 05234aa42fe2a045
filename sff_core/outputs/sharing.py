"""The sharing level of anything that leaves the app: inside the core group, or for sharing outside it.

A document marked for sharing outside the core group (decision makers, the network, an archive
others read) follows the statistics page's rules everywhere: counts between 1 and the workspace's
threshold – 1 are shown as "<threshold", blocks show their `shared_view` (the advertisement log
summed over sites, candidates without names) and blocks marked `internal_only` are left out, core
group members appear by organisation only, and live participants' names are left out. Reports,
workbooks and CSV files all take one `SharingLevel` and one function, `for_sharing`, so the rule is
written once and a shared report never disagrees with a shared workbook.

Which cells are counts is never guessed: every results table and figure declares it
(`results.Counts` on `TableBlock`/`FigureBlock`, `count=` on `MetricBlock`), and a shared build
refuses a block that does not (`UndeclaredCounts`). From the declaration `apply_counts` hides small
counts ("<N"), the means and shares computed from them ("–"), and the siblings that would let a
hidden count be worked out from a total ("dolt", secondary suppression).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, SupportsInt

import pandas as pd
from sqlalchemy import Engine

from sff_core.i18n import t
from sff_core.statistics import suppress, suppressed

if TYPE_CHECKING:
    from sff_core.outputs.results import Block, Counts, FigureBlock, Results, TableBlock

PERSON_COLUMNS = frozenset({"owner", "ansvarig", "responsible"})  # who does a task: a person's name, left out when shared


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
    return shared_results_table(block.table, block.key, sharing, lang, block.counts, block.shared_view)


def shared_results_table(
    table: pd.DataFrame,
    key: str,
    sharing: SharingLevel,
    lang: str,
    counts: Counts | None,
    shared_view: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """A results-model table (a TableBlock's or a FigureBlock's, `key` naming it in errors) at the sharing level.

    Shared: the block's `shared_view` of the table (e.g. summed over sites, names dropped), then the
    declared counts suppressed with the means that follow them and the siblings that would give a
    hidden count back (`apply_counts`). Which columns are counts is the block's own declaration –
    never guessed from a column's type.
    """
    if not sharing.shared:
        return table
    if counts is None:
        raise UndeclaredCounts(f"the table {key!r} does not declare what its counts are (counts=)")
    frame = shared_view(table.copy()) if shared_view is not None else table.copy()
    return apply_counts(frame, counts, sharing.threshold, t("sharing.hidden", lang))


def for_sharing(results: Results, sharing: SharingLevel, lang: str, *, charts: bool = True) -> Results:
    """The results as they may leave the core group at this sharing level: the one sharing function
    of reports, workbooks and CSV files.

    Blocks marked `internal_only` are left out. Every table and figure goes through the one rule above
    by what the block declares (its `shared_view`, its counts); a block that declares nothing is refused
    (`UndeclaredCounts`), so a figure can never pass untouched. With `charts` (documents that draw
    charts) a figure whose numbers had to be changed is redrawn from the rows that may be shown (when
    it says which argument holds them) or gives way to its shared table – each time with a note saying
    so; without (workbooks, CSV: only the tables are used) every figure carries its shared table. A count metric and the
    votes and writers on post-its are suppressed too; columns naming who does a task are left out.
    """
    from sff_core.outputs.results import CardsBlock, FigureBlock, MetricBlock, NoteBlock, TableBlock

    if not sharing.shared:
        return results
    blocks: list[Block] = []
    for block in results.blocks:
        if isinstance(block, TableBlock | FigureBlock | NoteBlock) and block.internal_only:
            continue
        if isinstance(block, TableBlock):
            blocks.append(replace(block, table=_without_people(shared_table(block, sharing, lang)), shared_view=None))
        elif isinstance(block, FigureBlock) and not charts:
            blocks.append(replace(block, table=shared_table(block, sharing, lang), shared_view=None))  # only its table is used
        elif isinstance(block, FigureBlock):
            blocks += _shared_figure(block, sharing, lang)
        elif isinstance(block, CardsBlock):  # votes and writers per post-it count people
            groups = tuple((board, tuple(replace(c, hidden_below=sharing.threshold) for c in cards)) for board, cards in block.groups)
            blocks.append(replace(block, groups=groups))
        elif isinstance(block, MetricBlock) and block.count:
            value = int(block.value) if block.value.isdigit() else block.value
            blocks.append(replace(block, value=str(sharing.count(value) if isinstance(value, int) else value)))
        else:
            blocks.append(block)
    return replace(results, blocks=tuple(blocks))


def _shared_figure(block: FigureBlock, sharing: SharingLevel, lang: str) -> list[Block]:
    """A figure as it may be shared: as it is, redrawn from the rows (of its shared view) it may show, or its table."""
    from sff_core.outputs.results import NoteBlock, TableBlock

    table = shared_table(block, sharing, lang)
    original = block.table if block.table is not None else table
    viewed = block.shared_view(original.copy()) if block.shared_view is not None else original
    changed = changed_rows(viewed, table) if table.shape == viewed.shape else [True] * len(viewed)
    if not any(changed) and block.shared_view is None:
        return [block]
    kept = [index for index, hit in zip(viewed.index, changed, strict=True) if not hit]
    if block.rows_arg is not None and kept:
        args = list(block.args)
        args[block.rows_arg] = viewed.loc[kept]
        notes = [NoteBlock(t("report.cells_left_out", lang, n=sum(changed), threshold=sharing.threshold))] if any(changed) else []
        return [replace(block, args=tuple(args), table=viewed.loc[kept], shared_view=None), *notes]
    note = "report.chart_left_out" if any(changed) else "report.chart_shared_view"
    return [TableBlock(table, block.title, key=block.key, counts=block.counts), NoteBlock(t(note, lang, threshold=sharing.threshold))]


def _without_people(table: pd.DataFrame) -> pd.DataFrame:
    """Columns naming who does a task are left out of a shared document."""
    return table.drop(columns=[c for c in table.columns if str(c).lower() in PERSON_COLUMNS])


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
