"""Steps 0 and 1 on the wall: the step page in projector mode (`?projector=1`) and the room's wall (`/vagg`)
draw the same results model – the same charts, tables, cards, metrics and verdicts – for the generic
shapes and for the exercises with a tool of their own (readiness, candidates, the core group, the
ice-breaker, the courage boards)."""

from __future__ import annotations

from datetime import date

import pytest

from sff_core import room
from sff_core.candidates import save_candidate
from sff_core.icebreaker import add_question
from sff_core.notes import Exercise, add_note, new_submission_key
from sff_core.responses import GROUP
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean

TODAY = date.today()
SECTIONS = [
    ("step0", 0, "engagemang"),  # yes/no
    ("step0", 0, "rekrytering"),  # candidates
    ("step0", 0, "karngruppen"),  # core_group_coverage
    ("step0", 0, "redo"),  # readiness
    ("step1", 1, "ice_breaker"),  # icebreaker
    ("step1", 1, "modig_miljo"),  # courage_boards
]


def _blocks(at) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a results model draws: charts, tables, post-its and plain text, metrics, verdicts."""
    return {
        "charts": len(at.get("plotly_chart")),
        "tables": [t.value.to_string() for t in at.table] + [d.value.to_string() for d in at.dataframe],
        "texts": [e.value for e in at.text],
        "metrics": [(m.label, m.value) for m in at.metric],
        "verdicts": [e.value for e in (*at.info, *at.success, *at.error)],
    }


def _seed(workspace_id: int) -> None:
    engine = get_engine()
    save_candidate(engine, workspace_id, "Kim Kandidat", "Kommunen", "socialtjanst", None, [], "idea", "")
    add_question(engine, workspace_id, "Vad fick dig att börja här?")
    boards = Exercise(workspace_id, "step1", "modig_miljo", TODAY)
    add_note(engine, boards, "fraga_1", GROUP, "Vi lyssnar på varandra", new_submission_key())


@pytest.mark.parametrize(("step_key", "number", "section"), SECTIONS, ids=[s for _, _, s in SECTIONS])
def test_projector_and_wall_draw_the_same_blocks(open_app, demo_workspace, step_key, number, section):
    _seed(demo_workspace.id)
    room.set_agenda(get_engine(), demo_workspace.id, TODAY, [(step_key, section, None)])
    room.start_work_session(get_engine(), demo_workspace.id, TODAY)
    wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
    projector = open_app(demo_workspace.id, f"pages/step_{number}.py", projector="1", section=section)
    assert_clean(wall)
    assert_clean(projector)
    drawn = _blocks(wall)
    assert drawn == _blocks(projector)
    assert drawn["charts"] or drawn["tables"] or drawn["texts"] or drawn["verdicts"], section  # the model drew something
