"""Step 5 'Anordna ett event': the event, checklist, invitees, the funnel and the network participants."""

from datetime import date, timedelta

import pytest

from sff_core import events
from sff_core.errors import InputError
from sff_core.members import add_member
from sff_core.outputs import charts
from sff_core.stakeholders import add_actor
from sff_core.workspaces import create_workspace


@pytest.fixture
def event(engine, workspace):
    return events.save_event(engine, workspace.id, "Nätverksträff", date(2026, 12, 10), "Stadshuset", "Starta nätverket", 180)


def test_event_with_agenda_and_checklist(engine, workspace, event):
    member = add_member(engine, workspace.id, "Anna", "Polisen", "polis")
    events.add_agenda_item(engine, workspace.id, event.id, "Välkommen", member.id, 10)
    events.add_agenda_item(engine, workspace.id, event.id, "Kartläggningen just nu", None, 30)
    agenda = events.list_agenda(engine, workspace.id, event.id)
    assert [(a.position, a.title, a.member) for a in agenda] == [(1, "Välkommen", "Anna"), (2, "Kartläggningen just nu", "")]
    keys = events.checklist_keys()
    assert len(keys) == 10 and keys[0] == "lokal" and keys[-1] == "forfragan"
    events.save_check_item(engine, workspace.id, event.id, "lokal", "Anna", event.created_on + timedelta(days=5), "doing")
    events.save_check_item(engine, workspace.id, event.id, "lokal", "Anna", event.created_on + timedelta(days=6), "done")
    items = {c.key: c for c in events.checklist(engine, workspace.id, event.id)}
    assert items["lokal"].status == "done" and items["fika"].status == "todo" and len(items) == 10
    changed = events.save_event(engine, workspace.id, "Nätverksträff", date(2026, 12, 11), event_id=event.id)
    assert changed.id == event.id and changed.event_date == date(2026, 12, 11) and len(events.list_events(engine, workspace.id)) == 1


def test_bad_event_input_is_refused(engine, workspace, event):
    with pytest.raises(InputError, match="får inte vara tomt"):
        events.save_event(engine, workspace.id, " ", date(2026, 12, 10))
    with pytest.raises(InputError, match="för långt"):
        events.save_event(engine, workspace.id, "Träff", date(2026, 12, 10), purpose="x" * 10_000)
    with pytest.raises(InputError, match="före den dag eventet lades upp"):
        events.save_check_item(engine, workspace.id, event.id, "lokal", "Anna", event.created_on - timedelta(days=1))
    with pytest.raises(InputError, match="inte tillåtet"):
        events.save_check_item(engine, workspace.id, event.id, "ingen_sådan_punkt")
    assert events.checklist(engine, workspace.id, event.id)[0].deadline is None


def test_invitees_funnel_and_network_participants(engine, workspace, event):
    hotel = add_actor(engine, workspace.id, "Hotell Exempel", "naringsliv")
    police = add_actor(engine, workspace.id, "Polisen", "polis")
    social = add_actor(engine, workspace.id, "Socialtjänsten", "socialtjanst")
    assert events.invite(engine, workspace.id, event.id, [hotel.id, police.id, social.id, hotel.id]) == 3
    assert events.invite(engine, workspace.id, event.id, [hotel.id]) == 0
    by_name = {i.organisation: i for i in events.list_invitees(engine, workspace.id, event.id)}
    events.remind(engine, workspace.id, by_name["Hotell Exempel"].id)
    joined = events.record_answer(engine, workspace.id, by_name["Hotell Exempel"].id, True, True, False)
    assert joined is not None and joined.organisation == "Hotell Exempel" and joined.joined_on == event.event_date
    assert events.record_answer(engine, workspace.id, by_name["Polisen"].id, False, None, None) is None
    with pytest.raises(InputError, match="Hotell Exempel har redan svarat"):
        events.record_answer(engine, workspace.id, by_name["Hotell Exempel"].id, False, False, False)
    with pytest.raises(InputError, match="behöver ingen påminnelse"):
        events.remind(engine, workspace.id, by_name["Polisen"].id)
    invitees = events.list_invitees(engine, workspace.id, event.id)
    assert {i.organisation: i.join_network for i in invitees}["Hotell Exempel"] is True  # the second answer changed nothing
    counts = events.funnel_counts(invitees)
    assert counts == {"invited": 3, "reminded": 2, "answered": 2, "join_network": 1}
    asks = events.answers_table(invitees).set_index("ask")
    assert (asks.loc["join_network", "yes"], asks.loc["join_network", "no"], asks.loc["shape_work", "open"]) == (1, 1, 1)
    assert [p.organisation for p in events.list_participants(engine, workspace.id)] == ["Hotell Exempel"]
    labels = {k: k for k in events.FUNNEL_STAGES}
    figure = charts.invitation_funnel(counts, labels)
    assert list(figure.data[0].x) == [3, 2, 2, 1]


def test_answers_need_one_ask_and_belong_to_the_workspace(engine, workspace, event):
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    actor = add_actor(engine, workspace.id, "Hotell Exempel", "naringsliv")
    events.invite(engine, workspace.id, event.id, [actor.id])
    invitee = events.list_invitees(engine, workspace.id, event.id)[0]
    with pytest.raises(InputError, match="minst en"):
        events.record_answer(engine, workspace.id, invitee.id, None, None, None)
    with pytest.raises(InputError, match="finns inte"):
        events.record_answer(engine, other.id, invitee.id, True, True, True)
    with pytest.raises(InputError, match="finns inte"):
        events.invite(engine, other.id, event.id, [actor.id])
    assert events.list_invitees(engine, workspace.id, event.id)[0].status == "invited"


def test_an_event_planned_in_the_past_takes_deadlines_from_that_day_on(engine, workspace):
    """`planned_on` (the demo's story) dates the event's creation; never in the future, ignored on a change."""
    planned = date.today() - timedelta(days=60)
    past = events.save_event(engine, workspace.id, "Nätverksträff", date.today() - timedelta(days=10), planned_on=planned)
    assert past.created_on == planned
    events.save_check_item(engine, workspace.id, past.id, "lokal", "Anna", planned + timedelta(days=7), "done")
    with pytest.raises(InputError, match="före den dag eventet lades upp"):
        events.save_check_item(engine, workspace.id, past.id, "lokal", "Anna", planned - timedelta(days=1))
    with pytest.raises(InputError) as refused:
        events.save_event(engine, workspace.id, "Träff", date.today(), planned_on=date.today() + timedelta(days=1))
    assert refused.value.field == "planned_on"
    changed = events.save_event(engine, workspace.id, "Nätverksträff", past.event_date, event_id=past.id, planned_on=date.today())
    assert changed.created_on == planned
