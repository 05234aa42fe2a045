"""The live loop in real browsers: a facilitator opens an activity, three phones join by link,
answer and change an answer; the projector shows all three and the change without a reload."""

from playwright.sync_api import expect

from tests.e2e.conftest import projector_on, unlock, wait_idle


def test_three_participants_answer_and_the_wall_updates(browser, app_url):
    facilitator = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    unlock(facilitator, app_url)
    facilitator.get_by_role("link", name="Steg 0: Borde vi börja? Hur börjar vi?").first.click()
    wait_idle(facilitator)
    facilitator.get_by_text("5. Staden", exact=True).click()
    wait_idle(facilitator)
    facilitator.get_by_text("Live-aktivitet – svara från mobilen: Staden").click()
    facilitator.get_by_role("button", name="Öppna live-aktivitet").first.click()
    wait_idle(facilitator)
    link = facilitator.get_by_text("?join=").first
    expect(link).to_be_visible(timeout=30000)
    join_url = link.inner_text().strip()
    assert join_url.startswith(app_url)
    facilitator.get_by_role("button", name="Visa resultaten").click()
    wait_idle(facilitator)

    projector_on(facilitator, "Steg 0 · Staden")  # the wall opens on the exercise chosen on the page
    expect(facilitator.get_by_text("0 av 0 har svarat")).to_be_visible(timeout=30000)

    phones = []
    for number in range(1, 4):
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        phone.goto(join_url)
        wait_idle(phone)
        expect(phone.get_by_text("Stad för stad – delta")).to_be_visible()
        expect(phone.locator("[data-testid='stSidebar']")).to_have_count(0)
        phone.get_by_label("Namn").fill(f"Deltagare {number}")
        phone.get_by_label("Organisation").fill("Exempelorganisation")
        phone.get_by_role("button", name="Delta").click()
        expect(phone.get_by_role("button", name="Skicka")).to_be_visible(timeout=30000)
        phone.wait_for_url("**p=**", timeout=10000)  # the identity lives in the URL
        phone.get_by_label("Vad är de största möjligheterna").fill(f"Möjlighet från deltagare {number}")
        phone.get_by_role("button", name="Skicka").click()
        expect(phone.get_by_text("Ditt svar är sparat")).to_be_visible(timeout=30000)
        phones.append(phone)

    expect(facilitator.get_by_text("3 av 3 har svarat")).to_be_visible(timeout=15000)
    for number in range(1, 4):
        expect(facilitator.get_by_text(f"Möjlighet från deltagare {number}")).to_be_visible(timeout=15000)

    phones[1].reload()  # a reconnect keeps the identity and the answer
    wait_idle(phones[1])
    field = phones[1].get_by_label("Vad är de största möjligheterna")
    expect(field).to_have_value("Möjlighet från deltagare 2")
    field.fill("Ändrat svar från deltagare 2")
    phones[1].get_by_role("button", name="Skicka").click()
    expect(facilitator.get_by_text("Ändrat svar från deltagare 2")).to_be_visible(timeout=15000)
    expect(facilitator.get_by_text("Möjlighet från deltagare 2")).to_have_count(0)
    expect(facilitator.get_by_text("3 av 3 har svarat")).to_be_visible()


def test_a_phone_that_scans_again_is_the_same_participant(browser, tmp_path):
    """Issue 20, Medium 10: the browser keeps its own token in a cookie (sff_browser); scanning the QR code
    again (the join link without the participant's token) brings back the same participant and its answer,
    and a second phone is someone else."""
    from datetime import date

    from sff_core import live
    from sff_core.store import db
    from sff_core.workspaces import list_workspaces
    from tests.e2e.conftest import _serve

    codes: list[str] = []

    def open_staden(url: str) -> None:
        engine = db.make_engine(url)
        workspace = list_workspaces(engine)[0]
        codes.append(live.open_activity(engine, workspace.id, "step0", "staden", date.today(), "anonymous").code)
        engine.dispose()

    with _serve(tmp_path, prepare=open_staden) as url:
        join_url = f"{url}/?join={codes[0]}"
        phone = browser.new_context(viewport={"width": 390, "height": 844})
        page = phone.new_page()
        page.goto(join_url)
        page.get_by_role("button", name="Delta").click()
        page.wait_for_url("**p=**", timeout=30000)
        token = page.url.split("p=")[1].split("&")[0]
        field = page.get_by_label("Vad är de största möjligheterna")
        field.fill("Hamnen")
        page.get_by_role("button", name="Skicka").click()
        expect(page.get_by_text("Ditt svar är sparat")).to_be_visible(timeout=30000)
        assert any(c["name"] == "sff_browser" for c in phone.cookies())

        again = phone.new_page()  # a closed tab, a re-scan: the link without the participant's token
        again.goto(join_url)
        expect(again.get_by_label("Vad är de största möjligheterna")).to_have_value("Hamnen", timeout=30000)
        expect(again.get_by_role("button", name="Delta")).to_have_count(0)
        again.wait_for_url(f"**p={token}**", timeout=10000)

        other = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # another phone
        other.goto(join_url)
        expect(other.get_by_role("button", name="Delta")).to_be_visible(timeout=30000)
