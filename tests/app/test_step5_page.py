"""Step 5 through AppTest: the start-up event, empty and with the demo workspace, and bad input."""

from datetime import date

from sff_core import events
from sff_core.stakeholders import add_actor
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text


def _submit(at, form_id):
    [button] = [b for b in at.get("form_submit_button") if b.form_id == form_id]
    button.click().run()


def test_empty_step5_creates_the_event_and_keeps_bad_input(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_5.py", section="anordna_event")
    assert_clean(at)
    assert "Inget event är upplagt ännu" in page_text(at)
    at.text_input(key="event-title").set_value(" ")
    at.date_input(key="event-date").set_value(date(2026, 12, 10))
    at.text_area(key="event-purpose").set_value("Starta nätverket")
    _submit(at, "event-form")
    assert_clean(at)
    assert "får inte vara tomt" in page_text(at)
    assert at.text_area(key="event-purpose").value == "Starta nätverket"
    at.text_input(key="event-title").set_value("Nätverksträff")
    _submit(at, "event-form")
    assert_clean(at)
    [event] = events.list_events(get_engine(), empty_workspace.id)
    assert event.purpose == "Starta nätverket"


def test_an_organisation_answering_twice_is_told(open_app, empty_workspace):
    engine = get_engine()
    event = events.save_event(engine, empty_workspace.id, "Nätverksträff", date(2026, 12, 10))
    actor = add_actor(engine, empty_workspace.id, "Hotell Exempel", "naringsliv")
    events.invite(engine, empty_workspace.id, event.id, [actor.id])
    invitee = events.list_invitees(engine, empty_workspace.id, event.id)[0]
    at = open_app(empty_workspace.id, "pages/step_5.py", section="anordna_event")
    at.segmented_control(key=f"event-ask-join_network-{invitee.id}").set_value("yes")
    events.record_answer(engine, empty_workspace.id, invitee.id, False, False, False)  # another browser answered first
    _submit(at, f"event-answer-{invitee.id}")
    assert_clean(at)
    assert "Hotell Exempel har redan svarat" in page_text(at)
    assert events.list_participants(engine, empty_workspace.id) == []


def test_demo_step5_shows_the_event_and_its_funnel(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_5.py", section="all")
    assert_clean(at)
    text = page_text(at)
    tables = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert "Nätverksträff mot människohandel" in tables and "Hotell" in tables
    assert "Nätverkets deltagare" in text
    assert len(at.get("plotly_chart")) >= 1
    wall = open_app(demo_workspace.id, "pages/step_5.py", section="anordna_event", projector="1")
    assert_clean(wall)


def test_role_description_editor_saves_and_shows_the_example(open_app, empty_workspace):
    from sff_core import coordination

    at = open_app(empty_workspace.id, "pages/step_5.py", section="rollbeskrivning_natverket")
    assert_clean(at)
    assert "Exempel från Helsingborg" in page_text(at)
    at.text_area(key="role-network-syfte").set_value("Vårt syfte")
    at.text_area(key="role-network-delmal").set_value("Kartläggning\nHandlingsplan")
    _submit(at, "role-form-network")
    assert_clean(at)
    role = coordination.get_role(get_engine(), empty_workspace.id, coordination.NETWORK)
    assert role.sections["syfte"] == "Vårt syfte" and role.sections["delmal"] == ["Kartläggning", "Handlingsplan"]
    at.button(key="role-doc-network-docx-make").click().run()
    assert_clean(at)


def test_role_description_saved_by_two_browsers_the_second_is_told(open_app, empty_workspace):
    from sff_core import coordination

    engine = get_engine()
    first = open_app(empty_workspace.id, "pages/step_5.py", section="rollbeskrivning_natverket")
    second = open_app(empty_workspace.id, "pages/step_5.py", section="rollbeskrivning_natverket")
    first.text_area(key="role-network-beslut").set_value("Beslut tas löpande.")
    _submit(first, "role-form-network")
    second.text_area(key="role-network-beslut").set_value("Beslut tas på möten.")
    _submit(second, "role-form-network")
    assert_clean(second)
    assert "Inget av det du skrev är sparat" in page_text(second)
    assert second.text_area(key="role-network-beslut").value == "Beslut tas på möten."
    assert coordination.get_role(engine, empty_workspace.id, coordination.NETWORK).sections["beslut"] == "Beslut tas löpande."


def test_communication_plan_and_flyer_forms(open_app, empty_workspace):
    from sff_core import coordination

    at = open_app(empty_workspace.id, "pages/step_5.py", section="motivation_kommunikation")
    assert_clean(at)
    sector = at.selectbox(key="plan-sector").value
    at.text_area(key=f"plan-{sector}-key_message").set_value("Ni ser det vi inte ser.")
    _submit(at, f"plan-form-{sector}")
    assert_clean(at)
    assert coordination.communication_plan(get_engine(), empty_workspace.id)[0].key_message == "Ni ser det vi inte ser."
    tables = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert "Ni ser det vi inte ser." in tables
    events.save_event(get_engine(), empty_workspace.id, "Nätverksträff", date(2026, 12, 10))
    at = open_app(empty_workspace.id, "pages/step_5.py", section="anordna_event")
    first = coordination.text_sections(coordination.FLYER)[0]
    at.text_area(key=f"role-flyer-{first}").set_value("Människohandel finns här också.")
    _submit(at, "role-form-flyer")
    assert_clean(at)
    at.button(key="flyer-doc-docx-make").click().run()
    assert_clean(at)
    assert coordination.get_role(get_engine(), empty_workspace.id, coordination.FLYER).sections[first] == "Människohandel finns här också."


# --- The mapping snapshot (checklist point 4) and step 3's collaboration levels (helper B) -------------


def test_snapshot_and_levels_empty(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_5.py")
    assert_clean(at)
    assert "Samverkansnivåer från steg 3, övning 2" in page_text(at)
    assert "Inga samverkansnivåer är satta ännu i steg 3." in page_text(at)
    wall = open_app(empty_workspace.id, "pages/step_5.py", section="anordna_event", projector="1", view="kartlaggning")
    assert_clean(wall)
    assert "Steg 2 har inga resultat att visa ännu" in page_text(wall)
    assert not wall.get("selectbox") and not wall.button  # no app controls on the snapshot


def test_snapshot_and_levels_with_the_demo(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_5.py", section="anordna_event")
    assert_clean(at)
    assert "Punkt 4: Dela kartläggningsarbetet" in page_text(at)
    assert len([c for c in at.get("plotly_chart")]) >= 2  # the funnel and the levels beside the tip / in the exercise
    at.toggle(key="snapshot-preview").set_value(True).run()
    assert_clean(at)
    assert "Målgrupper och kontaktytor" in page_text(at)
    wall = open_app(demo_workspace.id, "pages/step_5.py", section="anordna_event", projector="1", view="kartlaggning")
    assert_clean(wall)
    assert "Kartläggningen i Exempelstad – en ögonblicksbild" in page_text(wall)
    assert len(wall.get("plotly_chart")) == 3
    for section in ("samordningsfunktion", "rollbeskrivning_natverket"):
        page = open_app(demo_workspace.id, "pages/step_5.py", section=section)
        assert_clean(page)
        assert "Samverkansnivåer från steg 3, övning 2" in page_text(page)
