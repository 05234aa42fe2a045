"""The facilitator's session in a real browser (issue 20, Medium 8): a second tab resumes from the cookie,
which is rotated on the way, and *Lås arbetsytan* in one tab locks the wall in the other within its tick."""

from __future__ import annotations

from playwright.sync_api import expect

from sff_core.sessions import COOKIE_NAME
from tests.e2e.conftest import click, unlock, wait_idle


def _cookie(context) -> str | None:  # type: ignore[no-untyped-def]
    return next((c["value"] for c in context.cookies() if c["name"] == COOKIE_NAME), None)


def test_lock_in_one_tab_locks_the_wall_in_the_other(browser, own_app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900})
    laptop = facilitator.new_page()
    unlock(laptop, own_app_url)
    first = _cookie(facilitator)
    assert first

    wall = facilitator.new_page()  # the wall, opened from the same browser: no passphrase on the wall
    wall.set_viewport_size({"width": 1280, "height": 720})
    wall.goto(f"{own_app_url}/vagg?projector=1")
    expect(wall.get_by_label("Lösenfras", exact=True)).to_have_count(0, timeout=30000)
    for _ in range(240):  # the rotated token is written by a component after the run (however loaded the machine)
        if _cookie(facilitator) not in (None, first):
            break
        wall.wait_for_timeout(250)
    assert _cookie(facilitator) not in (None, first)  # rotated when the wall resumed from it

    laptop.goto(f"{own_app_url}/arbetsytor")
    wait_idle(laptop)
    click(laptop, "Lås arbetsytan")
    expect(laptop.get_by_label("Lösenfras", exact=True)).to_be_visible(timeout=30000)
    # the wall never reran as a whole: its fragment's next tick finds the session ended
    expect(wall.get_by_label("Lösenfras", exact=True)).to_be_visible(timeout=30000)
    expect(wall.get_by_text("den låstes i en annan flik", exact=False)).to_be_visible(timeout=10000)
    facilitator.close()
