"""Outside actors fill in the indicator survey on a phone through links; the sector chart changes.

The facilitator makes a link for hotels (the sector is preselected on the receiver's phone); the
demo's link has no sector, so its receiver must choose one and keeps what they answered meanwhile.
"""

from playwright.sync_api import expect

from tests.e2e.conftest import unlock, wait_idle

PHONE = {"width": 390, "height": 844}
# The survey's height on a 390×844 phone: 3164 px (3.75 screens) before it was written for the receiver.
MAX_HEIGHT = 2400
PAGE_HEIGHT = """() => {
    let height = document.documentElement.scrollHeight;
    for (const el of document.querySelectorAll('*')) {
        if (el.scrollHeight > height && getComputedStyle(el).overflowY !== 'visible') height = el.scrollHeight;
    }
    return height;
}"""


def _pick(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an option in the selectbox with this label by typing it."""
    page.locator("[data-testid='stSelectbox']", has_text=label).click()
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=15000)
    page.keyboard.press("Enter")
    wait_idle(page)


def _answer(page, statement: str, choice: str):  # type: ignore[no-untyped-def]
    """One choice in the compact 1–5/Vet ej row of the statement (a radio group named by it)."""
    return page.get_by_role("radiogroup", name=statement).get_by_role("radio", name=choice, exact=True)


def _survey_count(page):
    """The value of the indicator survey's metric "Antal enkätsvar" (its results model)."""
    return page.get_by_test_id("stMetric").filter(has_text="Antal enkätsvar").get_by_test_id("stMetricValue").first


def test_outside_actor_survey_changes_the_sector_chart(browser, app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    unlock(facilitator, app_url)
    facilitator.get_by_role("link", name="Steg 2: Kartlägg problembilden").first.click()
    wait_idle(facilitator)
    facilitator.get_by_text("7. Branscher och kontaktytor", exact=True).click()
    expect(_survey_count(facilitator)).to_have_text("9", timeout=30000)  # the results model's metric
    bars = facilitator.locator(".js-plotly-plot", has_text="Indikatorer – medelvärde per sektor")
    expect(bars).to_have_count(1)
    expect(bars.get_by_text("Hotell", exact=True)).to_have_count(0)
    facilitator.get_by_text("Länk till digitalt formulär för aktörer utanför kärngruppen").click()  # a toggle
    wait_idle(facilitator)
    demo_link = facilitator.get_by_text("?enkat=").first  # the demo's link: no sector
    expect(demo_link).to_be_visible(timeout=15000)
    any_sector_url = demo_link.inner_text().strip()
    facilitator.get_by_label("Namn på länken (t.ex. vilken bransch den skickas till)").fill("Hotellen (exempel)")
    _pick(facilitator, "Sektor som länken skickas till", "Hotell")
    facilitator.get_by_role("button", name="Skapa ny länk").click()
    expect(facilitator.get_by_text("Länken är skapad.")).to_be_visible(timeout=30000)
    expect(facilitator.get_by_text("Förvald sektor: Hotell")).to_be_visible()
    hotel_url = facilitator.get_by_text("?enkat=").last.inner_text().strip()
    assert hotel_url != any_sector_url

    # A hotel manager opens the hotel link on a phone: who asks, the sector chosen, a short form.
    hotel = browser.new_context(viewport=PHONE).new_page()
    hotel.goto(hotel_url)
    wait_idle(hotel)
    expect(hotel.get_by_role("heading", name="Vad ser ni i er verksamhet?")).to_be_visible()
    expect(hotel.get_by_text("Kärngruppen för Stad för stad i Exempelstad (Exempelstads kommun)")).to_be_visible()
    expect(hotel.get_by_role("combobox", name="Sektor eller bransch")).to_have_value("Hotell")
    height = hotel.evaluate(PAGE_HEIGHT)
    assert height < MAX_HEIGHT, f"the survey is {height} px high on a 390×844 phone"
    hotel.get_by_label("Er verksamhet (inte ditt namn)").fill("Hotell Exempel (exempel)")
    _answer(hotel, "verkar styras av någon annan", "4").click()
    _answer(hotel, "verkar rädda, förvirrade", "Vet ej").click()
    hotel.get_by_role("button", name="Skicka enkäten").click()
    expect(hotel.get_by_text("Tack! Era svar är sparade.")).to_be_visible(timeout=30000)

    # The demo's link has no sector: none is assumed; the error keeps what was typed and chosen.
    taxi = browser.new_context(viewport=PHONE).new_page()
    taxi.goto(any_sector_url)
    wait_idle(taxi)
    expect(taxi.get_by_role("combobox", name="Sektor eller bransch")).to_have_value("")
    taxi.get_by_label("Er verksamhet (inte ditt namn)").fill("Taxi Exempel (exempel)")
    _answer(taxi, "säljer sex", "5").click()
    taxi.get_by_role("button", name="Skicka enkäten").click()
    wait_idle(taxi)
    expect(taxi.get_by_text("Välj vilken sektor eller bransch er verksamhet hör till.", exact=False)).to_be_visible(timeout=30000)
    expect(taxi.get_by_label("Er verksamhet (inte ditt namn)")).to_have_value("Taxi Exempel (exempel)")
    expect(_answer(taxi, "säljer sex", "5")).to_have_attribute("aria-checked", "true")
    _pick(taxi, "Sektor eller bransch", "Taxi")
    taxi.get_by_role("button", name="Skicka enkäten").click()
    expect(taxi.get_by_text("Tack! Era svar är sparade.")).to_be_visible(timeout=30000)

    facilitator.get_by_role("link", name="Steg 2: Kartlägg problembilden").first.click()
    expect(_survey_count(facilitator)).to_have_text("11", timeout=30000)  # the results model's metric
    expect(bars.get_by_text("Hotell", exact=True)).to_have_count(1, timeout=15000)
    expect(bars.get_by_text("Taxi", exact=True)).to_have_count(1, timeout=15000)
