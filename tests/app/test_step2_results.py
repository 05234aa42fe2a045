"""Step 2's exercises draw their results only from the model: the step page in projector mode and
the wall (`/vagg`) show the same blocks (issue 21: the task table was on the one, the mind map on the other)."""

from __future__ import annotations

import pytest

from sff_core import room
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

SECTIONS = [
    "hitta_malgruppen",  # mindmap
    "hitta_kontaktytan",  # mindmap
    "kartlaggning_plan",  # mapping_plan
    "offentligt_material",  # public_statistics
    "underrattelse",  # intelligence
    "internet",  # ad_log
    "branscher_kontaktytor",  # indicator_survey
    "vem_gor_vad",  # tasks
]


def _blocks(at):
    """What the results model put on the screen: charts, tables and metrics."""
    charts = len(at.get("plotly_chart"))
    tables = [list(t.value.columns) for t in at.dataframe] + [list(t.value.columns) for t in at.table]
    metrics = sorted((m.label, str(m.value)) for m in at.metric)
    return charts, sorted(map(str, tables)), metrics


@pytest.mark.parametrize("section", SECTIONS)
def test_the_projector_and_the_wall_show_the_same_results(open_app, demo_workspace, section):
    projector = open_app(demo_workspace.id, "pages/step_2.py", section=section, projector="1")
    assert_clean(projector)
    room.show_exercise(get_engine(), demo_workspace.id, "step2", section)
    wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
    assert_clean(wall)
    assert _blocks(projector) == _blocks(wall)
    if section == "vem_gor_vad":  # the task table, once drawn only by the tool (so never on the wall)
        assert any("Ansvarig" in columns for columns in _blocks(wall)[1])
    if section in ("hitta_malgruppen", "hitta_kontaktytan"):  # the mind map, once only a caption on the projector
        assert _blocks(projector)[0] == 1


def test_the_ad_logs_recurring_advertisers_are_on_both(open_app, demo_workspace):
    projector = open_app(demo_workspace.id, "pages/step_2.py", section="internet", projector="1")
    room.show_exercise(get_engine(), demo_workspace.id, "step2", "internet")
    wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
    assert "Återkommande annonsörer" in page_text(projector)
    assert "Återkommande annonsörer" in page_text(wall)
