"""A reload or a laptop waking from sleep keeps the facilitator's workspace unlocked; a deep link while
locked asks for the passphrase and then opens that very page; locking ends it for reloads too."""

from playwright.sync_api import expect

from tests.e2e.conftest import wait_idle

STEP2 = "Steg 2: Kartlägg problembilden"


def _unlock_here(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Lösenfras", exact=True).fill("exempelstad")
    page.get_by_role("button", name="Lås upp").click()


def test_reload_keeps_the_workspace_unlocked_and_deep_links_open_their_page(browser, app_url, tmp_path):
    warm = browser.new_page()  # Streamlit learns the pages from the first run after the server starts;
    warm.goto(app_url)  # a deep link as the very first visit shows its own "Page not found" once (upstream)
    wait_idle(warm)
    warm.close()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{app_url}/steg-2?section=vem_gor_vad")  # a deep link, locked: the gate, then the page
    wait_idle(page)
    expect(page.get_by_text("Lås upp arbetsytan för att öppna den här sidan")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    _unlock_here(page)
    expect(page.get_by_role("heading", name=STEP2)).to_be_visible(timeout=30000)
    page.wait_for_timeout(1500)  # the session cookie is written by a component after the run

    page.reload()  # a new Streamlit session: no passphrase again
    wait_idle(page)
    expect(page.get_by_role("heading", name=STEP2)).to_be_visible(timeout=30000)
    page.goto(f"{app_url}/steg-0?section=redo&projector=1")  # the wall after a laptop woke up
    wait_idle(page)
    expect(page.get_by_text("26 av 35 poäng")).to_be_visible(timeout=30000)
    expect(page.get_by_label("Lösenfras", exact=True)).to_have_count(0)
    page.screenshot(path=str(tmp_path / "wall-after-reload.png"))

    page.goto(f"{app_url}/arbetsytor")
    wait_idle(page)
    page.get_by_role("button", name="Lås arbetsytan").click()
    wait_idle(page)
    page.wait_for_timeout(1500)
    page.goto(f"{app_url}/steg-2")
    wait_idle(page)
    expect(page.get_by_text("Lås upp arbetsytan för att öppna den här sidan")).to_be_visible(timeout=30000)
    context.close()
