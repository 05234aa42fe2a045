"""Steps 1–3 through AppTest: the bespoke exercises and bad input (the survey link: test_survey_page.py)."""

from datetime import date, timedelta

from sff_core.stakeholders import add_actor, load_assessments
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text


def test_icebreaker_draws_a_card(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_1.py", section="ice_breaker")
    at.button(key="icebreaker-draw").click().run()
    assert_clean(at)
    drawn = at.session_state["icebreaker_card"]
    assert drawn.startswith("content:q")


def test_demo_step_pages_show_their_charts(open_app, demo_workspace):
    step2 = open_app(demo_workspace.id, "pages/step_2.py", section="all")
    assert_clean(step2)
    assert ("Antal enkätsvar", "9") in [(m.label, str(m.value)) for m in step2.metric]  # the indicator survey's model
    assert len(step2.get("plotly_chart")) == 6  # the mind map (under both its exercises), offences, ad flow, indicator bars, heatmap
    step3 = open_app(demo_workspace.id, "pages/step_3.py", section="all")
    assert_clean(step3)
    assert len(step3.get("plotly_chart")) == 2  # levels and the influence × support matrix


def test_ad_log_shows_the_warnings_before_first_use(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_2.py", section="internet")
    assert "Kontakta din chef och IT-avdelning" in page_text(at)
    assert "Spara söktillfället" not in page_text(at)
    at.button(key="ads-ack").click().run()
    assert_clean(at)
    at.toggle(key="ads-log-open").set_value(True).run()
    assert "Spara söktillfället" in page_text(at)


def test_future_assessment_is_refused_and_the_form_keeps_its_values(open_app, empty_workspace):
    add_actor(get_engine(), empty_workspace.id, "Hotell Exempel", "naringsliv")
    at = open_app(empty_workspace.id, "pages/step_3.py", section="analys_samverkansaktorer")
    at.date_input(key="assess-date").set_value(date.today() + timedelta(days=3))
    at.text_area(key="assess-reason").set_value("De vill vara med")
    at.slider(key="assess-support").set_value(5)
    submit = [b for b in at.get("form_submit_button") if b.form_id == "assessment"][0]
    submit.click().run()
    assert_clean(at)
    assert "ligger i framtiden" in page_text(at)
    assert at.text_area(key="assess-reason").value == "De vill vara med"
    assert load_assessments(get_engine(), empty_workspace.id).empty
