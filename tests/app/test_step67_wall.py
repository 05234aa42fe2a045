"""Steps 6 and 7 on the wall: the step page in projector mode and `/vagg` draw the same results model
(the exercises' screens cut by their plugins), for every exercise of the two steps with a handler."""

from __future__ import annotations

from datetime import date

import pytest

from sff_core import room, screens
from sff_core.content import get_content
from sff_core.outputs.wall_screens import screens_now
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean

TODAY = date.today()
EXERCISES = [
    ("step6", 6, "forutsattningar"),
    ("step6", 6, "gemensam_utgangspunkt"),
    ("step6", 6, "swot"),
    ("step6", 6, "samverkansplan"),
    ("step6", 6, "marknadsforing"),
    ("step7", 7, "utvecklingsnivaer"),
    ("step7", 7, "rutin"),
]


def _drawn(at) -> tuple[list[str], list[str], int, list[str], list[str]]:
    """What a page draws of the results: its tables, its plain texts, its charts, its screen headings, its verdicts."""
    tables = [frame.value.to_string() for frame in at.table] + [frame.value.to_string() for frame in at.dataframe]
    headings = [m.value for m in at.markdown if str(m.value).startswith("#### ")]
    verdicts = [str(a.value) for a in (*at.success, *at.error, *at.info)]
    return tables, [t.value for t in at.text], len(at.get("plotly_chart")), headings, verdicts


@pytest.mark.parametrize(("step_key", "number", "section_key"), EXERCISES)
def test_projector_mode_and_the_wall_draw_the_same_blocks(open_app, demo_workspace, step_key, number, section_key):
    engine = get_engine()
    room.set_agenda(engine, demo_workspace.id, TODAY, [(step_key, section_key, None)])
    room.start_work_session(engine, demo_workspace.id, TODAY)
    room.show_exercise(engine, demo_workspace.id, step_key, section_key)
    count = screens.screen_count(engine, demo_workspace.id, step_key, section_key)
    section = get_content().require_section(step_key, section_key)
    assert count == len(screens_now(engine, demo_workspace.id, section))  # the remote walks what the exercise cuts for the wall
    if section.exercise_key in ("common_ground", "swot", "plan"):
        assert count > 1
    for index in sorted({0, count - 1}):
        screens.show_screen(engine, demo_workspace.id, step_key, section_key, index)
        projected = open_app(demo_workspace.id, f"pages/step_{number}.py", section=section_key, projector="1")
        wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
        assert_clean(projected)
        assert_clean(wall)
        assert _drawn(projected) == _drawn(wall), (section_key, index)
        assert any(_drawn(wall)), section_key  # the demo has results for every one of them
