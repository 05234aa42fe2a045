"""Några förutsättningar för att utföra steg 6 och 7: the handbook's four prerequisites, checked from the data.

1. Steps 1–5 marked done (the step status the facilitator sets on each step page).
2. The mapping can be compiled into a result: step 2's indicator surveys, target groups and contact
   surfaces (the mind map), the advertisement log and the reported offences have data.
3. Contact is established with collaboration actors: an actor assessed within the last year (step 3),
   or an invitation to the start-up event answered (step 5).
4. The core group's own yes: the checklist point `ledartrojan` answered yes (by the group or a member).

The result is a warning on steps 6 and 7, never a lock: each prerequisite says whether it is met, names
what is missing and where to fix it (a page and a `?section=`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, func, select

from sff_core.content import get_content
from sff_core.i18n import t, text
from sff_core.progress import step_statuses
from sff_core.store.db import session_scope
from sff_core.store.models import (
    Actor,
    ActorAssessment,
    AdObservation,
    EventInvitee,
    IndicatorSurvey,
    MindmapNode,
    NetworkEvent,
    OffenceCount,
    Response,
)

STEP = "step6"
SECTION = "forutsattningar"
LEADER_PROMPT = "ledartrojan"
EARLIER_STEPS = ("step1", "step2", "step3", "step4", "step5")
RECENT_CONTACT = timedelta(days=365)


@dataclass(frozen=True)
class Missing:
    """Something missing, and where it is fixed: a page file and (optionally) its section."""

    text: str
    page: str
    section: str | None = None


@dataclass(frozen=True)
class Prerequisite:
    key: str  # the checklist prompt's key in step 6's content
    title: str  # the handbook's wording
    met: bool
    missing: tuple[Missing, ...] = ()
    found: str = ""  # what was found, in one line (e.g. "3 aktörer bedömda senaste året")


@dataclass(frozen=True)
class Prerequisites:
    items: tuple[Prerequisite, ...]

    @property
    def all_met(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def unmet(self) -> tuple[Prerequisite, ...]:
        return tuple(item for item in self.items if not item.met)


def check(engine: Engine, workspace_id: int, lang: str = "sv", today: date | None = None) -> Prerequisites:
    """The four prerequisites for steps 6–7, each met or not with what is missing."""
    section = get_content().require_section(STEP, SECTION)
    titles = {p.key: text(p.text, lang) for p in section.prompts}
    checks = (
        ("steg_1_5", _steps_done),
        ("kartlaggning", _mapping),
        ("kontakt_aktorer", _contacts),
        (LEADER_PROMPT, _leaders_yes),
    )
    items = []
    for key, checker in checks:
        met, missing, found = checker(engine, workspace_id, lang, today or date.today())
        items.append(Prerequisite(key, titles.get(key, key), met, tuple(missing), found))
    return Prerequisites(tuple(items))


Checked = tuple[bool, list[Missing], str]


def _steps_done(engine: Engine, workspace_id: int, lang: str, today: date) -> Checked:
    statuses = step_statuses(engine, workspace_id, list(EARLIER_STEPS))
    labels = get_content().labels("step_statuses", lang)
    missing = []
    for key in EARLIER_STEPS:
        if statuses[key] != "done":
            number = get_content().step(key).number
            status = labels.get(statuses[key], statuses[key])
            missing.append(Missing(t("prereq.step_not_done", lang, n=number, status=status), f"pages/step_{number}.py"))
    done = len(EARLIER_STEPS) - len(missing)
    return not missing, missing, t("prereq.steps_done", lang, done=done, total=len(EARLIER_STEPS))


# Step 2's mapping results: what counts, the model whose rows show it, and where it is entered.
_MAPPING_PARTS = (
    ("indicator_surveys", IndicatorSurvey, "branscher_kontaktytor"),
    ("target_groups", MindmapNode, "hitta_malgruppen"),
    ("ad_log", AdObservation, "internet"),
    ("offences", OffenceCount, "offentligt_material"),
)


def _count(engine: Engine, model: type, workspace_id: int) -> int:
    with session_scope(engine) as session:
        query = select(func.count()).select_from(model).where(model.workspace_id == workspace_id)  # type: ignore[attr-defined]
        if hasattr(model, "deleted_at"):
            query = query.where(model.deleted_at.is_(None))
        return int(session.scalar(query) or 0)


def _mapping(engine: Engine, workspace_id: int, lang: str, today: date) -> Checked:
    missing, present = [], []
    for name, model, section in _MAPPING_PARTS:
        label = t(f"prereq.mapping_{name}", lang)
        if _count(engine, model, workspace_id):
            present.append(label)
        else:
            missing.append(Missing(t("prereq.mapping_missing", lang, part=label), "pages/step_2.py", section))
    return not missing, missing, t("prereq.mapping_found", lang, parts=", ".join(present) or "–")


def _contacts(engine: Engine, workspace_id: int, lang: str, today: date) -> Checked:
    since = today - RECENT_CONTACT
    with session_scope(engine) as session:
        assessed = int(
            session.scalar(
                select(func.count(func.distinct(ActorAssessment.actor_id)))
                .join(Actor, Actor.id == ActorAssessment.actor_id)
                .where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None), ActorAssessment.assessed_on >= since)
            )
            or 0
        )
        answered = int(
            session.scalar(
                select(func.count(EventInvitee.id))
                .join(NetworkEvent, NetworkEvent.id == EventInvitee.event_id)
                .where(NetworkEvent.workspace_id == workspace_id, NetworkEvent.deleted_at.is_(None), EventInvitee.status == "answered")
            )
            or 0
        )
    found = t("prereq.contacts_found", lang, assessed=assessed, answered=answered)
    if assessed or answered:
        return True, [], found
    missing = [
        Missing(t("prereq.contacts_no_assessment", lang), "pages/step_3.py", "analys_samverkansaktorer"),
        Missing(t("prereq.contacts_no_answers", lang), "pages/step_5.py", "anordna_event"),
    ]
    return False, missing, found


def _leaders_yes(engine: Engine, workspace_id: int, lang: str, today: date) -> Checked:
    with session_scope(engine) as session:
        answers = session.execute(
            select(Response.respondent, Response.value_bool)
            .where(
                Response.workspace_id == workspace_id,
                Response.step_key == STEP,
                Response.section_key == SECTION,
                Response.prompt_key == LEADER_PROMPT,
                Response.value_bool.is_not(None),
            )
            .order_by(Response.session_date, Response.updated_at, Response.id)
        ).all()
    # the core group's latest word counts (a later "not yet" takes back an earlier yes); phones of
    # network participants do not answer for the core group
    group_answers = [bool(value) for respondent, value in answers if respondent == "group" or respondent.startswith("member:")]
    if group_answers and group_answers[-1]:
        return True, [], t("prereq.leaders_yes", lang)
    return False, [Missing(t("prereq.leaders_missing", lang), "pages/step_6.py", SECTION)], t("prereq.leaders_not_yet", lang)
