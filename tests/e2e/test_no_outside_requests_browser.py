"""No request leaves the building (issue 14): every page the app shows asks only the app itself.

A browser records every request and web socket of every page: the locked start page, each page in
the sidebar of the unlocked demo workspace in normal mode and again in projector mode, the wall
`/vagg`, the remote, a participant who joins a live activity by its link and answers, and an outside
actor's survey link. Any request to a host other than the app's own (127.0.0.1 at its port) fails
the test, with the list of what was asked where. Before the app served its own page icon, every page
fetched its favicon from Google's font servers.

Hostile text (issue 20, High 3): before the app starts, every free-text column of the demo (the privacy
register's names, organisations and free texts, the plan, the bank, the city) gets Markdown, HTML and
Streamlit markup appended – an image link, an HTML tag, a link, `:red[…]`, LaTeX, an emoji shortcode and
bare URLs – and today's post-it boards (step 1's and the SWOT, with a group name) hold it, with dot
voting open on the SWOT. Every page, the wall, the remote and a phone voting on the SWOT must then ask
no outside host and show no rendered markup (no image or link to the payload's host, no formula, no
coloured text, no bold made of the payload). Before the fix the phones' voting list fetched the image.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import IDLE, _serve

LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser
SETTLE_MS = 120_000
PAYLOAD = (
    " ![x](http://evil.example/img.png) <img src=http://evil.example/tag.png> <b>sffbold</b> **sffstrong**"
    " [klick](http://evil.example/link) :red[sffred] :smile: $sffmath$ http://evil.example/auto www.evil.example"
)
# Columns of the privacy register that are references or our own structured values, not typed text.
NOT_TYPED = {
    "response.respondent",
    "note.respondent",
    "note_vote.voter",
    "audit_event.actor",
    "attempt.client",
    "workspace.passphrase_hash",
    "mapping_plan.contact_method",
}
TYPED_KINDS = {"name", "organisation", "free_text", "contact"}
PLANTED: dict[str, str] = {}

# What rendered markup leaves in the page: anything pointing at the payload's host, a formula, coloured
# text, an element that is exactly the payload's bold word, or the emoji a shortcode becomes.
RENDERED_MARKUP_JS = r"""() => {
  const found = [];
  const note = (el) => found.push(el.outerHTML.slice(0, 160));
  document.querySelectorAll('[src*="evil.example"], [href*="evil.example"], [srcset*="evil.example"]').forEach(note);
  document.querySelectorAll('.katex, .stMarkdownColoredText, .stMarkdownColoredBackground').forEach(note);
  document.querySelectorAll('b, strong').forEach((el) => {
    if (['sffbold', 'sffstrong'].includes(el.textContent.trim())) note(el);
  });
  if (document.body.innerText.includes('\u{1F604}')) found.push('an emoji shortcode became an emoji');
  return found;
}"""


def _typed_columns():  # type: ignore[no-untyped-def]
    """Every column a person types into: the register's names, organisations and free texts, the texts it
    explains as not personal (plan, bank, routine, organisations), and the city."""
    from sqlalchemy import String

    from sff_core.privacy.register import NOT_PERSONAL
    from sff_core.store.models import Base

    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            key = f"{table.name}.{column.name}"
            if not isinstance(column.type, String) or key in NOT_TYPED:
                continue
            if column.info.get("personal") in TYPED_KINDS or key in NOT_PERSONAL or key == "workspace.city":
                yield table, column


def _plant_payloads(database_url: str) -> None:
    """The markup in every typed text of the demo, today's post-its on two boards, dot voting on the SWOT."""
    from sqlalchemy import update

    from sff_core import live, notes, room
    from sff_core.responses import GROUP
    from sff_core.store.db import make_engine
    from sff_core.workspaces import find_by_slug

    engine = make_engine(database_url)
    with engine.begin() as connection:
        for table, column in _typed_columns():
            connection.execute(update(table).where(column.is_not(None), column != "").values({column: column.concat(PAYLOAD)}))
    workspace = find_by_slug(engine, "exempelstad")
    assert workspace is not None
    today = date.today()
    swot = live.open_activity(engine, workspace.id, "step6", "swot", today, "anonymous")
    exercise = notes.Exercise(workspace.id, "step6", "swot", today)
    swot_note = notes.add_note(engine, exercise, "styrkor", GROUP, "Styrka" + PAYLOAD, notes.new_submission_key(), topic="grupp_1")
    notes.set_cluster(engine, workspace.id, [swot_note.id], "Grupp" + PAYLOAD[:60])
    notes.open_voting(engine, workspace.id, swot.id, 2)
    room.show_exercise(engine, workspace.id, "step6", "swot")
    board = notes.Exercise(workspace.id, "step1", "modig_miljo", today)
    note = notes.add_note(engine, board, "fraga_1", GROUP, "Mod" + PAYLOAD, notes.new_submission_key())
    notes.set_cluster(engine, workspace.id, [note.id], "Grupp" + PAYLOAD[:60])
    PLANTED["swot_code"] = swot.code
    engine.dispose()


@pytest.fixture
def hostile_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app of its own (the test leaves the room changed) whose every typed text carries the payload."""
    with _serve(Path(tmp_path_factory.mktemp("e2e-hostile")), prepare=_plant_payloads) as url:
        yield url


class Recorder:
    """Every URL a browser context asked for, and which page it was on at the time."""

    def __init__(self, app_url: str) -> None:
        own = urlsplit(app_url)
        self.own = (own.hostname, own.port)
        self.where = "start"
        self.outside: list[str] = []
        self.rendered: list[str] = []
        self.count = 0

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.note(request.url))

    def look(self, page: Page) -> None:
        """Note any markup the page rendered from the payload."""
        self.rendered += [f"{self.where}: {found}" for found in page.evaluate(RENDERED_MARKUP_JS)]

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
    """The run has finished and the browser has nothing left to fetch (icons, fonts, chart scripts).

    Generous limits: with every text carrying the payload and eight test runs on two cores a page's first
    run can take longer than the usual 30 s; this test counts requests, it does not time anything. A page
    with an open live activity (the SWOT here) redraws its panel and QR image every second, so its network
    is never idle: after 15 s the recorder, which keeps listening to the end, takes over."""
    page.wait_for_selector(IDLE, timeout=SETTLE_MS)
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightTimeoutError:
        page.wait_for_timeout(1000)


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
        recorder.look(page)
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


def test_no_page_asks_any_outside_host_nor_renders_typed_markup(browser, hostile_app_url):
    app_url = hostile_app_url  # an app of its own: it leaves the room changed
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
        recorder.look(facilitator)

    for path, section in (("/steg-1", "modig_miljo"), ("/steg-6", "swot"), ("/steg-6", "samverkansplan")):
        recorder.where = f"{path} {section}"  # the post-it sort panel, the SWOT's sort panel, the delmål picker
        facilitator.goto(f"{app_url}{path}?section={section}")
        _settle(facilitator)
        recorder.look(facilitator)

    recorder.where = "wall /vagg"
    _, wall = _context(browser, recorder)
    _unlock(wall, app_url)
    wall.goto(f"{app_url}/vagg?projector=1")
    _settle(wall)
    recorder.look(wall)

    recorder.where = "remote"
    facilitator.goto(f"{app_url}/fjarrkontroll")
    _settle(facilitator)
    recorder.look(facilitator)

    recorder.where = "phone voting on the SWOT"
    _, voter = _context(browser, recorder, 390, 844)
    voter.goto(f"{app_url}/?join={PLANTED['swot_code']}")
    _settle(voter)
    voter.get_by_role("button", name="Delta").click()
    expect(voter.get_by_text("röster kvar").first).to_be_visible(timeout=30000)
    expect(voter.get_by_role("checkbox").first).to_be_attached(timeout=30000)
    expect(voter.get_by_text("Styrka ![x](http").first).to_be_visible()  # the post-it to vote on, as typed
    voter.wait_for_timeout(3000)  # the voting list refreshes itself (never idle): time for what it would fetch
    recorder.look(voter)

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
    recorder.look(phone)
    recorder.where = "wall with the live answers"
    wall.reload()
    _settle(wall)
    recorder.look(wall)

    recorder.where = "making a survey link"
    survey_url = _survey_url(facilitator, app_url)
    recorder.where = "survey page"
    _, outside = _context(browser, recorder, 390, 844)
    outside.goto(survey_url)
    _settle(outside)
    expect(outside.get_by_role("heading", name="Vad ser ni i er verksamhet?")).to_be_visible()
    recorder.look(outside)

    assert recorder.count > 100  # the recorder saw the app's own traffic
    assert not recorder.outside, "requests to outside hosts:\n" + "\n".join(recorder.outside)
    assert not recorder.rendered, "markup rendered from typed text:\n" + "\n".join(recorder.rendered)
