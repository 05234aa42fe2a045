"""The erasure and access tools on the Personuppgifter page (sff_core/ui/privacy_tools.py), with the demo."""

from __future__ import annotations

import json

from sff_core.members import list_members
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text
from tests.unit.test_erasure import name_in_tables

PAGE = "pages/privacy.py"
NAME = "Anna Exempel"
ERASED = "Bilal Exempel"  # no other demo name contains it (Anna is in Hanna)


def _choose(at, name):
    at.selectbox(key="privacy-tools-person").set_value(name).run()
    return at


def test_access_shows_what_is_stored_and_offers_the_file(open_app, demo_workspace):
    at = _choose(open_app(demo_workspace.id, PAGE), NAME)
    at.button(key="privacy-tools-access").click().run()
    assert_clean(at)
    text = page_text(at)
    assert f"Sparat om {NAME}:" in text and "Svar och lappar som personen lämnat" in text
    report = at.session_state["privacy-tools-access-report"]
    assert report["person"] == NAME and {"member", "task"} <= {item["table"] for item in report["stored"]}
    assert json.loads(json.dumps(report, default=str))["workspace"] == "Exempelstad"
    assert len(at.get("download_button")) == 2  # JSON and Word
    assert at.session_state["privacy-tools-access-docx"][:2] == b"PK"


def test_erasure_needs_the_name_typed_again(open_app, demo_workspace):
    at = _choose(open_app(demo_workspace.id, PAGE), ERASED)
    at.text_input(key="privacy-tools-confirm").input("Bilal").run()
    at.button(key="privacy-tools-erase").click().run()
    assert_clean(at)
    assert "Skriv namnet exakt som ovan" in page_text(at)
    assert ERASED in [m.name for m in list_members(get_engine(), demo_workspace.id)]  # nothing changed
    assert at.text_input(key="privacy-tools-confirm").value == "Bilal"  # what was typed is kept

    at.text_input(key="privacy-tools-confirm").input("bilal  exempel").run()
    at.button(key="privacy-tools-erase").click().run()
    assert_clean(at)
    assert "namnet är ersatt med Deltagare 1" in page_text(at)
    assert ERASED not in page_text(at)
    assert name_in_tables(get_engine(), ERASED) == []
    fresh = at.selectbox(key="privacy-tools-person-1")  # a new widget: the browser's old choice is dropped
    assert fresh.value is None and ERASED not in fresh.options and at.text_input(key="privacy-tools-confirm-1").value == ""


def test_a_typed_unknown_name_gets_a_swedish_message(open_app, demo_workspace):
    at = open_app(demo_workspace.id, PAGE)
    at.text_input(key="privacy-tools-typed").input("Okänd Person").run()
    at.button(key="privacy-tools-access").click().run()
    assert_clean(at)
    assert "Inget i arbetsytan innehåller namnet" in page_text(at)


def test_the_retention_setting_is_saved(open_app, demo_workspace):
    at = open_app(demo_workspace.id, PAGE)
    assert at.number_input(key="privacy-tools-retention").value == 30
    at.number_input(key="privacy-tools-retention").set_value(14).run()
    at.button(key="privacy-tools-retention-save").click().run()
    assert_clean(at)
    assert "Lagringstiden är 14 dagar." in page_text(at)
    assert at.number_input(key="privacy-tools-retention").value == 14


def test_the_tools_stay_hidden_in_projector_mode(open_app, demo_workspace):
    at = open_app(demo_workspace.id, PAGE, projector="1")
    assert_clean(at)
    assert "visas inte i projektorläge" in page_text(at)
    assert not [s for s in at.selectbox if s.key == "privacy-tools-person"]


def _demo_note(workspace_id: int, text: str) -> None:
    from sff_core.demo import DEMO_STEP1_DAY
    from sff_core.notes import Exercise, add_note, new_submission_key

    add_note(get_engine(), Exercise(workspace_id, "step6", "swot", DEMO_STEP1_DAY), "styrkor", "group", text, new_submission_key())


def test_an_erasure_that_leaves_a_first_name_alone_says_so_instead_of_klart(open_app, demo_workspace):
    """Issue 20: the genitive went and the page said "Klart"; a first name alone now stays on a list."""
    _demo_note(demo_workspace.id, "Bilal Exempels förslag om hamnen")
    _demo_note(demo_workspace.id, "Bilal har kontakter i hamnen")
    at = _choose(open_app(demo_workspace.id, PAGE), ERASED)
    at.button(key="privacy-tools-access").click().run()
    assert "Kanske om personen" in page_text(at)  # the access report lists the same first name alone
    at.text_input(key="privacy-tools-confirm").input(ERASED).run()
    at.button(key="privacy-tools-erase").click().run()
    assert_clean(at)
    text = page_text(at)
    assert "Delvis klart: namnet är ersatt med Deltagare 1" in text and "Klart:" not in text
    shown = at.dataframe[0].value
    assert "Bilal har kontakter i hamnen" in shown.iloc[:, 2].tolist()
    assert shown.iloc[0, 0].startswith("Ett förnamn eller efternamn ensamt")
    assert name_in_tables(get_engine(), ERASED) == []  # "Bilal Exempels" too
    at.button(key="privacy-tools-remains-dismiss").click().run()
    assert "Delvis klart" not in page_text(at)
