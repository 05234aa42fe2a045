"""The wall at 1280×720: is every text at least 18 px, and does everything fit the screen?

Starts the app on a fresh copy of the demo workspace (or uses `--url`), unlocks Exempelstad, and
opens every exercise of every step and the statistics page in projector mode at 1280×720. On each
view it measures, in the browser:

- `small-text`: every visible text node (HTML and the SVG text of Plotly charts) at its effective
  size on the screen (the computed font size times any SVG scaling, e.g. a bar label Plotly shrank
  to fit) below the minimum (18 px);
- `page-overflow`: the page wider than the window (`document.scrollWidth > innerWidth`, or its
  scrolling main area scrolling sideways);
- `canvas-table`: a data grid (st.dataframe) on the wall: it draws its text in a canvas at ~14 px;
- `wide`: an element (chart, table, image) wider than the window, or anything scrolling sideways;
- `tall`: a chart taller than the window (it could never be seen whole);
- `cut-label`: chart text running out of its chart's drawing area (cut off on the wall);
- `overlap`: two chart texts on top of each other (a legend on an axis title, two bar labels);
- `below-fold` (the views in FITS: step 5's event and its mapping snapshot): anything but a control
  below the first 1280×720 screen.

It prints one line per violation, a count per view and kind, and saves screenshots into the folder given:
the window (`<view>.png`), each chart scrolled into view (`<view>-chart<i>.png`) and the whole page
(`<view>-full.png`).

    python bench/wall_text_check.py [--out /tmp/wall] [--url http://127.0.0.1:8501] [--only steg-0:redo statistik]

`--live-readiness` also opens step 0's readiness as a live activity with its results revealed (the
wall's view during a workshop). The browser test tests/e2e/test_wall_legibility_browser.py reuses
these functions.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1280, 720
MIN_PX = 18.0
PASSPHRASE = "exempelstad"  # the demo workspace's (README, sff_core/demo.py)
CHROMIUM = os.environ.get("SFF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
LIVE_READINESS = "steg-0:redo:live"
SNAPSHOT = "steg-5:anordna_event:kartlaggning"  # the event's checklist point 4: step 2's results on one screen
# Views that must fit one screen (`below-fold`); an exercise with several wall screens (sff_core/screens.py)
# is checked on every one of its screens (`<view>:2`, `<view>:3` …).
FITS = frozenset(
    {
        SNAPSHOT,
        "steg-5:anordna_event",
        "steg-4:samla_in",
        "steg-5:motivation_kommunikation",
        "steg-5:samordningsfunktion",
        "steg-5:rollbeskrivning_natverket",
        "steg-6:samverkansplan",
    }
)


@dataclass(frozen=True)
class View:
    """One wall view: a page path and the exercise shown (`section`), or a live activity revealed."""

    name: str
    path: str
    section: str | None = None
    live: bool = False
    extra: str = ""  # more of the query, e.g. `view=kartlaggning`
    fits: bool = False  # everything but the controls within the first screen (`below-fold`)
    screen: int = 0  # the exercise's wall screen (0-based), put on the wall before the view opens

    def url(self, base: str) -> str:
        query = "projector=1" + (f"&section={self.section}" if self.section else "") + (f"&{self.extra}" if self.extra else "")
        query += f"&screen={self.screen + 1}" if self.screen else ""  # only tells the views apart (the app ignores it)
        return f"{base}/{self.path}?{query}"


@dataclass(frozen=True)
class Violation:
    view: str
    kind: str
    size: float  # px: the text's size, or the element's width/height, or the overlap's area
    text: str


def wall_views(live_readiness: bool = False) -> list[View]:
    """Every exercise of every step, and the statistics page (the readiness radar live, if asked)."""
    from sff_core.content import get_content

    views = [
        View(f"steg-{step.number}:{section.key}", f"steg-{step.number}", section.key)
        for step in get_content().steps
        for section in step.sections
    ]
    views.append(View(SNAPSHOT, "steg-5", "anordna_event", extra="view=kartlaggning", fits=True))
    views.append(View("statistik", "statistik"))
    if live_readiness:
        views.append(View(LIVE_READINESS, "steg-0", "redo", live=True))
    return views


# --- The app ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


def seed_database(folder: Path) -> str:
    """A fresh SQLite file with the demo workspace; its URL."""
    database_url = f"sqlite:///{folder / 'wall.db'}"
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "sff_core", "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    return database_url


@contextmanager
def running_app(database_url: str) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port against the database; yields its address."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def reveal_live_readiness(database_url: str) -> None:
    """Open step 0's readiness live on the demo's agreed session, every member joined, results revealed."""
    from sff_core.demo import SECOND_SESSION
    from sff_core.live import join, open_activity, set_results_visible
    from sff_core.members import list_members
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    engine = get_engine(database_url)
    workspace = find_by_slug(engine, "exempelstad")
    if workspace is None:
        raise RuntimeError("no demo workspace")
    activity = open_activity(engine, workspace.id, "step0", "redo", SECOND_SESSION, "member")
    for member in list_members(engine, workspace.id):
        join(engine, activity.code, member_id=member.id)
    set_results_visible(engine, workspace.id, activity.id, True)
    engine.dispose()


def _step_key(path: str) -> str:
    from sff_core.content import get_content

    return get_content().step(int(path.removeprefix("steg-"))).key


def screen_views(database_url: str, view: View) -> list[View]:
    """The view on each of its exercise's wall screens (itself alone for an exercise with one screen)."""
    from sff_core import screens
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    if view.section is None or view.live or view.extra:
        return [view]
    engine = get_engine(database_url)
    workspace = find_by_slug(engine, "exempelstad")
    count = screens.screen_count(engine, workspace.id, _step_key(view.path), view.section) if workspace else 1
    engine.dispose()
    return [view] + [replace(view, name=f"{view.name}:{i + 1}", screen=i, fits=True) for i in range(1, count)]


def put_screen(database_url: str, view: View) -> None:
    """Put the view's screen of its exercise on the wall (as "next" on the remote does)."""
    from sff_core import screens
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    if view.section is None:
        return
    engine = get_engine(database_url)
    workspace = find_by_slug(engine, "exempelstad")
    if workspace is not None:
        screens.show_screen(engine, workspace.id, _step_key(view.path), view.section, view.screen)
    engine.dispose()


def close_live(database_url: str) -> None:
    from sff_core.live import close_activity, open_activity_for
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    engine = get_engine(database_url)
    workspace = find_by_slug(engine, "exempelstad")
    activity = open_activity_for(engine, workspace.id, "step0", "redo") if workspace else None
    if workspace is not None and activity is not None:
        close_activity(engine, workspace.id, activity.id)
    engine.dispose()


# --- The browser ------------------------------------------------------------------------------------


def wait_idle(page: Any, timeout: float = 30000) -> None:
    page.wait_for_selector(IDLE, timeout=timeout)


def unlock(page: Any, base: str) -> None:
    """Unlock Exempelstad on the start page; the session cookie keeps later page loads unlocked."""
    page.goto(base)
    wait_idle(page)
    page.get_by_label("Lösenfras", exact=True).fill(PASSPHRASE)
    page.get_by_role("button", name="Lås upp").click()
    page.get_by_role("heading", name="Processen i överblick – Exempelstad").wait_for(timeout=30000)
    page.wait_for_timeout(1500)  # the session cookie is written by a component after the run


def open_view(page: Any, base: str, view: View) -> None:
    """Open the view and wait until it has drawn (a live wall never goes idle: wait for its chart)."""
    page.goto(view.url(base))
    if view.live:
        page.locator(".js-plotly-plot").first.wait_for(timeout=30000)
        page.wait_for_timeout(2500)  # a refresh or two of the live fragment
    else:
        wait_idle(page)
        page.wait_for_timeout(800)  # Plotly draws after the run
        wait_idle(page)
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")


# Measured in the page. Only our own reading of the DOM: nothing is changed.
MEASURE_JS = """
(minPx) => {
  const vw = window.innerWidth, vh = window.innerHeight;
  const out = [];
  const short = (s) => s.replace(/\\s+/g, ' ').trim().slice(0, 60);
  const visible = (el) => {
    if (el.closest('#js-plotly-tester, script, style, noscript, template')) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  // 1. text size: every visible text node, at its size on the screen
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || seen.has(el) || !visible(el)) continue;
    seen.add(el);
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGGraphicsElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (size < minPx - 0.05) out.push({kind: 'small-text', size: Math.round(size * 10) / 10, text: short(text)});
  }
  for (const input of document.querySelectorAll('input, textarea')) {  // a widget's value is no text node
    if (!input.value || input.type === 'hidden' || !visible(input)) continue;
    const size = parseFloat(getComputedStyle(input).fontSize);
    if (size < minPx - 0.05) out.push({kind: 'small-text', size: Math.round(size * 10) / 10, text: short(input.value)});
  }
  // 2. horizontal overflow of the page and of any element; charts taller than the window
  const doc = document.documentElement;
  if (doc.scrollWidth > vw) out.push({kind: 'page-overflow', size: doc.scrollWidth, text: 'document.scrollWidth > innerWidth'});
  const mains = '[data-testid="stMain"], .stMain, [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]';
  for (const el of document.querySelectorAll(mains)) {
    if (el.scrollWidth > el.clientWidth + 1)
      out.push({kind: 'page-overflow', size: el.scrollWidth, text: 'sideways: ' + (el.getAttribute('data-testid') || el.className)});
  }
  // a data grid draws its text in a canvas at the theme's ~14 px (not measurable, not legible at 18 px)
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stDataEditor"]')) {
    if (!visible(grid)) continue;
    const width = Math.round(grid.getBoundingClientRect().width);
    out.push({kind: 'canvas-table', size: width, text: 'st.dataframe on the wall (canvas text below 18 px)'});
  }
  for (const el of document.querySelectorAll('body *')) {  // anything that scrolls sideways (a table, a code block)
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1 && visible(el) && !el.matches(mains)) {
      const where = el.closest('[data-testid]')?.getAttribute('data-testid') || el.tagName;
      out.push({kind: 'wide', size: el.scrollWidth, text: 'scrolls sideways: ' + where});
    }
  }
  const boxes = document.querySelectorAll([
    '.js-plotly-plot', '[data-testid="stDataFrame"]', '[data-testid="stTable"]', '[data-testid="stImage"]', 'table',
    '[data-testid="stElementContainer"]'].join(', '));
  for (const el of boxes) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    const name = el.getAttribute('data-testid') || el.className.baseVal || el.className || el.tagName;
    if (r.right > vw + 0.5 || r.left < -0.5 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      out.push({kind: 'wide', size: Math.round(Math.max(r.width, el.scrollWidth)), text: short(String(name))});
  }
  // 3. charts: taller than the window, texts cut at the chart's edge, texts on top of each other
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (!visible(plot)) continue;
    const title = short((plot.querySelector('.gtitle') || {}).textContent || 'chart');
    const box = plot.getBoundingClientRect();
    if (box.height > vh + 0.5) out.push({kind: 'tall', size: Math.round(box.height), text: title});
    const texts = [...plot.querySelectorAll('text')].filter((t) => t.textContent.trim() && visible(t));
    const rects = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const r = rects[i];
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push({kind: 'cut-label', size: Math.round(r.width), text: short(t.textContent)});
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (texts[i].contains(texts[j]) || texts[j].contains(texts[i])) continue;
        const a = rects[i], b = rects[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 2 && h > 2 && w * h > 0.15 * Math.min(a.width * a.height, b.width * b.height))
          out.push({kind: 'overlap', size: Math.round(w * h), text: short(texts[i].textContent) + ' × ' + short(texts[j].textContent)});
      }
    }
  }
  return out;
}
"""


FOLD_JS = """
() => {
  const vh = window.innerHeight, out = [];
  for (const el of document.querySelectorAll('[data-testid="stElementContainer"]')) {
    if (el.querySelector('[data-testid="stElementContainer"], button, style')) continue;  // leaves only; controls may sit below
    const r = el.getBoundingClientRect();
    const text = (el.innerText || el.getAttribute('data-testid') || '').trim().slice(0, 60);
    if (r.height > 0 && r.bottom > vh + 0.5) out.push({kind: 'below-fold', size: Math.round(r.bottom), text});
  }
  return out;
}
"""


def measure(page: Any, view: View, min_px: float = MIN_PX) -> list[Violation]:
    found = page.evaluate(MEASURE_JS, min_px)
    if view.fits or view.name in FITS:
        found += page.evaluate(FOLD_JS)
    return [Violation(view.name, item["kind"], float(item["size"]), item["text"]) for item in found]


SCROLLER_JS = """
() => {
  const main = [...document.querySelectorAll('[data-testid="stMain"], .stMain, [data-testid="stAppViewContainer"]')]
    .find((el) => el.scrollHeight > el.clientHeight + 1);
  return main ? main.scrollHeight : document.documentElement.scrollHeight;
}
"""


def screenshots(page: Any, view: View, shots: Path) -> None:
    """The window as the room sees it (`<view>.png`), each chart scrolled into view (`<view>-chart<i>.png`),
    and the whole page (`<view>-full.png`, drawn in a window as tall as the page)."""
    stem = view.name.replace(":", "_")
    page.screenshot(path=str(shots / f"{stem}.png"))
    plots = page.locator(".js-plotly-plot")
    for index in range(plots.count()):
        plots.nth(index).scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"{stem}-chart{index + 1}.png"))
    page.evaluate("window.scrollTo(0, 0)")
    height = int(page.evaluate(SCROLLER_JS))
    if height > HEIGHT:
        page.set_viewport_size({"width": WIDTH, "height": min(height + 40, 8000)})
        page.wait_for_timeout(500)
        page.screenshot(path=str(shots / f"{stem}-full.png"))
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        page.wait_for_timeout(300)


def check_view(page: Any, base: str, view: View, shots: Path | None = None, min_px: float = MIN_PX) -> list[Violation]:
    """Open one view on the wall, measure it, and save its screenshots."""
    open_view(page, base, view)
    violations = measure(page, view, min_px)
    if shots is not None:
        screenshots(page, view, shots)
    return violations


def wall_page(browser: Any) -> Any:
    return browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}).new_page()


def report(violations: list[Violation], views: list[View]) -> str:
    """A table of every violation, then the count per view and kind."""
    lines = [f"{'view':<34} {'kind':<14} {'px':>6}  text"]
    lines += [f"{v.view:<34} {v.kind:<14} {v.size:>6g}  {v.text}" for v in violations]
    lines.append("")
    kinds = sorted({v.kind for v in violations})
    lines.append(f"{'view':<34} " + " ".join(f"{k:>13}" for k in kinds) + f" {'total':>6}")
    for view in views:
        mine = [v for v in violations if v.view == view.name]
        lines.append(f"{view.name:<34} " + " ".join(f"{sum(v.kind == k for v in mine):>13}" for k in kinds) + f" {len(mine):>6}")
    lines.append(f"{'all views':<34} " + " ".join(f"{sum(v.kind == k for v in violations):>13}" for k in kinds) + f" {len(violations):>6}")
    return "\n".join(lines)


def run(base: str, views: list[View], shots: Path, database_url: str | None, min_px: float = MIN_PX) -> list[Violation]:
    from playwright.sync_api import sync_playwright

    shots.mkdir(parents=True, exist_ok=True)
    violations: list[Violation] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = wall_page(browser)
        unlock(page, base)
        if database_url is not None:  # every screen of a view that must fit
            views[:] = [shown for view in views for shown in (screen_views(database_url, view) if view.name in FITS else [view])]
        for view in views:
            if database_url is not None and not view.extra and (view.name in FITS or view.screen):
                put_screen(database_url, view)
            if view.live:
                if database_url is None:
                    print(f"skipped {view.name}: needs the app started here (no --url)", file=sys.stderr)
                    continue
                reveal_live_readiness(database_url)
            try:
                violations += check_view(page, base, view, shots, min_px)
            finally:
                if view.live and database_url is not None:
                    close_live(database_url)
        browser.close()
    return violations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "sff-wall", help="screenshot folder")
    parser.add_argument("--url", help="an app already running (unlockable with the demo passphrase) instead of a fresh one")
    parser.add_argument("--only", nargs="*", help="view names (e.g. steg-0:redo statistik) or page paths (steg-2)")
    parser.add_argument("--live-readiness", action="store_true", help="also the readiness radar live, revealed")
    parser.add_argument("--min-px", type=float, default=MIN_PX)
    args = parser.parse_args()
    views = wall_views(args.live_readiness)
    if args.only:
        views = [v for v in views if v.name in args.only or v.path in args.only]
    if args.url:
        violations = run(args.url.rstrip("/"), views, args.out, None, args.min_px)
    else:
        with tempfile.TemporaryDirectory(prefix="sff-wall-") as folder:
            database_url = seed_database(Path(folder))
            with running_app(database_url) as base:
                violations = run(base, views, args.out, database_url, args.min_px)
    print(report(violations, views))
    print(f"\n{len(violations)} violations in {len(views)} views; screenshots in {args.out}")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
