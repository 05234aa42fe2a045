"""Förutsättningar för steg 6 och 7: each of the four prerequisites met and missing, checked from the data."""

from __future__ import annotations

from datetime import date

import pytest

from sff_core import ads, events, indicators, mindmap, offences, prerequisites
from sff_core.progress import set_step_status
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.stakeholders import add_actor, add_assessment
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 20)


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 6, 1), "hemlig fras")


def _item(engine, workspace, key):
    return {i.key: i for i in prerequisites.check(engine, workspace.id, "sv", TODAY).items}[key]


def test_an_empty_workspace_meets_none_and_names_what_is_missing_with_links(engine, workspace):
    checked = prerequisites.check(engine, workspace.id, "sv", TODAY)
    assert [i.key for i in checked.items] == ["steg_1_5", "kartlaggning", "kontakt_aktorer", "ledartrojan"]
    assert not checked.all_met and len(checked.unmet) == 4
    steps = checked.items[0]
    assert [m.page for m in steps.missing] == [f"pages/step_{n}.py" for n in range(1, 6)]
    assert "Steg 1 är inte markerat som klart" in steps.missing[0].text
    mapping = checked.items[1]
    assert {m.section for m in mapping.missing} == {"branscher_kontaktytor", "hitta_malgruppen", "internet", "offentligt_material"}
    assert all(m.page == "pages/step_2.py" for m in mapping.missing)
    assert checked.items[3].missing[0].section == "forutsattningar"
    assert checked.items[0].title == "Steg 1-5 har avslutats"  # the handbook's wording, from content


def test_steps_one_to_five_done(engine, workspace):
    for number in range(1, 5):
        set_step_status(engine, workspace.id, f"step{number}", "done")
    item = _item(engine, workspace, "steg_1_5")
    assert not item.met and [m.page for m in item.missing] == ["pages/step_5.py"]
    set_step_status(engine, workspace.id, "step5", "done")
    item = _item(engine, workspace, "steg_1_5")
    assert item.met and item.missing == () and "5 av 5" in item.found


def test_mapping_results_present(engine, workspace):
    answers = dict.fromkeys([k for keys in indicators.categories().values() for k in keys], 3)
    indicators.save_survey(engine, workspace.id, "Hotell Ystad", "hotell", TODAY, "traff", answers, today=TODAY)
    mindmap.add_node(engine, workspace.id, "group", "Unga i utsatthet")
    item = _item(engine, workspace, "kartlaggning")
    assert not item.met and {m.section for m in item.missing} == {"internet", "offentligt_material"}
    ads.record_observation(engine, workspace.id, ads.Observation(TODAY, "site-a", 4, {}, {}), today=TODAY)
    offences.set_counts(engine, workspace.id, 2025, {"koppleri": 3}, today=TODAY)
    item = _item(engine, workspace, "kartlaggning")
    assert item.met and item.missing == ()


def test_contacts_by_a_recent_assessment_or_an_answered_invitation(engine, workspace):
    actor = add_actor(engine, workspace.id, "Hotell Ystad", "hotell")
    add_assessment(engine, workspace.id, actor.id, date(2025, 10, 1), 3, 4, today=TODAY)  # more than a year ago
    item = _item(engine, workspace, "kontakt_aktorer")
    assert not item.met and [m.page for m in item.missing] == ["pages/step_3.py", "pages/step_5.py"]
    add_assessment(engine, workspace.id, actor.id, date(2026, 9, 1), 3, 4, today=TODAY)
    assert _item(engine, workspace, "kontakt_aktorer").met


def test_contacts_by_an_answered_invitation(engine, workspace):
    actor = add_actor(engine, workspace.id, "Polisen Ystad", "polis")
    event = events.save_event(engine, workspace.id, "Nätverksträff", date(2026, 12, 10), "Stadshuset", "Starta nätverket", 180)
    events.invite(engine, workspace.id, event.id, [actor.id])
    assert not _item(engine, workspace, "kontakt_aktorer").met
    invitee = events.list_invitees(engine, workspace.id, event.id)[0]
    events.record_answer(engine, workspace.id, invitee.id, True, True, None, TODAY)
    item = _item(engine, workspace, "kontakt_aktorer")
    assert item.met and "1 besvarade" in item.found


def test_the_core_groups_own_yes_and_a_later_not_yet(engine, workspace):
    assert not _item(engine, workspace, "ledartrojan").met
    save_answers(engine, workspace.id, "step6", "forutsattningar", GROUP, date(2026, 11, 1), {"ledartrojan": Answer(value_bool=True)})
    assert _item(engine, workspace, "ledartrojan").met
    save_answers(engine, workspace.id, "step6", "forutsattningar", GROUP, date(2026, 11, 15), {"ledartrojan": Answer(value_bool=False)})
    assert not _item(engine, workspace, "ledartrojan").met  # the latest word counts
