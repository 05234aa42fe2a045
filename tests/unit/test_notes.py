"""Post-it notes: many per person, merging, grouping, dot voting with a budget, marking – on both databases."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from sff_core import live, notes
from sff_core.errors import InputError
from sff_core.notes import Exercise, add_note, board, merge_notes, my_notes, new_submission_key, toggle_vote
from sff_core.responses import GROUP, session_dates

DAY = date(2026, 10, 6)


@pytest.fixture
def swot(workspace):
    return Exercise(workspace.id, "step6", "swot", DAY)


def _add(engine, exercise, text, prompt="styrkor", respondent=GROUP):
    return add_note(engine, exercise, prompt, respondent, text, new_submission_key())


def _phone(engine, code, name="Deltagare"):
    return live.join(engine, code, name)


def test_a_person_adds_any_number_of_notes_to_each_board(engine, swot):
    for text in ("Engagerade medarbetare", "Bra kontakt med polisen", "Kort avstånd till regionen"):
        _add(engine, swot, text)
    _add(engine, swot, "Lite tid", prompt="svagheter")
    mine = my_notes(engine, swot, GROUP)
    assert [n.text for n in mine] == ["Engagerade medarbetare", "Bra kontakt med polisen", "Kort avstånd till regionen", "Lite tid"]
    assert [n.prompt_key for n in mine].count("styrkor") == 3
    assert session_dates(engine, swot.workspace_id, "step6", "swot") == [DAY]  # notes count as answers of the session


def test_the_same_tap_twice_adds_one_note(engine, swot):
    key = new_submission_key()
    first = add_note(engine, swot, "styrkor", GROUP, "Samma lapp", key)
    second = add_note(engine, swot, "styrkor", GROUP, "Samma lapp", key)
    assert first.id == second.id and len(board(engine, swot)) == 1


def test_bad_notes_are_refused_with_the_reason(engine, swot):
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "   ")
    assert caught.value.key == "required"
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "x" * 301)
    assert caught.value.key == "too_long"
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "ok", prompt="inte_en_ruta")
    assert caught.value.key == "unknown_prompt"
    with pytest.raises(InputError) as caught:
        add_note(engine, Exercise(swot.workspace_id, "step0", "staden", DAY), "mojligheter", GROUP, "ok", new_submission_key())
    assert caught.value.key == "not_postits"
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "Ring 070-123 45 67")
    assert caught.value.key.startswith("personal") or "phone" in caught.value.key
    assert board(engine, swot) == []


def test_a_participant_removes_only_their_own_notes(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    anna, bo = _phone(engine, activity.code), _phone(engine, activity.code)
    annas = _add(engine, swot, "Annas lapp", respondent=anna.respondent)
    with pytest.raises(InputError):
        notes.remove_note(engine, workspace.id, annas.id, respondent=bo.respondent)
    notes.remove_note(engine, workspace.id, annas.id, respondent=anna.respondent)
    assert board(engine, swot) == []


def test_merging_folds_duplicates_and_keeps_their_words(engine, workspace, swot):
    keep = _add(engine, swot, "Samverkan fungerar")
    dup = _add(engine, swot, "samverkan funkar bra")
    other = _add(engine, swot, "Lite resurser", prompt="svagheter")
    with pytest.raises(InputError) as caught:
        merge_notes(engine, workspace.id, keep.id, [other.id])
    assert caught.value.key == "merge_across_boards"
    merge_notes(engine, workspace.id, keep.id, [dup.id])
    shown = {n.id: n for n in board(engine, swot)}
    assert set(shown) == {keep.id, other.id}
    assert shown[keep.id].merged == ("samverkan funkar bra",) and shown[keep.id].weight == 2
    notes.unmerge_note(engine, workspace.id, keep.id)
    assert {n.id for n in board(engine, swot)} == {keep.id, dup.id, other.id}


def test_removing_a_note_brings_back_what_was_merged_into_it(engine, workspace, swot):
    keep, dup = _add(engine, swot, "A"), _add(engine, swot, "a")
    merge_notes(engine, workspace.id, keep.id, [dup.id])
    notes.remove_note(engine, workspace.id, keep.id)
    assert [n.text for n in board(engine, swot)] == ["a"]


def test_groups_and_marks(engine, workspace, swot):
    a, b, c = _add(engine, swot, "A"), _add(engine, swot, "B"), _add(engine, swot, "C")
    notes.set_cluster(engine, workspace.id, [a.id, b.id], "Samverkan")
    notes.set_marked(engine, workspace.id, [c.id], True)
    shown = board(engine, swot)
    assert shown[0].id == c.id and shown[0].marked  # marked first
    assert {n.id: n.cluster for n in shown} == {a.id: "Samverkan", b.id: "Samverkan", c.id: None}
    notes.set_cluster(engine, workspace.id, [a.id], "")
    assert {n.id: n.cluster for n in board(engine, swot)}[a.id] is None


def test_dot_voting_ranks_the_board_and_keeps_to_the_budget(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    a, b, c = _add(engine, swot, "A"), _add(engine, swot, "B"), _add(engine, swot, "C")
    phone = _phone(engine, activity.code)
    with pytest.raises(InputError) as caught:
        toggle_vote(engine, activity.id, a.id, phone.respondent)
    assert caught.value.key == "voting_closed"
    with pytest.raises(InputError):
        notes.open_voting(engine, workspace.id, activity.id, 0)
    notes.open_voting(engine, workspace.id, activity.id, 2)
    assert toggle_vote(engine, activity.id, c.id, phone.respondent).votes_left == 1
    assert toggle_vote(engine, activity.id, b.id, phone.respondent).votes_left == 0
    with pytest.raises(InputError) as caught:
        toggle_vote(engine, activity.id, a.id, phone.respondent)
    assert caught.value.key == "no_votes_left"
    taken_back = toggle_vote(engine, activity.id, b.id, phone.respondent)
    assert (taken_back.voted, taken_back.votes_left) == (False, 1)
    other = _phone(engine, activity.code)
    toggle_vote(engine, activity.id, c.id, other.respondent)
    ranked = board(engine, swot)
    assert [(n.text, n.votes) for n in ranked][:1] == [("C", 2)]
    assert notes.my_votes(engine, swot, phone.respondent) == {c.id}
    assert notes.mark_top(engine, swot, 1) == [c.id]
    notes.close_voting(engine, workspace.id, activity.id)
    assert board(engine, swot)[0].votes == 2  # votes stay after voting closes


def test_a_merge_moves_votes_and_never_counts_a_voter_twice(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    keep, dup = _add(engine, swot, "A"), _add(engine, swot, "a")
    one, two = _phone(engine, activity.code), _phone(engine, activity.code)
    notes.open_voting(engine, workspace.id, activity.id, 3)
    toggle_vote(engine, activity.id, keep.id, one.respondent)
    toggle_vote(engine, activity.id, dup.id, one.respondent)
    toggle_vote(engine, activity.id, dup.id, two.respondent)
    merge_notes(engine, workspace.id, keep.id, [dup.id])
    assert [(n.id, n.votes) for n in board(engine, swot)] == [(keep.id, 2)]
    voted = toggle_vote(engine, activity.id, dup.id, two.respondent)  # a phone still showing the duplicate
    assert voted.voted is False  # it was two's dot on the merged note: taken back


def test_forty_phones_voting_at_once_never_exceed_their_budget(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    board_notes = [_add(engine, swot, f"Lapp {i}") for i in range(6)]
    phones = [_phone(engine, activity.code) for _ in range(8)]
    notes.open_voting(engine, workspace.id, activity.id, 3)
    refused: list[str] = []

    def vote(phone, note):  # type: ignore[no-untyped-def]
        try:
            toggle_vote(engine, activity.id, note.id, phone.respondent)
        except InputError as error:
            refused.append(error.key)

    threads = [threading.Thread(target=vote, args=(p, n)) for p in phones for n in board_notes[:5]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for phone in phones:
        assert len(notes.my_votes(engine, swot, phone.respondent)) == 3
    assert sum(n.votes for n in board(engine, swot)) == 24 and set(refused) == {"no_votes_left"} and len(refused) == 16


def test_votes_only_on_the_activitys_own_notes(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    elsewhere = _add(engine, Exercise(workspace.id, "step6", "swot", date(2026, 9, 1)), "Ett annat pass")
    notes.open_voting(engine, workspace.id, activity.id, 3)
    with pytest.raises(InputError) as caught:
        toggle_vote(engine, activity.id, elsewhere.id, _phone(engine, activity.code).respondent)
    assert caught.value.key == "unknown_note"


def test_migration_0010_turns_each_stored_post_it_line_into_a_note(tmp_path):
    """Post-its stored before notes existed (one answer a person, one note a line) become notes; the
    group's marked-common list stays an answer."""
    from alembic import command
    from sqlalchemy import text

    from sff_core.store import db

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = db.alembic_config(url)
    command.upgrade(config, "0009")
    old = db.make_engine(url)
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspace (id, slug, city, municipality, period_start, period_end, language, passphrase_hash, is_demo,"
                " small_count_threshold, created_at) VALUES (1, 'ystad', 'Ystad', 'Ystad', '2026-01-01', '2027-03-01', 'sv', 'x', 0, 3,"
                " '2026-01-01')"
            )
        )
        for prompt, value in (("fraga_1", "Tid att lära känna varandra\n\n  Fika  "), ("fraga_2", "Stress"), ("_common", "Fika")):
            connection.execute(
                text(
                    "INSERT INTO response (workspace_id, step_key, section_key, prompt_key, respondent, session_date, text, updated_at)"
                    " VALUES (1, 'step1', 'modig_miljo', :prompt, 'group', '2026-10-06', :value, '2026-10-06 10:00:00')"
                ),
                {"prompt": prompt, "value": value},
            )
    command.upgrade(config, "0013")  # 0010 makes the notes; 0013 gives them the topic column the model reads
    exercise = Exercise(1, "step1", "modig_miljo", DAY)
    assert [(n.prompt_key, n.text) for n in my_notes(old, exercise, GROUP)] == [
        ("fraga_1", "Tid att lära känna varandra"),
        ("fraga_1", "Fika"),
        ("fraga_2", "Stress"),
    ]
    with old.connect() as connection:
        kept = connection.execute(text("SELECT prompt_key FROM response")).scalars().all()
    assert kept == ["_common"]
    old.dispose()


BROWSER = "b" * 32


def test_re_joining_five_times_never_gives_more_than_the_budget(engine, workspace, swot):
    """The reported defect: one device re-joining five times cast 15 dots on a budget of 3."""
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    board_notes = [_add(engine, swot, f"Lapp {i}") for i in range(15)]
    notes.open_voting(engine, workspace.id, activity.id, 3)
    refused = []
    for round_ in range(5):
        phone = live.join(engine, activity.code, browser=BROWSER)  # a re-scan from the same browser
        for note in board_notes[round_ * 3 : round_ * 3 + 3]:
            try:
                toggle_vote(engine, activity.id, note.id, phone.respondent)
            except InputError as error:
                refused.append(error.key)
    assert sum(n.votes for n in board(engine, swot)) == 3
    assert refused == ["no_votes_left"] * 12


def _through(activity, swot):
    return Exercise(swot.workspace_id, swot.step_key, swot.section_key, swot.session_date, activity_id=activity.id)


def test_a_note_needs_an_open_activity(engine, workspace, swot):
    """The service checks it, not only the phone's page: a participant's note, or a note sent through a live
    activity (a member's phone), is refused once the activity is closed."""
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    phone = _phone(engine, activity.code)
    _add(engine, swot, "Före stängning", respondent=phone.respondent)
    live.close_activity(engine, workspace.id, activity.id)
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "Efter stängning", respondent=phone.respondent)
    assert caught.value.key == "closed_code"
    with pytest.raises(InputError) as caught:
        _add(engine, _through(activity, swot), "Via telefonen")
    assert caught.value.key == "closed_code"
    elsewhere = live.open_activity(engine, workspace.id, "step1", "modig_miljo", DAY, "anonymous")
    other_phone = _phone(engine, elsewhere.code)
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "Fel övning", respondent=other_phone.respondent)  # its activity is not this exercise
    assert caught.value.key == "unknown_respondent"
    assert [n.text for n in board(engine, swot)] == ["Före stängning"]
    _add(engine, swot, "Gruppens lapp från datorn")  # the facilitator's laptop needs no live activity


def _age_notes(engine, seconds):
    from sff_core.store.db import session_scope

    with session_scope(engine) as session:
        for note in session.scalars(select_notes()):
            note.created_at = note.created_at - timedelta(seconds=seconds)


def select_notes():
    from sqlalchemy import select

    from sff_core.store.models import Note

    return select(Note)


def test_a_person_adds_notes_at_a_human_pace_and_up_to_a_generous_cap(engine, workspace, swot):
    """The reported defect: one phone added 174 notes in 20 s and owned the wall."""
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    phone, neighbour = _phone(engine, activity.code), _phone(engine, activity.code)
    for n in range(notes.NOTES_PER_MINUTE):
        _add(engine, swot, f"Lapp {n}", respondent=phone.respondent)
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "En för snabb", respondent=phone.respondent)
    assert caught.value.key == "notes_too_fast" and "Vänta" in str(caught.value)
    _add(engine, swot, "Grannens lapp", respondent=neighbour.respondent)  # one person's pace, not the room's
    while len(my_notes(engine, swot, phone.respondent)) < notes.NOTES_PER_PERSON:
        _age_notes(engine, 61)
        for n in range(min(notes.NOTES_PER_MINUTE, notes.NOTES_PER_PERSON - len(my_notes(engine, swot, phone.respondent)))):
            _add(engine, swot, f"Lapp till {n}", respondent=phone.respondent)
    _age_notes(engine, 61)
    with pytest.raises(InputError) as caught:
        _add(engine, swot, "En för mycket", respondent=phone.respondent)
    assert caught.value.key == "too_many_notes" and str(notes.NOTES_PER_PERSON) in str(caught.value)
    the_same = my_notes(engine, swot, phone.respondent)[0]
    again = add_note(engine, swot, "styrkor", phone.respondent, "Lapp 0", the_same_key(engine, the_same.id))
    assert again.id == the_same.id  # a double tap of an earlier note is still that note, not a refusal


def the_same_key(engine, note_id):
    from sff_core.store.db import session_scope
    from sff_core.store.models import Note

    with session_scope(engine) as session:
        return session.get(Note, note_id).submission_key


def test_parallel_notes_from_one_phone_keep_to_the_pace(engine, workspace, swot):
    activity = live.open_activity(engine, workspace.id, "step6", "swot", DAY, "anonymous")
    phone = _phone(engine, activity.code)
    barrier, refused = threading.Barrier(40), []

    def post(n: int) -> None:
        barrier.wait()
        try:
            _add(engine, swot, f"Samtidig {n}", respondent=phone.respondent)
        except InputError as error:
            refused.append(error.key)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(my_notes(engine, swot, phone.respondent)) == notes.NOTES_PER_MINUTE
    assert refused == ["notes_too_fast"] * (40 - notes.NOTES_PER_MINUTE)
