"""Documents from the pages: minutes from a step page, the process report from the overview."""

from __future__ import annotations

import io

from docx import Document

from sff_core.demo import SECOND_SESSION
from tests.app.conftest import assert_clean


def _made(at, key):
    return at.session_state[f"{key}-made"]


def test_the_minutes_of_a_work_session_come_from_the_step_page(open_app, demo_workspace, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent")  # no chart images needed here: quicker
    at = open_app(demo_workspace.id, "pages/step_0.py")
    at.date_input(key="session_date").set_value(SECOND_SESSION).run()
    key = f"minutes-0-{SECOND_SESSION.isoformat()}"
    at.button(key=f"{key}-make").click().run()
    assert_clean(at)
    filename, data, output_format = _made(at, key)
    assert (filename, output_format) == (f"minnesanteckningar-{SECOND_SESSION.isoformat()}.docx", "docx")
    headings = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]
    assert "Teamövning: Är ni redo?" in headings
    assert at.get("download_button")  # the file is offered


def test_the_overview_makes_a_shared_process_report(open_app, demo_workspace):
    at = open_app(demo_workspace.id)
    at.selectbox(key="process-report-format").set_value("html")
    at.checkbox(key="process-report-shared").check()
    at.button(key="process-report-make").click().run()
    assert_clean(at)
    filename, data, _ = _made(at, "process-report")
    assert filename == "processrapport.html"
    assert "För delning utanför kärngruppen" in data.decode("utf-8")
    assert "Anna Exempel" not in data.decode("utf-8")
