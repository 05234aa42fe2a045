"""The wall and the remote: the wall shows only the exercise; the remote (and the wall's keys) drive it.

Post-its from phones: several notes each, dot voting with a budget, the ranked board on the wall.
"""

from __future__ import annotations

import json
from datetime import date

from sff_core import live, notes, room, screens
from sff_core.content import get_content
from sff_core.outputs.wall_screens import screens_now
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text

TODAY = date.today()
AGENDA = [("step0", "staden", 10), ("step0", "redo", None), ("step6", "swot", 20)]


def _start(workspace_id: int) -> room.Room:
    room.set_agenda(get_engine(), workspace_id, TODAY, AGENDA)
    return room.start_work_session(get_engine(), workspace_id, TODAY)


def _wall(open_app, workspace_id):
    at = open_app(workspace_id, "pages/wall.py", projector="1")
    assert_clean(at)
    return at


def _key(at, name):
    next(b for b in at.button if b.key == f"roomkey-{name}").click().run()
    assert_clean(at)


def test_the_wall_shows_the_agenda_then_only_the_exercise_without_controls(open_app, demo_workspace):
    room.set_agenda(get_engine(), demo_workspace.id, TODAY, AGENDA)
    waiting = _wall(open_app, demo_workspace.id)
    assert "Välkomna" in page_text(waiting) and "Dagens arbetspass" in page_text(waiting)
    room.start_work_session(get_engine(), demo_workspace.id, TODAY)
    at = _wall(open_app, demo_workspace.id)
    shown = page_text(at)
    assert "Steg 0 · Staden" in shown
    assert not at.text_input and not at.text_area and not at.selectbox and not at.date_input and not at.toggle
    assert {b.key for b in at.button} <= {f"roomkey-{name}" for name in ("next", "prev", "reveal", "timer", "join")}
    assert "Instruktioner" not in shown  # presenter notes stay on the remote


def test_the_remote_moves_the_wall_along_the_agenda(open_app, demo_workspace):
    _start(demo_workspace.id)
    remote = open_app(demo_workspace.id, "pages/remote.py")
    assert_clean(remote)
    assert "Staden" in page_text(remote) and "Instruktioner (bara här, inte på väggen)" in page_text(remote)
    next(b for b in remote.button if b.key == "room-next").click().run()
    assert_clean(remote)
    assert room.get_room(get_engine(), demo_workspace.id).exercise == ("step0", "redo")
    assert "Steg 0 · Är ni redo?" in page_text(_wall(open_app, demo_workspace.id))


def test_the_remote_draws_the_exercises_own_panel_only_where_its_ui_declares_one(open_app, demo_workspace):
    _start(demo_workspace.id)
    remote = open_app(demo_workspace.id, "pages/remote.py")
    assert not [b for b in remote.button if b.key.startswith("wall-screen-next-")]  # step 0's city: the generic remote
    room.show_exercise(get_engine(), demo_workspace.id, "step6", "swot")
    remote = open_app(demo_workspace.id, "pages/remote.py")
    assert_clean(remote)
    assert [b for b in remote.button if b.key == "wall-screen-next-swot"]  # the SWOT's remote panel: its screens


def test_a_stale_remote_does_not_move_the_wall_twice(open_app, demo_workspace):
    _start(demo_workspace.id)
    first, second = open_app(demo_workspace.id, "pages/remote.py"), open_app(demo_workspace.id, "pages/remote.py")
    next(b for b in first.button if b.key == "room-next").click().run()
    next(b for b in second.button if b.key == "room-next").click().run()  # it still showed the first exercise
    assert_clean(second)
    assert room.get_room(get_engine(), demo_workspace.id).exercise == ("step0", "redo")


def test_the_walls_keys_reveal_and_hide_take_the_code_off_and_run_the_timer(open_app, demo_workspace):
    _start(demo_workspace.id)
    activity = live.open_activity(get_engine(), demo_workspace.id, "step0", "staden", TODAY, "anonymous")
    at = _wall(open_app, demo_workspace.id)
    assert at.get("image") and activity.code[:3] in page_text(at) + "".join(c.value for c in at.code)
    _key(at, "reveal")
    assert live.get_activity(get_engine(), demo_workspace.id, activity.id).results_visible
    _key(at, "join")
    assert not room.get_room(get_engine(), demo_workspace.id).show_join
    assert not at.get("image") and not at.code  # no QR and no code on the wall
    _key(at, "timer")
    current = room.get_room(get_engine(), demo_workspace.id)
    assert current.timer.running and current.timer.seconds == 600  # the agenda's 10 minutes
    assert any(m.label.startswith("Tid kvar") for m in at.metric)
    _key(at, "next")
    assert room.get_room(get_engine(), demo_workspace.id).exercise == ("step0", "redo")


def test_closing_the_activity_removes_the_qr_and_the_code_from_the_wall(open_app, demo_workspace):
    _start(demo_workspace.id)
    activity = live.open_activity(get_engine(), demo_workspace.id, "step0", "staden", TODAY, "anonymous")
    assert _wall(open_app, demo_workspace.id).get("image")
    live.close_activity(get_engine(), demo_workspace.id, activity.id)
    at = _wall(open_app, demo_workspace.id)
    assert not at.get("image") and not at.code and activity.code[:3] not in page_text(at)


def _phone(open_app, code, token=None, **query):
    at = open_app(None, None, join=code, **({"p": token} if token else {}), **query)
    assert_clean(at)
    return at


def _add_note(at, board, text):
    at.text_input(key=f"phone-{board}-text").set_value(text)
    next(b for b in at.get("form_submit_button") if b.form_id == f"phone-{board}-add").click().run()
    at.run()
    assert_clean(at)


def test_phones_add_several_notes_then_dot_vote_and_the_wall_ranks_them(open_app, demo_workspace):
    room.set_agenda(get_engine(), demo_workspace.id, TODAY, AGENDA)
    room.start_work_session(get_engine(), demo_workspace.id, TODAY)
    room.show_exercise(get_engine(), demo_workspace.id, "step6", "swot")
    activity = live.open_activity(get_engine(), demo_workspace.id, "step6", "swot", TODAY, "anonymous")
    people = [live.join(get_engine(), activity.code) for _ in range(3)]
    phone = _phone(open_app, activity.code, people[0].token, grupp="grupp_1")  # the SWOT's small group (step 6)
    _add_note(phone, "styrkor", "Engagerade socialsekreterare")
    _add_note(phone, "styrkor", "Nära till polisen")
    _add_note(phone, "hot", "Nedskärningar")
    assert [
        n.text for n in notes.my_notes(get_engine(), notes.Exercise(demo_workspace.id, "step6", "swot", TODAY), people[0].respondent)
    ] == [
        "Engagerade socialsekreterare",
        "Nära till polisen",
        "Nedskärningar",
    ]
    assert phone.text_input(key="phone-styrkor-text").value == ""  # emptied for the next note
    notes.open_voting(get_engine(), demo_workspace.id, activity.id, 2)
    phone = _phone(open_app, activity.code, people[1].token)
    assert "Du har 2 av 2 röster kvar" in page_text(phone)
    boxes = {c.label: c for c in phone.checkbox}
    boxes["Nära till polisen"].check().run()
    phone.checkbox(key=boxes["Nedskärningar"].key).check().run()
    assert "0 av 2" in page_text(phone)
    phone.checkbox(key=boxes["Engagerade socialsekreterare"].key).check().run()
    assert "använt alla dina 2 röster" in page_text(phone)
    assert not phone.checkbox(key=boxes["Engagerade socialsekreterare"].key).value  # the refused tick is taken back
    live.set_results_visible(get_engine(), demo_workspace.id, activity.id, True)
    first = page_text(_wall(open_app, demo_workspace.id))  # the SWOT opens on the first small group's screen
    assert "Nära till polisen" in first and "● 1" not in first  # a group presents what it wrote, no dots yet
    swot = get_content().require_section("step6", "swot")
    titles = [s.title for s in screens_now(get_engine(), demo_workspace.id, swot)]  # each group's screen, the room's, the ranking
    room_screen = titles.index("Hela rummet – sammanslaget")
    assert room_screen == len(titles) - 2 and screens.screen_count(get_engine(), demo_workspace.id, "step6", "swot") == len(titles)
    screens.show_screen(get_engine(), demo_workspace.id, "step6", "swot", room_screen)
    shown = page_text(_wall(open_app, demo_workspace.id))
    assert "Nära till polisen ● 1" in shown and "Nedskärningar ● 1" in shown


READINESS = ("behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet")


def _button(at, label):
    """A button of the phone's one-question form (its answer goes with it)."""
    next(b for b in at.get("form_submit_button") if b.label == label).click().run()
    assert_clean(at)


def test_readiness_on_a_phone_is_one_dimension_per_screen_and_names_what_is_missing(open_app, demo_workspace):
    activity = live.open_activity(get_engine(), demo_workspace.id, "step0", "redo", TODAY, "anonymous")
    person = live.join(get_engine(), activity.code)
    phone = _phone(open_app, activity.code, person.token)
    for number, key in enumerate(READINESS, start=1):
        assert f"Fråga {number} av 7" in page_text(phone)
        assert [r.key for r in phone.radio] == [f"live-{key}"]  # one dimension on the screen
        if key != "perioden":  # one left unanswered
            phone.radio(key=f"live-{key}").set_value(4)
        if number < 7:
            _button(phone, "Nästa")
    assert "1 fråga saknar svar: 5." in page_text(phone)
    _button(phone, "Tillbaka")
    assert phone.radio(key="live-resurser").value == 4  # going back keeps the answer
    _button(phone, "Nästa")
    _button(phone, "Skicka")
    assert "Tryck på Skicka en gång till" in page_text(phone)
    assert live.live_count(get_engine(), activity).answered == 0  # nothing sent yet
    _button(phone, "Skicka")
    assert "Ditt svar är sparat" in page_text(phone)
    stored = live.my_answers(get_engine(), activity.code, person.token)
    assert {k: a.value_int for k, a in stored.items()} == {k: 4 for k in READINESS if k != "perioden"}


def test_groups_the_facilitator_made_stand_under_their_name_on_the_wall(open_app, demo_workspace):
    from sff_core.responses import GROUP

    room.show_exercise(get_engine(), demo_workspace.id, "step6", "swot")
    swot = notes.Exercise(demo_workspace.id, "step6", "swot", TODAY)
    added = [
        notes.add_note(get_engine(), swot, "styrkor", GROUP, text, notes.new_submission_key()) for text in ("Polisen", "Soc", "Skolan")
    ]
    notes.set_cluster(get_engine(), demo_workspace.id, [added[0].id, added[1].id], "Myndigheter")
    notes.set_marked(get_engine(), demo_workspace.id, [added[2].id], True)
    wall = _wall(open_app, demo_workspace.id)
    board = next(t.value for t in wall.text if "Polisen" in t.value).splitlines()
    assert board == ["▸ Myndigheter", "  • Polisen", "  • Soc", "★ Skolan"]


def _drawn_results(at):  # type: ignore[no-untyped-def]
    """What a page draws of a results model: charts, tables, progress bars, metrics and plain texts."""
    charts = [json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart")]
    return charts, [t.value for t in at.text], len(at.dataframe) + len(at.table), [p.proto.text for p in at.get("progress")]


def test_the_step_page_in_projector_mode_and_the_wall_draw_the_same_results(open_app, empty_workspace):
    from sff_core.responses import GROUP, Answer, save_answers

    engine = get_engine()
    save_answers(engine, empty_workspace.id, "step0", "engagemang", GROUP, TODAY, {"s01": Answer(value_bool=True)})
    save_answers(engine, empty_workspace.id, "step0", "redo", GROUP, TODAY, {"perioden": Answer(value_int=3)})
    for section in ("engagemang", "redo"):  # a generic shape, and an exercise with a results view of its own
        projected = open_app(empty_workspace.id, "pages/step_0.py", section=section, projector="1")
        assert_clean(projected)
        room.show_exercise(engine, empty_workspace.id, "step0", section)
        wall = _wall(open_app, empty_workspace.id)
        assert _drawn_results(projected) == _drawn_results(wall) and any(_drawn_results(wall)), section
