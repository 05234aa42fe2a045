"""Step 7 through AppTest: the ambition levels and the routine, empty and with the demo workspace, bad
input keeping what was typed, a stale form told, and the wall showing charts without forms."""

import json
import re

from sff_core import routine
from sff_core.stakeholders import add_actor
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text


def _submit(at, form_id):
    [button] = [b for b in at.get("form_submit_button") if b.form_id == form_id]
    button.click().run()


def test_empty_step7_pages(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_7.py", section="rutin")
    assert_clean(at)
    text = page_text(at)
    assert "Ingen rutin ännu" in text and "Lägg först till aktörerna i steg 3" in text
    levels = open_app(empty_workspace.id, "pages/step_7.py", section="utvecklingsnivaer")
    assert_clean(levels)
    assert "Den reaktiva mottagaren" in page_text(levels)  # the handbook's levels beside the exercise
    assert levels.selectbox(key=[k for k in levels.session_state if str(k).endswith("-hantering-org")][0]) is not None


def test_a_step_without_actor_keeps_what_was_typed_and_the_example_loads(open_app, empty_workspace):
    engine = get_engine()
    police = add_actor(engine, empty_workspace.id, "Lokalpolisområde Ystad", "polis")
    add_actor(engine, empty_workspace.id, "Frälsningsarmén Ystad", "ideburen")
    at = open_app(empty_workspace.id, "pages/step_7.py", section="rutin")
    at.text_input(key="routine-new-title").set_value("Ring polisen vid misstanke")
    at.text_input(key="routine-new-contact").set_value("Polisens fokusgrupp, 114 14")
    _submit(at, "routine-add")
    assert_clean(at)
    assert "behöver en ansvarig aktör" in page_text(at)
    assert at.text_input(key="routine-new-contact").value == "Polisens fokusgrupp, 114 14"
    assert routine.get_routine(engine, empty_workspace.id).steps == ()
    at.selectbox(key="routine-new-actor_id").set_value(police.id)
    at.text_input(key="routine-new-contact").set_value("Anna Berg 070-123 45 67")
    _submit(at, "routine-add")
    assert "leda till en privatperson" in page_text(at)
    at.text_input(key="routine-new-contact").set_value("Polisens fokusgrupp, 114 14")
    _submit(at, "routine-add")
    assert_clean(at)
    [step] = routine.get_routine(engine, empty_workspace.id).steps
    assert (step.title, step.actor) == ("Ring polisen vid misstanke", "Lokalpolisområde Ystad")
    routine.remove_step(engine, empty_workspace.id, step.id)
    at = open_app(empty_workspace.id, "pages/step_7.py", section="rutin")
    _submit(at, "routine-example")
    assert_clean(at)
    assert [s.title for s in routine.get_routine(engine, empty_workspace.id).steps][0] == "Ring polisen vid misstanke"


def test_a_stale_step_form_is_told(open_app, demo_workspace):
    engine = get_engine()
    info = routine.get_routine(engine, demo_workspace.id)
    first = info.steps[0]
    at = open_app(demo_workspace.id, "pages/step_7.py", section="rutin")
    prefix = f"routine-step-{first.id}"
    at.text_input(key=f"{prefix}-contact").set_value("Polisen 114 14")
    routine.update_step(engine, demo_workspace.id, first.id, {"contact": "Polisens växel 114 14"}, loaded=first.fields())  # another browser
    _submit(at, f"{prefix}-form")
    assert_clean(at)
    text = page_text(at)
    assert "Polisens växel 114 14" in text and "Polisen 114 14" in text  # both shown to choose from
    assert routine.get_routine(engine, demo_workspace.id).steps[0].contact == "Polisens växel 114 14"
    assert at.text_input(key=f"{prefix}-contact").value == "Polisen 114 14"  # nothing typed is lost


def test_demo_step7_shows_ambition_routine_versions_and_cards(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_7.py", section="all")
    assert_clean(at)
    text = page_text(at)
    specs = "\n".join(chart.proto.spec for chart in at.get("plotly_chart"))
    assert "n = 12" in specs and "Den reaktiva mottagaren" in specs
    assert "Ändrat sedan den överenskomna versionen" in text and "socialjouren (exempel) dygnet runt" in text
    assert "Steg 3 dokumenterar incidenten" in text
    assert len(at.get("plotly_chart")) >= 2  # the distributions and the flowchart
    tables = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert "Socialtjänsten (exempel)" in tables and "Hotell" not in tables  # per organisation only from three answers
    boxes = " ".join(
        re.sub(r"<[^>]+>", " ", str(a.get("text") or ""))
        for chart in at.get("plotly_chart")
        for a in json.loads(chart.proto.spec)["layout"].get("annotations", [])
    )
    assert "misstanke" in boxes and "Kvinnojouren" in boxes and "Lokalpolisområdet" in boxes  # the flowchart's boxes
    [make] = [b for b in at.button if b.key == "routine-card-pdf-A4-make"]
    make.click().run()
    assert_clean(at)
    assert at.session_state["routine-card-pdf-A4"][:4] == b"%PDF"


def test_the_wall_shows_the_flowchart_and_the_distributions_without_forms(open_app, demo_workspace):
    for section in ("rutin", "utvecklingsnivaer"):
        wall = open_app(demo_workspace.id, "pages/step_7.py", section=section, projector="1")
        assert_clean(wall)
        assert len(wall.get("plotly_chart")) == 1
        assert not wall.get("form_submit_button") and not wall.text_input and not wall.text_area


def test_avslutning_shows_its_feedback_links(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_7.py", section="avslutning")
    assert_clean(at)
    text = page_text(at)
    assert "(https://fralsningsarmen.se/manniskohandel)" in text
    assert "[Maila feedback till Stad för stad](mailto:stadforstad@fralsningsarmen.se)" in text
