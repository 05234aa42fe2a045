"""User text in widget labels and options goes through sff_core/ui/text.py's `plain` (issue 20, High 3).

Streamlit renders Markdown in every widget label and in the options of radios: a post-it reading
`![x](http://evil.example/p.png)` made every phone that drew the dot-voting list fetch an image from
an outside host. The four places the attack found: the phone's voting list, both sort panels (the
post-it boards' and the SWOT's) and step 6's delmål picker. Each must show the escaped text.
"""

from datetime import date

from sff_core import live, notes, plan
from sff_core.responses import GROUP
from sff_core.store.db import get_engine
from sff_core.ui.text import plain
from tests.app.conftest import assert_clean

TODAY = date.today()
IMAGE = "![x](http://evil.example/p.png)"
LINK = "Se https://evil.example/l och :red[röd]"


def _labels(at) -> list[str]:
    return [c.label for c in at.checkbox]


def test_the_phones_voting_list_shows_post_its_as_typed(open_app, demo_workspace):
    activity = live.open_activity(get_engine(), demo_workspace.id, "step6", "swot", TODAY, "anonymous")
    swot = notes.Exercise(demo_workspace.id, "step6", "swot", TODAY)
    notes.add_note(get_engine(), swot, "styrkor", GROUP, IMAGE, notes.new_submission_key(), topic="grupp_1")
    notes.open_voting(get_engine(), demo_workspace.id, activity.id, 2)
    person = live.join(get_engine(), activity.code)
    phone = open_app(None, None, join=activity.code, p=person.token)
    assert_clean(phone)
    assert plain(IMAGE) in _labels(phone) and IMAGE not in _labels(phone)


def test_the_swot_sort_panel_shows_post_its_as_typed(open_app, demo_workspace):
    swot = notes.Exercise(demo_workspace.id, "step6", "swot", TODAY)
    notes.add_note(get_engine(), swot, "styrkor", GROUP, LINK, notes.new_submission_key(), topic="grupp_1")
    at = open_app(demo_workspace.id, "pages/step_6.py", section="swot")
    at.date_input(key="session_date").set_value(TODAY).run()
    assert_clean(at)
    sort_labels = [label for label in _labels(at) if "evil" in label]
    assert sort_labels and all(label.startswith(plain(LINK)) for label in sort_labels), sort_labels


def test_the_post_it_sort_panel_shows_post_its_and_groups_as_typed(open_app, demo_workspace):
    board = notes.Exercise(demo_workspace.id, "step1", "modig_miljo", TODAY)
    note = notes.add_note(get_engine(), board, "fraga_1", GROUP, IMAGE, notes.new_submission_key())
    notes.set_cluster(get_engine(), demo_workspace.id, [note.id], "<b>grupp</b>")
    at = open_app(demo_workspace.id, "pages/step_1.py", section="modig_miljo")
    at.date_input(key="session_date").set_value(TODAY).run()
    assert_clean(at)
    assert plain(f"{IMAGE}  (<b>grupp</b>)") in _labels(at)


def test_the_delmal_picker_shows_goal_texts_as_typed(open_app, empty_workspace):
    goal = plan.save_goal(get_engine(), empty_workspace.id, None, {"text": IMAGE})
    at = open_app(empty_workspace.id, "pages/step_6.py", section="samverkansplan")
    assert_clean(at)
    [picker] = [r for r in at.radio if r.key == "plan-goal-pick"]
    assert picker.options == [plain(f"{goal.label('sv')}: {IMAGE}")]
