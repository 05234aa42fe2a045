"""Personuppgifter: the register page, empty and with the demo, and its document."""

from __future__ import annotations

import io

import docx  # python-docx
import streamlit

from sff_core.privacy.register import personal_columns
from tests.app.conftest import assert_clean, page_text

PAGE = "pages/privacy.py"


def _register(at) -> list[str]:  # type: ignore[no-untyped-def]
    return list(at.table[0].value.index)


def test_the_register_page_of_an_empty_workspace(open_app, empty_workspace):
    at = open_app(empty_workspace.id, PAGE)
    assert_clean(at)
    shown = page_text(at)
    assert "Personuppgifter i Stad för stad" in shown
    assert sorted(_register(at)) == sorted(c.key for c in personal_columns())
    assert _register(at)[0] == "candidate.name" and _register(at)[-1] == "response.text"  # names first, free text last
    assert f"{len(personal_columns())} fält i appens datamodell" in shown
    assert "30 dagar efter att aktiviteten stängts" in shown  # the erasure part's default setting
    for label in ("Personuppgiftsansvarig:", "Ändamål:", "Rättslig grund:", "Dataskyddsombud:"):
        assert label in shown
    assert "Inga uppgifter om utsatta personer" in shown and "Kontrolleras i sff_core/ads.py" in shown
    assert [h.value for h in at.subheader].count("Radera eller lämna ut en persons uppgifter") <= 1  # the tools head their part


def test_the_register_page_of_the_demo_in_english(open_app, demo_workspace):
    at = open_app(demo_workspace.id, PAGE, lang="en")
    assert_clean(at)
    shown = page_text(at)
    assert "Personal data in Stad för stad" in shown
    frame = at.table[0].value
    assert [frame.index.name, *frame.columns] == ["Field", "Kind", "Purpose", "Who sees it", "How long it is kept"]
    assert len(frame) == len(personal_columns())
    assert "Legal basis:" in shown


def test_the_document_opens_and_holds_every_field(open_app, demo_workspace, monkeypatch):
    handed: dict[str, object] = {}
    real = streamlit.download_button

    def keep(label, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("key") == "privacy-download":
            handed.update(label=label, data=data, **kwargs)
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", keep)
    at = open_app(demo_workspace.id, PAGE)
    at.button(key="privacy-make").click().run()
    assert_clean(at)
    assert handed["file_name"] == "personuppgifter.docx"
    document = docx.Document(io.BytesIO(handed["data"]))  # type: ignore[arg-type]
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {c.key for c in personal_columns()} <= cells
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Personuppgifter i Stad för stad" in body and "Rättslig grund: ____" in body
    assert "Exempelstad" in body


def test_a_locked_browser_is_asked_for_the_passphrase(open_app, demo_workspace):
    at = open_app(None, PAGE)
    assert_clean(at)
    assert not at.table
    assert "Lösenfras" in page_text(at)
