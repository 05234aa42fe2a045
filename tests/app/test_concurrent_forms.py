"""Two browsers on one exercise, through the real page: nothing erased, conflicts shown, nothing typed lost."""

from sff_core.db import get_engine
from sff_core.responses import GROUP, answers_for, load_responses
from tests.app.conftest import assert_clean, page_text


def _area(at, prompt_key):
    return next(a for a in at.text_area if str(a.key).endswith(f"-{prompt_key}"))


def _save(at) -> str:
    """Press "Spara svaren"; the page's text right after. AppTest does not see a submit click in
    the run right after another submit (seen with the code before this change too), so a plain
    rerun follows to settle the session before the test types again."""
    next(b for b in at.get("form_submit_button") if b.label == "Spara svaren").click().run()
    assert_clean(at)
    shown = page_text(at)
    at.run()
    return shown


def _stored(workspace_id):
    frame = load_responses(get_engine(), workspace_id, "step0", "staden")
    return {k: a.text for k, a in answers_for(frame, GROUP).items()}


def test_second_browser_keeps_the_first_ones_answer_and_conflicts_are_chosen(open_app, empty_workspace):
    first = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    second = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    _area(first, "mojligheter").input("Hamnen och högskolan")
    _save(first)
    _area(second, "utmaningar").input("Få platser i skyddat boende")
    assert "1 svar sparade" in _save(second)
    assert _stored(empty_workspace.id) == {"mojligheter": "Hamnen och högskolan", "utmaningar": "Få platser i skyddat boende"}

    # after saving, each form shows the record as stored; now both change the same answer
    _area(first, "mojligheter").input("Bara hamnen")
    _save(first)
    _area(second, "mojligheter").input("Hamnen, högskolan och näringslivet")
    shown = _save(second)
    assert "Någon annan har sparat" in shown and "Bara hamnen" in shown and "Hamnen, högskolan och näringslivet" in shown
    assert _stored(empty_workspace.id)["mojligheter"] == "Bara hamnen"
    assert _area(second, "mojligheter").value == "Hamnen, högskolan och näringslivet"  # what was typed stays

    next(b for b in second.button if b.label == "Spara mitt svar ändå").click().run()
    assert_clean(second)
    assert _stored(empty_workspace.id)["mojligheter"] == "Hamnen, högskolan och näringslivet"
    assert "Någon annan har sparat" not in page_text(second)


def test_keeping_the_stored_answer_reloads_the_form(open_app, empty_workspace):
    first = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    second = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    _area(first, "mojligheter").input("Förstas text")
    _save(first)
    _area(second, "mojligheter").input("Andras text")
    _area(second, "utmaningar").input("Andras utmaning")
    _save(second)
    next(b for b in second.button if b.label == "Behåll det sparade").click().run()
    assert_clean(second)
    assert _stored(empty_workspace.id) == {"mojligheter": "Förstas text", "utmaningar": "Andras utmaning"}
    assert _area(second, "mojligheter").value == "Förstas text"


def test_member_form_in_two_browsers(open_app, demo_workspace):
    from sff_core.members import list_members

    member = list_members(get_engine(), demo_workspace.id)[0]
    first = open_app(demo_workspace.id, "pages/core_group.py")
    second = open_app(demo_workspace.id, "pages/core_group.py")
    for at in (first, second):
        at.selectbox(key="member-pick").set_value(member.id).run()
    first.text_input(key=f"m-role-{member.id}").input("Ny roll")
    first.get("form_submit_button")[0].click().run()
    assert_clean(first)
    first.run()
    second.text_input(key=f"m-org-{member.id}").input("Ny organisation")
    second.get("form_submit_button")[0].click().run()
    assert_clean(second)
    second.run()
    saved = next(m for m in list_members(get_engine(), demo_workspace.id) if m.id == member.id)
    assert (saved.role, saved.organisation) == ("Ny roll", "Ny organisation")
    first.text_input(key=f"m-role-{member.id}").input("Tredje roll")
    first.get("form_submit_button")[0].click().run()
    first.run()
    second.text_input(key=f"m-role-{member.id}").input("Fjärde roll")
    second.get("form_submit_button")[0].click().run()
    assert "Någon annan har sparat" in page_text(second)
    saved = next(m for m in list_members(get_engine(), demo_workspace.id) if m.id == member.id)
    assert saved.role == "Tredje roll"
