"""An outside actor fills in the indicator survey through the link; the sector chart changes."""

from playwright.sync_api import expect

from tests.e2e.conftest import choose, wait_idle


def test_outside_actor_survey_changes_the_sector_chart(browser, app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    facilitator.goto(app_url)
    wait_idle(facilitator)
    facilitator.get_by_label("Lösenfras", exact=True).fill("exempelstad")
    facilitator.get_by_role("button", name="Lås upp").click()
    expect(facilitator.get_by_role("heading", name="Processen i överblick – Exempelstad")).to_be_visible(timeout=30000)
    facilitator.get_by_role("link", name="Steg 2: Kartlägg problembilden").first.click()
    wait_idle(facilitator)
    facilitator.get_by_text("7. Branscher och kontaktytor", exact=True).click()
    expect(facilitator.get_by_text("9 enkätsvar")).to_be_visible(timeout=30000)
    bars = facilitator.locator(".js-plotly-plot", has_text="Indikatorer – medelvärde per sektor")
    expect(bars).to_have_count(1)
    expect(bars.get_by_text("Polis", exact=True)).to_have_count(0)
    facilitator.get_by_text("Länk till digitalt formulär för aktörer utanför kärngruppen").click()  # a toggle
    link = facilitator.get_by_text("?enkat=").first
    expect(link).to_be_visible(timeout=15000)
    survey_url = link.inner_text().strip()

    actor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    actor.goto(survey_url)
    wait_idle(actor)
    expect(actor.get_by_text("Stad för stad – kartläggning")).to_be_visible()
    expect(actor.get_by_text("Exempelstad")).to_have_count(0)
    actor.get_by_label("Organisation").fill("Polisens gränspolis (exempel)")
    choose(actor, "Polis")
    expect(actor.get_by_role("combobox", name="Sektor")).to_have_value("Polis")
    actor.get_by_text("5 – Mycket ofta").first.click()
    actor.get_by_role("button", name="Skicka enkäten").click()
    expect(actor.get_by_text("Tack! Era svar är sparade.")).to_be_visible(timeout=30000)

    facilitator.get_by_role("link", name="Steg 2: Kartlägg problembilden").first.click()
    expect(facilitator.get_by_text("10 enkätsvar")).to_be_visible(timeout=30000)
    expect(bars.get_by_text("Polis", exact=True)).to_have_count(1, timeout=15000)
