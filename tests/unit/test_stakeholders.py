from datetime import date

import pandas as pd
import pytest

from sff_core.errors import InputError
from sff_core.stakeholders import add_actor, add_assessment, list_actors, load_assessments, movements, remove_actor, set_levels
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 28)


def test_movement_from_previous_to_latest_assessment(engine, workspace):
    hotel = add_actor(engine, workspace.id, "Hotell Exempel", "naringsliv")
    police = add_actor(engine, workspace.id, "Polisen", "polis")
    add_assessment(engine, workspace.id, hotel.id, date(2026, 9, 1), 3, 2, today=TODAY)
    add_assessment(engine, workspace.id, hotel.id, date(2026, 11, 1), 3, 4, reason="Nytt avtal", today=TODAY)
    add_assessment(engine, workspace.id, hotel.id, date(2026, 10, 1), 2, 3, today=TODAY)  # entered late
    add_assessment(engine, workspace.id, police.id, date(2026, 11, 1), 5, 5, today=TODAY)
    moves = movements(load_assessments(engine, workspace.id)).set_index("actor")
    assert (moves.loc["Hotell Exempel", "support"], moves.loc["Hotell Exempel", "previous_support"]) == (4, 3)
    assert moves.loc["Hotell Exempel", "previous_influence"] == 2 and moves.loc["Hotell Exempel", "assessments"] == 3
    assert pd.isna(moves.loc["Polisen", "previous_support"])
    remove_actor(engine, workspace.id, police.id)
    assert [a.name for a in list_actors(engine, workspace.id)] == ["Hotell Exempel"]
    assert set(load_assessments(engine, workspace.id)["actor"]) == {"Hotell Exempel"}


def test_levels(engine, workspace):
    actor = add_actor(engine, workspace.id, "Socialtjänsten", "socialtjanst")
    set_levels(engine, workspace.id, actor.id, 1, 4, "Träffas bara i ärenden")
    stored = list_actors(engine, workspace.id)[0]
    assert (stored.current_level, stored.wanted_level, stored.level_notes) == (1, 4, "Träffas bara i ärenden")
    with pytest.raises(InputError, match="mellan 1 och 4"):
        set_levels(engine, workspace.id, actor.id, 5, 4)
    assert list_actors(engine, workspace.id)[0].current_level == 1


@pytest.mark.parametrize(
    "influence, support, day, key",
    [
        (0, 3, date(2026, 11, 1), "score_range"),
        (3, 6, date(2026, 11, 1), "score_range"),
        (3, 3, date(2026, 12, 24), "future_date"),
        (3, 3, None, "required"),
    ],
)
def test_bad_assessments(engine, workspace, influence, support, day, key):
    actor = add_actor(engine, workspace.id, "Hotell", "naringsliv")
    with pytest.raises(InputError) as caught:
        add_assessment(engine, workspace.id, actor.id, day, influence, support, today=TODAY)
    assert caught.value.key == key
    assert load_assessments(engine, workspace.id).empty


def test_actor_of_another_workspace(engine, workspace):
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    actor = add_actor(engine, other.id, "Hotell", "naringsliv")
    with pytest.raises(InputError, match="finns inte"):
        add_assessment(engine, workspace.id, actor.id, date(2026, 11, 1), 3, 3, today=TODAY)


def test_empty_movements():
    import pandas as pd

    assert movements(pd.DataFrame(columns=["actor_id", "actor", "assessed_on", "influence", "support"])).empty
