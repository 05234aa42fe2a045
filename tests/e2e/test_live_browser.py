"""The live loop in real browsers: a facilitator opens an activity, three phones join by link,
answer and change an answer; the projector shows all three and the change without a reload."""

from playwright.sync_api import expect

from tests.e2e.conftest import projector_on, unlock, wait_idle


def test_three_participants_answer_and_the_wall_updates(browser, app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    unlock(facilitator, app_url)
    facilitator.get_by_role("link", name="Steg 0: Borde vi börja? Hur börjar vi?").first.click()
    wait_idle(facilitator)
    facilitator.get_by_text("5. Staden", exact=True).click()
    wait_idle(facilitator)
    facilitator.get_by_text("Live-aktivitet – svara från mobilen: Staden").click()
    facilitator.get_by_role("button", name="Öppna live-aktivitet").first.click()
    wait_idle(facilitator)
    link = facilitator.get_by_text("?join=").first
    expect(link).to_be_visible(timeout=30000)
    join_url = link.inner_text().strip()
    assert join_url.startswith(app_url)
    facilitator.get_by_role("button", name="Visa resultaten").click()
    wait_idle(facilitator)

    projector_on(facilitator, "Steg 0 · Staden")  # the wall opens on the exercise chosen on the page
    expect(facilitator.get_by_text("0 av 0 har svarat")).to_be_visible(timeout=30000)

    phones = []
    for number in range(1, 4):
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        phone.goto(join_url)
        wait_idle(phone)
        expect(phone.get_by_text("Stad för stad – delta")).to_be_visible()
        expect(phone.locator("[data-testid='stSidebar']")).to_have_count(0)
        phone.get_by_label("Namn").fill(f"Deltagare {number}")
        phone.get_by_label("Organisation").fill("Exempelorganisation")
        phone.get_by_role("button", name="Delta").click()
        expect(phone.get_by_role("button", name="Skicka")).to_be_visible(timeout=30000)
        phone.wait_for_url("**p=**", timeout=10000)  # the identity lives in the URL
        phone.get_by_label("Vad är de största möjligheterna").fill(f"Möjlighet från deltagare {number}")
        phone.get_by_role("button", name="Skicka").click()
        expect(phone.get_by_text("Ditt svar är sparat")).to_be_visible(timeout=30000)
        phones.append(phone)

    expect(facilitator.get_by_text("3 av 3 har svarat")).to_be_visible(timeout=15000)
    for number in range(1, 4):
        expect(facilitator.get_by_text(f"Möjlighet från deltagare {number}")).to_be_visible(timeout=15000)

    phones[1].reload()  # a reconnect keeps the identity and the answer
    wait_idle(phones[1])
    field = phones[1].get_by_label("Vad är de största möjligheterna")
    expect(field).to_have_value("Möjlighet från deltagare 2")
    field.fill("Ändrat svar från deltagare 2")
    phones[1].get_by_role("button", name="Skicka").click()
    expect(facilitator.get_by_text("Ändrat svar från deltagare 2")).to_be_visible(timeout=15000)
    expect(facilitator.get_by_text("Möjlighet från deltagare 2")).to_have_count(0)
    expect(facilitator.get_by_text("3 av 3 har svarat")).to_be_visible()
