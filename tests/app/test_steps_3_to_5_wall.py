"""Steps 3-5: the step page in projector mode and the wall (/vagg) draw the same results model.

The tools of these exercises keep their forms but draw no results of their own; both screens draw
the exercise's results model (paged ones a screen at a time), so the room sees the same thing.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from sff_core import room
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean

TODAY = date.today()
SECTIONS = [
    (3, "step3", "nivaer"),
    (3, "step3", "analys_samverkansaktorer"),
    (4, "step4", "samla_in"),
    (4, "step4", "samla_in_fortsattning"),
    (4, "step4", "hall_er_uppdaterade"),
    (5, "step5", "anordna_event"),
    (5, "step5", "rollbeskrivning_natverket"),
    (5, "step5", "samordningsfunktion"),
    (5, "step5", "motivation_kommunikation"),
]


def _blocks(at: AppTest) -> dict[str, list[str]]:
    """What the results model put on the screen: charts (their data), tables, metrics, texts of blocks."""
    charts = [json.dumps(json.loads(c.proto.spec)["data"], sort_keys=True) for c in at.get("plotly_chart")]
    tables = [t.value.to_csv() for t in at.table] + [d.value.to_csv() for d in at.dataframe]
    metrics = [f"{m.label}={m.value}" for m in at.metric if m.label]
    texts = [t.value for t in at.text]  # plain text blocks (a role description's sections) and post-its
    return {"charts": charts, "tables": tables, "metrics": metrics, "texts": texts}


@pytest.mark.parametrize(("number", "step_key", "section_key"), SECTIONS, ids=[s for _, _, s in SECTIONS])
def test_projector_mode_and_the_wall_show_the_same_blocks(open_app, demo_workspace, number, step_key, section_key):
    room.set_agenda(get_engine(), demo_workspace.id, TODAY, [(step_key, section_key, None)])
    room.start_work_session(get_engine(), demo_workspace.id, TODAY)
    wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
    assert_clean(wall)
    projected = open_app(demo_workspace.id, f"pages/step_{number}.py", section=section_key, projector="1")
    assert_clean(projected)
    on_wall, on_projector = _blocks(wall), _blocks(projected)
    assert on_wall == on_projector
    assert any(on_wall.values()), section_key  # the demo has results for every one of them
