"""A whole mini-workshop in real browsers: the facilitator drives the wall from a remote page (two
windows of one browser), three phones join by link.

Agenda → readiness live → phones answer one dimension per screen → reveal from the remote → the
wall shows the result full width → next exercise with its timer running through the refreshes →
post-its, several per phone → two merged → dot voting, three votes each → the wall ranks them →
a key on the wall goes back. Screenshots of the wall go to $SFF_SHOTS when it is set.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import click, settled, shot, unlock, wait_idle

READINESS = "Steg 0 · Är ni redo?"
COURAGE = "Steg 1 · Hur skapar vi en modig miljö?"
BOARD = "Vad behöver du för att känna dig fri och trygg att bidra med dina tankar och idéer?"


def _open_live(remote: Page, title: str) -> str:
    remote.get_by_text(f"Live-aktivitet – svara från mobilen: {title}").click()
    click(remote, "Öppna live-aktivitet")
    link = remote.get_by_text("?join=").first
    expect(link).to_be_visible(timeout=30000)
    return link.inner_text().strip()


def _phone(browser, url: str) -> Page:  # type: ignore[no-untyped-def]
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(url)
    wait_idle(phone)
    return phone


def _answer_readiness(phone: Page, name: str) -> None:
    phone.get_by_label("Namn").fill(name)
    click(phone, "Delta")
    for number in range(1, 8):
        expect(phone.get_by_text(f"Fråga {number} av 7")).to_be_visible(timeout=30000)
        settled(phone)  # the previous question's scale may still stand below the new heading until the run ends
        scale = phone.get_by_role("radiogroup").first
        scale.get_by_text("4", exact=True).click()  # inside the screen's form: sent with the button
        expect(scale.get_by_role("radio", name="4")).to_be_checked()
        click(phone, "Nästa" if number < 7 else "Skicka")
    expect(phone.get_by_text("Ditt svar är sparat")).to_be_visible(timeout=30000)


def _add_note(phone: Page, text: str) -> None:
    field = phone.get_by_label(BOARD)
    field.fill(text)
    field.press("Enter")  # a one-line note: Enter adds it
    wait_idle(phone)
    expect(phone.get_by_text(text, exact=True)).to_be_visible(timeout=30000)


def test_a_mini_workshop_from_the_remote(browser, app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900})
    remote = facilitator.new_page()
    unlock(remote, app_url)
    remote.get_by_role("link", name="Fjärrkontroll för väggen").click()
    expect(remote.get_by_role("heading", name="Fjärrkontroll")).to_be_visible(timeout=30000)
    wait_idle(remote)

    # The agenda: readiness, then the courage boards with ten minutes
    for title in (READINESS, COURAGE):
        remote.get_by_role("combobox", name="Övningar i den ordning ni gör dem").click()
        remote.keyboard.type(title)
        expect(remote.get_by_role("option", name=title, exact=True)).to_be_visible(timeout=15000)
        remote.keyboard.press("Enter")
        wait_idle(remote)
    remote.keyboard.press("Escape")
    remote.get_by_label(f"Minuter för {COURAGE} (0 = ingen timer)").fill("10")
    remote.get_by_label(f"Minuter för {COURAGE} (0 = ingen timer)").press("Tab")
    wait_idle(remote)
    click(remote, "Spara agendan")

    wall = facilitator.new_page()
    wall.set_viewport_size({"width": 1280, "height": 720})
    wall.goto(f"{app_url}/vagg?projector=1")
    expect(wall.get_by_text("Dagens arbetspass")).to_be_visible(timeout=30000)
    expect(wall.locator("[data-testid='stSidebar']")).to_have_count(0)
    click(remote, "Starta arbetspasset")
    expect(wall.get_by_role("heading", name=READINESS)).to_be_visible(timeout=15000)

    # Readiness live: the wall shows the QR and code, phones answer one dimension per screen
    join_url = _open_live(remote, "Är ni redo?")
    expect(wall.locator("[data-testid='stImage']")).to_have_count(1, timeout=15000)
    expect(wall.get_by_text("0 av 0 har svarat")).to_be_visible(timeout=15000)
    shot(wall, "wall-1-join")
    phones = [_phone(browser, join_url) for _ in range(3)]
    for phone, name in zip(phones, ("Deltagare 1", "Deltagare 2", "Deltagare 3"), strict=True):
        _answer_readiness(phone, name)
    expect(wall.get_by_text("3 av 3 har svarat")).to_be_visible(timeout=15000)

    # Reveal from the remote: the results take the whole wall, the QR gives way to one line
    click(remote, "Visa resultaten")
    expect(wall.locator("[data-testid='stImage']")).to_have_count(0, timeout=15000)
    expect(wall.get_by_text("28 av 35")).to_be_visible(timeout=15000)  # 7 × 4
    chart = wall.locator("[data-testid='stPlotlyChart']").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 600  # full width, not a quarter column
    shot(wall, "wall-2-readiness")

    # Next: the courage boards, with the agenda's ten minutes, started from the remote
    click(remote, "Nästa")
    expect(wall.get_by_role("heading", name=COURAGE)).to_be_visible(timeout=15000)
    expect(wall.get_by_text("10:00")).to_be_visible(timeout=15000)
    click(remote, "Starta")
    expect(wall.get_by_text(re.compile(r"^09:5\d$"))).to_be_visible(timeout=15000)  # it runs while the wall refreshes

    # Post-its from the phones, several each; two say the same thing
    join_url = _open_live(remote, "Hur skapar vi en modig miljö?")
    notes = (("Tid att lära känna varandra", "Att få fråga fritt"), ("tid att lära känna varandra", "Fika"), ("Respekt", "Tystnadsplikt"))
    for phone, (first, second) in zip(phones, notes, strict=True):
        phone.goto(join_url)
        wait_idle(phone)
        click(phone, "Delta")
        _add_note(phone, first)
        _add_note(phone, second)
    expect(wall.get_by_text("3 av 3 har svarat")).to_be_visible(timeout=15000)

    # The facilitator merges the duplicates and opens dot voting with three votes each
    expect(remote.get_by_text("Tystnadsplikt", exact=True)).to_have_count(1, timeout=20000)  # the remote followed all six notes
    remote.wait_for_timeout(4000)  # its follow-up check (every 3 s) has seen them too: no redraw while sorting
    settled(remote)
    sort_panel = remote.get_by_text("Sortera lapparna: slå ihop, gruppera, markera")
    for text in ("Tid att lära känna varandra", "tid att lära känna varandra"):
        settled(remote)
        if not remote.get_by_text(text, exact=True).is_visible():
            sort_panel.click()
        remote.get_by_text(text, exact=True).click()
        expect(remote.get_by_role("checkbox", name=text, exact=True)).to_be_checked()
    click(remote, "Slå ihop")
    remote.get_by_label("Röster per person").fill("3")
    click(remote, "Öppna röstning")
    votes = [("Tid att lära känna varandra", "Fika", "Respekt")] * 2 + [("Tid att lära känna varandra", "Respekt", "Tystnadsplikt")]
    for phone, picks in zip(phones, votes, strict=True):
        expect(phone.get_by_text("Du har 3 av 3 röster kvar", exact=False)).to_be_visible(timeout=20000)  # the phone follows by itself
        for number, pick in enumerate(picks, start=1):  # each dot stored (the phone says how many are left) before the next
            settled(phone)
            phone.get_by_text(pick, exact=True).click()
            expect(phone.get_by_text(f"Du har {3 - number} av 3 röster kvar", exact=False)).to_be_visible(timeout=30000)

    # Reveal: the wall ranks the notes – the merged one first with all three dots
    click(remote, "Visa resultaten")
    expect(wall.get_by_text(re.compile(r"Tid att lära känna varandra ×2 ● 3"))).to_be_visible(timeout=15000)
    board = wall.locator("[data-testid='stText']").first.inner_text().splitlines()
    assert board[:2] == ["• Tid att lära känna varandra ×2 ● 3", "• Respekt ● 3"]  # a tie: the one more people wrote first
    shot(wall, "wall-3-ranked")

    # A key on the wall (a presenter clicker's Page Up) goes back along the agenda
    wall.keyboard.press("PageUp")
    expect(wall.get_by_role("heading", name=READINESS)).to_be_visible(timeout=15000)
