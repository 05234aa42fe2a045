from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.icebreaker import add_question, cards, draw, remove_question
from sff_core.mapping import add_task, get_mapping_plan, list_tasks, remove_task, save_mapping_plan, set_task_status
from sff_core.workspaces import create_workspace


def test_plan_keeps_content_order_and_validates(engine, workspace):
    assert get_mapping_plan(engine, workspace.id).categories == ()
    plan = save_mapping_plan(engine, workspace.id, ["internet", "offentligt_material"], "telefon", "rapport", "Till januari")
    assert plan.categories == ("offentligt_material", "internet")
    with pytest.raises(InputError):
        save_mapping_plan(engine, workspace.id, ["astrologi"], None, None)
    with pytest.raises(InputError):
        save_mapping_plan(engine, workspace.id, [], "brevduva", None)
    assert get_mapping_plan(engine, workspace.id).contact_method == "telefon"


def test_tasks(engine, workspace):
    task = add_task(engine, workspace.id, "Hämta Brå-statistik", "Anna", date(2026, 12, 1), "offentligt_material")
    set_task_status(engine, workspace.id, task.id, "done")
    assert [(t.title, t.status) for t in list_tasks(engine, workspace.id)] == [("Hämta Brå-statistik", "done")]
    with pytest.raises(InputError):
        set_task_status(engine, workspace.id, task.id, "kanske")
    with pytest.raises(InputError, match="tomt"):
        add_task(engine, workspace.id, "")
    remove_task(engine, workspace.id, task.id)
    assert list_tasks(engine, workspace.id) == []


def test_icebreaker_cards_and_draw(engine, workspace):
    import random

    deck = cards(engine, workspace.id)
    assert len(deck) == 12 and not any(c.custom for c in deck)
    add_question(engine, workspace.id, "Vad åt du till frukost?")
    deck = cards(engine, workspace.id)
    assert deck[-1].custom and deck[-1].text == "Vad åt du till frukost?"
    rng = random.Random(7)
    drawn = [draw(deck, None, rng).key for _ in range(50)]
    assert len(set(drawn)) > 6
    assert draw(deck, deck[0].key, rng).key != deck[0].key
    assert draw([], None) is None
    remove_question(engine, workspace.id, int(deck[-1].key.split(":")[1]))
    assert len(cards(engine, workspace.id)) == 12
    with pytest.raises(InputError, match="tomt"):
        add_question(engine, workspace.id, "")


def test_tasks_belong_to_any_step_and_exercise(engine):
    workspace = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    add_task(engine, workspace.id, "Kartlägg hotell", category=None)
    event = add_task(engine, workspace.id, "Boka lokal", step_key="step5", section_key="anordna_event")
    plan = add_task(engine, workspace.id, "Utbilda taxibolagen", step_key="step6", section_key="samverkansplan")
    assert [t.id for t in list_tasks(engine, workspace.id, "step5")] == [event.id]
    assert [t.id for t in list_tasks(engine, workspace.id, "step6", "samverkansplan")] == [plan.id]
    assert len(list_tasks(engine, workspace.id)) == 1  # step 2's own list is unchanged
    with pytest.raises(InputError):
        add_task(engine, workspace.id, "x", step_key="step9")
