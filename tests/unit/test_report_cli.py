"""`python -m sff_core report`: the documents from the command line, exit 0, or 2 with a Swedish line and no file."""

from __future__ import annotations

import io

import pytest
from docx import Document

from sff_core.__main__ import main
from sff_core.demo import SECOND_SESSION


@pytest.fixture
def demo(sqlite_demo):
    """The demo workspace in DATABASE_URL (a copy of the template; `seed-demo` itself is tested in test_cli)."""
    return sqlite_demo


def test_minutes_step_and_process_reports_are_written(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent")  # the tables are enough here
    minutes = tmp_path / "minnen.docx"
    day = SECOND_SESSION.isoformat()  # the demo's consensus session (step 0)
    assert main(["report", "--workspace", "exempelstad", "--format", "docx", "--date", day, "--out", str(minutes)]) == 0
    headings = [p.text for p in Document(io.BytesIO(minutes.read_bytes())).paragraphs if p.style.name.startswith("Heading")]
    assert "Teamövning: Är ni redo?" in headings
    step = tmp_path / "steg2.html"
    assert main(["report", "--workspace", "exempelstad", "--format", "html", "--step", "2", "--shared", "--out", str(step)]) == 0
    page = step.read_text(encoding="utf-8")
    assert "Stegrapport – Steg 2: Kartlägg problembilden" in page and "För delning utanför kärngruppen" in page
    assert "Skrev" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workspace", "finns-inte", "--format", "pdf"], "Det finns ingen arbetsyta med kortnamnet"),
        (["--workspace", "exempelstad", "--format", "pdf", "--step", "9"], "Steg 9 finns inte"),
        (["--workspace", "exempelstad", "--format", "pdf", "--date", "6 oktober"], "Datum skrivs ÅÅÅÅ-MM-DD"),
        (["--workspace", "exempelstad", "--format", "odt"], "python -m sff_core report --workspace SLUG"),
        (["--format", "pdf"], "python -m sff_core report --workspace SLUG"),
        (["--workspace", "exempelstad", "--format", "pdf", "--step", "två"], "ogiltigt värde"),
    ],
)
def test_bad_input_exits_2_with_one_swedish_line_and_writes_nothing(demo, tmp_path, capsys, arguments, message):
    out = tmp_path / "rapport.pdf"
    assert main(["report", *arguments, "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1
    assert not out.exists()
