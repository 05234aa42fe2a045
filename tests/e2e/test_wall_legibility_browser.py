"""The wall at 1280×720 in a real browser: every text at least 18 px, nothing wider than the screen, no
chart taller than it, no chart text cut or on top of another (bench/wall_text_check.py measures it)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT


def _bench() -> ModuleType:
    path = Path(PROJECT_ROOT) / "bench" / "wall_text_check.py"
    spec = importlib.util.spec_from_file_location("wall_text_check", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("wall_text_check", module)
    spec.loader.exec_module(module)
    return module


check = _bench()
VIEWS = {view.name: view for view in check.wall_views(live_readiness=True)}


@pytest.fixture(scope="module")
def wall(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, str]]:
    """The app on its own copy of the demo (a live activity is opened in it), and an unlocked 1280×720 page."""
    database_url = check.seed_database(tmp_path_factory.mktemp("wall"))
    with check.running_app(database_url) as base:
        context = browser.new_context(viewport={"width": check.WIDTH, "height": check.HEIGHT})
        page = context.new_page()
        check.unlock(page, base)
        yield page, base, database_url
        context.close()


@pytest.mark.parametrize(
    "name",
    [
        "steg-0:redo",  # the readiness radar beside its verdict
        "steg-2:branscher_kontaktytor",  # the indicator bars and the heatmap under them
        "steg-2:hitta_kontaktytan",  # the mind map
        "steg-2:internet",  # the ad flow and the ad-log table
        "steg-3:analys_samverkansaktorer",  # influence × support
        "steg-5:anordna_event",  # the invitation funnel first, the event and the answers beside it, one screen
        "steg-7:utvecklingsnivaer",  # both distributions, the gap and the per-organisation table on one screen
        "steg-7:rutin",  # the routine's flowchart
        check.SNAPSHOT,  # the event's checklist point 4: step 2's results on one screen, no controls
        "statistik",
    ],
)
def test_the_wall_is_legible(wall: tuple[Any, str, str], name: str, tmp_path: Path) -> None:
    page, base, _ = wall
    violations = check.check_view(page, base, VIEWS[name], tmp_path)
    assert not violations, "\n" + check.report(violations, [VIEWS[name]])
    assert page.locator(".js-plotly-plot").count() >= 1


def test_the_heatmap_fits_the_screen_when_it_is_shown(wall: tuple[Any, str, str], tmp_path: Path) -> None:
    page, base, _ = wall
    check.open_view(page, base, VIEWS["steg-2:branscher_kontaktytor"])
    heatmap = page.locator(".js-plotly-plot", has_text="Sektor × indikator")
    heatmap.scroll_into_view_if_needed()
    box = heatmap.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= check.HEIGHT and box["width"] <= check.WIDTH
    page.screenshot(path=str(tmp_path / "heatmap.png"))
    assert not check.measure(page, VIEWS["steg-2:branscher_kontaktytor"])


def test_the_revealed_readiness_radar_uses_the_height_and_the_headline_number_outgrows_its_label(
    wall: tuple[Any, str, str], tmp_path: Path
) -> None:
    page, base, database_url = wall
    view = VIEWS[check.LIVE_READINESS]
    check.reveal_live_readiness(database_url)
    try:
        violations = check.check_view(page, base, view, tmp_path)
        assert not violations, "\n" + check.report(violations, [view])
        radar = page.locator(".js-plotly-plot").first
        box = radar.bounding_box()
        assert box is not None and box["height"] >= 440 and box["y"] + box["height"] <= check.HEIGHT  # on the first screen
        circle = page.locator(".js-plotly-plot .polarlayer .plotbg path").first.bounding_box()  # the circle itself
        assert circle is not None and circle["height"] >= 300  # was ~190 px
        sizes = page.evaluate(
            """() => ['stMetricValue', 'stMetricLabel'].map((id) =>
                 parseFloat(getComputedStyle(document.querySelector(`[data-testid="${id}"] p`)).fontSize))"""
        )
        assert sizes[0] >= 1.5 * sizes[1] and sizes[1] >= check.MIN_PX  # the number, not its label, stands out
    finally:
        check.close_live(database_url)
