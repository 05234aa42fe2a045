"""Results models: what an exercise produced, as plain data the screen, the wall and documents share.

A `Results` is a title, the work session it shows and a list of blocks – tables (DataFrames),
figures (a pure chart builder's name and inputs, with the table of the same numbers), text answers,
post-it cards, progress, verdicts and notes. Nothing here imports Streamlit: the UI draws the
blocks (`sff_core/ui/results_view.py`) and an export renders the same blocks to a document, so a
report never disagrees with the wall. Each exercise type's builder is named in `registry.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sff_core.content import Section, Step
from sff_core.i18n import t, text
from sff_core.responses import GROUP, load_responses, session_dates


@dataclass(frozen=True)
class ResultsQuery:
    """Which exercise's results, for which work session, in which language, for which display."""

    engine: Engine
    workspace_id: int
    step: Step
    section: Section
    session_date: date | None
    lang: str = "sv"
    projector: bool = False
    city: str = ""
    show_names: bool = True  # on the wall, names only when the facilitator chose to show them


# --- Blocks ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """What in a block's table counts people, answers or events: the whole input of the sharing rule.

    Every `TableBlock` and `FigureBlock` that can reach a document for sharing outside the core group
    declares one (`counts=`); `sff_core.sharing.shared_table` refuses a block without it, so a new
    exercise cannot leak a small count by forgetting, nor lose a rank or a step number to a guess.
    Columns are named as they stand in the block's `table`.

    - `columns`: counts of people, answers, organisations or events (1..threshold-1 become "<N").
      Ranks, step numbers, years, scores, levels, targets and the group's own search occasions are
      not counts.
    - `follows`: (column, count column) pairs – a value computed from the answers that the count
      column counts (a mean, median, min/max, share, trend). Hidden ("–") wherever its count is
      hidden: a mean of one answer is that answer.
    - `totals`: (total column, part columns) pairs – per row the parts add up to the total (yes + no
      = answered). When a part is hidden, the next smallest part is hidden too ("dolt") until no
      hidden part can be worked out from the total and the visible parts (secondary suppression).
      A total of None means the row's total is shown elsewhere (e.g. the year's total).
    - `column_sums`: count columns whose sum over the rows is shown elsewhere (n under a chart);
      within such a column the same secondary rule applies.

    `NO_COUNTS` (an empty `Counts()`) is the explicit declaration that a table holds no counts.
    """

    columns: tuple[str, ...] = ()
    follows: tuple[tuple[str, str], ...] = ()
    totals: tuple[tuple[str | None, tuple[str, ...]], ...] = ()
    column_sums: tuple[str, ...] = ()


NO_COUNTS = Counts()


@dataclass(frozen=True)
class FigureBlock:
    """A chart: the pure builder in sff_core.outputs.charts and its inputs, plus the same numbers as a table.

    `table` holds every number the chart draws and `counts` says which of them are counts; a shared
    document draws the chart only when suppression leaves its table unchanged, or – when `rows_arg`
    names the argument that holds the table's rows (same index) – redraws it from the rows whose
    counts may be shown; otherwise it shows the suppressed table and says why.

    `shared_view` is what a shared document shows instead of `table` (summed over sites, names
    dropped), applied before count suppression; the chart is redrawn from it when `rows_arg` says
    where its rows go, else withheld. `internal_only`: the block never leaves the core group.
    """

    builder: str
    args: tuple[Any, ...]
    table: pd.DataFrame | None = None
    key: str = ""
    title: str | None = None
    counts: Counts | None = None
    rows_arg: int | None = None
    shared_view: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    internal_only: bool = False

    def build(self) -> Any:
        from sff_core.outputs import charts

        return getattr(charts, self.builder)(*self.args)


@dataclass(frozen=True)
class TableBlock:
    table: pd.DataFrame
    title: str | None = None
    filename: str | None = None  # offered as the app's own (formula-neutralised) CSV download
    key: str = ""
    counts: Counts | None = None  # what in the table is a count (None: undeclared, refused when shared)
    shared_view: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # shown instead of `table` when shared
    internal_only: bool = False  # never in a shared report, workbook or CSV


@dataclass(frozen=True)
class TextsBlock:
    """Free-text answers under their question: (question, [(who · when, text), …])."""

    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True)
class Card:
    """One post-it as shown: its text, dots from dot voting, how many wrote it, its group on the wall."""

    text: str
    votes: int = 0
    marked: bool = False  # carried forward (★)
    weight: int = 1  # the note and the duplicates merged into it
    cluster: str | None = None
    hidden_below: int = 0  # shared outside the core group: votes and writers under this read "<N"

    def _count(self, value: int) -> str:
        return f"<{self.hidden_below}" if 0 < value < self.hidden_below else str(value)

    @property
    def label(self) -> str:
        """`★ text ×2 ● 3`: the star for a marked item, ×N for merged duplicates, ● N for votes (people:
        counts, so "<N" in a shared document)."""
        weight = f" ×{self._count(self.weight)}" if self.weight > 1 else ""
        votes = f" ● {self._count(self.votes)}" if self.votes else ""
        return ("★ " if self.marked else "") + self.text + weight + votes


@dataclass(frozen=True)
class CardsBlock:
    """Post-its under their question (board), in the board's order (marked, then most votes).

    For an exercise with topics (step 5's sectors) there is one block per topic: `topic` is its
    heading, and `rounds` names per board the round it was written in (the handbook's "byt färg").
    """

    groups: tuple[tuple[str, tuple[Card, ...]], ...]
    side_by_side: bool = False
    topic: str | None = None
    rounds: tuple[str, ...] = ()
    first_round: int = 1  # the number of the first round shown (a wall screen may show round 2 alone)


@dataclass(frozen=True)
class ProgressBlock:
    label: str
    done: int
    total: int


@dataclass(frozen=True)
class MetricBlock:
    label: str
    value: str
    count: bool = False  # the value counts people, answers or organisations (suppressed when shared)


@dataclass(frozen=True)
class VerdictBlock:
    """Our own message about a result (never user text): `tone` is good, bad or note."""

    heading: str
    body: str
    tone: str = "note"


@dataclass(frozen=True)
class NoteBlock:
    """A short caption of our own (never user text)."""

    text: str
    internal_only: bool = False  # never in a shared report, workbook or CSV (it tells what stays in the group)


@dataclass(frozen=True)
class ScreenTitle(NoteBlock):
    """Our own heading where an exercise with wall screens of its own starts the next one (its `screens`
    hook cuts its results there, `sff_core.wall_screens.split_at_titles`); elsewhere a heading like any note."""


@dataclass(frozen=True)
class PlainTextBlock:
    """User text shown as typed (never Markdown or HTML)."""

    text: str
    title: str | None = None


Block = FigureBlock | TableBlock | TextsBlock | CardsBlock | ProgressBlock | MetricBlock | VerdictBlock | NoteBlock | PlainTextBlock


@dataclass(frozen=True)
class Results:
    title: str
    shown_date: date | None
    blocks: tuple[Block, ...] = ()
    empty_message: str | None = None  # shown when there are no blocks
    caption: str | None = None  # e.g. that the latest work session with answers is shown

    @property
    def empty(self) -> bool:
        return not self.blocks


def build_results(query: ResultsQuery) -> Results:
    """The results of the query's exercise, by its registered type."""
    from sff_core.registry import type_of

    return type_of(query.section).build_results(query)


# --- Helpers -----------------------------------------------------------------------------------------


def _title(query: ResultsQuery) -> str:
    return text(query.section.title, query.lang)


def shown_date(query: ResultsQuery) -> tuple[date | None, str | None]:
    """The chosen work session if it has answers, else the latest one that has (and a caption saying so)."""
    dates = session_dates(query.engine, query.workspace_id, query.step.key, query.section.key)
    if not dates:
        return None, None
    if query.session_date in dates:
        return query.session_date, None
    return dates[0], t("answer.showing_date", query.lang, date=dates[0].isoformat())


def respondent_names(engine: Engine, workspace_id: int, lang: str, show_names: bool = True) -> dict[str, str]:
    """Display names for every respondent: members, live participants, the group.

    Without names (the wall, unless the facilitator chose otherwise) each person is "Person N",
    numbered in a stable order, so lines and answers can be told apart but not attributed.
    """
    from sff_core.live import participant_labels
    from sff_core.members import list_members

    names = participant_labels(engine, workspace_id, t("live.anonymous", lang))
    names.update({m.respondent: m.name for m in list_members(engine, workspace_id)})
    if not show_names:
        names = {key: t("answer.person_n", lang, n=number) for number, key in enumerate(sorted(names), start=1)}
    names[GROUP] = t("answer.group", lang)
    return names


def _names(query: ResultsQuery) -> dict[str, str]:
    return respondent_names(query.engine, query.workspace_id, query.lang, query.show_names)


def latest_answers(query: ResultsQuery) -> tuple[pd.DataFrame, date | None, str | None]:
    shown, caption = shown_date(query)
    if shown is None:
        return pd.DataFrame(), None, None
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown)
    return frame, shown, caption


# --- Pieces several exercises' results share (the generic shapes' results: sff_core/exercises/shapes.py)


def texts_block(table: pd.DataFrame) -> TextsBlock:
    groups = []
    for prompt, answers in table.groupby("prompt", sort=False):
        groups.append((str(prompt), tuple((f"{row.respondent} · {row.date}", str(row.text)) for row in answers.itertuples())))
    return TextsBlock(tuple(groups))


def by_cluster(cards: list[Card]) -> list[Card]:
    """Cards of one group together, groups in the order their best card comes; ungrouped cards last."""
    order = {cluster: index for index, cluster in enumerate(dict.fromkeys(c.cluster for c in cards if c.cluster))}
    return sorted(cards, key=lambda c: order.get(c.cluster, len(order)) if c.cluster else len(order))


# --- Step 2 ------------------------------------------------------------------------------------------


def without_column(column: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A shared view leaving out one column (a person's name)."""
    return lambda frame: frame.drop(columns=[column], errors="ignore")


# Step 2's exercises build their results in sff_core/exercises/; the indicator counts are shared with step 6.
INDICATOR_COUNTS = Counts(("n",), follows=(("mean", "n"),))  # n surveys answered the category; their mean


def _vocab_labels(name: str, lang: str) -> dict[str, str]:
    from sff_core.content import get_content

    return get_content().labels(name, lang)


__all__ = ["NO_COUNTS", "Block", "Counts", "Results", "ResultsQuery", "build_results"]
