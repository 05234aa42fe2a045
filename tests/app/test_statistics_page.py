"""Nätverksstatistik through AppTest: demo data, the incident form's personal-data guard, the wall, imports."""

import io
import json

import openpyxl

from sff_core import statistics as stats
from sff_core.demo import LOGGED
from sff_core.offences import load_counts, set_counts
from sff_core.store.db import get_engine
from sff_core.ui.statistics_page import pending_import_key
from tests.app.conftest import assert_clean, page_text


def test_demo_statistics_show_sources_and_charts(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/statistics.py")
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 5  # series, funnel, change, by form, by sector
    table = at.dataframe[0].value
    sources = dict(zip(table["År"], table["Källa"], strict=True))
    latest = max(LOGGED)  # the year so far: preliminary (*)
    assert sources["2017"] == "Inmatade årssiffror" and sources[f"{latest}*"] == "Incidentloggen"
    assert sources[str(latest - 1)] == "Incidentloggen"


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


# --- Imports: a preview first, writing only on the button --------------------------------------------
# AppTest cannot upload a file, so the tests put the file where the page keeps it between reruns
# (st.session_state[pending_import_key(...)] = {"name", "data"}), as the uploader does.


def _preview_table(at):
    tables = [t.value for t in at.dataframe if "Blir" in t.value.columns]
    return tables[0].values.tolist() if tables else None


def _open_with_file(open_app, workspace, data, name="statistik.csv", **query):
    at = open_app(workspace.id, "pages/statistics.py", **query)
    at.session_state[pending_import_key("stat", workspace.id)] = {"name": name, "data": data}
    if query.get("projector"):
        return at.run()
    return at.toggle(key="stat-year-open").set_value(True).run()


def test_an_import_shows_what_changes_and_writes_only_on_the_button(open_app, empty_workspace):
    engine = get_engine()
    stats.set_year(engine, empty_workspace.id, 2022, {"incidents": 15, "persons": 12}, preliminary=True)
    at = _open_with_file(open_app, empty_workspace, "år;incidenter;personer\n2022;16;12\n2023;3;\n".encode())
    assert_clean(at)
    shown = page_text(at)
    assert "Det här ändras" in shown and "statistik.csv" in shown
    assert _preview_table(at) == [["2022", "Incidenter", "15", "16"], ["2023", "Incidenter", "–", "3"]]
    assert "1 värde i filen är redan sparat och ändras inte." in shown
    assert stats.load_manual(engine, empty_workspace.id)["incidents"].tolist() == [15]  # nothing written yet
    at.toggle(key="stat-log-open").set_value(True).run()  # another rerun: the file is still there
    assert _preview_table(at) is not None
    at.button(key="stat-import-apply").click().run()
    assert_clean(at)
    assert "2 ändringar importerade." in page_text(at) and _preview_table(at) is None
    stored = stats.load_manual(engine, empty_workspace.id).set_index("year")
    assert stored.loc[2022, ["incidents", "persons"]].tolist() == [16, 12] and bool(stored.loc[2022, "preliminary"])
    assert stored.loc[2023, "incidents"] == 3
    assert pending_import_key("stat", empty_workspace.id) not in at.session_state


def test_an_import_refused_after_someone_else_saved_shows_the_new_state(open_app, empty_workspace):
    engine = get_engine()
    stats.set_year(engine, empty_workspace.id, 2022, {"incidents": 15})
    at = _open_with_file(open_app, empty_workspace, "år;incidenter\n2022;16\n".encode())
    assert _preview_table(at) == [["2022", "Incidenter", "15", "16"]]
    stats.set_year(engine, empty_workspace.id, 2022, {"incidents": 20})  # another browser saves
    at.button(key="stat-import-apply").click().run()
    assert_clean(at)
    assert "Någon har sparat andra värden sedan du förhandsgranskade filen (2022 incidenter)" in page_text(at)
    assert _preview_table(at) == [["2022", "Incidenter", "20", "16"]]  # the preview made again
    assert stats.load_manual(engine, empty_workspace.id)["incidents"].tolist() == [20]
    at.button(key="stat-import-apply").click().run()
    assert "1 ändring importerad." in page_text(at)
    assert stats.load_manual(engine, empty_workspace.id)["incidents"].tolist() == [16]


def test_cancel_a_file_that_changes_nothing_and_a_file_with_a_formula(open_app, empty_workspace):
    engine = get_engine()
    stats.set_year(engine, empty_workspace.id, 2022, {"incidents": 15})
    at = _open_with_file(open_app, empty_workspace, "år;incidenter;personer\n2022;15;\n".encode())
    assert "Filen ändrar ingenting" in page_text(at)
    assert [b.key for b in at.button if b.key == "stat-import-apply"] == []
    at.button(key="stat-import-cancel").click().run()
    assert_clean(at)
    assert "Det här ändras" not in page_text(at) and pending_import_key("stat", empty_workspace.id) not in at.session_state

    book = openpyxl.Workbook()
    for row in (["år", "incidenter"], [2022, "=B1+1"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    at = _open_with_file(open_app, empty_workspace, buffer.getvalue(), name="stat.xlsx")
    assert_clean(at)
    assert "Cell B2 (incidenter) innehåller en formel." in page_text(at)
    assert stats.load_manual(engine, empty_workspace.id)["incidents"].tolist() == [15]


def test_no_import_on_the_wall(open_app, demo_workspace):
    at = _open_with_file(open_app, demo_workspace, "år;incidenter\n2018;1\n".encode(), projector="1")
    assert_clean(at)
    assert "Det här ändras" not in page_text(at) and _preview_table(at) is None


def test_offences_import_in_step_2_previews_then_writes(open_app, empty_workspace):
    engine = get_engine()
    set_counts(engine, empty_workspace.id, 2023, {"manniskohandel": 1, "koppleri": 3})
    at = open_app(empty_workspace.id, "pages/step_2.py", section="offentligt_material")
    at.session_state[pending_import_key("off", empty_workspace.id)] = {
        "name": "brå.csv",
        "data": "år;Människohandel;koppleri\n2023;2;\n2024;;1\n".encode(),
    }
    at.toggle(key="offences-open").set_value(True).run()
    assert_clean(at)
    assert _preview_table(at) == [["2023", "Människohandel", "1", "2"], ["2024", "Koppleri (inkl. grovt koppleri)", "–", "1"]]
    assert load_counts(engine, empty_workspace.id)["count"].tolist() == [3, 1]  # nothing written yet
    at.button(key="off-import-apply").click().run()
    assert_clean(at)
    assert "2 ändringar importerade." in page_text(at)
    stored = {(r.year, r.category): r.count for r in load_counts(engine, empty_workspace.id).itertuples()}
    assert stored == {(2023, "manniskohandel"): 2, (2023, "koppleri"): 3, (2024, "koppleri"): 1}
