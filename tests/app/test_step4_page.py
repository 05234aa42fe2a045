"""Step 4 through AppTest: the knowledge bank, the research round, the continuation and subscriptions."""

from datetime import date

from sff_core import knowledge
from sff_core.members import list_members
from sff_core.room import get_room
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

SECTIONS = ("samla_in", "hall_er_uppdaterade", "samla_in_fortsattning", "all")


def _submit(at, form_id):
    return next(b for b in at.get("form_submit_button") if b.form_id == form_id)


def test_every_step4_view_empty_and_demo(open_app, empty_workspace, demo_workspace):
    for workspace in (empty_workspace, demo_workspace):
        for section in SECTIONS:
            at = open_app(workspace.id, "pages/step_4.py", section=section)
            assert_clean(at)
            for projector in ("1",):
                wall = open_app(workspace.id, "pages/step_4.py", section=section, projector=projector)
                assert_clean(wall)
    demo = open_app(demo_workspace.id, "pages/step_4.py", section="samla_in")
    shown = page_text(demo)
    assert "Uppdelning av fokusområden" in shown and "Kunskapsbanken" in shown
    assert [m.value for m in demo.metric if m.label == "Poster i kunskapsbanken"] == ["5"]  # the results model's bank
    assert "Visar 5 av 5 poster." not in shown  # the search answers only once something is searched for
    subs = open_app(demo_workspace.id, "pages/step_4.py", section="hall_er_uppdaterade")
    assert "Gruppens bevakningar och nyhetsbrev" in page_text(subs)


def test_search_and_filters_narrow_the_bank(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_4.py", section="samla_in")
    at.text_input(key="kb-search").set_value("migrationsverket").run()
    assert_clean(at)
    assert "Visar 1 av 5 poster." in page_text(at)
    at.text_input(key="kb-search").set_value("").run()
    at.checkbox(key="kb-review").check().run()
    assert "Visar 1 av 5 poster." in page_text(at)  # the course added in 2025 is due for review


def test_bad_link_and_empty_title_are_refused_and_nothing_typed_is_lost(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_4.py", section="samla_in")
    at.text_input(key="kb-title").set_value("Skadlig länk")
    at.text_input(key="kb-url").set_value("javascript:alert(1)")
    at.text_area(key="kb-summary").set_value("Viktig sammanfattning")
    _submit(at, "kb-add").click().run()
    assert_clean(at)
    assert "https://" in page_text(at) and "går inte att spara" in page_text(at)
    assert at.text_area(key="kb-summary").value == "Viktig sammanfattning"
    at.text_input(key="kb-title").set_value("   ")
    at.text_input(key="kb-url").set_value("https://www.lansstyrelsen.se")
    _submit(at, "kb-add").click().run()
    assert "får inte vara tomt" in page_text(at)
    assert knowledge.list_items(get_engine(), empty_workspace.id) == []
    at.text_input(key="kb-title").set_value("Länsstyrelsen")
    _submit(at, "kb-add").click().run()
    assert_clean(at)
    assert [i.url for i in knowledge.list_items(get_engine(), empty_workspace.id)] == ["https://www.lansstyrelsen.se"]


def test_the_research_timer_goes_to_the_wall(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_4.py", section="samla_in")
    at.text_input(key="split-who-samla_in").set_value("Anna och Erik")
    _submit(at, "split-add-samla_in").click().run()
    assert_clean(at)
    assert [t.title for t in knowledge.assignments(get_engine(), empty_workspace.id, "samla_in")] == ["Brottsoffrens rättigheter"]
    at.slider(key="research-minutes-samla_in").set_value(40)
    _submit(at, "research-timer-samla_in").click().run()
    assert_clean(at)
    room = get_room(get_engine(), empty_workspace.id)
    assert room.exercise == ("step4", "samla_in") and room.timer.seconds == 40 * 60 and room.timer.running


def test_continuation_keeps_the_split_with_the_common_deadline(open_app, empty_workspace):
    knowledge.add_assignment(get_engine(), empty_workspace.id, "samla_in", "Migration", "Sara")
    at = open_app(empty_workspace.id, "pages/step_4.py", section="samla_in_fortsattning")
    at.date_input(key="split-common-deadline").set_value(date(2027, 1, 15))
    _submit(at, "split-continue").click().run()
    assert_clean(at)
    kept = knowledge.assignments(get_engine(), empty_workspace.id, "samla_in_fortsattning")
    assert [(t.title, t.owner, t.deadline) for t in kept] == [("Migration", "Sara", date(2027, 1, 15))]


def test_two_browsers_editing_one_item(open_app, demo_workspace):
    engine = get_engine()
    item = knowledge.list_items(engine, demo_workspace.id)[0]
    at = open_app(demo_workspace.id, "pages/step_4.py", section="samla_in")
    assert at.selectbox(key="kb-edit-pick").value == item.id
    prefix = f"kb-edit-{item.id}"
    at.text_area(key=f"{prefix}-summary").set_value("Min version")
    knowledge.update_item(engine, demo_workspace.id, item.id, {"summary": "Någon annans version"})
    _submit(at, f"{prefix}-form").click().run()
    assert_clean(at)
    assert "Någon annan har sparat" in page_text(at)
    assert knowledge.list_items(engine, demo_workspace.id)[0].summary == "Någon annans version"
    assert at.text_area(key=f"{prefix}-summary").value == "Min version"


def test_subscription_needs_a_responsible_member(open_app, demo_workspace):
    before = len(knowledge.list_subscriptions(get_engine(), demo_workspace.id))
    member = list_members(get_engine(), demo_workspace.id)[0].name
    at = open_app(demo_workspace.id, "pages/step_4.py", section="hall_er_uppdaterade")
    at.selectbox(key="kb-sub-title").set_value("Jämställdhetsmyndighetens nyhetsbrev")
    _submit(at, "kb-subscribe").click().run()
    assert "får inte vara tomt" in page_text(at)
    assert len(knowledge.list_subscriptions(get_engine(), demo_workspace.id)) == before
    assert at.selectbox(key="kb-sub-title").value == "Jämställdhetsmyndighetens nyhetsbrev"  # kept after the refusal
    at.selectbox(key="kb-sub-responsible").set_value(member)
    _submit(at, "kb-subscribe").click().run()
    assert_clean(at)
    added = knowledge.list_subscriptions(get_engine(), demo_workspace.id)[-1]
    assert (added.title, added.responsible) == ("Jämställdhetsmyndighetens nyhetsbrev", member)


def test_the_wall_shows_the_research_round_with_its_timer_and_no_forms(open_app, demo_workspace):
    knowledge.start_research_timer(get_engine(), demo_workspace.id, "samla_in", 30)
    wall = open_app(demo_workspace.id, "pages/wall.py", projector="1")
    assert_clean(wall)
    shown = page_text(wall)
    assert "Steg 4" in shown and "Uppdelning av fokusområden" in shown
    assert any(m.label.startswith("Tid kvar") for m in wall.metric)
    assert not wall.text_input and not wall.text_area and not wall.date_input
    assert "Hittad av" not in shown  # names stay off the wall
