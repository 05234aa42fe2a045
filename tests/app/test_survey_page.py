"""The outside actor's survey (`?enkat=TOKEN`) through AppTest: written for whoever received the link.

It says who asks (the workspace's core group, city and municipality), why and how the answers are used;
the link's sector is preselected and no sector is assumed without one; nothing typed is lost on an error.
"""

from datetime import date

from sff_core.indicators import categories, create_link, list_links, load_surveys, submit_via_link
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

STATEMENTS = [key for keys in categories().values() for key in keys]


def _submit(at):
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    return at


def test_the_intro_says_who_asks_why_and_how_the_answers_are_used(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(enkat=link.token)
    assert_clean(at)
    shown = page_text(at)
    assert "Kärngruppen för Stad för stad i Tomstad (Tomstads kommun)" in shown  # who asks, from the workspace
    assert "kartlägga läget i Tomstad" in shown  # why
    assert "sammanställs per sektor tillsammans med andra verksamheters svar och visas för kärngruppen" in shown
    assert "frivilligt" in shown and "ungefär fem minuter" in shown and "12 korta frågor" in shown
    assert "inga namn, telefonnummer eller beskrivningar" in shown
    # nothing addressed to the core group, and none of its fields
    assert "Ni som är med i kärngruppen" not in shown and "dela på 2" not in shown
    assert not at.date_input and not at.radio and not at.sidebar.radio
    assert len(at.segmented_control) == len(STATEMENTS)  # one compact row per statement: 1–5 and Vet ej
    assert at.segmented_control(key=f"out-{STATEMENTS[0]}").options == ["1", "2", "3", "4", "5", "Vet ej"]


def test_the_intro_in_english(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id)
    at = open_app(enkat=link.token, lang="en")
    assert_clean(at)
    assert "The Stad för stad core group in Tomstad (Tomstads kommun)" in page_text(at)


def test_a_hotel_link_preselects_hotels_and_stores_the_answers(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(empty_workspace.id, enkat=link.token)  # even an unlocked browser sees only the survey
    assert at.selectbox(key="out-sector").value == "hotell"
    at.text_input(key="out-org").set_value("Hotell Exempel")
    at.segmented_control(key=f"out-{STATEMENTS[0]}").set_value(4)
    at.segmented_control(key=f"out-{STATEMENTS[1]}").set_value(0)  # vet ej
    _submit(at)
    assert "Tack! Era svar är sparade." in page_text(at)
    surveys = load_surveys(get_engine(), empty_workspace.id)
    assert len(surveys) == 1
    stored = surveys.iloc[0]
    assert (stored["organisation"], stored["sector"], stored["method"], stored["source"]) == (
        "Hotell Exempel",
        "hotell",
        "digitalt_formular",
        "link",
    )
    assert stored["surveyed_on"] == date.today() and stored["answers"] == {STATEMENTS[0]: 4, STATEMENTS[1]: None}


def test_the_receiver_can_change_the_preselected_sector(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(enkat=link.token)
    at.text_input(key="out-org").set_value("Taxi Exempel")
    at.selectbox(key="out-sector").set_value("taxi")
    at.segmented_control(key=f"out-{STATEMENTS[2]}").set_value(2)
    _submit(at)
    assert list(load_surveys(get_engine(), empty_workspace.id)["sector"]) == ["taxi"]


def test_without_a_sector_on_the_link_none_is_assumed_and_nothing_typed_is_lost(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Till alla")
    at = open_app(enkat=link.token)
    assert at.selectbox(key="out-sector").value is None  # never Socialtjänst by default
    at.text_input(key="out-org").set_value("Hotell Exempel")
    at.segmented_control(key=f"out-{STATEMENTS[0]}").set_value(5)
    at.segmented_control(key=f"out-{STATEMENTS[5]}").set_value(0)
    _submit(at)
    assert "Välj vilken sektor eller bransch er verksamhet hör till" in page_text(at)
    assert load_surveys(get_engine(), empty_workspace.id).empty
    # what the receiver typed and chose is still there
    assert at.text_input(key="out-org").value == "Hotell Exempel"
    assert at.segmented_control(key=f"out-{STATEMENTS[0]}").value == 5
    assert at.segmented_control(key=f"out-{STATEMENTS[5]}").value == 0
    at.selectbox(key="out-sector").set_value("hotell")
    _submit(at)
    assert "Tack! Era svar är sparade." in page_text(at)
    surveys = load_surveys(get_engine(), empty_workspace.id)
    assert len(surveys) == 1 and surveys.loc[0, "answers"] == {STATEMENTS[0]: 5, STATEMENTS[5]: None}


def test_personal_data_in_the_organisation_is_refused_and_the_answers_are_kept(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(enkat=link.token)
    at.text_input(key="out-org").set_value("Hotell Exempel, ring 070-123 45 67")
    at.segmented_control(key=f"out-{STATEMENTS[3]}").set_value(3)
    _submit(at)
    assert "verkar innehålla ett telefonnummer" in page_text(at)
    assert at.text_input(key="out-org").value == "Hotell Exempel, ring 070-123 45 67"
    assert at.segmented_control(key=f"out-{STATEMENTS[3]}").value == 3
    assert at.selectbox(key="out-sector").value == "hotell"
    assert load_surveys(get_engine(), empty_workspace.id).empty


def test_an_empty_form_is_not_stored(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(enkat=link.token)
    at.text_input(key="out-org").set_value("Hotell Exempel")
    _submit(at)
    assert "Svara på minst en fråga" in page_text(at) and "Tack!" not in page_text(at)
    assert at.text_input(key="out-org").value == "Hotell Exempel"
    assert load_surveys(get_engine(), empty_workspace.id).empty


def test_a_double_submission_stores_once(open_app, empty_workspace):
    link = create_link(get_engine(), empty_workspace.id, "Hotell", sector="hotell")
    at = open_app(enkat=link.token)
    at.text_input(key="out-org").set_value("Hotell Exempel")
    at.segmented_control(key=f"out-{STATEMENTS[0]}").set_value(1)
    key = at.session_state["survey_submission_key"]
    _submit(at)
    # the phone reconnects and sends the same form again (same key): nothing new is stored
    submit_via_link(get_engine(), link.token, "Hotell Exempel", "hotell", date.today(), {STATEMENTS[0]: 1}, key)
    assert len(load_surveys(get_engine(), empty_workspace.id)) == 1


def test_unknown_survey_link(open_app, sqlite_url):
    at = open_app(enkat="nope")
    assert_clean(at)
    assert "Länken är okänd eller stängd" in page_text(at)


def test_the_facilitator_makes_a_link_for_a_sector(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_2.py", section="branscher_kontaktytor")
    at.toggle(key="survey-links").set_value(True).run()
    assert at.selectbox(key="link-sector").value is None  # optional
    at.text_input(key="link-label").set_value("Hotellen i centrum")
    at.selectbox(key="link-sector").set_value("hotell")
    [b for b in at.get("form_submit_button") if b.form_id == "survey-link"][0].click().run()
    assert_clean(at)
    assert [(link.label, link.sector) for link in list_links(get_engine(), empty_workspace.id)] == [("Hotellen i centrum", "hotell")]
    assert "Förvald sektor: Hotell" in page_text(at)


def test_the_facilitators_survey_form_assumes_no_sector_either(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_2.py", section="branscher_kontaktytor")
    at.toggle(key="survey-enter").set_value(True).run()
    assert_clean(at)
    assert at.selectbox(key="fac-sector").value is None
    assert at.date_input(key="fac-date").value == date.today() and at.radio(key="fac-method").value == "traff"
