"""Unlock the demo workspace, open step 0, see the readiness radar, switch projector mode on."""

from playwright.sync_api import expect

from tests.e2e.conftest import choose, projector_on, wait_idle


def test_unlock_step0_radar_and_projector(browser, app_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(app_url)
    wait_idle(page)
    page.get_by_label("Lösenfras", exact=True).fill("fel fras")
    page.get_by_role("button", name="Lås upp").click()
    expect(page.get_by_text("Fel lösenfras")).to_be_visible()

    page.get_by_label("Lösenfras", exact=True).fill("exempelstad")
    page.get_by_role("button", name="Lås upp").click()
    expect(page.get_by_role("heading", name="Processen i överblick – Exempelstad")).to_be_visible(timeout=30000)

    page.get_by_role("link", name="Steg 0: Borde vi börja? Hur börjar vi?").first.click()
    expect(page.get_by_role("heading", name="Steg 0: Borde vi börja? Hur börjar vi?")).to_be_visible(timeout=30000)
    wait_idle(page)
    page.get_by_text("6. Är ni redo?", exact=True).click()
    wait_idle(page)
    radar = page.locator(".js-plotly-plot", has_text="Är ni redo? – beredskap per dimension")
    expect(radar).to_have_count(1, timeout=30000)
    radar.scroll_into_view_if_needed()
    expect(radar.get_by_text("Gruppens värde (konsensus)")).to_be_visible()
    page.screenshot(path=str(tmp_path / "step0.png"))

    projector_on(page, "Steg 0 · Är ni redo?")
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    choose(page, "Engagemang")  # the wall can show another exercise
    expect(page.get_by_role("heading", name="Steg 0 · Engagemang")).to_be_visible(timeout=30000)
    choose(page, "Är ni redo?")
    expect(page.get_by_text("26 av 35 poäng")).to_be_visible(timeout=30000)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    assert "projector=1" in page.url and "section=redo" in page.url
    page.screenshot(path=str(tmp_path / "projector.png"))

    page.get_by_role("button", name="Avsluta projektorläge").click()
    wait_idle(page)
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
    page.close()
