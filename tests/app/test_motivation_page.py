"""Step 5 'Utforska motivation och kommunikation' through AppTest: the rounds per sector, empty and with the demo."""

from datetime import date

from sff_core import coordination, screens
from sff_core.notes import Exercise, board
from sff_core.responses import GROUP
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

SECTION = "motivation_kommunikation"


def _submit(at, form_id):
    [button] = [b for b in at.get("form_submit_button") if b.form_id == form_id]
    button.click().run()


def test_empty_section_asks_for_a_sector_then_takes_notes_under_it(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_5.py", section=SECTION)
    assert_clean(at)
    text = page_text(at)
    assert "Välj först vilken bransch ni skriver om" in text
    assert "Inga lappar om den här branschen ännu" in text  # the plan's material for the chosen sector
    day = at.session_state["session_date"]
    prefix = f"notes-step5-{SECTION}-{GROUP}-{day.isoformat()}"
    at.selectbox(key=f"{prefix}-topic").set_value("hotell").run()
    assert_clean(at)
    assert "2. Byt färg och skriv" not in page_text(at)  # round 1 first
    at.text_input(key=f"{prefix}-hotell-huvudmal-text").set_value("Ring 070-123 45 67")
    _submit(at, f"{prefix}-hotell-huvudmal-add")
    assert_clean(at)
    assert at.text_input(key=f"{prefix}-hotell-huvudmal-text").value == "Ring 070-123 45 67"  # refused, nothing lost
    at.text_input(key=f"{prefix}-hotell-huvudmal-text").set_value("Nöjda gäster")
    _submit(at, f"{prefix}-hotell-huvudmal-add")
    assert_clean(at)
    at.segmented_control(key=f"{prefix}-round").set_value("omgang_2").run()
    assert "2. Byt färg och skriv" in page_text(at)
    at.text_input(key=f"{prefix}-hotell-nyckelord-text").set_value("Använd: trygghet")
    _submit(at, f"{prefix}-hotell-nyckelord-add")
    assert_clean(at)
    notes = board(get_engine(), Exercise(empty_workspace.id, "step5", SECTION, day))
    assert sorted((n.topic, n.prompt_key, n.text) for n in notes) == [
        ("hotell", "huvudmal", "Nöjda gäster"),
        ("hotell", "nyckelord", "Använd: trygghet"),
    ]
    text = page_text(at)
    assert "Hotell (2)" in text  # the results: the sector's heading with its notes
    at.selectbox(key="plan-sector").set_value("hotell").run()
    assert "Lapparna om Hotell" in page_text(at)


def test_demo_shows_the_notes_per_sector_and_the_plan(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_5.py", section=SECTION)
    assert_clean(at)
    text = page_text(at)
    for heading in ("Näringsliv (", "Bostadsbolag/hyresvärd (", "Region/hälso- och sjukvård ("):
        assert heading in text
    assert "(Exempel) Nöjda gäster och fulla rum" in text
    assert coordination.sector_options(get_engine(), demo_workspace.id)[0] == "naringsliv"
    assert "Lapparna om Näringsliv" in text and "(Exempel) Undvik: kontroll, misstänkt" in text  # beside the plan
    tables = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert "(Exempel) Näringslivsutvecklaren" in tables  # the plan table
    wall = open_app(demo_workspace.id, "pages/step_5.py", section=SECTION, projector="1")
    assert_clean(wall)
    first = page_text(wall)  # the wall: one sector (or one round of a long one) per screen, "next" walks them
    assert "(Exempel) Nöjda gäster och fulla rum" in first and "(Exempel) Trygga boenden och nöjda hyresgäster" not in first
    total = screens.screen_count(get_engine(), demo_workspace.id, "step5", SECTION)
    shown = [first]
    for index in range(1, total):
        screens.show_screen(get_engine(), demo_workspace.id, "step5", SECTION, index)
        wall = open_app(demo_workspace.id, "pages/step_5.py", section=SECTION, projector="1")
        assert_clean(wall)
        shown.append(page_text(wall))
    walked = "\n".join(shown)
    assert "Omgång 2" in walked and "(Exempel) Trygga boenden och nöjda hyresgäster" in walked
    assert (
        f"Bild {total} av {total}" in shown[-1]
        and total >= 4
        and "(Exempel) Näringslivsutvecklaren" in "\n".join(frame.value.to_string() for frame in wall.table).replace("\\", "")
    )


def test_earlier_text_answers_stay_readable(open_app, empty_workspace):
    from sff_core.store.db import session_scope
    from sff_core.store.models import Response

    with session_scope(get_engine()) as session:  # stored when the section was answered as text, before the rounds were post-its
        for prompt, answer in (("huvudmal", "Gammalt svar"), ("kommunikationsplan", "Gammal plan")):
            session.add(
                Response(
                    workspace_id=empty_workspace.id,
                    step_key="step5",
                    section_key=SECTION,
                    prompt_key=prompt,
                    respondent=GROUP,
                    session_date=date(2026, 11, 3),
                    text=answer,
                )
            )
    at = open_app(empty_workspace.id, "pages/step_5.py", section=SECTION)
    assert_clean(at)
    text = page_text(at)
    assert "Gammalt svar" in text and "Gammal plan" in text and "Tidigare svar i text" in text
