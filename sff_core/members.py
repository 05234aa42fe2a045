"""The core group (kärngruppen): members, and how well the group covers what the handbook asks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from sff_core.content import get_content
from sff_core.store.concurrency import apply_edit, lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import Member, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import one_of, optional_text, required_text

RECOMMENDED_SIZE = (4, 8)
STATUTORY_SECTORS = ("socialtjanst", "polis")


@dataclass(frozen=True)
class MemberInfo:
    id: int
    name: str
    organisation: str
    sector: str
    role: str
    level: str | None
    personality_type: str | None
    child_youth_perspective: bool

    @property
    def respondent(self) -> str:
        return f"member:{self.id}"


def member_info(row: Member) -> MemberInfo:
    """A member row as plain data."""
    return MemberInfo(
        id=row.id,
        name=row.name,
        organisation=row.organisation,
        sector=row.sector,
        role=row.role,
        level=row.level,
        personality_type=row.personality_type,
        child_youth_perspective=row.child_youth_perspective,
    )


def _clean(name: str, organisation: str, sector: str, role: str, level: str | None, personality_type: str | None) -> dict[str, object]:
    content = get_content()
    return {
        "name": required_text(name, "name"),
        "organisation": required_text(organisation, "organisation", 160),
        "sector": one_of(sector, content.vocab_keys("sectors"), "sector"),
        "role": optional_text(role, "role", 160),
        "level": one_of(level, content.vocab_keys("member_levels"), "level", optional=True),
        "personality_type": one_of(personality_type, content.vocab_keys("personality_types"), "personality_type", optional=True),
    }


def add_member(
    engine: Engine,
    workspace_id: int,
    name: str,
    organisation: str,
    sector: str,
    role: str = "",
    level: str | None = None,
    personality_type: str | None = None,
    child_youth_perspective: bool = False,
) -> MemberInfo:
    values = _clean(name, organisation, sector, role, level, personality_type)
    with unit_of_work(engine, workspace_id) as uow:
        row = Member(workspace_id=workspace_id, child_youth_perspective=child_youth_perspective, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("member.add", member_id=row.id)
        return member_info(row)


def update_member(
    engine: Engine,
    workspace_id: int,
    member_id: int,
    name: str,
    organisation: str,
    sector: str,
    role: str = "",
    level: str | None = None,
    personality_type: str | None = None,
    child_youth_perspective: bool = False,
    loaded: Mapping[str, object] | None = None,
) -> MemberInfo:
    """Save the fields changed since `loaded` (see `member_fields`); EditConflict if someone else did."""
    values: dict[str, object] = {
        **_clean(name, organisation, sector, role, level, personality_type),
        "child_youth_perspective": bool(child_youth_perspective),
    }
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, Member, member_id)
        row = uow.owned(Member, member_id, "unknown_member")
        if apply_edit(uow.session, row, loaded, values):
            uow.audit("member.update", member_id=member_id)
        return member_info(row)


def member_fields(member: MemberInfo) -> dict[str, object]:
    """A member's editable fields, as an edit form loads them."""
    return {
        "name": member.name,
        "organisation": member.organisation,
        "sector": member.sector,
        "role": member.role,
        "level": member.level,
        "personality_type": member.personality_type,
        "child_youth_perspective": member.child_youth_perspective,
    }


def remove_member(engine: Engine, workspace_id: int, member_id: int) -> None:
    """Soft delete: the member leaves the list, their past answers stay."""
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.owned(Member, member_id, "unknown_member")
        row.deleted_at = utcnow()
        uow.audit("member.remove", member_id=member_id)


def list_members(engine: Engine, workspace_id: int) -> list[MemberInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Member).where(Member.workspace_id == workspace_id, Member.deleted_at.is_(None)).order_by(Member.name)
        ).all()
        return [member_info(r) for r in rows]


@dataclass(frozen=True)
class CoverageCheck:
    key: str
    ok: bool
    params: dict[str, int] = field(default_factory=dict)
    levels: tuple[str, ...] | None = None  # the levels a sector has, for the levels_* checks

    def message_params(self, level_labels: Mapping[str, str]) -> dict[str, object]:
        """The parameters of the check's message, with the levels named as `level_labels` names them."""
        params: dict[str, object] = dict(self.params)
        if self.levels is not None:
            params["levels"] = ", ".join(level_labels.get(k, k) for k in self.levels) or "–"
        return params


@dataclass(frozen=True)
class Coverage:
    checks: tuple[CoverageCheck, ...]
    personality_counts: dict[str, int]

    @property
    def ok_count(self) -> int:
        return sum(c.ok for c in self.checks)

    @property
    def missing_personality_types(self) -> list[str]:
        return [k for k, n in self.personality_counts.items() if n == 0]


def _levels_in(members: list[MemberInfo], sector: str) -> set[str]:
    levels: set[str] = set()
    for m in members:
        if m.sector == sector and m.level:
            levels.update(("strategisk", "operativ") if m.level == "bada" else (m.level,))
    return levels


def core_group_coverage(members: list[MemberInfo]) -> Coverage:
    """What the handbook asks of the core group, checked against the members (pure)."""
    low, high = RECOMMENDED_SIZE
    sectors = Counter(m.sector for m in members)
    organisations = {m.organisation.strip().lower() for m in members}
    checks = [
        CoverageCheck("size", low <= len(members) <= high, {"n": len(members), "low": low, "high": high}),
        CoverageCheck("organisations", len(organisations) >= 2, {"n": len(organisations)}),
    ]
    for sector in STATUTORY_SECTORS:
        levels = _levels_in(members, sector)
        checks.append(CoverageCheck(f"sector_{sector}", sectors[sector] > 0, {"n": sectors[sector]}))
        checks.append(CoverageCheck(f"levels_{sector}", {"strategisk", "operativ"} <= levels, levels=tuple(sorted(levels))))
    checks.append(CoverageCheck("child_youth", any(m.child_youth_perspective for m in members)))
    types = get_content().vocab_keys("personality_types")
    counts = {key: sum(1 for m in members if m.personality_type == key) for key in types}
    covered = sum(1 for n in counts.values() if n)
    checks.append(CoverageCheck("personality_types", covered == len(types), {"n": covered, "total": len(types)}))
    return Coverage(checks=tuple(checks), personality_counts=counts)
