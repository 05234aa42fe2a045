"""Step 6's SWOT live: small groups, the same post-it twice, merging for the whole room, dot voting and ranking,
the screens the remote walks, the format choice and the training needs – on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from sff_core import common_ground, live, notes, room, screens, swot, work_format
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.notes import Exercise, board, new_submission_key, toggle_vote
from sff_core.outputs.wall_screens import screens_now
from sff_core.store.concurrency import EditConflict

DAY = date(2026, 10, 6)


@pytest.fixture
def exercise(workspace):
    return Exercise(workspace.id, "step6", "swot", DAY)


@pytest.fixture
def activity(engine, workspace):
    return live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")


def _note(engine, exercise, who, text, group="grupp_1", quadrant="styrkor"):
    return swot.add_swot_note(engine, exercise, quadrant, who, text, new_submission_key(), group)


def _phones(engine, activity, n):
    return [live.join(engine, activity.code) for _ in range(n)]


def test_each_small_group_writes_its_own_swot_and_the_room_sees_all(engine, workspace, exercise, activity):
    swot.set_small_groups(engine, workspace.id, 3)
    one, two, three = _phones(engine, activity, 3)
    _note(engine, exercise, one.respondent, "Engagerade medarbetare", "grupp_1")
    _note(engine, exercise, one.respondent, "Lite tid", "grupp_1", "svagheter")
    _note(engine, exercise, two.respondent, "Nya nätverket", "grupp_2", "mojligheter")
    _note(engine, exercise, three.respondent, "Personalomsättning", "grupp_3", "hot")
    notes_now = board(engine, exercise)
    assert {n.topic for n in notes_now} == {"grupp_1", "grupp_2", "grupp_3"}
    assert sorted(n.text for n in notes_now if n.topic == "grupp_1") == ["Engagerade medarbetare", "Lite tid"]
    assert swot.groups_with_notes(engine, exercise) == ["grupp_1", "grupp_2", "grupp_3"]
    assert len(notes_now) == 4


def test_bad_input_unknown_group_empty_note_and_the_same_post_it_twice(engine, workspace, exercise, activity):
    swot.set_small_groups(engine, workspace.id, 2)
    (phone,) = _phones(engine, activity, 1)
    with pytest.raises(InputError) as caught:
        _note(engine, exercise, phone.respondent, "Bra samverkan", "grupp_3")
    assert caught.value.key == "swot_unknown_group" and "finns inte i rummet" in str(caught.value)
    with pytest.raises(InputError) as caught:
        _note(engine, exercise, phone.respondent, "Bra samverkan", None)
    assert caught.value.key == "swot_pick_group"
    with pytest.raises(InputError) as caught:
        _note(engine, exercise, phone.respondent, "   ")
    assert caught.value.key == "swot_empty_note" and "tom" in str(caught.value)
    key = new_submission_key()
    first = swot.add_swot_note(engine, exercise, "styrkor", phone.respondent, "Bra samverkan", key, "grupp_1")
    again = swot.add_swot_note(engine, exercise, "styrkor", phone.respondent, "Bra samverkan", key, "grupp_1")  # a double tap
    resent = _note(engine, exercise, phone.respondent, "bra  samverkan")  # a reconnected phone sends it again
    assert first.id == again.id == resent.id and len(board(engine, exercise)) == 1
    with pytest.raises(InputError):
        swot.set_small_groups(engine, workspace.id, 11)
    assert swot.small_groups(engine, workspace.id) == 2


def test_merged_for_the_whole_room_across_groups_keeps_its_votes(engine, workspace, exercise, activity):
    one, two, three = _phones(engine, activity, 3)
    keep = _note(engine, exercise, one.respondent, "Bra samverkan med polisen", "grupp_1")
    dup = _note(engine, exercise, two.respondent, "Polisen samverkar bra", "grupp_2")
    other = _note(engine, exercise, three.respondent, "Lite resurser", "grupp_3", "svagheter")
    with pytest.raises(InputError) as caught:  # merging within a small group's topic only (the generic rule)
        notes.merge_notes(engine, workspace.id, keep.id, [dup.id])
    assert caught.value.key == "merge_across_boards"
    with pytest.raises(InputError):  # never across quadrants
        swot.merge_for_room(engine, workspace.id, keep.id, [other.id])
    notes.open_voting(engine, workspace.id, activity.id, 3)
    toggle_vote(engine, activity.id, dup.id, one.respondent)
    toggle_vote(engine, activity.id, dup.id, two.respondent)
    toggle_vote(engine, activity.id, keep.id, one.respondent)  # one voted on both: counts once after the merge
    swot.merge_for_room(engine, workspace.id, keep.id, [dup.id])
    merged = {n.id: n for n in board(engine, exercise)}[keep.id]
    assert merged.weight == 2 and merged.merged == ("Polisen samverkar bra",) and merged.votes == 2
    used = notes.my_votes(engine, exercise, one.respondent)
    assert used == {keep.id}  # the dot given twice came back to the voter


def test_votes_per_participant_enforced_and_closed_voting_refused(engine, workspace, exercise, activity):
    a, b, c = (_note(engine, exercise, "group", t, "grupp_1") for t in ("A", "B", "C"))
    (phone,) = _phones(engine, activity, 1)
    notes.open_voting(engine, workspace.id, activity.id, 2)
    toggle_vote(engine, activity.id, a.id, phone.respondent)
    toggle_vote(engine, activity.id, b.id, phone.respondent)
    with pytest.raises(InputError) as caught:
        toggle_vote(engine, activity.id, c.id, phone.respondent)
    assert caught.value.key == "no_votes_left" and "2 röster" in str(caught.value)
    notes.close_voting(engine, workspace.id, activity.id)
    with pytest.raises(InputError) as caught:
        toggle_vote(engine, activity.id, c.id, phone.respondent)
    assert caught.value.key == "voting_closed"
    assert swot.votes_cast(engine, exercise) == 2 and swot.voters(engine, exercise) == 1


def test_ranking_ties_share_a_rank_in_a_stable_order(engine, workspace, exercise, activity):
    texts = ["Första", "Andra", "Tredje", "Fjärde"]
    made = [_note(engine, exercise, "group", t, "grupp_1") for t in texts]
    voters = _phones(engine, activity, 3)
    notes.open_voting(engine, workspace.id, activity.id, 3)
    for phone in voters:  # Tredje 3 votes; Andra and Fjärde 1 each (a tie); Första none
        toggle_vote(engine, activity.id, made[2].id, phone.respondent)
    toggle_vote(engine, activity.id, made[3].id, voters[0].respondent)
    toggle_vote(engine, activity.id, made[1].id, voters[1].respondent)
    ranked = swot.ranking(board(engine, exercise))
    assert [(r.rank, r.note.text, r.note.votes) for r in ranked] == [(1, "Tredje", 3), (2, "Andra", 1), (2, "Fjärde", 1)]
    assert swot.ranking(board(engine, exercise)) == ranked  # the same order every time
    assert [r.note.text for r in swot.ranking(board(engine, exercise), limit=1)] == ["Tredje"]
    assert notes.mark_top(engine, exercise, 2) == [made[2].id, made[1].id]


def test_the_remote_walks_the_swots_screens_before_the_agenda(engine, workspace, exercise):
    swot.set_small_groups(engine, workspace.id, 3)
    assert screens.screen_count(engine, workspace.id, "step6", "swot") == 1  # no post-its yet: the one screen that says so
    _note(engine, exercise, "group", "A", "grupp_1")
    _note(engine, exercise, "group", "B", "grupp_3")
    room.set_agenda(engine, workspace.id, DAY, [("step6", "swot", 20), ("step6", "samverkansplan", None)])
    room.start_work_session(engine, workspace.id, DAY)
    assert screens.screen_count(engine, workspace.id, "step6", "swot") == 4  # grupp 1, grupp 3 (with notes), the room, the ranking
    seen = room.get_room(engine, workspace.id).version
    for expected in (1, 2, 3):
        moved = screens.step(engine, workspace.id, +1, seen)
        seen = moved.version
        assert moved.exercise == ("step6", "swot") and screens.position(engine, workspace.id, "step6", "swot") == expected
    with pytest.raises(room.RoomMoved):  # a second remote with the old version moves nothing
        screens.step(engine, workspace.id, +1, seen - 1)
    moved = screens.step(engine, workspace.id, +1, seen)
    assert moved.exercise == ("step6", "samverkansplan")
    back = screens.step(engine, workspace.id, -1, moved.version)
    assert back.exercise == ("step6", "swot") and screens.position(engine, workspace.id, "step6", "swot") == 3  # entered at its end
    section = get_content().require_section("step6", "swot")
    titles = [s.title for s in screens_now(engine, workspace.id, section)]  # the model's screens: what the wall draws
    assert titles == ["Grupp 1 presenterar", "Grupp 3 presenterar", "Hela rummet – sammanslaget", "Rangordning"]


def test_format_choice_with_dates_and_bad_input(engine, workspace):
    assert [f.key for f in work_format.formats("step6")] == ["workshops", "meetings"]
    assert [f.dates for f in work_format.formats("step7")] == ["workshops", "meetings"]
    with pytest.raises(InputError) as caught:
        work_format.save_choice(engine, workspace.id, "step6", None, [])
    assert caught.value.key == "format_pick"
    with pytest.raises(InputError) as caught:
        work_format.save_choice(engine, workspace.id, "step6", "meetings", [date(2026, 11, 1)])
    assert caught.value.key == "format_end_required"
    with pytest.raises(InputError) as caught:
        work_format.save_choice(engine, workspace.id, "step6", "meetings", [date(2026, 12, 1)], date(2026, 11, 30))
    assert caught.value.key == "format_end_before_meeting"
    with pytest.raises(InputError):
        work_format.save_choice(engine, workspace.id, "step6", "workshops", [date(2035, 1, 1)])  # outside the process (and its margin)
    saved = work_format.save_choice(engine, workspace.id, "step6", "workshops", [date(2026, 11, 12), date(2026, 11, 5)], date(2026, 12, 1))
    assert saved.dates == (date(2026, 11, 5), date(2026, 11, 12)) and saved.end_date is None  # workshops: days, no slutdatum
    loaded = saved.fields()
    work_format.save_choice(engine, workspace.id, "step6", "meetings", [date(2026, 11, 5)], date(2027, 2, 1), loaded)
    with pytest.raises(EditConflict):  # a second browser saving over the first without having seen it
        work_format.save_choice(engine, workspace.id, "step6", "workshops", [date(2026, 11, 20)], None, loaded)
    assert work_format.get_choice(engine, workspace.id, "step6").alternative == "meetings"
    assert work_format.get_choice(engine, workspace.id, "step7").alternative is None


def test_training_needs_as_one_list():
    answers = [
        "Grundutbildning om människohandel\nSamtalsmetodik",
        "grundutbildning om människohandel; Barnperspektivet",
        "- Samtalsmetodik.",
    ]
    needs = common_ground.training_needs(answers)
    assert [(n.text, n.count) for n in needs] == [
        ("Grundutbildning om människohandel", 2),
        ("Samtalsmetodik", 2),
        ("Barnperspektivet", 1),
    ]
    assert common_ground.training_needs(["", "  \n ;"]) == []


def test_phones_name_their_organisation_and_the_notes_group_by_it(engine, workspace, exercise, activity):
    police = live.join(engine, activity.code, organisation="Polisen Ystad")
    hotel = live.join(engine, activity.code, organisation="Hotell Ystad")
    nobody = live.join(engine, activity.code)
    assert (police.display_name, police.organisation) == (None, "Polisen Ystad")  # anonymous: no name needed
    _note(engine, exercise, police.respondent, "Snabba kontaktvägar")
    _note(engine, exercise, police.respondent, "Lite tid", quadrant="svagheter")
    _note(engine, exercise, hotel.respondent, "Personal som ser tecknen")
    _note(engine, exercise, nobody.respondent, "Utan organisation")
    assert swot.notes_by_organisation(engine, exercise) == {"Polisen Ystad": 2, "Hotell Ystad": 1}
