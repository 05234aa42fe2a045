"""Nätverksstatistik through AppTest: demo data, the incident form's personal-data guard, the wall."""

import json

from sff_core import statistics as stats
from sff_core.db import get_engine
from tests.app.conftest import assert_clean, page_text


def test_demo_statistics_show_sources_and_charts(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/statistics.py")
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 5  # series, funnel, change, by form, by sector
    table = at.dataframe[0].value
    sources = dict(zip(table["År"], table["Källa"], strict=True))
    assert sources["2017"] == "Inmatade årssiffror" and sources["2025*"] == "Incidentloggen"


def test_personal_data_in_an_incident_is_refused_and_the_form_keeps_it(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/statistics.py")
    at.toggle(key="stat-log-open").set_value(True).run()
    at.text_input(key="inc-note").set_value("tips om 19850101-1234")
    at.number_input(key="inc-persons").set_value(2)
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert "verkar innehålla ett personnummer" in page_text(at)
    assert at.text_input(key="inc-note").value == "tips om 19850101-1234"
    assert stats.load_log_yearly(get_engine(), empty_workspace.id).empty
    at.text_input(key="inc-note").set_value("tips från hotell")
    at.number_input(key="inc-talks").set_value(5)
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert "Incidenten är registrerad." in page_text(at)
    assert "fler stödsamtal än dokumenterade personer" in page_text(at)
    assert stats.load_log_yearly(get_engine(), empty_workspace.id)["incidents"].tolist() == [1]


def test_the_wall_hides_small_counts(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/statistics.py", projector="1")
    assert_clean(at)
    assert "Tal under 3 visas inte här." in page_text(at)
    assert not at.toggle  # no editing on the wall
    by_form = json.loads(at.get("plotly_chart")[3].proto.spec)
    plotted = [v for trace in by_form["data"] for v in trace["y"]]
    assert None in plotted and not any(v is not None and 0 < v < 3 for v in plotted)
