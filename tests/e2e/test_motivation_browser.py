"""Step 5 in real browsers: three phones answer the motivation rounds for two sectors (bransch), and the
wall (`/vagg`, 1280×720) groups the notes under each sector's own heading.

The facilitator shows the exercise from the remote and opens it live; each phone picks a sector, writes
notes in round 1 and round 2 ("Byt färg och skriv"); the remote reveals the results. Screenshots of the
phone and the wall go to $SFF_SHOTS when it is set.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import click, settled, shot, unlock, wait_idle

EXERCISE = "Steg 5 · Utforska motivation och kommunikation"
MAIN_GOAL = "Vad är huvudmålet med dessa organisationers verksamhet?"
MOTIVATES = "Vad motiverar organisationen och personalen?"
KEY_WORDS = "Finns det några nyckelord att använda eller kanske att undvika?"


def _pick(page: Page, label: str, option: str) -> None:
    settled(page)
    page.get_by_role("combobox", name=label).click()
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=15000)
    page.keyboard.press("Enter")
    wait_idle(page)


def _join(browser, url: str, name: str) -> Page:  # type: ignore[no-untyped-def]
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(url)
    wait_idle(phone)
    phone.get_by_label("Namn").fill(name)
    click(phone, "Delta")
    expect(phone.get_by_text("Välj först vilken bransch ni skriver om")).to_be_visible(timeout=30000)
    return phone


def _sector(phone: Page, sector: str, board: str = MAIN_GOAL) -> None:
    _pick(phone, "Bransch", sector)
    expect(phone.get_by_role("heading", name=f"Lapparna hamnar under: {sector}")).to_be_visible(timeout=30000)
    expect(phone.get_by_label(board)).to_be_visible(timeout=30000)


def _round_2(phone: Page) -> None:
    settled(phone)
    phone.locator("[data-testid='stButtonGroup']").get_by_text("Omgång 2", exact=True).click()
    expect(phone.get_by_text("2. Byt färg och skriv")).to_be_visible(timeout=30000)
    settled(phone)


def _note(phone: Page, board: str, text: str) -> None:
    settled(phone)
    field = phone.get_by_label(board)
    field.fill(text)
    field.press("Enter")  # a one-line note: Enter adds it
    wait_idle(phone)
    expect(phone.get_by_text(text, exact=True)).to_be_visible(timeout=30000)  # stored: listed as the phone's own


def test_three_phones_two_sectors_and_the_wall_groups_them(browser, own_app_url):
    app_url = own_app_url  # an app of its own: it leaves the room changed
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900})
    remote = facilitator.new_page()
    unlock(remote, app_url)
    remote.goto(f"{app_url}/fjarrkontroll")
    expect(remote.get_by_role("heading", name="Fjärrkontroll")).to_be_visible(timeout=30000)
    _pick(remote, "Visa en annan övning på väggen", EXERCISE)
    expect(remote.get_by_role("heading", name=EXERCISE)).to_be_visible(timeout=30000)

    wall = facilitator.new_page()
    wall.set_viewport_size({"width": 1280, "height": 720})
    wall.goto(f"{app_url}/vagg?projector=1")
    expect(wall.get_by_role("heading", name=EXERCISE)).to_be_visible(timeout=30000)

    remote.get_by_text("Live-aktivitet – svara från mobilen: Utforska motivation och kommunikation").click()
    click(remote, "Öppna live-aktivitet")
    link = remote.get_by_text("?join=").first
    expect(link).to_be_visible(timeout=30000)
    join_url = link.inner_text().strip()

    anna, bo, cem = (_join(browser, join_url, name) for name in ("Deltagare 1", "Deltagare 2", "Deltagare 3"))
    _sector(anna, "Hotell")
    _note(anna, MAIN_GOAL, "Nöjda gäster")
    _note(anna, MOTIVATES, "Gott rykte")
    _sector(bo, "Taxi")
    _note(bo, MAIN_GOAL, "Trygga resor")
    _sector(cem, "Hotell")
    _round_2(cem)
    _note(cem, KEY_WORDS, "Använd: trygghet")
    shot(cem, "motivation-phone")
    _sector(cem, "Taxi", KEY_WORDS)  # the same person, another sector: the round stays
    _note(cem, KEY_WORDS, "Undvik: kontroll")
    expect(wall.get_by_text("3 av 3 har svarat")).to_be_visible(timeout=20000)

    click(remote, "Visa resultaten")
    hotel = wall.get_by_role("heading", name="Hotell (3)")
    taxi = wall.get_by_role("heading", name="Taxi (2)")
    expect(hotel).to_be_visible(timeout=20000)  # one sector a screen on the wall: Hotell first
    expect(taxi).to_have_count(0)
    main = wall.locator("[data-testid='stMain']")
    for text in ("Nöjda gäster", "Gott rykte", "Använd: trygghet", "Omgång 2"):  # the rounds stand apart
        expect(main).to_contain_text(text)
    for text in ("Trygga resor", "Undvik: kontroll"):
        expect(main).not_to_contain_text(text)
    wall.keyboard.press("PageDown")  # a presenter clicker (or "Nästa" on the remote) walks to the next sector
    expect(taxi).to_be_visible(timeout=20000)
    expect(hotel).to_have_count(0)
    for text in ("Trygga resor", "Undvik: kontroll"):
        expect(main).to_contain_text(text)
    for text in ("Nöjda gäster", "Gott rykte", "Använd: trygghet"):
        expect(main).not_to_contain_text(text)
    shot(wall, "motivation-wall")
    no_sideways = wall.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert no_sideways
