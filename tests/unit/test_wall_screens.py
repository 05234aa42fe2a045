"""Long results on the wall, a 1280×720 screen at a time (sff_core/outputs/wall_screens.py): the packing is pure."""

from typing import Any

import pandas as pd

from sff_core.outputs import wall_screens
from sff_core.outputs.results import Card, CardsBlock, FigureBlock, MetricBlock, NoteBlock, PlainTextBlock, TableBlock
from sff_core.outputs.wall_screens import BUDGET, height, pack


def test_short_results_stay_one_screen_and_nothing_is_lost():
    blocks = [NoteBlock("Status"), PlainTextBlock("Kort svar", "Fråga 1"), PlainTextBlock("Kort svar", "Fråga 2")]
    [screen] = pack(blocks, "Titel")
    assert screen.blocks == tuple(blocks) and screen.title == "Fråga 1"
    assert pack([], "Tom")[0].title == "Tom"


def test_long_text_goes_on_several_screens_in_order_each_within_the_budget():
    blocks = [PlainTextBlock("Svar " * 60, f"Fråga {i}") for i in range(8)]
    screens = pack(blocks)
    assert len(screens) > 1 and [b for s in screens for b in s.blocks] == blocks
    assert all(sum(height(b) for b in s.blocks) <= BUDGET for s in screens)


def test_a_tall_table_is_split_by_rows_with_its_title_and_a_chart_stands_alone():
    table = pd.DataFrame({"Titel": [f"Post {i} " + "text " * 20 for i in range(12)], "Kategori": ["Kurser"] * 12})
    chart = FigureBlock("plan_follow_up_chart", (), None)
    screens = pack([MetricBlock("Poster", "12"), TableBlock(table, "Kunskapsbanken"), chart])
    parts = [b for s in screens for b in s.blocks if isinstance(b, TableBlock)]
    assert len(parts) > 1 and pd.concat([p.table for p in parts]).reset_index(drop=True).equals(table)
    assert all(p.title == "Kunskapsbanken" for p in parts)
    assert screens[-1].blocks == (chart,)


def test_a_tall_sector_is_shown_one_round_per_screen_with_its_number():
    cards = tuple(Card(f"(Exempel) svar nummer {i} med lite mer text") for i in range(6))
    groups = tuple((f"Fråga {i} om organisationens motivation och personalen?", cards) for i in range(6))
    rounds = ("Omgång 1",) * 4 + ("Omgång 2",) * 2
    block = CardsBlock(groups, topic="Näringsliv", rounds=rounds)
    screens = pack([block, CardsBlock(groups[:1], topic="Region", rounds=rounds[:1])])
    assert [s.title for s in screens] == ["Näringsliv", "Näringsliv", "Region"]
    first, second = screens[0].blocks[0], screens[1].blocks[0]
    assert isinstance(first, CardsBlock) and isinstance(second, CardsBlock)
    assert first.groups == groups[:4] and (second.groups, second.first_round) == (groups[4:], 2)


def test_an_exercise_is_one_screen_unless_it_names_a_screens_hook(monkeypatch):
    from types import SimpleNamespace

    from sff_core import registry
    from sff_core.exercises.shapes import generic_results
    from sff_core.exercises.spec import Exercise
    from sff_core.outputs.results import Results

    blocks = tuple(PlainTextBlock("Svar " * 60, f"Fråga {i}") for i in range(8))
    results = Results("Lång", None, blocks)
    monkeypatch.setitem(registry._types(), "whole-test", Exercise("whole-test", None, results=generic_results))
    monkeypatch.setitem(
        registry._types(), "paged-test", Exercise("paged-test", None, results=generic_results, screens=wall_screens.paged_screens)
    )

    def section(name: str) -> Any:
        return SimpleNamespace(handler=name, shape="text")

    [whole] = wall_screens.exercise_screens(section("whole-test"), results)
    assert whole.blocks == blocks
    paged = wall_screens.exercise_screens(section("paged-test"), results)
    assert len(paged) > 1 and [b for s in paged for b in s.blocks] == list(blocks)


def test_the_swot_and_common_ground_are_cut_where_their_model_says():
    from sff_core.outputs.results import NoteBlock, Results, ScreenTitle
    from sff_core.registry import exercise_type

    assert all(getattr(exercise_type(key), "screens", None) is not None for key in ("plan", "common_ground", "swot"))
    results = Results("SWOT", None, (NoteBlock("före"), ScreenTitle("Grupp 1 presenterar"), NoteBlock("a"), ScreenTitle("Rangordning")))
    cut = wall_screens.split_at_titles(results)
    assert [r.title for r in cut] == ["SWOT", "Grupp 1 presenterar", "Rangordning"]
    assert [len(r.blocks) for r in cut] == [1, 2, 1]
    empty = Results("SWOT", None, (), "Inga lappar ännu.")
    assert wall_screens.split_at_titles(empty) == [empty]
