"""The generic result views that no step drew before: checklist, levels and post-its, from the results
model; the handbook's examples beside an exercise; every field label in both languages."""

import json

import yaml

from sff_core.demo import DEMO_INTELLIGENCE_DAY
from sff_core.members import list_members
from sff_core.notes import Exercise, add_note, new_submission_key, set_cluster
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text
from tests.conftest import PROJECT_ROOT

DAY = DEMO_INTELLIGENCE_DAY  # a day of the demo's step 2, before its step 6 and 7 workshops


def test_checklist_results_show_progress(open_app, demo_workspace):
    save_answers(get_engine(), demo_workspace.id, "step0", "infor_steg1", GROUP, DAY, {"grundkunskap": Answer(value_bool=True)})
    at = open_app(demo_workspace.id, "pages/step_0.py", section="infor_steg1")
    assert_clean(at)
    bars = at.get("progress")
    assert len(bars) == 1 and "1 av" in bars[0].proto.text and "avbockade" in bars[0].proto.text


def test_levels_results_show_now_and_wanted_counts(open_app, demo_workspace):
    """Step 7's development levels (the one levels section without a tool of its own, handler
    ambition_levels): counts per level now and wanted, never one person's placement."""
    anna = list_members(get_engine(), demo_workspace.id)[0]
    save_answers(
        get_engine(),
        demo_workspace.id,
        "step7",
        "utvecklingsnivaer",
        anna.respondent,
        DAY,
        {"hantering": Answer(value_int=2, value_int2=4)},
    )
    at = open_app(demo_workspace.id, "pages/step_7.py", section="utvecklingsnivaer")
    at.date_input(key="session_date").set_value(DAY).run()
    assert_clean(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [trace["text"] for trace in spec["data"]] == [["", "1", "", "", ""], ["", "", "", "1", ""]]
    assert all(anna.name not in frame.value.to_string() for frame in at.dataframe)


def test_postit_results_show_each_note_as_a_card(open_app, demo_workspace):
    swot = Exercise(demo_workspace.id, "step6", "swot", DAY)
    for board_key, note in (("styrkor", "Stark polis"), ("styrkor", "Engagerade NGO:er"), ("hot", "Få resurser")):
        add_note(get_engine(), swot, board_key, GROUP, note, new_submission_key())
    at = open_app(demo_workspace.id, "pages/step_6.py", section="swot")
    at.date_input(key="session_date").set_value(DAY).run()  # the demo's own SWOT is of a later workshop
    assert_clean(at)
    notes = [t.value for t in at.text]
    assert {"Stark polis", "Engagerade NGO:er", "Få resurser"} <= set(notes)
    assert "Live-aktivitet" in page_text(at)  # SWOT can run live from phones now


def test_the_helsingborg_examples_are_beside_their_exercises(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan")
    assert_clean(at)
    assert "Exempel: Samverkansplan baserat på arbetet i Helsingborg" in page_text(at)
    wall = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan", projector="1")
    assert "Helsingborg" not in page_text(wall)  # not on the wall unless chosen
    chosen = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan", projector="1", example="samverkansplan")
    assert "Helsingborg" in page_text(chosen)


def test_a_full_swot_quadrant_fits_the_wall_grouped_and_counted(open_app, demo_workspace):
    swot = Exercise(demo_workspace.id, "step6", "swot", DAY)
    made = [
        add_note(get_engine(), swot, "styrkor", GROUP, f"Styrka nummer {n} " + "lång " * (n % 3) * 12, new_submission_key())
        for n in range(12)
    ]
    set_cluster(get_engine(), demo_workspace.id, [m.id for m in made[:3]], "Samverkan")
    wall = open_app(demo_workspace.id, "pages/step_6.py", section="swot", projector="1")
    wall.session_state["session_date"] = DAY
    wall.run()
    assert_clean(wall)
    board = next(t.value for t in wall.text if "Styrka nummer" in t.value)
    lines = board.splitlines()
    assert len(lines) == 7 and lines[0] == "▸ Samverkan (3)"  # the facilitator's group as one line
    assert lines[-1].startswith("+ 4 till") and all(len(line) <= 80 for line in lines)  # long notes shortened
    laptop = open_app(demo_workspace.id, "pages/step_6.py", section="swot")
    laptop.session_state["session_date"] = DAY
    laptop.run()
    assert "+ 4 till" not in page_text(laptop)  # the laptop lists every note


def test_every_field_label_resolves_in_both_languages():
    strings = yaml.safe_load((PROJECT_ROOT / "data" / "i18n.yaml").read_text(encoding="utf-8"))

    def leaves(node: dict, path: str):  # a label is {sv, en}; a group of labels (field.plan.*) nests them
        if "sv" in node or "en" in node:
            yield path, node
            return
        for key, child in node.items():
            yield from leaves(child, f"{path}.{key}")

    labels = list(leaves(strings["field"], "field"))
    assert len(labels) > 20
    for key, value in labels:
        assert value.get("sv") and value.get("en"), key


def test_a_swot_stands_as_a_two_by_two_grid_on_the_wall(open_app, demo_workspace):
    swot = Exercise(demo_workspace.id, "step6", "swot", DAY)
    for board_key, note in (("styrkor", "Stark polis"), ("styrkor", "Engagerade NGO:er"), ("hot", "Få resurser")):
        add_note(get_engine(), swot, board_key, GROUP, note, new_submission_key())
    wall = open_app(demo_workspace.id, "pages/step_6.py", section="swot", projector="1")
    wall.session_state["session_date"] = DAY  # the demo's own SWOT is of a later workshop
    wall.run()
    assert_clean(wall)
    boards = [t.value for t in wall.text]
    assert "• Stark polis\n• Engagerade NGO:er" in boards and "• Få resurser" in boards
    assert "Svagheter (interna) (0)" not in page_text(wall)  # only boards with notes
    assert "Spara svaren" not in page_text(wall)  # no forms on the wall


def test_wall_cells_show_numbers_the_swedish_way():
    from sff_core.ui.exercises.common import _wall_cell

    assert [_wall_cell(v) for v in (2.0, 2.5, 3.57, 7, None, "2026-01-19")] == ["2", "2,5", "3,57", "7", "–", "2026\u201101\u201119"]
