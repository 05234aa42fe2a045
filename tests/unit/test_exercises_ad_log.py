"""sff_core/exercises/ad_log.py: the ad log's results model and workbook sheet, inside and outside the core group."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sff_core.ads import Observation, record_observation
from sff_core.content import get_content
from sff_core.exercises.ad_log import EXERCISE, ad_log_results, ad_log_sheets
from sff_core.outputs.results import FigureBlock, NoteBlock, ResultsQuery, TableBlock
from sff_core.outputs.sharing import SharingLevel, for_sharing
from sff_core.workspaces import create_workspace

KEY = b"test-key-0123456789abcdef"


@pytest.fixture
def query(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    day = date.today() - timedelta(days=10)
    for site, advertiser in (("Sajt A", "annonsör-1"), ("Sajt B", "annonsör-1"), ("Sajt A", None)):
        observation = Observation(day - timedelta(days=len(site) if advertiser else 0), site, 4, {"sweden": 1}, {}, advertiser)
        record_observation(engine, workspace.id, observation, key=KEY)
    record_observation(engine, workspace.id, Observation(day + timedelta(days=1), "Sajt B", 2, {}, {}, "annonsör-1"), key=KEY)
    step = get_content().step("step2")
    return ResultsQuery(engine, workspace.id, step, get_content().require_section("step2", "internet"), None)


def test_the_core_group_sees_sites_and_recurring_advertisers_a_shared_document_neither(query):
    results = ad_log_results(query)
    chart, _table, note = results.blocks
    assert isinstance(chart, FigureBlock) and set(chart.table["site"]) == {"Sajt A", "Sajt B"}
    assert isinstance(note, NoteBlock) and "Återkommande annonsörer" in note.text
    shared = for_sharing(results, SharingLevel(True, 3), "sv", charts=False).blocks
    assert not any(isinstance(b, NoteBlock) and "Återkommande" in b.text for b in shared)  # a count of 1 stays in the group
    flow = next(b for b in shared if isinstance(b, TableBlock | FigureBlock) and b.key == "ads-chart")
    assert "site" not in flow.table.columns  # the flow only as the total per month


def test_the_workbook_sheet_of_every_search_occasion_is_for_the_core_group_only(query):
    assert EXERCISE.workbook_sheets is ad_log_sheets
    [(name, table)] = ad_log_sheets(query, shared=False)
    assert name == "Annonslogg" and len(table) == 4 and "advertiser_hash" not in table.columns
    assert ad_log_sheets(query, shared=True) == []


def test_its_warnings_are_parsed_by_its_own_field_parser():
    section = get_content().require_section("step2", "internet")
    assert section.extra["warnings"] == section.warnings and len(section.warnings) >= 3
