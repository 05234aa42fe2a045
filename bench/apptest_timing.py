"""Shared timing for the AppTest benches: the hello-page baseline, a page run, the median."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(sample: Callable[[], float], runs: int) -> float:
    """Median of `runs` samples after one warm-up; `sample()` returns the seconds it measured."""
    sample()  # warm-up: imports, caches, the engine
    return statistics.median(sample() for _ in range(runs))


def paired_ratio(sample: Callable[[], float], runs: int) -> tuple[float, float]:
    """(median seconds, ratio to the hello page) with the baseline sampled between the page's own runs,
    so a machine that speeds up or slows down during the bench moves both sides alike."""
    sample()  # warm-up
    pages, hellos = [], []
    for _ in range(runs):
        hellos.append(hello_page_seconds())
        pages.append(sample())
    page = statistics.median(pages)
    return page, page / statistics.median(hellos)


def hello_page_seconds() -> float:
    """One run of the one-line baseline page (bench/hello_page.py)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "bench" / "hello_page.py"), default_timeout=60)
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def page_seconds(workspace_id: int, page: str, query: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """One run of app.py opening `page` for an unlocked workspace; returns (seconds, AppTest)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workspace_id"] = workspace_id
    if page != "pages/overview.py":
        at.session_state["next_page"] = page
    for key, value in (query or {}).items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    assert not at.exception, at.exception
    return elapsed, at
