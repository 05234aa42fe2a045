"""The phone in the room: nothing typed is lost, no false confirmations, personal numbers refused."""

from datetime import date

import pytest

from sff_core.live import close_activity, open_activity
from sff_core.responses import load_responses
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

TODAY = date.today()


@pytest.fixture
def staden(demo_workspace):
    return open_activity(get_engine(), demo_workspace.id, "step0", "staden", TODAY, "anonymous")


def _joined(open_app, staden):
    at = open_app(join=staden.code)
    at.get("form_submit_button")[0].click().run()  # anonymous: join without a name
    assert_clean(at)
    return at


def _send(at):
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)


def test_closing_keeps_the_unsent_text_on_the_phone(open_app, demo_workspace, staden):
    at = _joined(open_app, staden)
    at.text_area(key="live-mojligheter").set_value("Hamnen, som ingen hann läsa")
    close_activity(get_engine(), demo_workspace.id, staden.id)  # the facilitator closes before the phone sends
    _send(at)
    shown = page_text(at)
    assert "INTE sparat" in shown and "Tack" not in shown
    assert [c.value for c in at.code] == ["Hamnen, som ingen hann läsa"]  # to copy, as plain text
    at.run()  # and it stays on screen after the next refresh
    assert [c.value for c in at.code] == ["Hamnen, som ingen hann läsa"]
    assert load_responses(get_engine(), demo_workspace.id, "step0", "staden", TODAY).empty


def test_a_closed_activity_thanks_only_for_answers_it_has(open_app, demo_workspace, staden):
    at = _joined(open_app, staden)
    at.text_area(key="live-mojligheter").set_value("Hamnen")
    _send(at)
    assert "Ditt svar är sparat" in page_text(at)
    close_activity(get_engine(), demo_workspace.id, staden.id)
    at.run()
    assert "dina svar är sparade" in page_text(at) and not at.code


def test_an_empty_form_is_not_confirmed(open_app, demo_workspace, staden):
    at = _joined(open_app, staden)
    _send(at)
    shown = page_text(at)
    assert "Ditt svar är sparat" not in shown and "inte fyllt i något" in shown


def test_a_phone_number_is_refused_with_what_to_remove_and_the_text_kept(open_app, demo_workspace, staden):
    at = _joined(open_app, staden)
    typed = "Ring kvinnan på 070.123.45.67 om boendet"
    at.text_area(key="live-mojligheter").set_value(typed)
    _send(at)
    assert "telefonnummer" in page_text(at) and "Ta bort det" in page_text(at)
    assert at.text_area(key="live-mojligheter").value == typed
    assert load_responses(get_engine(), demo_workspace.id, "step0", "staden", TODAY).empty


def test_closing_a_postit_activity_keeps_the_phones_typed_note(open_app, demo_workspace):
    """The phone's poll redraws the page when the facilitator closes; a browser keeps a form's unsent
    text only while its field is drawn, so the post-it field must stay (same key) on the closed page.
    AppTest drops unsent form values on every run, so the test types again what the browser kept."""
    from sff_core.notes import Exercise, board

    boards = open_activity(get_engine(), demo_workspace.id, "step1", "modig_miljo", TODAY, "anonymous")
    at = _joined(open_app, boards)
    field = next(t.key for t in at.text_input if str(t.key).startswith("phone-") and str(t.key).endswith("-text"))
    typed = "Att få tänka högt utan att bli rättad"
    at.text_input(key=field).set_value(typed)  # typed, never sent
    close_activity(get_engine(), demo_workspace.id, boards.id)  # the facilitator closes the activity
    at.run()  # the phone's poll notices and redraws the whole page
    assert_clean(at)
    assert "INTE sparat" in page_text(at)
    assert field in [t.key for t in at.text_input]  # the field (and in a browser its unsent text) stays
    at.text_input(key=field).set_value(typed)
    next(b for b in at.get("form_submit_button") if b.form_id == field.removesuffix("-text") + "-add").click().run()
    assert_clean(at)
    assert [c.value for c in at.code] == [typed]  # to copy, as plain text
    at.run()
    assert [c.value for c in at.code] == [typed]  # and it stays on the next refresh
    assert board(get_engine(), Exercise(demo_workspace.id, "step1", "modig_miljo", TODAY)) == []  # nothing stored
