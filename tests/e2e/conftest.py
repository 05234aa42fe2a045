"""A real browser against `streamlit run` on loopback (Debian's /usr/bin/chromium via Playwright)."""

from __future__ import annotations

import functools
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, copy_sqlite, skip_or_fail

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
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


@functools.cache
def _demo_file() -> Path:
    """The demo workspace seeded once per test process by the app's own command (`seed-demo`); each app gets a copy."""
    database = Path(tempfile.mkdtemp(prefix="sff-e2e-demo-")) / "demo.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "-m", "sff_core", "seed-demo"], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    checkpoint = sqlite3.connect(database)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    return database


@contextmanager
def _serve(folder: Path, prepare: Callable[[str], None] | None = None) -> Iterator[str]:
    """The app on a free loopback port, with the demo workspace in a fresh SQLite file under `folder`
    (changed by `prepare(database_url)` before the app starts, when given)."""
    database = folder / "e2e.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    copy_sqlite(_demo_file(), database)
    if prepare is not None:
        prepare(env["DATABASE_URL"])
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app shared by the browser tests that leave the room as they found it."""
    with _serve(Path(tmp_path_factory.mktemp("e2e"))) as url:
        yield url


@pytest.fixture
def own_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app of the test's own, for a test that leaves the room changed (the wall showing its exercise,
    a live activity open), so the tests after it start from the demo as seeded."""
    with _serve(Path(tmp_path_factory.mktemp("e2e-own"))) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(IDLE, timeout=30000)


def choose(page, option: str, index: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Pick an option in a Streamlit selectbox by typing it (robust while the page reruns)."""
    from playwright.sync_api import expect

    box = page.locator("[data-testid='stSelectbox']").nth(index)
    box.click()
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=15000)
    page.keyboard.press("Enter")
    wait_idle(page)


def projector_on(page, step_heading: str) -> None:  # type: ignore[no-untyped-def]
    """Switch projector mode on and wait until the projected page has drawn."""
    from playwright.sync_api import expect

    page.get_by_text("Projektorläge").click()
    expect(page.get_by_role("heading", name=step_heading)).to_be_visible(timeout=30000)
    wait_idle(page)


DEMO_PASSPHRASE = "exempelstad"
OVERVIEW_HEADING = "Processen i överblick – Exempelstad"


def unlock(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    """Open the app and unlock the demo workspace, as the facilitator does at the start of a workshop."""
    from playwright.sync_api import expect

    page.goto(app_url)
    wait_idle(page)
    page.get_by_label("Lösenfras", exact=True).fill(DEMO_PASSPHRASE)
    page.get_by_role("button", name="Lås upp").click()
    expect(page.get_by_role("heading", name=OVERVIEW_HEADING)).to_be_visible(timeout=30000)
    page.wait_for_timeout(1500)  # the session cookie is written by a component after the run


def settled(page) -> None:  # type: ignore[no-untyped-def]
    """Idle, and no element left over from the previous run (a tap there would go to a form that is gone)."""
    from playwright.sync_api import expect

    wait_idle(page)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=15000)


def click(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Click the first button of that exact name once the page has settled, and wait for the run."""
    settled(page)
    page.get_by_role("button", name=name, exact=True).first.click()
    wait_idle(page)


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot into $SFF_SHOTS when it is set (to look at the wall and the phones after a run)."""
    folder = os.environ.get("SFF_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`--dist loadgroup`) the browser tests run one after another in one worker, beside the
    other tests in the other: one app server and one Chromium at a time, as without xdist."""
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.xdist_group("browser"))
