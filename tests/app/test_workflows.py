"""Workflows through the real pages: unlocking, creating, answering, bad input that loses nothing."""

from datetime import date

from sff_core.members import list_members
from sff_core.readiness import readiness_summary
from sff_core.responses import load_responses
from sff_core.store.db import get_engine
from sff_core.workspaces import list_workspaces
from tests.app.conftest import assert_clean, page_text


def test_wrong_passphrase_shows_a_message_and_nothing_else(open_app, demo_workspace):
    at = open_app()
    at.text_input(key="unlock-passphrase").set_value("fel fras")
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert "Fel lösenfras" in page_text(at)
    assert "workspace_id" not in at.session_state
    assert "Anna Exempel" not in page_text(at)


def test_right_passphrase_opens_the_overview(open_app, demo_workspace):
    at = open_app()
    at.text_input(key="unlock-passphrase").set_value("exempelstad")
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert at.session_state["workspace_id"] == demo_workspace.id
    assert "Processen i överblick – Exempelstad" in page_text(at)


def test_empty_database_offers_the_demo(open_app, sqlite_url):
    at = open_app()
    assert "Det finns ingen arbetsyta ännu" in page_text(at)
    at.button(key="create-demo").click().run()
    assert_clean(at)
    assert "Lösenfrasen är: exempelstad" in page_text(at)
    assert [w.city for w in list_workspaces(get_engine())] == ["Exempelstad"]


def test_create_workspace_with_bad_period_keeps_what_was_typed(open_app, sqlite_url):
    at = open_app()
    at.text_input(key="new-city").set_value("Trelleborg")
    at.text_input(key="new-municipality").set_value("Trelleborgs kommun")
    at.date_input(key="new-start").set_value(date(2026, 6, 1))
    at.date_input(key="new-end").set_value(date(2026, 1, 1))
    at.text_input(key="new-passphrase").set_value("hemlig fras")
    next(b for b in at.get("form_submit_button") if b.label == "Skapa arbetsyta").click().run()
    assert_clean(at)
    assert "Perioden slutar (2026-01-01) före" in page_text(at)
    assert at.text_input(key="new-city").value == "Trelleborg"
    assert at.text_input(key="new-passphrase").value == "hemlig fras"
    assert list_workspaces(get_engine()) == []
    at.date_input(key="new-end").set_value(date(2027, 9, 1))
    next(b for b in at.get("form_submit_button") if b.label == "Skapa arbetsyta").click().run()
    assert_clean(at)
    assert [w.city for w in list_workspaces(get_engine())] == ["Trelleborg"]
    assert "Kärngruppen" in page_text(at)


def test_member_without_name_is_refused_and_the_form_keeps_its_values(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/core_group.py")
    at.text_input(key="m-org-new").set_value("Polisen Tomstad")
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert 'Fältet "Namn" får inte vara tomt.' in page_text(at)
    assert at.text_input(key="m-org-new").value == "Polisen Tomstad"
    at.text_input(key="m-name-new").set_value("Bo Test")
    at.get("form_submit_button")[0].click().run()
    assert [m.name for m in list_members(get_engine(), empty_workspace.id)] == ["Bo Test"]
    assert "Medlemmen Bo Test är sparad." in page_text(at)


def test_readiness_answers_from_the_step0_form(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    today = date.today().isoformat()
    member = list_members(get_engine(), demo_workspace.id)[0]
    prefix = f"step0-redo-{member.respondent}-{today}"
    for key in ("behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet"):
        at.radio(key=f"{prefix}-{key}").set_value(2)
    at.text_input(key=f"{prefix}-behov-c").set_value("<b>inte</b> tydligt än")
    at.get("form_submit_button")[[f.form_id for f in at.get("form_submit_button")].index(f"form-{prefix}")].click().run()
    assert_clean(at)
    summary = readiness_summary(get_engine(), demo_workspace.id, date.today())
    assert summary.total == 14 and summary.verdict == "not_ready"
    frame = load_responses(get_engine(), demo_workspace.id, "step0", "redo", date.today())
    assert frame["text"].dropna().tolist() == ["<b>inte</b> tydligt än"]
    assert "Ännu inte redo" in page_text(at)


def test_user_text_in_messages_is_never_markdown(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/core_group.py")
    at.text_input(key="m-name-new").set_value("**Fet** [länk](http://example.invalid)")
    at.text_input(key="m-org-new").set_value("<b>Org</b>")
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    message = at.success[0].value
    assert "\\*\\*Fet\\*\\*" in message and "\\[länk\\](http" in message  # escaped: shown exactly as typed, no link
