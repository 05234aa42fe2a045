"""In a real browser: the facilitator downloads the minutes of the demo's latest work session from step 0,
and the Word file opens."""

from __future__ import annotations

import io

from docx import Document
from playwright.sync_api import expect

from sff_core.demo import DEMO_STEP7_DAY
from sff_core.outputs.report import latest_session
from sff_core.store.db import get_engine
from tests.e2e.conftest import unlock, wait_idle

LATEST = DEMO_STEP7_DAY  # step 7's workshop is the demo's last work session


def test_the_minutes_of_the_latest_work_session_download_and_open(browser, app_url, tmp_path):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    unlock(page, app_url)
    page.get_by_role("link", name="Steg 0: Borde vi börja? Hur börjar vi?").first.click()
    wait_idle(page)
    latest = LATEST.isoformat()  # the demo's latest work session (checked below against the store the app uses)
    for name, value in (("year", f"{LATEST.year}"), ("month", f"{LATEST.month:02d}"), ("day", f"{LATEST.day:02d}")):
        field = page.get_by_role("spinbutton", name=f"{name}, Arbetspass (datum)")
        field.click()
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_text("Ta med: minnesanteckningar och rapporter").click()
    expect(page.get_by_text(f"Minnesanteckningar från arbetspasset {latest}")).to_be_visible(timeout=15000)
    page.get_by_role("button", name="Skapa dokumentet").first.click()
    download_button = page.get_by_role("button", name=f"Ladda ner minnesanteckningar-{latest}.docx")
    expect(download_button).to_be_visible(timeout=60000)
    with page.expect_download() as download:
        download_button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = Document(io.BytesIO(saved.read_bytes()))
    assert document.paragraphs[0].text == f"Minnesanteckningar från arbetspasset {latest}"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("Steg ") for h in headings)


def test_the_demo_latest_session_is_the_one_the_browser_test_uses(sqlite_url):
    from sff_core.demo import seed_demo

    workspace = seed_demo(get_engine())
    assert workspace is not None
    assert latest_session(get_engine(), workspace.id) == LATEST
