"""Step 6's SWOT in real browsers: four phones in small groups write post-its, the facilitator merges a duplicate
across the groups from the remote and opens dot voting, the phones vote, and the wall walks the small groups'
screens, the whole room's 2 × 2 and the ranking. Screenshots of the wall go to $SFF_SHOTS when it is set."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import click, settled, shot, unlock, wait_idle

SWOT = "Steg 6 · SWOT"
STRENGTHS, THREATS = "Styrkor (interna)", "Hot (externa)"


def _remote(browser, app_url: str) -> tuple[Page, Page]:  # type: ignore[no-untyped-def]
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900})
    remote = facilitator.new_page()
    unlock(remote, app_url)
    remote.get_by_role("link", name="Fjärrkontroll för väggen").click()
    expect(remote.get_by_role("heading", name="Fjärrkontroll")).to_be_visible(timeout=30000)
    wait_idle(remote)
    wall = facilitator.new_page()
    wall.set_viewport_size({"width": 1280, "height": 720})
    return remote, wall


def _phone(browser, url: str, group: str) -> Page:  # type: ignore[no-untyped-def]
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(url)
    wait_idle(phone)
    click(phone, "Delta")
    expect(phone.get_by_text("Vilken smågrupp är du i?")).to_be_visible(timeout=30000)
    settled(phone)
    phone.locator("[data-testid='stButtonGroup']").get_by_text(group, exact=True).click()
    expect(phone.get_by_text(f"Du skriver för {group}.")).to_be_visible(timeout=30000)
    return phone


def _add_note(phone: Page, quadrant: str, text: str) -> None:
    settled(phone)
    field = phone.get_by_label(quadrant)
    field.fill(text)
    field.press("Enter")  # one line: Enter adds it
    wait_idle(phone)
    expect(phone.get_by_text(text, exact=True)).to_be_visible(timeout=30000)


def test_four_phones_run_a_swot_with_dot_voting_and_the_wall_ranks_it(browser, own_app_url):
    app_url = own_app_url  # an app of its own: it leaves the room changed
    remote, wall = _remote(browser, app_url)
    remote.get_by_role("combobox", name="Övningar i den ordning ni gör dem").click()
    remote.keyboard.type(SWOT)
    expect(remote.get_by_role("option", name=SWOT, exact=True)).to_be_visible(timeout=15000)
    remote.keyboard.press("Enter")
    wait_idle(remote)
    remote.keyboard.press("Escape")
    click(remote, "Spara agendan")
    wall.goto(f"{app_url}/vagg?projector=1")
    expect(wall.get_by_text("Dagens arbetspass")).to_be_visible(timeout=30000)
    click(remote, "Starta arbetspasset")
    expect(wall.get_by_role("heading", name=SWOT)).to_be_visible(timeout=15000)

    link = remote.get_by_text("?join=").first
    opened = remote.get_by_role("button", name="Öppna live-aktivitet", exact=True).first
    for _ in range(3):  # the remote follows the wall by rerunning: a tap during that rerun can land on a stale page
        settled(remote)
        if link.is_visible():
            break
        if not opened.is_visible():
            remote.get_by_text("Live-aktivitet – svara från mobilen: SWOT").click()
            settled(remote)
        if opened.is_visible():
            click(remote, "Öppna live-aktivitet")
        try:
            expect(link).to_be_visible(timeout=15000)
            break
        except AssertionError:
            continue
    expect(link).to_be_visible(timeout=15000)
    join_url = link.inner_text().strip()
    expect(wall.locator("[data-testid='stImage']")).to_have_count(1, timeout=15000)

    # Four phones in three small groups; two groups write the same strength in their own words
    groups = ("Grupp 1", "Grupp 1", "Grupp 2", "Grupp 3")
    writes = (
        (STRENGTHS, "Bra samverkan med polisen"),
        (THREATS, "Personalomsättning"),
        (STRENGTHS, "bra samverkan med polisen"),
        (STRENGTHS, "Engagerade idéburna"),
    )
    phones = []
    for group, (quadrant, note) in zip(groups, writes, strict=True):
        phone = _phone(browser, join_url, group)
        _add_note(phone, quadrant, note)
        phones.append(phone)
    _add_note(phones[0], THREATS, "Besparingar")  # several notes from one phone
    expect(wall.get_by_text("4 av 4 har svarat")).to_be_visible(timeout=20000)

    # Reveal: each small group presents its SWOT on the wall in turn, then the whole room's 2 × 2
    click(remote, "Visa resultaten")
    expect(wall.get_by_text("Grupp 1 presenterar")).to_be_visible(timeout=15000)
    expect(wall.get_by_text("• Besparingar", exact=False)).to_be_visible(timeout=15000)  # the lower row of the 2 × 2 too
    shot(wall, "swot-1-group")
    click(remote, "Nästa")
    expect(wall.get_by_text("Grupp 2 presenterar")).to_be_visible(timeout=15000)
    click(remote, "Nästa")
    expect(wall.get_by_text("Grupp 3 presenterar")).to_be_visible(timeout=15000)
    click(remote, "Nästa")
    expect(wall.get_by_text("Hela rummet – sammanslaget")).to_be_visible(timeout=15000)

    # The remote merges the duplicate across the groups, then opens dot voting with two votes each
    expect(remote.get_by_text("Engagerade idéburna", exact=False)).to_have_count(1, timeout=20000)
    remote.wait_for_timeout(4000)  # the remote's follow-up check has seen every note: no redraw while sorting
    settled(remote)
    panel = remote.get_by_text("Sortera SWOT:en (slå ihop, gruppera, markera)")
    for text in ("Bra samverkan med polisen  (Grupp 1)", "bra samverkan med polisen  (Grupp 2)"):
        settled(remote)
        if not remote.get_by_text(text, exact=True).is_visible():
            panel.click()
        remote.get_by_text(text, exact=True).click()
        expect(remote.get_by_role("checkbox", name=text, exact=True)).to_be_checked()
    click(remote, "Slå ihop över grupperna")
    expect(remote.get_by_text("Bra samverkan med polisen ×2  (Grupp 1)", exact=True)).to_have_count(1, timeout=20000)
    remote.get_by_label("Röster per person").fill("2")
    click(remote, "Öppna röstning")
    votes = (
        ("Bra samverkan med polisen", "Besparingar"),
        ("Bra samverkan med polisen", "Personalomsättning"),
        ("Bra samverkan med polisen", "Besparingar"),
        ("Engagerade idéburna", "Besparingar"),
    )
    for phone, picks in zip(phones, votes, strict=True):
        expect(phone.get_by_text("Du har 2 av 2 röster kvar", exact=False)).to_be_visible(timeout=30000)  # the phone follows
        for number, pick in enumerate(picks, start=1):
            settled(phone)
            phone.get_by_text(pick, exact=True).click()
            expect(phone.get_by_text(f"Du har {2 - number} av 2 röster kvar", exact=False)).to_be_visible(timeout=30000)
    # A fifth tick is refused with the reason, and nothing is lost
    settled(phones[0])
    phones[0].get_by_text("Engagerade idéburna", exact=True).click()
    expect(phones[0].get_by_text("Du har använt alla dina 2 röster", exact=False)).to_be_visible(timeout=30000)

    # After the merge and the votes the room's 2 × 2 shows the merged note with its dots, then the ranking
    expect(wall.get_by_text("Bra samverkan med polisen ×2 ● 3", exact=False)).to_be_visible(timeout=15000)
    for quadrant in ("Styrkor (interna)", "Svagheter (interna)", "Möjligheter (externa)", "Hot (externa)"):
        heading = wall.get_by_text(quadrant, exact=True)
        expect(heading).to_be_visible(timeout=15000)
        box = heading.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 720  # the 2 × 2 fits the wall without scrolling
    shot(wall, "swot-2-room")
    wall.keyboard.press("PageDown")  # a presenter clicker on the wall walks the screens too
    expect(wall.get_by_text("Rangordning", exact=True)).to_be_visible(timeout=15000)
    rows = wall.locator("[data-testid='stTable'] tbody tr")
    expect(rows.first).to_contain_text("Bra samverkan med polisen", timeout=15000)
    expect(rows.nth(1)).to_contain_text("Besparingar")
    assert rows.count() == 4  # every note with a dot, most votes first
    shot(wall, "swot-3-ranking")
