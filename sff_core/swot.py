"""Step 6's SWOT live: small groups write post-its from their phones, the room merges and dot-votes them.

The room divides into small groups of two to four people (Grupp 1..N; the facilitator sets N). Each
phone picks its group when it joins the exercise, and every post-it it sends stands under that group
(the note's `topic`) in one of the four quadrants – styrkor and svagheter (internal), möjligheter and
hot (external), the section's prompts. The wall shows each small group's SWOT in turn (the groups
present to each other), then the whole room's: the facilitator merges duplicates across the groups
(`sff_core.notes.merge_notes` with `across_topics`) and groups them; dot voting with a set number of
votes per participant ranks them, and the most important are marked (★) and carried forward to the
collaboration plan's delmål.

The post-it rules (idempotent adds, votes under the activity's row lock, merged notes keep their votes)
are sff_core.notes'; this module adds the small groups, the same post-it sent twice, and the ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from sff_core import notes, screens
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.notes import Exercise, NoteInfo
from sff_core.store.concurrency import Conflict, EditConflict
from sff_core.store.db import session_scope
from sff_core.store.models import Note
from sff_core.validation import number_in_range

STEP, SECTION = "step6", "swot"
GROUP_VOCAB = "small_groups"
DEFAULT_GROUPS = 4
QUADRANTS = ("styrkor", "svagheter", "mojligheter", "hot")


def all_group_keys() -> list[str]:
    return get_content().vocab_keys(GROUP_VOCAB)


def group_labels(lang: str) -> dict[str, str]:
    """The small groups' names (Grupp 1 …) in the language."""
    return get_content().labels(GROUP_VOCAB, lang)


def group_keys(count: int) -> list[str]:
    """The first `count` small groups (grupp_1 … grupp_N)."""
    return all_group_keys()[: max(0, count)]


def small_groups(engine: Engine, workspace_id: int) -> int:
    """How many small groups the room is divided into (the facilitator's setting, else the default)."""
    stored = screens.setting(engine, workspace_id, STEP, SECTION, "small_groups")
    return int(stored) if isinstance(stored, int) else DEFAULT_GROUPS


def set_small_groups(engine: Engine, workspace_id: int, count: object, loaded: int | None = None) -> int:
    """Divide the room into `count` small groups (1 … 10). Notes of a group no longer in use stay.

    With `loaded` (the number the form showed) a number someone else changed meanwhile raises EditConflict.
    """
    chosen = number_in_range(count, "small_groups", 1, len(all_group_keys()))
    assert chosen is not None
    now = small_groups(engine, workspace_id)
    if loaded is not None and now not in (loaded, chosen):
        raise EditConflict([Conflict("small_groups", loaded, now, chosen)])
    screens.set_setting(engine, workspace_id, STEP, SECTION, small_groups=chosen)
    return chosen


def check_group(engine: Engine, workspace_id: int, group: str | None) -> str:
    """The small group a post-it stands under: one of the groups in use, else a Swedish message."""
    in_use = group_keys(small_groups(engine, workspace_id))
    if not group or not group.strip():
        raise InputError("swot_pick_group", field="group")
    if group not in in_use:
        raise InputError("swot_unknown_group", field="group", value=group[:40], n=len(in_use))
    return group


def _same_text(value: str) -> str:
    return " ".join(value.split()).casefold()


def add_swot_note(
    engine: Engine, exercise: Exercise, quadrant: str, respondent: str, note_text: str, submission_key: str, group: str | None
) -> NoteInfo:
    """One post-it in a quadrant under the phone's small group.

    The same post-it sent twice adds it once: the same submission key (a double tap), and also the same
    text from the same person in the same quadrant and group (a phone that reconnected and sent again).
    """
    chosen = check_group(engine, exercise.workspace_id, group)
    if not (note_text or "").strip():
        raise InputError("swot_empty_note", field="postit")
    wanted = _same_text(note_text)
    for mine in notes.my_notes(engine, exercise, respondent):
        if mine.prompt_key == quadrant and mine.topic == chosen and _same_text(mine.text) == wanted:
            return mine
    return notes.add_note(engine, exercise, quadrant, respondent, note_text, submission_key, topic=chosen)


def merge_for_room(engine: Engine, workspace_id: int, keep_id: int, duplicate_ids: list[int]) -> None:
    """Merge duplicates of one quadrant for the whole room, across the small groups; votes move along."""
    notes.merge_notes(engine, workspace_id, keep_id, duplicate_ids, across_topics=True)


def _session_notes(engine: Engine, exercise: Exercise) -> list[Note]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Note)
            .where(
                Note.workspace_id == exercise.workspace_id,
                Note.step_key == exercise.step_key,
                Note.section_key == exercise.section_key,
                Note.session_date == exercise.session_date,
                Note.deleted_at.is_(None),
            )
            .order_by(Note.id)
        ).all()
        session.expunge_all()
        return list(rows)


def groups_with_notes(engine: Engine, exercise: Exercise) -> list[str]:
    """The small groups in use plus any other group that has notes (a group taken out of use keeps them)."""
    used = {row.topic for row in _session_notes(engine, exercise)}
    in_use = group_keys(small_groups(engine, exercise.workspace_id))
    return in_use + [g for g in all_group_keys() if g in used and g not in in_use]


def group_notes(engine: Engine, exercise: Exercise, group: str) -> list[NoteInfo]:
    """Everything one small group wrote, as it wrote it – also what the room later merged into another
    group's note – so each group presents its own SWOT whatever the room has merged since."""
    from sff_core.notes import _info

    return [_info(row) for row in _session_notes(engine, exercise) if row.topic == group]


# --- Ranking after dot voting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    rank: int  # 1 for the most votes; tied notes share a rank (1, 2, 2, 4)
    note: NoteInfo


def ranking(board: list[NoteInfo], limit: int | None = None) -> list[Ranked]:
    """The notes with votes, most votes first; ties keep a stable order (more writers, then oldest)."""
    voted = sorted((n for n in board if n.votes > 0), key=lambda n: (-n.votes, -n.weight, n.id))
    ranked: list[Ranked] = []
    for index, note in enumerate(voted):
        tied = ranked and ranked[-1].note.votes == note.votes
        ranked.append(Ranked(ranked[-1].rank if tied else index + 1, note))
    return ranked[:limit] if limit is not None else ranked


def votes_cast(engine: Engine, exercise: Exercise) -> int:
    """How many dots are on the board (the sum of the notes' votes)."""
    return sum(n.votes for n in notes.board(engine, exercise))


def voters(engine: Engine, exercise: Exercise) -> int:
    """How many people have put at least one dot."""
    from sff_core.store.models import NoteVote

    with session_scope(engine) as session:
        return int(
            session.scalar(
                select(func.count(func.distinct(NoteVote.voter)))
                .join(Note, Note.id == NoteVote.note_id)
                .where(
                    Note.workspace_id == exercise.workspace_id,
                    Note.step_key == exercise.step_key,
                    Note.section_key == exercise.section_key,
                    Note.session_date == exercise.session_date,
                    Note.deleted_at.is_(None),
                )
            )
            or 0
        )


def goals_for_note(engine: Engine, workspace_id: int, note_id: int) -> list[str]:
    """The collaboration plan's delmål a marked SWOT item led to (the plan's own link), when the plan has it."""
    try:
        from sff_core import plan
    except ImportError:
        return []
    finder = getattr(plan, "goals_for_note", None)
    if finder is None:
        return []
    found = finder(engine, workspace_id, note_id)
    return [f"{getattr(goal, 'number', '')}. {getattr(goal, 'text', goal)}".lstrip(". ") for goal in found]


def notes_by_organisation(engine: Engine, exercise: Exercise) -> dict[str, int]:
    """Post-its per organisation of the phone that wrote them (steps 6–7 phones may name their organisation;
    no personal names), most first; notes without an organisation are left out."""
    from sff_core.store.models import Participant

    writers = {row.respondent for row in _session_notes(engine, exercise)}
    ids = [int(r.split(":", 1)[1]) for r in writers if r.startswith("participant:")]
    with session_scope(engine) as session:
        rows = session.execute(select(Participant.id, Participant.organisation).where(Participant.id.in_(ids or [-1]))).all()
        organisations = {int(pid): organisation for pid, organisation in rows}
    counts: dict[str, int] = {}
    for row in _session_notes(engine, exercise):
        if row.respondent.startswith("participant:"):
            organisation = organisations.get(int(row.respondent.split(":", 1)[1]))
            if organisation:
                counts[organisation] = counts.get(organisation, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
