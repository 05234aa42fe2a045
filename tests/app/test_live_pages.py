"""Live participation through AppTest: the participant sees one page only; answers are upserts."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from sff_core.errors import InputError
from sff_core.live import close_activity, open_activity, open_activity_for
from sff_core.members import list_members
from sff_core.responses import load_responses
from sff_core.store.db import get_engine, session_scope
from sff_core.store.models import LiveActivity
from tests.app.conftest import APP, assert_clean, page_text

TODAY = date.today()


@pytest.fixture
def staden(demo_workspace):
    return open_activity(get_engine(), demo_workspace.id, "step0", "staden", TODAY, "named")


def test_join_link_shows_only_the_participant_page(open_app, demo_workspace, staden):
    at = open_app(demo_workspace.id, join=staden.code)  # even an unlocked browser sees nothing else
    assert_clean(at)
    shown = page_text(at)
    assert "Stad för stad – delta" in shown and "Staden" in shown
    assert "Anna Exempel" not in shown and "Kärngruppen" not in shown and "Exempelstad" not in shown
    assert len(at.sidebar.radio) == 0
    for page in ("pages/core_group.py", "pages/step_0.py", "pages/overview.py"):
        with pytest.raises(ValueError, match=r"Known pages: \['[^']*participate.py'\]"):
            at.switch_page(page)


def test_unknown_and_closed_codes_get_clear_messages(open_app, demo_workspace, staden):
    at = open_app(join="NOPE42")
    assert_clean(at)
    assert "Koden NOPE42 finns inte" in page_text(at)
    close_activity(get_engine(), demo_workspace.id, staden.id)
    at = open_app(join=staden.code)
    assert "är stängd" in page_text(at)


def test_join_answer_and_change_the_answer(open_app, demo_workspace, staden):
    at = open_app(join=staden.code.lower())
    at.text_input(key="join-name").set_value("Sara Test")
    at.text_input(key="join-org").set_value("Hotell Exempel")
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    token = at.query_params["p"]
    assert token if isinstance(token, str) else token[0]
    at.text_area(key="live-mojligheter").set_value("<b>Hamnen</b> **och** stationen")
    at.get("form_submit_button")[0].click().run()
    assert "Ditt svar är sparat" in page_text(at)
    at.text_area(key="live-mojligheter").set_value("Hamnen")
    at.get("form_submit_button")[0].click().run()
    frame = load_responses(get_engine(), demo_workspace.id, "step0", "staden", TODAY)
    assert frame["text"].tolist() == ["Hamnen"]

    reconnect = open_app(join=staden.code, p=at.query_params["p"])  # a new session with the same URL
    assert_clean(reconnect)
    assert reconnect.text_area(key="live-mojligheter").value == "Hamnen"


def test_member_mode_lists_only_unclaimed_members(open_app, demo_workspace):
    activity = open_activity(get_engine(), demo_workspace.id, "step0", "redo", TODAY, "member")
    at = open_app(join=activity.code)
    members = list_members(get_engine(), demo_workspace.id)
    picker = at.selectbox(key="join-member")
    assert len(picker.options) == len(members)
    picker.set_value(members[0].id)
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    at.radio(key="live-behov").set_value(5)
    for label in ["Nästa"] * 6 + ["Skicka"] * 2:  # one dimension per screen; send twice: six left unanswered
        next(b for b in at.get("form_submit_button") if b.label == label).click().run()
    assert_clean(at)
    frame = load_responses(get_engine(), demo_workspace.id, "step0", "redo", TODAY)
    assert frame[["respondent", "value_int"]].values.tolist() == [[members[0].respondent, 5]]
    other = open_app(join=activity.code)
    assert len(other.selectbox(key="join-member").options) == len(members) - 1


def test_facilitator_opens_reveals_and_closes_from_the_step_page(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py")
    at.button(key="live-open-step0-engagemang").click().run()
    assert_clean(at)
    activity = open_activity_for(get_engine(), demo_workspace.id, "step0", "engagemang")
    assert activity is not None and activity.identity_mode == "member"
    shown = page_text(at)
    assert "0 av 0 har svarat" in shown
    assert " ".join([activity.code[:3], activity.code[3:]]) in " ".join(c.value for c in at.code)
    at.button(key=f"live-reveal-{activity.id}").click().run()
    at.button(key=f"live-close-{activity.id}").click().run()
    assert open_activity_for(get_engine(), demo_workspace.id, "step0", "engagemang") is None


def test_projector_shows_the_join_panel_and_the_live_count(open_app, demo_workspace):
    activity = open_activity(get_engine(), demo_workspace.id, "step0", "redo", TODAY, "member")
    at = open_app(demo_workspace.id, "pages/step_0.py", projector="1", section="redo")
    assert_clean(at)
    assert "Skanna QR-koden eller gå till" in page_text(at)
    assert " ".join((activity.code[:3], activity.code[3:])) in [c.value for c in at.code]  # the code, large
    assert "localhost" in page_text(at) and "?join=" not in page_text(at)  # the short address, not the long link
    assert "0 av 0 har svarat" in page_text(at)
    assert "Spara svaren" not in page_text(at)


def test_a_token_from_another_activity_shows_nothing_of_it(open_app, demo_workspace, staden):
    from sff_core.live import join, submit
    from sff_core.responses import Answer

    other = open_activity(get_engine(), demo_workspace.id, "step0", "riktning", TODAY, "anonymous")
    person = join(get_engine(), other.code)
    submit(get_engine(), other.code, person.token, {"g01": Answer(value_bool=True, text="hemligt svar")})
    at = open_app(join=staden.code, p=person.token)
    assert_clean(at)
    shown = page_text(at)
    assert "hemligt svar" not in shown
    assert "Delta" in shown  # treated as a stranger: the join form, nothing else
    assert not at.text_area


def _room_guesses(count: int) -> None:
    """Wrong codes typed on other phones of the same network as the AppTest phones (no address: 'local')."""
    from sff_core import live, throttle

    room = throttle.client_key(throttle.client_address(None, None, 0))
    for n in range(count):
        with pytest.raises(InputError):
            live.find_by_code(get_engine(), f"ZZ{n:04d}", guesser=live.Guesser(room, throttle.client_key(f"other-phone-{n % 40}")))


def _joined(open_app, activity, **state):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.query_params["join"] = activity.code
    at.run()
    at.get("form_submit_button")[0].click().run()  # join without a name
    assert_clean(at)
    return at


def test_a_phone_keeps_its_answer_while_the_room_guesses_codes(open_app, demo_workspace, staden, monkeypatch):
    """The reported lock-out: wrong codes from one phone on the venue's Wi-Fi made every other phone's
    Skicka fail with "För många felaktiga koder", the answer unsaved and the typed text gone."""
    from sff_core import live

    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0)
    at = _joined(open_app, staden)
    at.text_area(key="live-mojligheter").set_value("Hamnen och stationen")
    _room_guesses(live.WRONG_CODE_ADDRESS_LIMIT + 10)
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    assert "Ditt svar är sparat" in page_text(at) and "För många" not in page_text(at)
    assert at.text_area(key="live-mojligheter").value == "Hamnen och stationen"
    assert load_responses(get_engine(), demo_workspace.id, "step0", "staden", TODAY)["text"].tolist() == ["Hamnen och stationen"]
    newcomer = open_app(join=staden.code)  # a new phone with the right QR code, same network
    assert_clean(newcomer)
    assert "För många" not in page_text(newcomer) and newcomer.get("form_submit_button")[0].label == "Delta"


def test_an_error_on_the_phone_keeps_what_it_typed(open_app, demo_workspace, staden):
    at = _joined(open_app, staden)
    at.text_area(key="live-mojligheter").set_value("Mitt svar om hamnen")
    with session_scope(get_engine()) as session:  # the activity vanishes under the phone (erased meanwhile)
        session.delete(session.get(LiveActivity, staden.id))
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    shown = page_text(at)
    assert "finns inte" in shown and "INTE skickat" in shown
    assert "Mitt svar om hamnen" in [c.value for c in at.code]


def test_the_same_browser_re_scanning_is_the_same_participant(open_app, demo_workspace, staden):
    """A re-scan or a closed tab: the browser's cookie token brings back the same participant and its answer."""
    browser = {"browser-token": "b" * 32, "browser-token-sent": True}  # what the cookie gives a new session
    first = _joined(open_app, staden, **browser)
    first.text_area(key="live-mojligheter").set_value("Hamnen")
    first.get("form_submit_button")[0].click().run()
    again = AppTest.from_file(APP, default_timeout=60)
    for key, value in browser.items():
        again.session_state[key] = value
    again.query_params["join"] = staden.code  # the QR link again, without the participant's token
    again.run()
    assert_clean(again)
    assert again.text_area(key="live-mojligheter").value == "Hamnen"  # no join form: the same participant
    assert again.query_params["p"] == first.query_params["p"]


def test_an_exercises_own_phone_view_serves_any_shape(open_app, demo_workspace, monkeypatch):
    import streamlit as st

    from sff_core import live
    from sff_core.ui import exercises
    from sff_core.ui.exercises import ExerciseUI

    def own_view(activity, section, respondent):  # type: ignore[no-untyped-def]
        st.markdown(f"Egen telefonvy: {section.key}")

    monkeypatch.setattr(exercises, "_ENTRIES", {"readiness": ExerciseUI("readiness", phone=own_view)})
    activity = open_activity(get_engine(), demo_workspace.id, "step0", "redo", TODAY, "anonymous")  # a score form, not post-its
    person = live.join(get_engine(), activity.code)
    phone = open_app(None, None, join=activity.code, p=person.token)
    assert_clean(phone)
    assert "Egen telefonvy: redo" in page_text(phone) and not phone.radio


def test_an_exercises_own_widget_asks_on_the_phone(open_app, demo_workspace, monkeypatch):
    import streamlit as st

    from sff_core import live
    from sff_core.responses import Answer
    from sff_core.ui import exercises
    from sff_core.ui.exercises import ExerciseUI

    def own_widget(section, workspace_id):  # type: ignore[no-untyped-def]
        return lambda section, prompt, key, stored: Answer(text=st.text_input(prompt.key, key=f"{key}-own") or None)

    monkeypatch.setattr(exercises, "_ENTRIES", {"readiness": ExerciseUI("readiness", widget=own_widget)})
    activity = open_activity(get_engine(), demo_workspace.id, "step0", "redo", TODAY, "anonymous")
    person = live.join(get_engine(), activity.code)
    phone = open_app(None, None, join=activity.code, p=person.token)
    assert_clean(phone)
    assert [t.key for t in phone.text_input if t.key.endswith("-own")] and not phone.radio
