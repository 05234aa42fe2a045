"""Every page in the navigation through AppTest, on an empty and on the demo workspace."""

import pytest

from sff_core.content import get_content
from sff_core.i18n import text
from tests.app.conftest import PAGES, assert_clean, page_text

CONTENT = get_content()


def own_content(page: str) -> list[str]:
    """Strings that only that page shows."""
    if page.startswith("pages/step_"):
        step = CONTENT.step(int(page.split("_")[1].split(".")[0]))
        return [text(step.title, "sv"), text(step.sections[0].title, "sv"), "Vad som krävs för att avsluta steg"]
    return {
        "pages/overview.py": ["Processen i överblick", "Utforska", "Utrusta", "Utföra"],
        "pages/core_group.py": ["Kärngruppen", "Vad handboken ber om", "Lägg till medlem"],
        "pages/statistics.py": ["Nätverksstatistik", "Registrera en incident (gemensam statistikmall)"],
        "pages/workspaces.py": ["Välj arbetsyta", "Lås arbetsytan"],
        "pages/privacy.py": ["Personuppgifter i Stad för stad", "Rättslig grund:", "Inga uppgifter om utsatta personer"],
        "pages/about.py": ["Frälsningsarmén", "Emma Cotterill", "Länsstyrelsen Skåne"],
    }[page]


@pytest.mark.parametrize("workspace_fixture", ["empty_workspace", "demo_workspace"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_its_own_content(request, open_app, workspace_fixture, page):
    workspace = request.getfixturevalue(workspace_fixture)
    at = open_app(workspace.id, page)
    assert_clean(at)
    shown = page_text(at)
    for expected in own_content(page):
        assert expected in shown, (page, expected)


def test_locked_app_shows_only_the_workspace_gate(open_app, demo_workspace):
    at = open_app()
    assert_clean(at)
    shown = page_text(at)
    assert "Välj arbetsyta" in shown
    assert "Anna Exempel" not in shown and "Kärngruppen" not in shown
    deep = at.switch_page("pages/core_group.py").run()  # a deep link while locked: the gate, then that very page
    assert_clean(deep)
    assert "Lås upp arbetsytan för att öppna den här sidan" in page_text(deep) and "Anna Exempel" not in page_text(deep)
    deep.text_input(key="unlock-passphrase").set_value("exempelstad")
    deep.get("form_submit_button")[0].click().run()
    assert_clean(deep)
    assert "krav uppfyllda" in page_text(deep) and "Anna Exempel" in str(deep.dataframe[0].value)


def test_step0_demo_shows_verdict_weakest_and_radar(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py", section="all")
    shown = page_text(at)
    assert "26 av 35 poäng" in shown
    assert "Fortsätt" in shown
    assert "Svagaste dimensioner: Politisk vilja" in shown
    charts = at.get("plotly_chart")
    assert len(charts) >= 3  # agreement bars, personality types, readiness radar


def test_english_interface(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py", lang="en", section="redo")
    assert_clean(at)
    shown = page_text(at)
    assert "Step 0: Should we start? How do we start?" in shown
    assert "Are you ready?" in shown and "Continue" in shown


def test_projector_mode_hides_editing(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py", projector="1", section="redo")
    assert_clean(at)
    shown = page_text(at)
    assert "26 av 35 poäng" in shown
    assert "Spara svaren" not in shown
    assert len(at.sidebar.radio) == 0  # no language or editing controls
    assert len(at.get("plotly_chart")) == 1


def test_broken_content_file_gets_a_message_naming_file_and_key(open_app, demo_workspace, tmp_path, monkeypatch):
    import shutil

    from sff_core.config import CONTENT_DIR

    broken = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, broken)
    step = broken / "steps" / "step_2.yaml"
    step.write_text(step.read_text(encoding="utf-8").replace("number: 2", "number: 12", 1), encoding="utf-8")
    monkeypatch.setenv("SFF_CONTENT_DIR", str(broken))
    at = open_app(demo_workspace.id)
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "Handbokens innehållsfiler kunde inte läsas" in message
    assert "step_2.yaml" in message and "number" in message


def test_step_pages_show_one_exercise_at_a_time(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py")
    assert [h.value for h in at.subheader] == ["Teamövning: Engagemang"]
    at.query_params["section"] = "redo"
    at.run()
    assert [h.value for h in at.subheader] == ["Teamövning: Är ni redo?"]
    everything = open_app(demo_workspace.id, "pages/step_0.py", section="all")
    assert len(everything.subheader) == 7


def test_every_chart_offers_its_numbers_as_a_table(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    assert not any("Konsensus" in frame.value.columns for frame in at.dataframe)  # not built until asked for
    at.toggle(key="table-chart-readiness").set_value(True).run()
    table = next(frame.value for frame in at.dataframe if "Konsensus" in frame.value.columns)
    assert list(table["Dimension"])[:2] == ["Identifiera och definiera behov", "Politisk vilja"]
    assert table["Konsensus"].tolist() == [4, 3, 4, 5, 4, 3, 3]
