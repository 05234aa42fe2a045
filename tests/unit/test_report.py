"""Reports: the minutes, step and process reports of the demo workspace in Word, PDF and HTML.

The Word file opens with python-docx and has every exercise heading and one image per chart; the
PDF has the same headings (text extracted with pypdf); the HTML is one offline file with every
chart; the shared level carries no member name, no small count and no advertisement site.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from sff_core.demo import SECOND_SESSION
from sff_core.members import list_members
from sff_core.outputs import report, report_render
from sff_core.outputs.sharing import SharingLevel, sharing_level
from tests.conftest import skip_or_fail

DEMO_SESSION = SECOND_SESSION  # the demo's consensus session (step 0)


@pytest.fixture
def demo(engine, load_demo):
    return load_demo(engine)


@pytest.fixture
def needs_chromium():
    from pathlib import Path

    if not Path(report_render.DEFAULT_BROWSER).exists():
        skip_or_fail("Chromium is not installed at /usr/bin/chromium (chart images)")


def _headings(built: report.Report) -> list[str]:
    return [part.heading for part in built.parts]


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_minutes_hold_the_days_exercises_in_handbook_order_with_tasks(engine, demo):
    minutes = report.minutes(engine, demo.id, DEMO_SESSION, sharing_level(engine, demo.id, False))
    headings = _headings(minutes)
    assert headings[0] == "Steg 0: Borde vi börja? Hur börjar vi?"
    assert "Teamövning: Är ni redo?" in headings
    assert minutes.title == f"Minnesanteckningar från arbetspasset {DEMO_SESSION.isoformat()}"
    empty = report.minutes(engine, demo.id, date(2026, 12, 24), sharing_level(engine, demo.id, False))
    assert _headings(empty) == ["Inga övningar har svar eller anteckningar från 2026-12-24."]


def test_the_agenda_of_a_session_brings_its_exercises_into_the_minutes(engine, demo):
    from sff_core import room

    room.set_agenda(engine, demo.id, date(2026, 12, 15), [("step3", "reflektion", None)])
    headings = _headings(report.minutes(engine, demo.id, date(2026, 12, 15), sharing_level(engine, demo.id, False)))
    assert headings[0] == "Steg 3: Aktivera möjliga samverkansaktörer" and headings[1].startswith("Reflektion")


def test_word_has_every_heading_and_one_image_per_chart(engine, demo, needs_chromium):
    built = report.step_report(engine, demo.id, 0, sharing_level(engine, demo.id, False))
    data = report_render.render(built, "docx")
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in _headings(built)] == headings
    assert len(document.inline_shapes) == len(built.figures) > 0
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_pdf_has_the_same_headings(engine, demo, needs_chromium):
    built = report.process_report(engine, demo.id, sharing_level(engine, demo.id, False))
    text = re.sub(r"\s+", " ", _pdf_text(report_render.render(built, "pdf")))
    for heading in _headings(built):
        assert re.sub(r"\s+", " ", heading) in text, heading


def test_the_html_is_one_offline_file_with_every_chart(engine, demo):
    built = report.process_report(engine, demo.id, sharing_level(engine, demo.id, False))
    page = report_render.render(built, "html").decode("utf-8")
    markup = re.sub(r"<script[^>]*>.*?</script>", "<script></script>", page, flags=re.S)  # plotly.js is code, not markup
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", markup)
    assert [r for r in references if r.startswith(("http:", "https:", "//"))] == []
    assert re.findall(r"<script[^>]*\bsrc=", page) == [] and "@import" not in markup and "url(" not in markup
    assert page.count('class="plotly-graph-div"') == len(built.figures) > 0
    assert page.count('<script type="text/javascript">/**') <= 1  # plotly.js inline once
    for heading in _headings(built):
        assert f">{html.escape(heading)}<" in page


def test_user_text_is_escaped_in_html(engine, demo):
    from sff_core.responses import GROUP, Answer, save_answers

    save_answers(engine, demo.id, "step0", "staden", GROUP, DEMO_SESSION, {"mojligheter": Answer(text="<script>alert(1)</script> & <b>")})
    page = report_render.render(report.minutes(engine, demo.id, DEMO_SESSION, SharingLevel(False)), "html").decode("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_the_shared_level_has_no_names_no_small_counts_and_no_ad_sites(engine, demo):
    shared = sharing_level(engine, demo.id, True)
    built = report.process_report(engine, demo.id, shared)
    html_text = report_render.render(built, "html").decode("utf-8")
    pdf_text = _pdf_text(report_render.render(built, "pdf"))
    for document in (html_text, pdf_text):
        assert "För delning utanför kärngruppen" in document
        for member in list_members(engine, demo.id):
            assert member.name not in document, member.name
        assert "Sajt A" not in document and "Sajt B" not in document
    for part in built.parts:
        for block in part.results.blocks if part.results else ():
            table = getattr(block, "table", None)
            if table is None:
                continue
            for column in table.columns:  # a chart kept in the shared report carries no count under the threshold either
                if str(column) in ("n", "yes", "no", "answered", "ads_count", "Medlemmar"):  # search occasions are not counts
                    values = [v for v in table[column] if isinstance(v, int | float)]
                    assert all(not 0 < v < shared.threshold for v in values), (part.heading, column)
    internal = report_render.render(report.process_report(engine, demo.id, sharing_level(engine, demo.id, False)), "html").decode("utf-8")
    assert "Intern: för kärngruppen" in internal and "Sajt A" in internal


def test_without_a_browser_each_chart_says_so_and_keeps_its_table(engine, demo, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(report_render, "DEFAULT_BROWSER", "/nonexistent/chromium")
    built = report.step_report(engine, demo.id, 0, SharingLevel(False))
    data = report_render.render(built, "docx")
    text = _docx_text(data)
    assert len(Document(io.BytesIO(data)).inline_shapes) == 0
    assert text.count("Diagrammet kunde inte ritas som bild här") == len(built.figures) > 0
    assert "Ja" in text  # the chart's table follows, with Swedish headers
