"""Step 6's collaboration plan, marketing and the overview's scorecard through AppTest: empty, from the
Helsingborg example, bad input kept in the form, two browsers, the demo plan, the wall."""

from sff_core import plan, screens
from sff_core.content import get_content
from sff_core.demo import DEMO_PLAN_AGREED, DEMO_PLAN_FIRST_YEAR
from sff_core.outputs.wall_screens import screens_now
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text


def _submit(at, form_id):
    [button] = [b for b in at.get("form_submit_button") if b.form_id == form_id]
    button.click().run()


def _tables(at) -> str:
    """Every cell of every table on the page (the wall's tables escape Markdown characters: unescaped here)."""
    frames = [frame.value for frame in [*at.dataframe, *at.table]]
    cells = [str(v) for frame in frames for v in [*frame.columns, *frame.to_numpy().ravel()]]
    return "\n".join(cells).replace("\\", "")


def test_empty_plan_loads_the_helsingborg_example_as_a_draft(open_app, empty_workspace):
    at = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    assert_clean(at)
    assert "Börja från handbokens exempel" in page_text(at)
    at.number_input(key="plan-start-year").set_value(2028)
    at.button(key="plan-load-example").click().run()
    assert_clean(at)
    assert "Exemplet är inläst: 37 aktiviteter" in page_text(at)
    assert "Polisen: insatsvecka under året, i samverkan med nätverket" in _tables(at)
    assert "År 1 (2028)" in _tables(at)
    assert plan.get_plan(get_engine(), empty_workspace.id).first_year == 2028


def test_a_target_that_is_not_a_number_is_refused_and_kept(open_app, empty_workspace):
    engine = get_engine()
    goal = plan.save_goal(engine, empty_workspace.id, None, {"text": "Lagföring", "target_1": 5})
    at = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    at.text_input(key=f"goal-{goal.id}-target_2").set_value("sju")
    _submit(at, f"goal-{goal.id}-form")
    assert_clean(at)
    assert "måste vara ett tal" in page_text(at)
    assert at.text_input(key=f"goal-{goal.id}-target_2").value == "sju"
    at.text_input(key=f"goal-{goal.id}-target_2").set_value("7")
    _submit(at, f"goal-{goal.id}-form")
    assert_clean(at)
    assert plan.list_goals(engine, empty_workspace.id)[0].targets == {1: 5.0, 2: 7.0}


def test_one_delmal_form_at_a_time_picked_from_the_list(open_app, empty_workspace):
    engine = get_engine()
    first = plan.save_goal(engine, empty_workspace.id, None, {"text": "Lagföring"})
    second = plan.save_goal(engine, empty_workspace.id, None, {"text": "Medvetenhet", "target_1": 40})
    at = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    shown = {w.key for w in at.text_area}
    assert f"goal-{first.id}-text" in shown and f"goal-{second.id}-text" not in shown  # the first delmål's form only
    at.radio(key="plan-goal-pick").set_value(second.id).run()
    assert_clean(at)
    assert at.text_input(key=f"goal-{second.id}-target_1").value == "40"
    at.text_input(key=f"goal-{second.id}-target_2").set_value("45")
    _submit(at, f"goal-{second.id}-form")
    assert_clean(at)
    assert plan.list_goals(engine, empty_workspace.id)[1].targets == {1: 40.0, 2: 45.0}


def test_two_browsers_editing_a_delmal_the_second_is_told(open_app, empty_workspace):
    engine = get_engine()
    goal = plan.save_goal(engine, empty_workspace.id, None, {"text": "Lagföring"})
    first = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    second = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    first.text_input(key=f"goal-{goal.id}-unit").set_value("lagförda sexköpare")
    _submit(first, f"goal-{goal.id}-form")
    second.text_input(key=f"goal-{goal.id}-unit").set_value("domar")
    _submit(second, f"goal-{goal.id}-form")
    assert_clean(second)
    assert "Inget av det du skrev är sparat" in page_text(second)
    assert second.text_input(key=f"goal-{goal.id}-unit").value == "domar"
    assert plan.list_goals(engine, empty_workspace.id)[0].unit == "lagförda sexköpare"


def test_activity_and_marketing_forms(open_app, empty_workspace):
    engine = get_engine()
    plan.save_goal(engine, empty_workspace.id, None, {"text": "Medvetenhet"})
    at = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    at.text_area(key="activity-new-text").set_value(" ")
    _submit(at, "activity-new-form")
    assert_clean(at)
    assert "får inte vara tomt" in page_text(at)
    at.text_area(key="activity-new-text").set_value("Utbildningsevent för hotellpersonal")
    _submit(at, "activity-new-form")
    assert_clean(at)
    assert [a.text for a in plan.list_activities(engine, empty_workspace.id)] == ["Utbildningsevent för hotellpersonal"]
    at = open_app(empty_workspace.id, "pages/step_6.py", section="marknadsforing")
    assert_clean(at)
    assert "Ingen målgrupp ännu" in page_text(at)
    at.text_input(key="marketing-new-target_group").set_value("Hotell")
    at.text_area(key="marketing-new-tone").set_value("Stödjande")
    _submit(at, "marketing-new-form")
    assert_clean(at)
    assert "Hotell" in _tables(at) and plan.list_marketing(engine, empty_workspace.id)[0].tone == "Stödjande"


def test_demo_plan_follow_up_documents_and_the_wall(open_app, demo_workspace):
    at = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan")
    assert_clean(at)
    tables = _tables(at)
    assert "Ökad lagföring av sexköpare" in tables and "Lokalpolisområdet (exempel)" in tables
    assert f"År 1 ({DEMO_PLAN_FIRST_YEAR})" in tables and "75 %" in tables and "↑" not in tables  # only year 1 has happened
    assert f"Överenskommen i nätverket {DEMO_PLAN_AGREED.isoformat()}" in page_text(at)
    assert len(at.get("plotly_chart")) >= 1
    at.button(key="plan-doc-docx-make").click().run()
    assert_clean(at)
    assert at.get("download_button")
    engine = get_engine()
    shown = [screen.title for screen in screens_now(engine, demo_workspace.id, get_content().require_section("step6", "samverkansplan"))]
    assert len(shown) == 7 and shown[2].startswith("Delmål 1.") and shown[-1] == "Uppföljning"  # one delmål per screen
    at.button(key="wall-screen-next-samverkansplan").click().run()  # the laptop moves the wall (as "next" on the remote)
    assert_clean(at)
    assert screens.stored_position(engine, demo_workspace.id, "step6", "samverkansplan") == 1
    for index, title in enumerate(shown):
        screens.show_screen(engine, demo_workspace.id, "step6", "samverkansplan", index)
        wall = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan", projector="1")
        assert_clean(wall)
        assert [b.key for b in wall.button] == ["projector_exit"] and not wall.get("form_submit_button")  # no plan controls on the wall
        assert f"Bild {index + 1} av 7" in page_text(wall)
        assert title in page_text(wall) if index < 6 else wall.get("plotly_chart")  # each screen headed by its part; the chart last
    assert "Lokalpolisområdet (exempel)" in _tables(wall) or wall.get("plotly_chart")
    marketing = open_app(demo_workspace.id, "pages/step_6.py", section="marknadsforing")
    assert_clean(marketing)
    assert "Hotell och restauranger" in _tables(marketing)
    lagforing = plan.list_goals(engine, demo_workspace.id)[0]
    plan.save_goal(engine, demo_workspace.id, lagforing.id, {"actual_2": 5})  # year 2's outcome, once it has come
    screens.show_screen(engine, demo_workspace.id, "step6", "samverkansplan", 0)
    later = open_app(demo_workspace.id, "pages/step_6.py", section="samverkansplan")
    assert_clean(later)
    assert "↑" in _tables(later) and f"Överenskommen i nätverket {DEMO_PLAN_AGREED.isoformat()}" in page_text(later)


def test_overview_scorecard_empty_and_with_the_demo(open_app, empty_workspace, demo_workspace):
    at = open_app(empty_workspace.id, "pages/overview.py")
    assert_clean(at)
    assert "Ingen samverkansplan med mål ännu" in page_text(at)
    demo = open_app(demo_workspace.id, "pages/overview.py")
    assert_clean(demo)
    assert "Samverkansplanens uppföljning" in page_text(demo)
    tables = _tables(demo)
    assert "Ökad lagföring av sexköpare" in tables and "75 %" in tables  # year 1 (2026): 3 of the target 4
