"""Step 0 'Rekrytera till kärngruppen': candidates against the basic and desirable checklists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.members import MemberInfo
from sff_core.store.concurrency import apply_edit, lock_row, merge_set
from sff_core.store.db import session_scope
from sff_core.store.models import Candidate, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import one_of, optional_text, required_text

STATUSES = ("idea", "contacted", "yes", "no")


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    name: str
    organisation: str
    sector: str
    personality_type: str | None
    checks: tuple[str, ...]
    status: str
    note: str

    def meets(self, group_prompts: list[str]) -> bool:
        return all(key in self.checks for key in group_prompts)


def checklist_groups() -> dict[str, list[str]]:
    """Prompt keys per checklist group ('basic', 'desirable') from the step 0 content."""
    section = get_content().require_section("step0", "rekrytering")
    groups: dict[str, list[str]] = {g.key: [] for g in section.groups}
    for prompt in section.prompts:
        groups.setdefault(prompt.group or "", []).append(prompt.key)
    return groups


def _info(row: Candidate) -> CandidateInfo:
    return CandidateInfo(
        id=row.id,
        name=row.name,
        organisation=row.organisation,
        sector=row.sector,
        personality_type=row.personality_type,
        checks=tuple(row.checks or ()),
        status=row.status,
        note=row.note,
    )


def save_candidate(
    engine: Engine,
    workspace_id: int,
    name: str,
    organisation: str,
    sector: str,
    personality_type: str | None,
    checks: list[str],
    status: str = "idea",
    note: str = "",
    candidate_id: int | None = None,
    loaded: Mapping[str, Any] | None = None,
) -> CandidateInfo:
    """Add a candidate, or (with `candidate_id`) change one. With `loaded` (the form's values when it
    was opened) only what the person changed is written: the checklist item by item, the other fields
    one by one, and EditConflict when someone else saved one of those fields meanwhile."""
    content = get_content()
    valid_checks = [k for keys in checklist_groups().values() for k in keys]
    unknown = [c for c in checks if c not in valid_checks]
    if unknown:
        raise InputError("not_allowed", field="checks", field_label="checks", value=unknown[0])
    values = {
        "name": required_text(name, "name"),
        "organisation": required_text(organisation, "organisation", 160),
        "sector": one_of(sector, content.vocab_keys("sectors"), "sector"),
        "personality_type": one_of(personality_type, content.vocab_keys("personality_types"), "personality_type", optional=True),
        "checks": sorted(set(checks)),
        "status": one_of(status, list(STATUSES), "status"),
        "note": optional_text(note, "note"),
    }
    with unit_of_work(engine, workspace_id) as uow:
        if candidate_id is None:
            row = Candidate(workspace_id=workspace_id, **values)
            uow.session.add(row)
        else:
            lock_row(uow.session, Candidate, candidate_id)
            found = uow.session.get(Candidate, candidate_id)
            if found is None or found.workspace_id != workspace_id or found.deleted_at is not None:
                raise InputError("unknown_candidate", field="candidate")
            row = found
            mine: list[str] = values.pop("checks")  # type: ignore[assignment]
            checks_now = merge_set(None if loaded is None else loaded.get("checks", ()), mine, row.checks or ())
            apply_edit(uow.session, row, loaded, values)
            if checks_now != sorted(row.checks or ()):
                row.checks = checks_now
        uow.session.flush()
        uow.audit("candidate.save", candidate_id=row.id)
        return _info(row)


def list_candidates(engine: Engine, workspace_id: int) -> list[CandidateInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Candidate).where(Candidate.workspace_id == workspace_id, Candidate.deleted_at.is_(None)).order_by(Candidate.name)
        ).all()
        return [_info(r) for r in rows]


def remove_candidate(engine: Engine, workspace_id: int, candidate_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.session.get(Candidate, candidate_id)
        if row is None or row.workspace_id != workspace_id:
            raise InputError("unknown_candidate", field="candidate")
        row.deleted_at = utcnow()
        uow.audit("candidate.remove", candidate_id=candidate_id)


def promote_candidate(engine: Engine, workspace_id: int, candidate_id: int) -> MemberInfo:
    """A candidate who said yes joins the core group as a member, in one transaction (once only)."""
    from sff_core.members import member_info
    from sff_core.store.models import Member

    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, Candidate, candidate_id)
        candidate = uow.owned(Candidate, candidate_id, "unknown_candidate")
        duplicate = uow.scalar(
            select(Member.id).where(
                Member.workspace_id == workspace_id,
                Member.deleted_at.is_(None),
                Member.name == candidate.name,
                Member.organisation == candidate.organisation,
            )
        )
        if duplicate is not None:
            raise InputError("already_member", field="candidate", name=candidate.name)
        member = uow.add(
            Member(
                workspace_id=workspace_id,
                name=candidate.name,
                organisation=candidate.organisation,
                sector=candidate.sector,
                role="",
                personality_type=candidate.personality_type,
                child_youth_perspective=False,
            ),
            "member.add",
            from_candidate=candidate_id,
        )
        uow.audit("candidate.promote", id=candidate_id, member_id=member.id)
        return member_info(member)
