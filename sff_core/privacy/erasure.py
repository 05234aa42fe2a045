"""Erasure, access and retention for one person's name (issue 14, GDPR art. 15 and 17).

- :func:`erase_person` replaces a person's name by a stable pseudonym ("Deltagare 7") in one transaction,
  everywhere the workspace stores it: the columns the register marks (``sff_core.privacy.personal_columns``)
  and every other text or JSON column of the workspace's rows, so the group's results stay intact and the
  name is gone. The name is found as Swedish writes it (``sff_core.privacy.names``: whole words, any case, NFC or
  NFD, any whitespace, the genitive). The person's own rows (member, candidate, participant) lose their
  role, and their organisation when it names the person (see :func:`_own_row_hits`). What could not be
  erased or decided – a first or last name standing alone, a value cut to fit, the name in rows of no
  workspace, a file or table that could not be cleaned – is returned in ``ErasureResult.unresolved``.
  Then the old row versions go: on SQLite the file is checkpointed (the WAL truncated) and, if the name's
  bytes are still found in it, vacuumed (``secure_delete``, set in ``sff_core.store.db``, zeroes the old versions
  of edited rows); on PostgreSQL every table the erasure changed is rewritten with ``VACUUM (FULL,
  ANALYZE)``, since an UPDATE leaves the old version in the page and a plain VACUUM leaves its bytes in the
  page's free space. WAL segments, WAL archives and base backups keep what they held until they expire.
- :func:`access_report` lists everything stored about one person (where, what, when) for an access request:
  the same matcher and the same scan as the erasure, so it lists every value the erasure changes.
- :func:`pseudonymise_expired` is the retention job: names given in live activities become pseudonyms
  ``workspace.name_retention_days`` after the activity closed (run daily by ``sff_core.privacy.housekeeping``).

Pseudonyms are numbered per workspace and never reused: every number issued is recorded in the audit
log (``person.erased`` / ``names.pseudonymised``, the pseudonym only, never the name). Within one erasure
or one retention run the same person gets one number everywhere. Nothing links a pseudonym back to the
name: that is the point, so a later run cannot know that two names were the same person.
"""

from __future__ import annotations

import json
import mmap
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, ColumnElement, Connection, Engine, String, Table, or_, select, text, true, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sff_core.errors import InputError
from sff_core.privacy import names
from sff_core.privacy.names import name_pattern
from sff_core.privacy.register import personal_columns
from sff_core.store.db import session_scope
from sff_core.store.models import AuditEvent, Base, Candidate, LiveActivity, Member, Note, Participant, Response, Workspace
from sff_core.store.uow import unit_of_work

__all__ = ["name_pattern"]  # the matcher lives in sff_core.privacy.names; kept here for callers of erasure.name_pattern

PSEUDONYM_WORD = "Deltagare"
PSEUDONYM_RE = re.compile(rf"^{PSEUDONYM_WORD} (\d+)$")
NUMBERED_ACTIONS = ("person.erased", "names.pseudonymised")
TIME_COLUMNS = ("created_at", "updated_at", "at", "saved_at", "closed_at", "added_on", "assessed_on", "session_date")
MIN_RETENTION_DAYS = 1
MAX_RETENTION_DAYS = 3650
MAX_NAME_LENGTH = 120
VACUUM_LOCK_TIMEOUT_MS = 10_000  # PostgreSQL: give up on a table another connection holds, and say so
VACUUM_TRIES = 4  # PostgreSQL: rewrites of a table while another snapshot still sees an old row version
VACUUM_RETRY_SECONDS = 0.25


@dataclass(frozen=True)
class Person:
    """Someone the facilitator may pick: a core-group member or a named live participant."""

    name: str
    kind: str  # "member" or "participant"
    detail: str = ""  # the organisation, to tell two people apart


@dataclass(frozen=True)
class Hit:
    """One stored value that holds the name: where it is and what it becomes."""

    table: str
    column: str
    row_id: int
    old: Any
    new: Any
    when: str | None = None  # the row's time (created, updated, saved…) where the table keeps one


@dataclass(frozen=True)
class Unresolved:
    """Something the erasure could not erase or decide, for a person to check by hand.

    kind: ``lone_name`` (a first or last name alone: maybe the person, maybe not), ``shortened`` (the value
    with the pseudonym was too long for its column and was cut), ``outside`` (the name in a row of no
    workspace, left as it is), ``file`` (SQLite: the name's bytes still in the database file), ``vacuum``
    (PostgreSQL: a table could not be rewritten, old row versions may remain in its files)."""

    kind: str
    where: str
    excerpt: str = ""


@dataclass(frozen=True)
class ErasureResult:
    pseudonym: str
    fields: int
    tables: dict[str, int]
    file_clean: bool | None  # SQLite: the name's bytes are no longer in the file or its WAL; None elsewhere
    vacuumed: bool = False
    unresolved: tuple[Unresolved, ...] = ()
    vacuumed_tables: tuple[str, ...] = ()  # PostgreSQL: the tables rewritten by VACUUM FULL

    @property
    def complete(self) -> bool:
        """Nothing is left to check by hand."""
        return not self.unresolved


@dataclass(frozen=True)
class RetentionResult:
    activities: int
    participants: int
    pseudonyms: list[str] = field(default_factory=list)


# --- names, patterns and pseudonyms ---------------------------------------------------------------------


def clean_name(name: str | None, field_name: str = "person") -> str:
    """The name as typed, trimmed and with single spaces; refused when empty, too long or a pseudonym."""
    cleaned = names.normal(name or "")
    if not cleaned:
        raise InputError("erasure_empty", field=field_name)
    if len(cleaned) < 2 or len(cleaned) > MAX_NAME_LENGTH:
        raise InputError("erasure_length", field=field_name, most=MAX_NAME_LENGTH)
    if PSEUDONYM_RE.match(cleaned):
        raise InputError("erasure_pseudonym", field=field_name, name=cleaned)
    return cleaned


def _replace(value: Any, pattern: re.Pattern[str], pseudonym: str) -> Any:
    """`value` with every match replaced, walking JSON (keys too); the same object when nothing matched."""
    if isinstance(value, str):
        return names.replace_name(value, pattern, pseudonym) if pattern.search(value) else value
    if isinstance(value, list):
        items = [_replace(item, pattern, pseudonym) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = [(_replace(k, pattern, pseudonym), _replace(v, pattern, pseudonym)) for k, v in value.items()]
        changed = any(k2 is not k or v2 is not v for (k2, v2), (k, v) in zip(pairs, value.items(), strict=True))
        return dict(pairs) if changed else value
    return value


def _strings(value: Any) -> Iterator[str]:
    """Every string in a value, walking JSON (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def _issued_numbers(session: Session, workspace_id: int) -> set[int]:
    """Every pseudonym number this workspace has issued (audit log) or shows (members, participants)."""
    numbers: set[int] = set()
    details = session.scalars(
        select(AuditEvent.detail).where(AuditEvent.workspace_id == workspace_id, AuditEvent.action.in_(NUMBERED_ACTIONS))
    )
    for detail in details:
        numbers.update(int(n) for n in (detail or {}).get("numbers", []))
    labels = [
        *session.scalars(select(Member.name).where(Member.workspace_id == workspace_id)),
        *session.scalars(select(Participant.display_name).join(LiveActivity).where(LiveActivity.workspace_id == workspace_id)),
    ]
    for label in labels:
        match = PSEUDONYM_RE.match(label or "")
        if match:
            numbers.add(int(match.group(1)))
    return numbers


def _next_number(session: Session, workspace_id: int) -> int:
    return max(_issued_numbers(session, workspace_id), default=0) + 1


def _lock_workspace(session: Session, workspace_id: int) -> Workspace:
    """The workspace row, locked on PostgreSQL so two erasures never issue the same number."""
    workspace = session.scalars(select(Workspace).where(Workspace.id == workspace_id).with_for_update()).first()
    if workspace is None:
        raise InputError("unknown_workspace")
    return workspace


# --- the workspace's rows, table by table ---------------------------------------------------------------


def _scopes(workspace_id: int) -> list[tuple[Table, ColumnElement[bool]]]:
    """Every table with a condition selecting this workspace's rows, found from the foreign keys.

    A table with `workspace_id` is filtered on it; a child table (participant, versions, votes…) through
    its foreign key to a table already in scope. Tables that belong to no workspace (attempt) are left out."""
    scoped: dict[str, tuple[Table, ColumnElement[bool]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "workspace":
            scoped[table.name] = (table, table.c.id == workspace_id)
        elif "workspace_id" in table.c:
            scoped[table.name] = (table, table.c.workspace_id == workspace_id)
        else:
            links = [key for key in table.foreign_keys if key.column.table.name in scoped]
            links.sort(key=lambda key: (key.parent.nullable, key.parent.name))  # a required link first (participant → activity)
            if links:
                conditions = [
                    key.parent.in_(select(scoped[key.column.table.name][0].c.id).where(scoped[key.column.table.name][1])) for key in links
                ]
                scoped[table.name] = (table, conditions[0] if not links[0].parent.nullable else or_(*conditions))
    return list(scoped.values())


def _text_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if isinstance(c.type, (String, JSON)) and not c.primary_key and c.name != "passphrase_hash"]


def _stored(session: Session, scopes: Sequence[tuple[Table, ColumnElement[bool]]]) -> Iterator[Hit]:
    """Every non-empty text or JSON value of the rows in `scopes`, as a Hit that changes nothing."""
    for table, condition in scopes:
        columns = _text_columns(table)
        if not columns:
            continue
        stamp = next((table.c[name] for name in TIME_COLUMNS if name in table.c), None)
        chosen = [table.c.id, *columns] + ([stamp.label("_when")] if stamp is not None else [])
        for row in session.execute(select(*chosen).where(condition).order_by(table.c.id)):
            when = row._mapping["_when"] if stamp is not None else None
            for column in columns:
                value = row._mapping[column]
                if value is not None:
                    yield Hit(table.name, column.name, row.id, value, value, when.isoformat() if when is not None else None)


def find_hits(session: Session, workspace_id: int, pattern: re.Pattern[str], pseudonym: str = "") -> Iterator[Hit]:
    """Every stored value of the workspace that holds the name, with its replacement."""
    for stored in _stored(session, _scopes(workspace_id)):
        new = _replace(stored.old, pattern, pseudonym)
        if new is not stored.old:
            yield Hit(stored.table, stored.column, stored.row_id, stored.old, new, stored.when)


def _outside(session: Session, workspace_id: int, pattern: re.Pattern[str]) -> list[Unresolved]:
    """The name in rows that belong to no workspace (the global part of the log, guessing counters):
    reported, never changed from one workspace, and shown without their contents."""
    scoped = {table.name for table, _condition in _scopes(workspace_id)}
    scopes: list[tuple[Table, ColumnElement[bool]]] = [
        (table, table.c.workspace_id.is_(None)) if "workspace_id" in table.c else (table, true())
        for table in Base.metadata.sorted_tables
        if "id" in table.c and (table.name not in scoped or ("workspace_id" in table.c and table.c.workspace_id.nullable))
    ]
    return [
        Unresolved("outside", f"{hit.table}.{hit.column} #{hit.row_id}")
        for hit in _stored(session, scopes)
        if any(pattern.search(s) for s in _strings(hit.old))
    ]


def _known_names(session: Session, workspace_id: int, pattern: re.Pattern[str]) -> list[str]:
    """Full names of the other people the workspace knows (members, candidates, named participants)."""
    found = [
        *session.scalars(select(Member.name).where(Member.workspace_id == workspace_id)),
        *session.scalars(select(Candidate.name).where(Candidate.workspace_id == workspace_id)),
        *session.scalars(select(Participant.display_name).join(LiveActivity).where(LiveActivity.workspace_id == workspace_id)),
    ]
    return [n for n in found if n and len(n.split()) > 1 and not pattern.fullmatch(names.normal(n)) and not PSEUDONYM_RE.match(n)]


def find_lone_names(session: Session, workspace_id: int, spellings: Sequence[str], changed: Sequence[Hit] = ()) -> list[Unresolved]:
    """A first or last name of the person standing alone (not inside another known person's full name,
    nor the person's own full name): maybe the person, maybe someone else – for a person to decide. One
    item per stored value, with the first such place as its excerpt.

    A last name that the workspace's texts also write as an ordinary lower-case word ("berg", "lund",
    "exempel") is left out: every sentence that begins with that word would be listed. A first name
    alone is always listed. `changed` are the erasure's replacements: their new values are what the
    workspace holds afterwards."""
    pattern = name_pattern(spellings)
    parts = names.part_pattern(names.name_parts(spellings))
    if parts is None:
        return []
    firsts = {names.normal(p).casefold() for p in names.name_parts(spellings, last=False)}
    lasts = names.name_parts(spellings, first=False)
    lower = names.lower_case_pattern(lasts)
    known = name_pattern([*spellings, *_known_names(session, workspace_id, pattern)])
    after = {(h.table, h.column, h.row_id): h.new for h in changed}
    found: list[tuple[str, str, str]] = []  # (where, excerpt, the part it found)
    common: set[str] = set()  # last names the workspace also writes as an ordinary word
    for stored in _stored(session, _scopes(workspace_id)):
        value = after.get((stored.table, stored.column, stored.row_id), stored.old)
        where = f"{stored.table}.{stored.column} #{stored.row_id}"
        for string in _strings(value):
            if lower is not None:
                common.update(names.stem(m) for m in lower.finditer(string))
            found += [(where, names.excerpt(string, m), names.stem(m)) for m in names.lone_parts(string, parts, known)]
    listed: dict[str, Unresolved] = {}
    for where, excerpt, part in found:
        if part in firsts or part not in common:
            listed.setdefault(where, Unresolved("lone_name", where, excerpt))
    return list(listed.values())


# The person's own rows: the table, its name column and what else in the row is about the person. A role
# (a job title: "kommunpolis" identifies in a small town) is cleared; an organisation is kept for the
# group's results per organisation unless it names the person (a one-person firm, "Kvarnströms
# utredningar") – then it is cleared too. Sector, level and personality type are the content's fixed
# categories: they stay, so the group's composition and results stay.
OWN_ROWS: tuple[tuple[Any, str, tuple[str, ...]], ...] = (
    (Member, "name", ("organisation", "role")),
    (Candidate, "name", ("organisation",)),
    (Participant, "display_name", ("organisation",)),
)


def _own_row_hits(session: Session, workspace_id: int, spellings: Sequence[str]) -> list[Hit]:
    """The organisation and role of every row that is the person (its name column is the name), each with
    what the erasure makes of it (unchanged when it stays). Used by the erasure and the access report."""
    pattern = name_pattern(spellings)
    parts = names.part_pattern(names.name_parts(spellings))
    any_part = re.compile(parts.pattern, re.IGNORECASE) if parts is not None else None
    hits: list[Hit] = []
    for model, name_column, columns in OWN_ROWS:
        query = select(model)
        query = (
            query.join(LiveActivity).where(LiveActivity.workspace_id == workspace_id)
            if model is Participant
            else query.where(model.workspace_id == workspace_id)
        )
        for row in session.scalars(query.order_by(model.id)):
            if not pattern.fullmatch(names.normal(getattr(row, name_column) or "")):
                continue
            for column in columns:
                old = getattr(row, column)
                if not old:
                    continue
                names_person = bool(pattern.search(old)) or bool(any_part and any_part.search(old))
                new = old if column == "organisation" and not names_person else ("" if model is not Participant else None)
                when = getattr(row, "created_at", None)
                hits.append(Hit(model.__tablename__, column, row.id, old, new, when.isoformat() if when else None))
    return hits


def _merge(hits: Sequence[Hit], own: Sequence[Hit]) -> list[Hit]:
    """The scan's replacements with the own rows' decisions on top (a cleared role wins over a rewritten one)."""
    merged = {(h.table, h.column, h.row_id): h for h in hits}
    for hit in own:
        key = (hit.table, hit.column, hit.row_id)
        if hit.new != hit.old:
            merged[key] = Hit(hit.table, hit.column, hit.row_id, merged[key].old if key in merged else hit.old, hit.new, hit.when)
    return list(merged.values())


def _fit(hits: Sequence[Hit]) -> tuple[list[Hit], list[Unresolved]]:
    """Values that the pseudonym made longer than their column are cut to fit (the name is gone either way)."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    fitted: list[Hit] = []
    cut: list[Unresolved] = []
    for hit in hits:
        length = getattr(tables[hit.table].c[hit.column].type, "length", None)
        if isinstance(hit.new, str) and length and len(hit.new) > length:
            hit = Hit(hit.table, hit.column, hit.row_id, hit.old, hit.new[: length - 1] + "…", hit.when)
            cut.append(Unresolved("shortened", f"{hit.table}.{hit.column} #{hit.row_id}", hit.new))
        fitted.append(hit)
    return fitted, cut


def _apply(session: Session, hits: Sequence[Hit]) -> dict[str, int]:
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    per_row: dict[tuple[str, int], dict[str, Any]] = {}
    for hit in hits:
        per_row.setdefault((hit.table, hit.row_id), {})[hit.column] = hit.new
    counts: dict[str, int] = {}
    for (name, row_id), values in per_row.items():
        table = tables[name]
        session.execute(update(table).where(table.c.id == row_id).values(values))
        counts[name] = counts.get(name, 0) + len(values)
    return counts


# --- choosing a person ----------------------------------------------------------------------------------


def people(engine: Engine, workspace_id: int) -> list[Person]:
    """Members (also those who left) and named live participants, pseudonyms left out, by name."""
    found: dict[str, Person] = {}
    with session_scope(engine) as session:
        for name, organisation in session.execute(
            select(Member.name, Member.organisation).where(Member.workspace_id == workspace_id).order_by(Member.id)
        ):
            found.setdefault(names.normal(name).casefold(), Person(name, "member", organisation))
        for name, organisation in session.execute(
            select(Participant.display_name, Participant.organisation)
            .join(LiveActivity)
            .where(LiveActivity.workspace_id == workspace_id, Participant.display_name.is_not(None))
            .order_by(Participant.id)
        ):
            if name:
                found.setdefault(names.normal(name).casefold(), Person(names.normal(name), "participant", organisation or ""))
    return sorted((p for p in found.values() if not PSEUDONYM_RE.match(p.name)), key=lambda p: p.name.casefold())


# --- erasure --------------------------------------------------------------------------------------------


def erase_person(engine: Engine, workspace_id: int, name: str | None, aliases: Sequence[str] = ()) -> ErasureResult:
    """Replace `name` (and other spellings of it) by one new pseudonym everywhere in the workspace.

    A member with the name also leaves the core group (marked removed, the row kept so past answers keep
    their respondent); the person's own rows lose their role (and an organisation that names them).
    What could not be erased or decided is in the result's `unresolved`, never silently left.
    Raises InputError when the name is empty or stored nowhere (also: erased already)."""
    spellings = _spellings(name, aliases)
    pattern = name_pattern(spellings)
    with unit_of_work(engine, workspace_id) as uow:
        _lock_workspace(uow.session, workspace_id)
        number = _next_number(uow.session, workspace_id)
        pseudonym = f"{PSEUDONYM_WORD} {number}"
        hits = list(find_hits(uow.session, workspace_id, pattern, pseudonym))
        if not hits:
            raise InputError("erasure_unknown", field="person", name=spellings[0])
        changes, unresolved = _fit(_merge(hits, _own_row_hits(uow.session, workspace_id, spellings)))
        unresolved += find_lone_names(uow.session, workspace_id, spellings, changes) + _outside(uow.session, workspace_id, pattern)
        counts = _apply(uow.session, changes)
        now = datetime.now(UTC).replace(tzinfo=None)
        uow.session.execute(
            update(Member)
            .where(Member.workspace_id == workspace_id, Member.name == pseudonym, Member.deleted_at.is_(None))
            .values(deleted_at=now)
        )
        uow.audit(
            "person.erased",
            pseudonym=pseudonym,
            numbers=[number],
            fields=len(changes),
            unresolved=len(unresolved),
        )
    clean, vacuumed, rewritten, failed = scrub_files(engine, spellings, counts)
    unresolved += [Unresolved("vacuum", table) for table in failed]
    if clean is False:
        unresolved += [Unresolved("file", path.name) for path in sqlite_files(engine)[:1]]
    return ErasureResult(pseudonym, len(changes), counts, clean, vacuumed, tuple(unresolved), tuple(rewritten))


def _spellings(name: str | None, aliases: Sequence[str] = ()) -> list[str]:
    """The name and its other spellings, each cleaned (refused when empty, too long or a pseudonym)."""
    return [clean_name(name), *(clean_name(a, "aliases") for a in aliases if a and a.strip())]


def scrub_files(engine: Engine, spellings: Sequence[str], tables: Iterable[str]) -> tuple[bool | None, bool, list[str], list[str]]:
    """After rows were rewritten, make the old row versions go from the database's files.

    Returns (SQLite file clean or None elsewhere, SQLite vacuumed, PostgreSQL tables rewritten, PostgreSQL
    tables that could not be rewritten)."""
    if engine.dialect.name == "postgresql":
        rewritten, failed = vacuum_postgres(engine, list(tables))
        return None, False, rewritten, failed
    clean, vacuumed = scrub_sqlite_file(engine, spellings)
    return clean, vacuumed, [], []


def vacuum_postgres(engine: Engine, tables: Sequence[str]) -> tuple[list[str], list[str]]:
    """`VACUUM (FULL, ANALYZE)` each table, outside a transaction: returns (rewritten, failed).

    An UPDATE leaves the old row version in its page, and a plain VACUUM only marks that space free – the
    bytes stay until the page is written over. VACUUM FULL writes the table (its TOAST table and indexes)
    anew and empties the old files; ANALYZE replaces the column statistics, which keep sample values. It
    locks each table for the rewrite, which takes milliseconds for the sizes a workspace has. See
    :func:`_rewrite` for when a table counts as rewritten."""
    rewritten: list[str] = []
    failed: list[str] = []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"SET lock_timeout = {int(VACUUM_LOCK_TIMEOUT_MS)}")
        try:
            for table in sorted(set(tables)):
                (rewritten if _rewrite(connection, table) else failed).append(table)
        finally:
            connection.exec_driver_sql("RESET lock_timeout")
    return rewritten, failed


def _rewrite(connection: Connection, table: str) -> bool:
    """VACUUM FULL one table until no old row version is kept; False when that did not happen.

    VACUUM FULL copies a dead row version that another open transaction's snapshot may still see (an
    autoanalyze, a long report): its VERBOSE detail then starts with that count ("1 dead row versions
    cannot be removed yet", in the server's language), so the rewrite is tried again a few times. A table
    counts as rewritten only when its file node changed: without the owner's right PostgreSQL skips it
    with a warning, and within the lock timeout it gives up with an error."""
    quote = connection.dialect.identifier_preparer.quote(table)
    node = text("SELECT pg_relation_filenode(CAST(:table AS regclass))")
    details: list[str] = []
    driver = connection.connection.driver_connection

    def keep(diagnostic: Any) -> None:
        if diagnostic.message_detail and table in (diagnostic.message_primary or ""):
            details.append(diagnostic.message_detail)

    driver.add_notice_handler(keep)  # type: ignore[union-attr]
    try:
        for attempt in range(VACUUM_TRIES):
            details.clear()
            before = connection.execute(node, {"table": quote}).scalar()
            try:
                connection.exec_driver_sql(f"VACUUM (FULL, ANALYZE, VERBOSE) {quote}")
            except DBAPIError:
                return False
            if connection.execute(node, {"table": quote}).scalar() == before:
                return False
            kept = [int(m.group(1)) for m in (re.match(r"\s*(\d+)", d) for d in details) if m]
            if not any(kept):
                return True
            time.sleep(VACUUM_RETRY_SECONDS * (attempt + 1))
    finally:
        driver.remove_notice_handler(keep)  # type: ignore[union-attr]
    return False


def _variants(spellings: Sequence[str]) -> set[bytes]:
    """The byte forms a name can take in the file: UTF-8 and UTF-16 (both orders), JSON-escaped, in the cases people type."""
    forms: set[str] = set()
    for name in spellings:
        for variant in (name, name.lower(), name.upper(), name.title()):
            for form in (variant, unicodedata.normalize("NFD", variant)):
                forms.add(form)
                forms.add(json.dumps(form)[1:-1])
    found: set[bytes] = set()
    for form in forms:
        found.update({form.encode("utf-8"), form.encode("utf-16-le"), form.encode("utf-16-be")})
    return found


def file_holds(path: Path, spellings: Sequence[str]) -> bool:
    """Whether any byte form of the names is in the file (read through mmap: fast on a large file)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return any(data.find(variant) != -1 for variant in _variants(spellings))


def sqlite_files(engine: Engine) -> list[Path]:
    """The SQLite database file and its -wal and -shm companions ([] for other databases or in memory)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return []
    main = Path(database)
    return [main, Path(f"{main}-wal"), Path(f"{main}-shm")]


def _checkpoint(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for _ in range(20):
            busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
            if busy is None or not busy[0]:
                return


def scrub_sqlite_file(engine: Engine, spellings: Sequence[str]) -> tuple[bool | None, bool]:
    """Write the WAL into the file and truncate it; VACUUM only if the name's bytes are still in the file.

    secure_delete zeroes what an UPDATE frees, so VACUUM is needed only for a file written before that
    pragma was set (old versions in free pages). Returns (file clean, vacuumed); (None, False) off SQLite."""
    files = sqlite_files(engine)
    if not files:
        return None, False
    engine.dispose()  # idle pooled connections would keep the WAL from being truncated
    _checkpoint(engine)
    if not any(file_holds(path, spellings) for path in files):
        return True, False
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")
    _checkpoint(engine)
    return not any(file_holds(path, spellings) for path in files), True


# --- access (art. 15) -----------------------------------------------------------------------------------


def _register_kinds() -> dict[tuple[str, str], str]:
    return {(c.table, c.column): c.kind for c in personal_columns()}


def _register_texts(lang: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The register's words (privacy.yaml): kind labels, and per marked column its purpose and retention."""
    from sff_core.i18n import text
    from sff_core.privacy.register import load_privacy_content

    content = load_privacy_content()
    kinds = {key: text(label, lang) for key, label in content.kinds.items()}
    fields = {
        key: {"purpose": text(field.purpose, lang), "kept": text(content.retention.get(field.retention), lang)}
        for key, field in content.fields.items()
    }
    return kinds, fields


def _respondent_keys(session: Session, workspace_id: int, pattern: re.Pattern[str]) -> list[str]:
    """The respondent keys ("member:3", "participant:17") of members and participants with this name."""
    keys = [
        f"member:{mid}"
        for mid, name in session.execute(select(Member.id, Member.name).where(Member.workspace_id == workspace_id))
        if pattern.fullmatch(names.normal(name))
    ]
    keys += [
        f"participant:{pid}"
        for pid, name in session.execute(
            select(Participant.id, Participant.display_name).join(LiveActivity).where(LiveActivity.workspace_id == workspace_id)
        )
        if name and pattern.fullmatch(names.normal(name))
    ]
    return keys


def _contributions(session: Session, workspace_id: int, respondents: list[str]) -> list[dict[str, Any]]:
    """The answers and post-its given under the person's name (they carry no name, only the respondent key)."""
    if not respondents:
        return []
    items: list[dict[str, Any]] = []
    for row in session.scalars(
        select(Response).where(Response.workspace_id == workspace_id, Response.respondent.in_(respondents)).order_by(Response.id)
    ):
        value = row.text if row.text is not None else row.value_int if row.value_int is not None else row.value_bool
        items.append(
            {
                "where": f"response #{row.id}",
                "what": f"svar: steg {row.step_key}, {row.section_key}/{row.prompt_key}",
                "value": value,
                "when": row.session_date.isoformat(),
            }
        )
    for note in session.scalars(select(Note).where(Note.workspace_id == workspace_id, Note.respondent.in_(respondents)).order_by(Note.id)):
        items.append(
            {
                "where": f"note #{note.id}",
                "what": f"post-it: steg {note.step_key}, {note.section_key}",
                "value": note.text,
                "when": note.session_date.isoformat(),
            }
        )
    return items


def access_report(
    engine: Engine, workspace_id: int, name: str | None, today: date | None = None, lang: str = "sv", aliases: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything stored about one named person: each value that holds the name (table, column, kind in the
    register, row, when), the organisation and role in the person's own rows, and the answers and post-its
    given under that name – found by the erasure's own matcher and scan, so every value the erasure would
    change is listed. `possible` lists a first or last name standing alone (maybe the person: check by
    hand), `outside` where the name stands in rows of no workspace. Raises InputError if nothing."""
    spellings = _spellings(name, aliases)
    cleaned = spellings[0]
    pattern = name_pattern(spellings)
    kinds = _register_kinds()
    kind_labels, field_texts = _register_texts(lang)
    with session_scope(engine) as session:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise InputError("unknown_workspace")
        hits = list(find_hits(session, workspace_id, pattern))
        if not hits:
            raise InputError("erasure_unknown", field="person", name=cleaned)
        listed = {(h.table, h.column, h.row_id) for h in hits}
        hits += [h for h in _own_row_hits(session, workspace_id, spellings) if (h.table, h.column, h.row_id) not in listed]
        stored = [
            {
                "where": f"{hit.table}.{hit.column} #{hit.row_id}",
                "table": hit.table,
                "column": hit.column,
                "row": hit.row_id,
                "kind": kinds.get((hit.table, hit.column), "text"),
                "kind_label": kind_labels.get(kinds.get((hit.table, hit.column), ""), ""),
                **field_texts.get(f"{hit.table}.{hit.column}", {}),
                "value": hit.old,
                "when": hit.when,
            }
            for hit in hits
        ]
        contributions = _contributions(session, workspace_id, _respondent_keys(session, workspace_id, pattern))
        shown = {item["where"] for item in stored}  # a value listed whole is not listed again
        possible = [_unresolved_item(u) for u in find_lone_names(session, workspace_id, spellings) if u.where not in shown]
        outside = [u.where for u in _outside(session, workspace_id, pattern)]
        city = workspace.city
        retention = workspace.name_retention_days
    return {
        "person": cleaned,
        "workspace": city,
        "made_on": (today or date.today()).isoformat(),
        "name_retention_days": retention,
        "stored": stored,
        "contributions": contributions,
        "possible": possible,
        "outside": outside,
    }


def _unresolved_item(item: Unresolved) -> dict[str, Any]:
    table, _, rest = item.where.partition(".")
    column, _, row = rest.partition(" #")
    return {"where": item.where, "table": table, "column": column, "row": int(row), "value": item.excerpt}


def access_json(report: dict[str, Any]) -> bytes:
    """The access report as a readable JSON file (UTF-8, indented)."""
    return json.dumps(report, ensure_ascii=False, indent=2, default=str).encode("utf-8")


# --- retention ------------------------------------------------------------------------------------------


def set_retention_days(engine: Engine, workspace_id: int, days: int | str | None) -> int:
    """The workspace's `name_retention_days`, validated (1–3650 days)."""
    try:
        value = int(str(days).strip())
    except ValueError as error:
        raise InputError("erasure_retention", field="name_retention_days", least=MIN_RETENTION_DAYS, most=MAX_RETENTION_DAYS) from error
    if not MIN_RETENTION_DAYS <= value <= MAX_RETENTION_DAYS:
        raise InputError("erasure_retention", field="name_retention_days", least=MIN_RETENTION_DAYS, most=MAX_RETENTION_DAYS)
    with unit_of_work(engine, workspace_id) as uow:
        workspace = _lock_workspace(uow.session, workspace_id)
        if workspace.name_retention_days != value:
            workspace.name_retention_days = value
            uow.audit("workspace.name_retention", days=value)
    return value


def retention_days(engine: Engine, workspace_id: int) -> int:
    with session_scope(engine) as session:
        return int(session.scalars(select(Workspace.name_retention_days).where(Workspace.id == workspace_id)).one())


def pseudonymise_expired(engine: Engine, workspace_id: int, today: date | None = None) -> RetentionResult:
    """Names given in live activities closed `name_retention_days` or more days before `today` become pseudonyms.

    The participant's display name, and the name where it stands in that participant's own answers and
    post-its; the same name within one run gets one pseudonym. Activities still open are never touched."""
    today = today or date.today()
    with unit_of_work(engine, workspace_id) as uow:
        workspace = _lock_workspace(uow.session, workspace_id)
        cutoff = datetime.combine(today - timedelta(days=workspace.name_retention_days), datetime.max.time())
        rows = uow.session.execute(
            select(Participant, LiveActivity.id)
            .join(LiveActivity)
            .where(
                LiveActivity.workspace_id == workspace_id,
                LiveActivity.status == "closed",
                LiveActivity.closed_at.is_not(None),
                LiveActivity.closed_at <= cutoff,
                Participant.display_name.is_not(None),
            )
            .order_by(Participant.id)
        ).all()
        named = [(p, a) for p, a in rows if p.display_name and not PSEUDONYM_RE.match(p.display_name)]
        if not named:
            return RetentionResult(0, 0)
        number = _next_number(uow.session, workspace_id)
        given: dict[str, str] = {}
        for participant, _activity in named:
            name = names.normal(participant.display_name or "")
            pseudonym = given.setdefault(name.casefold(), f"{PSEUDONYM_WORD} {number + len(given)}")
            _pseudonymise_participant(uow.session, workspace_id, participant, name, pseudonym)
        numbers = [int(p.rsplit(" ", 1)[1]) for p in given.values()]
        activities = len({a for _p, a in named})
        uow.audit(
            "names.pseudonymised",
            numbers=numbers,
            participants=len(named),
            activities=activities,
            today=today.isoformat(),
        )
        pseudonyms = list(given.values())
    scrub_files(engine, [], ["participant", "response", "note"])  # the tables the run rewrote
    return RetentionResult(activities, len(named), pseudonyms)


def _pseudonymise_participant(session: Session, workspace_id: int, participant: Participant, name: str, pseudonym: str) -> None:
    pattern = name_pattern([name])
    respondent = f"participant:{participant.id}"
    participant.display_name = pseudonym
    for response in session.scalars(select(Response).where(Response.workspace_id == workspace_id, Response.respondent == respondent)):
        if response.text:
            response.text = _replace(response.text, pattern, pseudonym)
    for note in session.scalars(select(Note).where(Note.workspace_id == workspace_id, Note.respondent == respondent)):
        note.text = _replace(note.text, pattern, pseudonym)


# --- the access report as a document (Word/PDF through sff_core.outputs.report_render) --------------------------


def access_document(report: dict[str, Any], lang: str = "sv") -> Any:
    """The access report as a `sff_core.report.Report`: what is stored (where, kind, value, purpose, how long,
    when) and the answers and post-its given under the name; rendered like every other document."""
    import pandas as pd

    from sff_core.i18n import t
    from sff_core.outputs.report import Report, ReportPart
    from sff_core.outputs.results import Results, TableBlock
    from sff_core.outputs.sharing import SharingLevel

    def heading(key: str) -> str:
        return t(f"privacy_tools.col_{key}", lang)

    stored = pd.DataFrame(
        [
            {
                heading("where"): item["where"],
                heading("kind"): item.get("kind_label") or t("privacy_tools.kind_text", lang),
                heading("value"): str(item["value"]),
                heading("purpose"): item.get("purpose", ""),
                heading("kept"): item.get("kept", ""),
                heading("when"): str(item["when"] or "")[:10],
            }
            for item in report["stored"]
        ]
    )
    given = pd.DataFrame(
        [{heading("what"): c["what"], heading("value"): str(c["value"]), heading("when"): c["when"]} for c in report["contributions"]],
        columns=[heading("what"), heading("value"), heading("when")],
    )
    possible = pd.DataFrame(
        [{heading("where"): p["where"], heading("value"): str(p["value"])} for p in report.get("possible", [])],
        columns=[heading("where"), heading("value")],
    )
    count = len(report["stored"])
    parts: tuple[ReportPart, ...] = (
        ReportPart(
            t("privacy_tools.access_heading", lang, name=report["person"], count=count),
            1,
            (t("privacy_tools.document_intro", lang, made_on=report["made_on"], days=report["name_retention_days"]),),
            Results(t("privacy_tools.access_heading", lang, name=report["person"], count=count), None, (TableBlock(stored),)),
        ),
        ReportPart(
            t("privacy_tools.contributions_heading", lang, count=len(given)),
            1,
            (),
            Results(t("privacy_tools.contributions_heading", lang, count=len(given)), None, (TableBlock(given),) if len(given) else ()),
        ),
    )
    if len(possible):  # a first or last name alone: maybe the person, for the facilitator to check
        title = t("privacy_tools.possible_heading", lang, count=len(possible))
        parts += (ReportPart(title, 1, (), Results(title, None, (TableBlock(possible),))),)
    return Report(
        t("privacy_tools.document_title", lang),
        str(report["workspace"]),
        SharingLevel(False, 1),
        lang,
        datetime.now(),
        parts,
        "registerutdrag",
        landscape=True,
    )
