"""The sharing level: what a document for sharing outside the core group may show (sff_core/outputs/sharing.py).

Every table and figure declares what in it is a count (`results.Counts`); a shared build refuses a
block that does not. Counts under the threshold are hidden, so are the means and shares computed from
them, and so is a sibling that would let a hidden count be worked out from a total (secondary
suppression). Nothing that is not a count is hidden: ranks, step numbers, search occasions, the
routine's flowchart.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sff_core.outputs import report
from sff_core.outputs.results import NO_COUNTS, Counts, FigureBlock, MetricBlock, NoteBlock, Results, TableBlock
from sff_core.outputs.sharing import SharingLevel, UndeclaredCounts, for_sharing, shared_table, sharing_level


@pytest.fixture
def demo(engine, load_demo):
    return load_demo(engine)


def _blocks(built: report.Report) -> list:
    return [b for p in built.parts if p.results for b in p.results.blocks]


def _frames(block: FigureBlock) -> list[pd.DataFrame]:
    return [a for a in block.args if isinstance(a, pd.DataFrame)]


def _hidden(value: object) -> bool:
    return isinstance(value, str) and (value.startswith("<") or value in ("dolt", "–"))


# --- By construction: a block says what its counts are -----------------------------------------------


def test_a_shared_report_refuses_a_table_without_a_counts_declaration():
    table = pd.DataFrame({"Antal": [1, 5]})
    results = Results("x", None, (TableBlock(table, key="new-exercise"),))
    with pytest.raises(UndeclaredCounts):
        for_sharing(results, SharingLevel(True, 3), "sv")
    assert for_sharing(results, SharingLevel(False, 3), "sv") is results  # inside the core group nothing is asked


def test_a_shared_report_refuses_a_figure_without_its_data():
    results = Results("x", None, (FigureBlock("indicator_heatmap", (), None, key="indicator-heat"),))
    with pytest.raises(UndeclaredCounts):
        for_sharing(results, SharingLevel(True, 3), "sv")
    declared = Results("x", None, (FigureBlock("indicator_heatmap", (), None, key="indicator-heat", counts=Counts(("n",))),))
    with pytest.raises(UndeclaredCounts):  # counts declared, but no data to suppress them in
        for_sharing(declared, SharingLevel(True, 3), "sv")


def test_no_counts_is_an_explicit_declaration_and_keeps_every_number():
    table = pd.DataFrame({"Nr": [1, 2], "Steg": ["a", "b"]})
    shared = for_sharing(Results("x", None, (TableBlock(table, counts=NO_COUNTS),)), SharingLevel(True, 3), "sv")
    assert list(shared.blocks[0].table["Nr"]) == [1, 2]


def test_a_declared_count_metric_is_suppressed_and_another_is_not():
    results = Results("x", None, (MetricBlock("Enkäter", "2", count=True), MetricBlock("Poster", "2")))
    shared = for_sharing(results, SharingLevel(True, 3), "sv")
    assert [b.value for b in shared.blocks] == ["<3", "2"]


def test_a_block_shows_its_shared_view_before_counts_are_suppressed():
    per_site = pd.DataFrame({"month": ["2026-01", "2026-01", "2026-02"], "site": ["a", "b", "a"], "n": [1, 1, 5]})

    def summed(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.groupby("month", as_index=False)[["n"]].sum()

    block = TableBlock(per_site, key="flow", counts=Counts(("n",)), shared_view=summed)
    shared = for_sharing(Results("x", None, (block,)), SharingLevel(True, 3), "sv").blocks[0].table
    assert list(shared.columns) == ["month", "n"] and list(shared["n"]) == ["<3", 5]  # 1 + 1 summed, then hidden
    assert for_sharing(Results("x", None, (block,)), SharingLevel(False, 3), "sv").blocks[0].table is per_site


def test_a_figure_with_a_shared_view_is_redrawn_from_it_or_withheld():
    per_site = pd.DataFrame({"month": ["2026-01", "2026-01", "2026-02"], "site": ["a", "b", "a"], "n": [4, 4, 5]})

    def summed(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.groupby("month", as_index=False)[["n"]].sum()

    figure = FigureBlock("x", (per_site,), per_site, key="flow", counts=Counts(("n",)), shared_view=summed)
    withheld = for_sharing(Results("x", None, (figure,)), SharingLevel(True, 3), "sv").blocks
    assert [type(b) for b in withheld] == [TableBlock, NoteBlock] and list(withheld[0].table["n"]) == [8, 5]
    redrawn = for_sharing(Results("x", None, (replace(figure, rows_arg=0),)), SharingLevel(True, 3), "sv").blocks
    assert len(redrawn) == 1 and isinstance(redrawn[0], FigureBlock) and "site" not in redrawn[0].args[0].columns
    tables = for_sharing(Results("x", None, (figure,)), SharingLevel(True, 3), "sv", charts=False).blocks
    assert list(tables[0].table["n"]) == [8, 5]  # a workbook: the shared table only


def test_an_internal_only_block_never_leaves_the_core_group():
    table = pd.DataFrame({"Nr": [1]})
    results = Results("x", None, (TableBlock(table, counts=NO_COUNTS, internal_only=True), NoteBlock("1 återkommande", internal_only=True)))
    assert for_sharing(results, SharingLevel(True, 3), "sv").blocks == ()
    assert for_sharing(results, SharingLevel(False, 3), "sv").blocks == results.blocks


# --- Means and shares from few answers ------------------------------------------------------------


def test_a_mean_of_fewer_answers_than_the_threshold_is_hidden_with_its_n():
    table = pd.DataFrame({"Bransch": ["Idéburen", "Hotell"], "Medel": [4.0, 3.25], "n": [1, 4]})
    block = TableBlock(table, counts=Counts(("n",), follows=(("Medel", "n"),)))
    shared = shared_table(block, SharingLevel(True, 3), "sv")
    assert list(shared["n"]) == ["<3", 4]
    assert _hidden(shared["Medel"].iloc[0]) and shared["Medel"].iloc[1] == 3.25


# --- Secondary suppression ---------------------------------------------------------------------------


def _range(cell: object, threshold: int, bound: int) -> tuple[int, int]:
    """What a reader knows of a cell: exact, "<T" (1..T-1), or hidden (0..bound)."""
    if isinstance(cell, str) and cell.startswith("<"):
        return 1, threshold - 1
    if _hidden(cell):
        return 0, bound
    return int(cell), int(cell)  # type: ignore[call-overload]


def _derivable(shown: pd.Series, parts: list[str], total: str, threshold: int) -> list[str]:
    """The hidden parts whose value follows from the total and the rest (only one value fits)."""
    low, high = _range(shown[total], threshold, 10**6)
    bound = high
    ranges = {p: _range(shown[p], threshold, bound) for p in parts}
    found = []
    for part in parts:
        if not _hidden(shown[part]):
            continue
        others = [ranges[p] for p in parts if p != part]
        lowest = max(ranges[part][0], low - sum(h for _, h in others))
        highest = min(ranges[part][1], high - sum(lo for lo, _ in others))
        if lowest == highest:
            found.append(part)
    return found


def test_yes_no_and_answered_never_give_a_hidden_count_back():
    table = pd.DataFrame({"label": ["a"], "yes": [5], "no": [1], "answered": [6]})
    block = TableBlock(table, counts=Counts(("yes", "no", "answered"), totals=(("answered", ("yes", "no")),)))
    shared = shared_table(block, SharingLevel(True, 3), "sv").iloc[0]
    assert shared["no"] == "<3" and _hidden(shared["yes"])  # Ja 5 · Nej <3 · Svar 6 gave Nej = 1
    assert not _derivable(shared, ["yes", "no"], "answered", 3)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=5), min_size=1, max_size=6),
    threshold=st.integers(3, 5),  # at 2, "<2" itself reads 1: the threshold is at least 3 to mean anything
)
def test_no_hidden_cell_can_be_worked_out_from_its_row_total(rows, threshold):
    width = max(len(r) for r in rows)
    parts = [f"p{i}" for i in range(width)]
    table = pd.DataFrame([r + [0] * (width - len(r)) for r in rows], columns=parts)
    table["total"] = table[parts].sum(axis=1)
    block = TableBlock(table, counts=Counts((*parts, "total"), totals=(("total", tuple(parts)),)))
    shared = shared_table(block, SharingLevel(True, threshold), "sv")
    for (_, original), (_, row) in zip(table.iterrows(), shared.iterrows(), strict=True):
        for column in [*parts, "total"]:
            value = original[column]
            if 0 < value < threshold:
                assert _hidden(row[column])  # every small count hidden
            elif not _hidden(row[column]):
                assert row[column] == value  # what is shown is true
        assert not _derivable(row, parts, "total", threshold), (list(original), list(row))


def test_a_column_whose_sum_is_known_elsewhere_hides_a_second_cell():
    table = pd.DataFrame({"Nivå": [1, 2, 3], "Nu": [1, 4, 5]})
    block = TableBlock(table, counts=Counts(("Nu",), column_sums=("Nu",)))  # n = 10 is printed above the chart
    shared = shared_table(block, SharingLevel(True, 3), "sv")
    assert shared["Nu"].iloc[0] == "<3" and _hidden(shared["Nu"].iloc[1]) and shared["Nu"].iloc[2] == 5


def test_every_combination_of_three_parts_is_safe_at_threshold_three():
    for values in itertools.product(range(0, 5), repeat=3):
        table = pd.DataFrame([list(values)], columns=["a", "b", "c"]).assign(total=sum(values))
        block = TableBlock(table, counts=Counts(("a", "b", "c", "total"), totals=(("total", ("a", "b", "c")),)))
        row = shared_table(block, SharingLevel(True, 3), "sv").iloc[0]
        assert not _derivable(row, ["a", "b", "c"], "total", 3), values


# --- The demo: step 2, step 6, step 7 and the process report ---------------------------------------------


def test_the_shared_step_2_report_draws_no_cell_under_the_threshold(engine, demo):
    sharing = sharing_level(engine, demo.id, True)
    built = report.step_report(engine, demo.id, 2, sharing)
    figures = [b for b in _blocks(built) if isinstance(b, FigureBlock)]
    for figure in figures:
        for frame in _frames(figure):
            if "n" in frame.columns:
                small = frame[(frame["n"] > 0) & (frame["n"] < sharing.threshold)]
                assert small.empty, (figure.key, small)
    notes = [b.text for b in _blocks(built) if isinstance(b, NoteBlock)]
    heat = [f for f in figures if f.builder == "indicator_heatmap"]
    assert heat or any("Diagrammet" in n for n in notes)  # redrawn from the shown cells, or withheld with a note


def test_the_shared_indicator_table_hides_the_mean_of_a_small_sector(engine, demo):
    from sff_core.content import get_content
    from sff_core.outputs.results import ResultsQuery, build_results

    step = get_content().step(2)
    section = next(s for s in step.sections if s.handler == "indicator_survey")
    results = build_results(ResultsQuery(engine, demo.id, step, section, None, show_names=False))
    bars = next(b for b in results.blocks if isinstance(b, FigureBlock) and b.key == "indicator-bars")
    shared = shared_table(bars, sharing_level(engine, demo.id, True), "sv")
    small = shared[shared["n"].map(lambda v: isinstance(v, str))]
    assert not small.empty and all(_hidden(v) for v in small["mean"])


def test_the_per_occasion_table_has_no_note_saying_it_is_withheld(engine, demo):
    built = report.step_report(engine, demo.id, 2, sharing_level(engine, demo.id, True))
    blocks = _blocks(built)
    occasions = [i for i, b in enumerate(blocks) if isinstance(b, TableBlock) and b.key == "ad-occasions"]
    assert occasions
    notes = " ".join(b.text for b in blocks if isinstance(b, NoteBlock))
    assert "söktillfälle visas bara" not in notes


def test_the_shared_ad_tables_keep_search_occasions_and_no_origin_can_be_worked_out(engine, demo):
    built = report.step_report(engine, demo.id, 2, sharing_level(engine, demo.id, True))
    tables = [b.table for b in _blocks(built) if isinstance(b, TableBlock)]
    for table in tables:
        for column in ("Söktillfällen", "occasions"):
            if column in table.columns:
                assert not any(_hidden(v) for v in table[column])
        if {"Antal", "Okänt"} <= set(table.columns):
            parts = [c for c in ("Sverige", "EU", "Utanför EU", "Okänt") if c in table.columns]
            for _, row in table.iterrows():
                assert not _derivable(row, parts, "Antal", 3)


def test_the_routine_flowchart_and_its_step_numbers_survive_sharing(engine, demo):
    built = report.step_report(engine, demo.id, 7, sharing_level(engine, demo.id, True))
    blocks = _blocks(built)
    flow = [b for b in blocks if isinstance(b, FigureBlock) and b.builder == "routine_flowchart"]
    assert flow, "the routine's flowchart holds no counts and stays"
    assert list(flow[0].table["Nr"])[:2] == [1, 2]


def test_swot_ranks_are_not_suppressed(engine, demo):
    built = report.step_report(engine, demo.id, 6, sharing_level(engine, demo.id, True))
    ranking = next(b.table for b in _blocks(built) if isinstance(b, TableBlock) and b.key == "swot-ranking")
    assert list(ranking["Plats"])[:3] == [1, 2, 3]


def test_the_shared_process_report_builds_with_every_block_declared(engine, demo):
    built = report.process_report(engine, demo.id, sharing_level(engine, demo.id, True))
    threshold = built.sharing.threshold
    for block in _blocks(built):
        if isinstance(block, FigureBlock):
            assert block.table is not None and block.counts is not None, block.key
            for frame in _frames(block):
                for column in ("n", "yes", "no"):
                    if column in frame.columns:
                        assert not ((frame[column] > 0) & (frame[column] < threshold)).any(), block.key


def test_every_results_block_on_the_wall_declares_its_counts(engine, demo):
    from sff_core.content import get_content
    from sff_core.outputs.wall_screens import screens_now

    screens = []
    for step in get_content().steps:
        for section in step.sections:  # the exercises paged on the wall (one empty screen for the others)
            screens += screens_now(engine, demo.id, section)
    blocks = [b for s in screens for b in s.blocks if isinstance(b, TableBlock | FigureBlock)]
    assert any(isinstance(b, FigureBlock) for b in blocks)
    for block in blocks:
        assert block.counts is not None, (type(block).__name__, block.key, block.title)
        if isinstance(block, FigureBlock):
            assert block.table is not None, block.key


def test_post_it_votes_and_merged_counts_are_suppressed_like_the_workbook(engine, demo):
    import re

    from sff_core.outputs.results import CardsBlock

    built = report.process_report(engine, demo.id, sharing_level(engine, demo.id, True))
    labels = [card.label for b in _blocks(built) if isinstance(b, CardsBlock) for _, cards in b.groups for card in cards]
    assert labels
    small = [label for label in labels if re.search(r"(● |×)[12]$|(● |×)[12] ", label)]
    assert small == []
    internal = report.process_report(engine, demo.id, sharing_level(engine, demo.id, False))
    inside = [card.label for b in _blocks(internal) if isinstance(b, CardsBlock) for _, cards in b.groups for card in cards]
    assert any(re.search(r"● [12]$", label) for label in inside)  # the demo has such cards: the test means something


def test_the_actor_matrix_survives_sharing(engine, demo):
    """Influence and support are the group's scores of an actor, and how often the group assessed an
    actor is its own work: no count of people, so the matrix is drawn in the shared step 3 report."""
    built = report.step_report(engine, demo.id, 3, sharing_level(engine, demo.id, True))
    matrix = [b for b in _blocks(built) if isinstance(b, FigureBlock) and b.key == "matrix"]
    assert matrix and not any(_hidden(v) for v in matrix[0].table["assessments"])
