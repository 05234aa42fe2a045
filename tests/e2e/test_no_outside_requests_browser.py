"""No request leaves the building (issue 14): every page the app shows asks only the app itself.

A browser records every request and web socket of every page: the locked start page, each page in
the sidebar of the unlocked demo workspace in normal mode and again in projector mode, the wall
`/vagg`, the remote, a participant who joins a live activity by its link and answers, and an outside
actor's survey link. Any request to a host other than the app's own (127.0.0.1 at its port) fails
the test, with the list of what was asked where. Before the app served its own page icon, every page
fetched its favicon from Google's font servers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import wait_idle

LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser


class Recorder:
    """Every URL a browser context asked for, and which page it was on at the time."""

    def __init__(self, app_url: str) -> None:
        own = urlsplit(app_url)
        self.own = (own.hostname, own.port)
        self.where = "start"
        self.outside: list[str] = []
        self.count = 0

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.note(request.url))

    def note(self, url: str) -> None:
        self.count += 1
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return
        if (parts.hostname, parts.port) != self.own:
            self.outside.append(f"{self.where}: {url}")


def _context(browser, recorder: Recorder, width: int = 1280, height: int = 720) -> tuple[BrowserContext, Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height})
    recorder.watch(context)
    page = context.new_page()
    page.on("websocket", lambda socket: recorder.note(socket.url))
    return context, page


def _settle(page: Page) -> None:
    """The run has finished and the browser has nothing left to fetch (icons, fonts, chart scripts)."""
    wait_idle(page)
    page.wait_for_load_state("networkidle")


def _unlock(page: Page, app_url: str) -> None:
    page.goto(app_url)
    _settle(page)
    page.get_by_label("Lösenfras", exact=True).fill("exempelstad")
    page.get_by_role("button", name="Lås upp").click()
    expect(page.get_by_role("heading", name="Processen i överblick – Exempelstad")).to_be_visible(timeout=30000)
    page.wait_for_timeout(1500)  # the session cookie is written by a component after the run


def _sidebar_paths(page: Page) -> list[str]:
    links = page.locator("[data-testid='stSidebarNav'] a")
    expect(links.first).to_be_visible(timeout=15000)
    return [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]


def _walk_sidebar(page: Page, recorder: Recorder) -> list[str]:
    """Click every page in the sidebar in turn (the way a facilitator goes), waiting until each has drawn."""
    paths = _sidebar_paths(page)
    for path in paths:
        recorder.where = f"sidebar {path}"
        page.locator(f"[data-testid='stSidebarNav'] a[href$='{path}']").first.click()
        page.wait_for_url(f"**{path}*", timeout=15000)
        _settle(page)
    return paths


def _survey_url(page: Page, app_url: str) -> str:
    page.goto(f"{app_url}/steg-2")
    _settle(page)
    page.get_by_text("7. Branscher och kontaktytor", exact=True).click()
    _settle(page)
    page.get_by_text("Länk till digitalt formulär för aktörer utanför kärngruppen").click()
    link = page.get_by_text("?enkat=").first
    expect(link).to_be_visible(timeout=30000)
    return link.inner_text().strip()


def _join_url(page: Page, app_url: str) -> str:
    page.goto(f"{app_url}/steg-0")
    _settle(page)
    page.get_by_text("5. Staden", exact=True).click()
    _settle(page)
    page.get_by_text("Live-aktivitet – svara från mobilen: Staden").click()
    page.get_by_role("button", name="Öppna live-aktivitet").first.click()
    link = page.get_by_text("?join=").first
    expect(link).to_be_visible(timeout=30000)
    return link.inner_text().strip()


def test_no_page_asks_any_outside_host(browser, own_app_url):
    app_url = own_app_url  # an app of its own: it leaves the room changed
    recorder = Recorder(app_url)
    _, facilitator = _context(browser, recorder)
    recorder.where = "locked start page"
    _unlock(facilitator, app_url)
    paths = _walk_sidebar(facilitator, recorder)
    assert len(paths) >= 12, paths  # the process pages, the eight steps, the workspace pages

    for path in paths:  # projector mode: a new session opened on the page, as the wall's laptop would
        recorder.where = f"projector {path}"
        facilitator.goto(f"{app_url}{path}?projector=1")
        _settle(facilitator)

    recorder.where = "wall /vagg"
    _, wall = _context(browser, recorder)
    _unlock(wall, app_url)
    wall.goto(f"{app_url}/vagg?projector=1")
    _settle(wall)

    recorder.where = "remote"
    facilitator.goto(f"{app_url}/fjarrkontroll")
    _settle(facilitator)

    recorder.where = "opening a live activity"
    join_url = _join_url(facilitator, app_url)
    recorder.where = "participant page"
    _, phone = _context(browser, recorder, 390, 844)
    phone.goto(join_url)
    _settle(phone)
    phone.get_by_label("Namn").fill("Deltagare 1")
    phone.get_by_role("button", name="Delta").click()
    expect(phone.get_by_role("button", name="Skicka")).to_be_visible(timeout=30000)
    phone.get_by_label("Vad är de största möjligheterna").fill("Ett svar")
    phone.get_by_role("button", name="Skicka").click()
    expect(phone.get_by_text("Ditt svar är sparat")).to_be_visible(timeout=30000)
    _settle(phone)
    recorder.where = "wall with the live answers"
    wall.reload()
    _settle(wall)

    recorder.where = "making a survey link"
    survey_url = _survey_url(facilitator, app_url)
    recorder.where = "survey page"
    _, outside = _context(browser, recorder, 390, 844)
    outside.goto(survey_url)
    _settle(outside)
    expect(outside.get_by_role("heading", name="Vad ser ni i er verksamhet?")).to_be_visible()

    assert recorder.count > 100  # the recorder saw the app's own traffic
    assert not recorder.outside, "requests to outside hosts:\n" + "\n".join(recorder.outside)
