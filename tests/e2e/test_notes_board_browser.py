"""A phone's half-typed post-it in a real browser: the facilitator closes the activity, the note stays."""

from datetime import date

from playwright.sync_api import expect

from tests.e2e.conftest import wait_idle


def test_closing_a_postit_activity_keeps_the_phones_typed_note(browser, tmp_path):
    """Issue 20, Medium 6: the phone polls every 3 s and redraws when the activity closes. A browser keeps a
    form's unsent text only while the field is drawn, so the closed page keeps the post-it field: the typed
    note stays in it, and its button shows the text to copy as not saved."""
    from sff_core import live
    from sff_core.store import db
    from sff_core.workspaces import list_workspaces
    from tests.e2e.conftest import _serve

    opened: list[tuple[str, int, int]] = []

    def open_boards(url: str) -> None:
        engine = db.make_engine(url)
        workspace = list_workspaces(engine)[0]
        activity = live.open_activity(engine, workspace.id, "step1", "modig_miljo", date.today(), "anonymous")
        opened.append((activity.code, workspace.id, activity.id))
        engine.dispose()

    with _serve(tmp_path, prepare=open_boards) as url:
        code, workspace_id, activity_id = opened[0]
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{url}/?join={code}")
        page.get_by_role("button", name="Delta").click()
        page.wait_for_url("**p=**", timeout=30000)
        field = page.locator("[data-testid='stTextInput'] input").first
        expect(field).to_be_visible(timeout=30000)
        wait_idle(page)
        typed = "Att få tänka högt utan att bli rättad"
        field.fill(typed)  # typed, never sent (no Enter, no button)

        engine = db.make_engine(f"sqlite:///{tmp_path / 'e2e.db'}")
        live.close_activity(engine, workspace_id, activity_id)  # the facilitator closes the activity
        engine.dispose()

        expect(page.get_by_text("nya lappar tas inte emot")).to_be_visible(timeout=20000)  # the poll redrew the page
        page.wait_for_timeout(4000)  # and once more
        expect(page.locator("[data-testid='stTextInput'] input").first).to_have_value(typed)
        page.get_by_role("button", name="Visa texten att kopiera").first.click()
        expect(page.locator("[data-testid='stCode']").first).to_contain_text(typed, timeout=20000)
