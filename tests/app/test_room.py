"""In the room: a trial never replaces the agreed result, plural words, the short join address."""

from datetime import date

from sff_core.demo import SECOND_SESSION
from sff_core.members import list_members
from sff_core.responses import Answer, save_answers
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text


def test_a_trial_run_today_does_not_replace_the_agreed_readiness_result(open_app, demo_workspace):
    anna = list_members(get_engine(), demo_workspace.id)[0]
    save_answers(get_engine(), demo_workspace.id, "step0", "redo", anna.respondent, date.today(), {"behov": Answer(value_int=1)})
    overview = open_app(demo_workspace.id)
    assert_clean(overview)
    assert "26 av 35" in page_text(overview)  # the consensus session the group agreed on
    step0 = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    shown = page_text(step0)
    assert SECOND_SESSION.isoformat() in shown and "överenskomna resultat" in shown


def test_a_partial_session_says_how_many_of_the_core_group_answered(open_app, demo_workspace):
    anna = list_members(get_engine(), demo_workspace.id)[0]
    save_answers(
        get_engine(),
        demo_workspace.id,
        "step0",
        "redo",
        anna.respondent,
        date(2026, 11, 20),
        {
            key: Answer(value_int=3)
            for key in ("behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet")
        },
    )
    at = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    at.date_input(key="session_date").set_value(date(2026, 11, 20)).run()
    assert_clean(at)
    shown = page_text(at)
    assert "1 person har svarat" in shown and "1 av 6 i kärngruppen" in shown and "21 av 35" in shown
    next(b for b in at.button if b.label.startswith("Gör det här arbetspasset")).click().run()
    assert_clean(at)
    overview = open_app(demo_workspace.id)
    assert "21 av 35" in page_text(overview)


def test_the_start_page_takes_a_join_code_typed_by_hand(open_app, demo_workspace):
    from sff_core.live import open_activity

    activity = open_activity(get_engine(), demo_workspace.id, "step0", "staden", date.today(), "anonymous")
    at = open_app()  # the short address: the start page, locked
    at.text_input(key="start-code").set_value(activity.code.lower()[:3] + " " + activity.code.lower()[3:])
    next(b for b in at.get("form_submit_button") if b.label == "Delta").click().run()
    assert_clean(at)
    assert "Stad för stad – delta" in page_text(at) and "Staden" in page_text(at)
    assert "Lösenfras" not in page_text(at)


def test_the_wall_shows_names_only_when_the_facilitator_chooses(open_app, demo_workspace):
    from sff_core.live import join, open_activity, set_names_on_wall, set_results_visible, submit

    activity = open_activity(get_engine(), demo_workspace.id, "step0", "redo", date(2026, 11, 20), "member")
    anna = list_members(get_engine(), demo_workspace.id)[0]
    phone = join(get_engine(), activity.code, member_id=anna.id)
    keys = ("behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet")
    submit(get_engine(), activity.code, phone.token, {key: Answer(value_int=4) for key in keys})
    set_results_visible(get_engine(), demo_workspace.id, activity.id, True)
    wall = open_app(demo_workspace.id, "pages/step_0.py", section="redo", projector="1")
    assert_clean(wall)
    radar = wall.get("plotly_chart")[0].proto.spec
    assert anna.name not in radar and "Person 1" in radar  # lines can be told apart, not attributed
    assert not wall.code  # revealed: no QR column with the large code, one line for latecomers, results full width
    set_names_on_wall(get_engine(), demo_workspace.id, activity.id, True)
    wall.run()
    assert anna.name in wall.get("plotly_chart")[0].proto.spec
    laptop = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    assert anna.name in laptop.get("plotly_chart")[0].proto.spec  # the facilitator's own screen has names


def test_charts_on_the_wall_have_no_toolbar_and_no_hover(open_app, demo_workspace):
    import json

    wall = open_app(demo_workspace.id, "pages/step_0.py", section="redo", projector="1")
    config = json.loads(wall.get("plotly_chart")[0].proto.config)
    assert config.get("staticPlot") is True and config.get("displayModeBar") is False
    laptop = open_app(demo_workspace.id, "pages/step_0.py", section="redo")
    assert json.loads(laptop.get("plotly_chart")[0].proto.config).get("staticPlot") is not True
