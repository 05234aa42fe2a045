"""Post-it notes: any number per person and board, merged, grouped, dot-voted and marked.

Generic for every exercise of the `postits` shape (step 1's boards, step 2's target groups and
contact surfaces, step 5's rounds per sector, step 6's SWOT): a person adds notes from a phone or
the laptop; the facilitator
merges duplicates (the duplicate is kept, pointing to the note it joined, so nothing is lost and a
merge can be undone), puts notes into named groups on the wall, opens dot voting with a set number
of votes per participant, and marks the items the group carries forward.

An exercise whose content names `topics` (a vocabulary) has one column of the flip chart per topic
within each board – step 5 answers its questions under each sector, step 6's small groups write
their own SWOT: every note then carries the topic it stands under, and merging stays within one.

Every write is short and idempotent: adding carries a submission key (a double tap adds once), a
vote is one row per voter and note (a second tap on the same note takes the dot back), and the
budget check runs under the activity's row lock, so forty phones voting at once never exceed it.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sff_core.content import Section, get_content
from sff_core.errors import InputError
from sff_core.responses import check_respondent, section_or_error
from sff_core.store.concurrency import lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import LiveActivity, Note, NoteVote, Participant, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date, required_text

NOTE_MAX = 300
CLUSTER_MAX = 80
MAX_VOTES_PER_PERSON = 20
NOTES_PER_PERSON = 60  # one person's notes in one exercise: step 5's sectors × rounds stay well below
NOTES_PER_MINUTE = 12  # a person writes a note in seconds, not in a fraction of one


@dataclass(frozen=True)
class Exercise:
    """Which board set: an exercise in one work session."""

    workspace_id: int
    step_key: str
    section_key: str
    session_date: date
    # The live activity a phone writes through (its notes need it open); None on the facilitator's laptop.
    activity_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NoteInfo:
    id: int
    prompt_key: str
    respondent: str
    text: str
    cluster: str | None
    marked: bool
    votes: int = 0
    merged: tuple[str, ...] = field(default=())  # texts of the duplicates merged into this note
    topic: str | None = None  # the flip chart's column it stands under (a sector, a small group)

    @property
    def weight(self) -> int:
        """How many people wrote it (the note and its merged duplicates)."""
        return 1 + len(self.merged)


def new_submission_key() -> str:
    return secrets.token_hex(16)


def postit_section(step_key: str, section_key: str) -> Section:
    section = section_or_error(step_key, section_key)
    if section.shape != "postits":
        raise InputError("not_postits", field="section", section=section_key)
    return section


def _check_prompt(section: Section, prompt_key: str) -> None:
    if prompt_key not in {p.key for p in section.prompts}:
        raise InputError("unknown_prompt", field="prompt", prompt=prompt_key)


def topic_keys(section: Section) -> list[str]:
    """Every topic a note of the section may stand under (its `topics` vocabulary); none without topics."""
    return get_content().vocab_keys(section.topics) if section.topics else []


def check_topic(section: Section, topic: str | None) -> str | None:
    """The note's topic: required and known when the section has topics, absent when it has none."""
    if not section.topics:
        if topic:
            raise InputError("topic_not_taken", field="topic", section=section.key)
        return None
    label = f"topic_{section.topics}"
    if topic is None or not topic.strip():
        if section.topics_optional:  # step 6's SWOT: the small groups' notes have one, the room's own none
            return None
        raise InputError("topic_required", field="topic", field_label=label)
    if topic not in topic_keys(section):
        raise InputError("unknown_topic", field="topic", field_label=label, value=topic[:60])
    return topic


def add_note(
    engine: Engine,
    exercise: Exercise,
    prompt_key: str,
    respondent: str,
    note_text: str,
    submission_key: str,
    topic: str | None = None,
) -> NoteInfo:
    """Add one note to a board (under `topic` when the exercise has topics); the same submission key
    twice adds it once (and returns it)."""
    section = postit_section(exercise.step_key, exercise.section_key)
    _check_prompt(section, prompt_key)
    chosen = check_topic(section, topic)
    cleaned = required_text(note_text, "postit", NOTE_MAX)
    existing = _by_submission(engine, exercise.workspace_id, submission_key)
    if existing is not None:
        return existing
    try:
        with unit_of_work(engine, exercise.workspace_id) as uow:
            check_process_date(uow.session, exercise.workspace_id, exercise.session_date, "session_date")
            check_respondent(uow.session, exercise.workspace_id, respondent)
            if _through_live_activity(uow.session, exercise, respondent):
                _check_pace(uow.session, exercise, respondent)
            row = Note(
                workspace_id=exercise.workspace_id,
                step_key=exercise.step_key,
                section_key=exercise.section_key,
                prompt_key=prompt_key,
                topic=chosen,
                session_date=exercise.session_date,
                respondent=respondent,
                text=cleaned,
                submission_key=submission_key,
            )
            uow.add(row, "note.add", section=f"{exercise.step_key}.{exercise.section_key}")
            return _info(row)
    except IntegrityError:  # the same tap arrived twice at the same moment
        found = _by_submission(engine, exercise.workspace_id, submission_key)
        if found is None:
            raise
        return found


def _through_live_activity(session: Session, exercise: Exercise, respondent: str) -> bool:
    """A note from a phone – a participant's, or any sent through a live activity – needs that activity
    open and on this exercise; it is then checked under the activity's row lock, so a close, or a person's
    parallel taps, are one atomic step with the count. The facilitator's laptop writes without one."""
    activity_id = exercise.activity_id
    kind, _, ident = respondent.partition(":")
    if kind == "participant":
        participant = session.get(Participant, int(ident))  # check_respondent made sure it exists here
        if participant is None or (activity_id is not None and participant.activity_id != activity_id):
            raise InputError("unknown_respondent", field="respondent")
        activity_id = participant.activity_id
    if activity_id is None:
        return False
    lock_row(session, LiveActivity, activity_id)
    activity = session.get(LiveActivity, activity_id)
    if activity is None or activity.workspace_id != exercise.workspace_id:
        raise InputError("unknown_code", field="code", code="–")
    if _activity_exercise(activity) != exercise:
        raise InputError("unknown_respondent", field="respondent")
    if activity.status != "open":
        raise InputError("closed_code", field="code", code=activity.code)
    return True


def _check_pace(session: Session, exercise: Exercise, respondent: str) -> None:
    """One person's notes in the exercise: at most NOTES_PER_MINUTE a minute (removed ones count, so adding
    and removing is no way round) and NOTES_PER_PERSON in all."""
    mine = [
        Note.workspace_id == exercise.workspace_id,
        Note.step_key == exercise.step_key,
        Note.section_key == exercise.section_key,
        Note.session_date == exercise.session_date,
        Note.respondent == respondent,
    ]
    recent = session.scalar(select(func.count(Note.id)).where(*mine, Note.created_at >= utcnow() - timedelta(minutes=1))) or 0
    if recent >= NOTES_PER_MINUTE:
        raise InputError("notes_too_fast", field="postit", n=NOTES_PER_MINUTE)
    kept = session.scalar(select(func.count(Note.id)).where(*mine, Note.deleted_at.is_(None))) or 0
    if kept >= NOTES_PER_PERSON:
        raise InputError("too_many_notes", field="postit", n=NOTES_PER_PERSON)


def _by_submission(engine: Engine, workspace_id: int, submission_key: str) -> NoteInfo | None:
    with session_scope(engine) as session:
        row = session.scalar(select(Note).where(Note.workspace_id == workspace_id, Note.submission_key == submission_key))
        return _info(row) if row is not None else None


def _info(row: Note, votes: int = 0, merged: tuple[str, ...] = ()) -> NoteInfo:
    return NoteInfo(row.id, row.prompt_key, row.respondent, row.text, row.cluster, bool(row.marked), votes, merged, row.topic)


def remove_note(engine: Engine, workspace_id: int, note_id: int, respondent: str | None = None) -> None:
    """Remove a note; a participant (`respondent`) only their own, the facilitator (None) any.

    Duplicates merged into it come back on their own, so removing a note never removes others' words.
    """
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.owned(Note, note_id, "unknown_note")
        if respondent is not None and row.respondent != respondent:
            raise InputError("unknown_note", field="note")
        row.deleted_at = utcnow()
        uow.session.execute(update(Note).where(Note.merged_into_id == note_id).values(merged_into_id=None))
        uow.audit("note.remove", id=note_id)


def _visible(exercise: Exercise) -> list[ColumnElement[bool]]:
    return [
        Note.workspace_id == exercise.workspace_id,
        Note.step_key == exercise.step_key,
        Note.section_key == exercise.section_key,
        Note.session_date == exercise.session_date,
        Note.deleted_at.is_(None),
    ]


def my_notes(engine: Engine, exercise: Exercise, respondent: str) -> list[NoteInfo]:
    """One person's own notes, oldest first (what their phone lists with a remove button)."""
    with session_scope(engine) as session:
        rows = session.scalars(select(Note).where(*_visible(exercise), Note.respondent == respondent).order_by(Note.id)).all()
        return [_info(row) for row in rows]


def board(engine: Engine, exercise: Exercise) -> list[NoteInfo]:
    """The notes on the wall: merged duplicates folded into their note, with votes, in board order.

    Within a board: marked first, then by votes, then by how many wrote it, then oldest first.
    """
    with session_scope(engine) as session:
        rows = session.scalars(select(Note).where(*_visible(exercise)).order_by(Note.id)).all()
        counted = session.execute(
            select(NoteVote.note_id, func.count(NoteVote.id))
            .where(NoteVote.note_id.in_([r.id for r in rows] or [-1]))
            .group_by(NoteVote.note_id)
        ).all()
        vote_counts: dict[int, int] = {note_id: int(count) for note_id, count in counted}
    merged: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row.merged_into_id is not None:
            merged[row.merged_into_id].append(row.text)
    on_board = {row.id for row in rows}
    shown = [
        _info(row, int(vote_counts.get(row.id, 0)), tuple(merged[row.id]))
        for row in rows
        if row.merged_into_id is None or row.merged_into_id not in on_board
    ]
    return sorted(shown, key=lambda n: (not n.marked, -n.votes, -n.weight, n.id))


def _same_exercise(rows: list[Note], across_topics: bool = False) -> None:
    keys = {(r.step_key, r.section_key, r.session_date, r.prompt_key, None if across_topics else r.topic) for r in rows}
    if len(keys) > 1:
        raise InputError("merge_across_boards", field="note")


def merge_notes(engine: Engine, workspace_id: int, keep_id: int, duplicate_ids: list[int], across_topics: bool = False) -> None:
    """Fold duplicates into one note of the same board; their votes move with them (one per voter).

    `across_topics`: the whole room merges the small groups' notes (step 6's SWOT), so notes of one
    board under different topics may be folded together."""
    duplicates = [d for d in dict.fromkeys(duplicate_ids) if d != keep_id]
    if not duplicates:
        raise InputError("merge_needs_two", field="note")
    with unit_of_work(engine, workspace_id) as uow:
        keep = uow.owned(Note, keep_id, "unknown_note")
        rows = [uow.owned(Note, d, "unknown_note") for d in duplicates]
        _same_exercise([keep, *rows], across_topics)
        voters_on_keep = set(uow.session.scalars(select(NoteVote.voter).where(NoteVote.note_id == keep_id)))
        for row in rows:
            row.merged_into_id = keep_id
            uow.session.execute(update(Note).where(Note.merged_into_id == row.id).values(merged_into_id=keep_id))
            for vote in uow.session.scalars(select(NoteVote).where(NoteVote.note_id == row.id)).all():
                if vote.voter in voters_on_keep:
                    uow.session.delete(vote)
                else:
                    vote.note_id = keep_id
                    voters_on_keep.add(vote.voter)
        keep.marked = keep.marked or any(r.marked for r in rows)
        uow.audit("note.merge", id=keep_id, merged=duplicates)


def unmerge_note(engine: Engine, workspace_id: int, note_id: int) -> None:
    """Take every duplicate out of a note again (each stands on its own, without the votes it brought)."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(Note, note_id, "unknown_note")
        uow.session.execute(update(Note).where(Note.merged_into_id == note_id).values(merged_into_id=None))
        uow.audit("note.unmerge", id=note_id)


def set_cluster(engine: Engine, workspace_id: int, note_ids: list[int], cluster: str | None) -> None:
    """Put notes into a named group on the wall (an empty name takes them out of any group)."""
    label = required_text(cluster, "cluster", CLUSTER_MAX) if (cluster or "").strip() else None
    with unit_of_work(engine, workspace_id) as uow:
        for note_id in note_ids:
            uow.owned(Note, note_id, "unknown_note").cluster = label
        uow.audit("note.cluster", ids=note_ids)


def set_marked(engine: Engine, workspace_id: int, note_ids: list[int], marked: bool) -> None:
    """Mark (or unmark) the items the group carries forward."""
    with unit_of_work(engine, workspace_id) as uow:
        for note_id in note_ids:
            uow.owned(Note, note_id, "unknown_note").marked = marked
        uow.audit("note.mark", ids=note_ids, marked=marked)


def mark_top(engine: Engine, exercise: Exercise, count: int) -> list[int]:
    """Mark the `count` notes with most votes (ties broken as the board orders them)."""
    ranked = [n for n in board(engine, exercise) if n.votes > 0]
    chosen = [n.id for n in sorted(ranked, key=lambda n: (-n.votes, -n.weight, n.id))[:count]]
    if chosen:
        set_marked(engine, exercise.workspace_id, chosen, True)
    return chosen


# --- Dot voting ------------------------------------------------------------------------------------


def _activity_exercise(activity: LiveActivity) -> Exercise:
    return Exercise(activity.workspace_id, activity.step_key, activity.section_key, activity.session_date)


def open_voting(engine: Engine, workspace_id: int, activity_id: int, votes_per_person: object) -> None:
    """Open dot voting on a live post-it activity with a number of votes for each participant."""
    from sff_core.validation import number_in_range

    votes = number_in_range(votes_per_person, "votes_per_person", 1, MAX_VOTES_PER_PERSON)
    with unit_of_work(engine, workspace_id) as uow:
        activity = uow.owned(LiveActivity, activity_id, "unknown_code")
        postit_section(activity.step_key, activity.section_key)
        activity.votes_per_person = votes
        uow.audit("note.voting_open", activity_id=activity_id, votes=votes)


def close_voting(engine: Engine, workspace_id: int, activity_id: int) -> None:
    """Stop voting; the votes given stay and rank the board."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(LiveActivity, activity_id, "unknown_code").votes_per_person = None
        uow.audit("note.voting_close", activity_id=activity_id)


@dataclass(frozen=True)
class VoteResult:
    voted: bool  # whether the voter's dot is on the note now
    votes_left: int


def toggle_vote(engine: Engine, activity_id: int, note_id: int, voter: str) -> VoteResult:
    """Put the voter's dot on a note, or take it back; refused when the votes are used up.

    The activity row is locked first, so the count of the voter's dots and the new dot are one
    atomic step on SQLite and PostgreSQL alike.
    """
    with session_scope(engine) as session:
        lock_row(session, LiveActivity, activity_id)
        activity = session.get(LiveActivity, activity_id)
        if activity is None or activity.status != "open":
            raise InputError("closed_code", field="code", code=activity.code if activity else "–")
        budget = activity.votes_per_person
        if budget is None:
            raise InputError("voting_closed", field="vote")
        note = session.get(Note, note_id)
        exercise = _activity_exercise(activity)
        if note is None or note.deleted_at is not None or _note_exercise(note) != exercise:
            raise InputError("unknown_note", field="note")
        if note.merged_into_id is not None:
            note_id = note.merged_into_id  # a phone still showing the duplicate votes on the merged note
        used = _votes_used(session, exercise, voter)
        existing = session.scalar(select(NoteVote).where(NoteVote.note_id == note_id, NoteVote.voter == voter))
        if existing is not None:
            session.delete(existing)
            return VoteResult(False, budget - used + 1)
        if used >= budget:
            raise InputError("no_votes_left", field="vote", votes=budget)
        session.add(NoteVote(note_id=note_id, voter=voter))
        return VoteResult(True, budget - used - 1)


def _note_exercise(note: Note) -> Exercise:
    return Exercise(note.workspace_id, note.step_key, note.section_key, note.session_date)


def _votes_used(session: Session, exercise: Exercise, voter: str) -> int:
    return int(
        session.scalar(
            select(func.count(NoteVote.id)).join(Note, Note.id == NoteVote.note_id).where(*_visible(exercise), NoteVote.voter == voter)
        )
        or 0
    )


def my_votes(engine: Engine, exercise: Exercise, voter: str) -> set[int]:
    """The notes the voter has a dot on."""
    with session_scope(engine) as session:
        return set(
            session.scalars(
                select(NoteVote.note_id).join(Note, Note.id == NoteVote.note_id).where(*_visible(exercise), NoteVote.voter == voter)
            )
        )


def clear_votes(engine: Engine, exercise: Exercise) -> int:
    """Remove every vote of the exercise's session (a new round); returns how many were removed."""
    with unit_of_work(engine, exercise.workspace_id) as uow:
        ids = select(Note.id).where(*_visible(exercise)).scalar_subquery()
        result = uow.session.execute(delete(NoteVote).where(NoteVote.note_id.in_(ids)))
        return int(getattr(result, "rowcount", 0) or 0)


def note_dates(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> list[date]:
    """The work sessions with notes on an exercise, newest first."""
    with session_scope(engine) as session:
        return list(
            session.scalars(
                select(Note.session_date)
                .distinct()
                .where(
                    Note.workspace_id == workspace_id, Note.step_key == step_key, Note.section_key == section_key, Note.deleted_at.is_(None)
                )
                .order_by(Note.session_date.desc())
            )
        )
