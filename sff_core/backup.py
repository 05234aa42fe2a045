"""Backup and restore: a whole workspace to one zip file, and back into SQLite or PostgreSQL.

The file is a zip with one JSON file per table (`tables/<name>.json`, a list of rows, one row a
line) and `manifest.json`: the format and its version, the app version, the Alembic schema
revision, when it was made, and each table's row count and SHA-256. Dates are `ÅÅÅÅ-MM-DD`,
timestamps ISO 8601 in UTC (`+00:00`), booleans and JSON columns as JSON.

The tables come from the models' metadata, so a new model is in the backup without touching this
file: a table goes with the workspace if it has a `workspace_id` (the audit log's is nullable:
the workspace's own events go), or a required reference to a row that does (an assessment through
its actor, a participant through its live activity, a dot through its note). A table that does
neither must be named in NOT_EXPORTED with the reason, or every backup refuses to start. Two are:
`attempt` (global throttle counters per client, no city's process, kept only for their window) and
`facilitator_session` (login tokens: a backup must carry no way in, so a restored workspace is
unlocked with its passphrase again, and a replaced one's sessions end).

Restoring validates the whole file before anything is written (zip, manifest, format version,
every checksum, every table and column and the JSON type of every value, row counts, every
reference), then writes in one transaction: as a new workspace (a free slug; a city name that
looks like another workspace's gets "(kopia)") or replacing an existing one that the caller names
again to confirm. Ids are renumbered: every foreign key (self references too, set in a second
pass), respondent and voter strings ("member:<id>", "participant:<id>") and the ids in the audit
log's details. The passphrase hash travels with the workspace; advertiser references are keyed
hashes and match again only under the same SFF_HASH_KEY, and ones past their retention are neither
exported nor restored. Both directions leave a line in the workspace's log (`workspace.export`
after the read, so a file never holds its own export; `workspace.restore` last in the restored log).
A file from an older schema revision is restored into a scratch SQLite database at that revision,
migrated like any database, and read back.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import secrets
import tempfile
import tomllib
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.sql import Select

from sff_core.config import PROJECT_ROOT
from sff_core.errors import InputError
from sff_core.store import audit
from sff_core.store.models import Base
from sff_core.store.uow import unit_of_work
from sff_core.workspaces import WorkspaceInfo, get_workspace, name_skeleton, slugify

FORMAT = "stad-for-stad-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLE_DIR = "tables/"
WORKSPACE = "workspace"
# Size caps, from the workspaces we see: the demo unpacks to 0.25 MiB and the demo with 100 times its
# answers, surveys, incidents and notes to 1.9 MiB (bench/export_scale.py's growth), packed at most 26:1.
# A backup may unpack to SFF_BACKUP_MAX_MB (64 MB: 30 times that), and a member larger than 1 MiB may
# unpack to at most 200 times its packed size; a zip bomb is refused on its sizes before it is unpacked,
# and while unpacking, bytes are counted as they come out (zipfile never gives more than a member declares).
DEFAULT_MAX_MB = 64
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
CHUNK_BYTES = 64 * 1024
MAX_MEMBERS = 1000
log = logging.getLogger(__name__)

NOT_EXPORTED: dict[str, str] = {
    "attempt": (
        "global throttle counters (passphrase and join-code attempts per client, keyed hashes of "
        "addresses, for a ten-minute window): no city's process, and kept no longer than the window"
    ),
    "facilitator_session": (
        "login tokens of unlocked browsers (their hashes): a backup must not carry a way in, so a "
        "restored workspace is unlocked again with its passphrase"
    ),
}

# Text columns that name a row: "member:<id>" and "participant:<id>" (answers, post-its, dots).
TEXT_REFERENCES: dict[str, tuple[str, ...]] = {"response": ("respondent",), "note": ("respondent",), "note_vote": ("voter",)}
RESPONDENT_KINDS = {"member": "member", "participant": "participant"}
_RESPONDENT = re.compile(r"(member|participant):([0-9]{1,12})")

# The audit log's details name rows by id: `<table>_id` keys, these other names, and `id`/`ids`/
# `merged` for the row of the action itself ("note.merge" → note, "mindmap.add" → mindmap_node).
AUDIT_TABLE = "audit_event"
AUDIT_ID_KEYS = {
    "activity_id": "live_activity",
    "survey_id": "indicator_survey",
    "link_id": "survey_link",
    "observation_id": "ad_observation",
    "node_id": "mindmap_node",
    "question_id": "icebreaker_question",
    "goal_id": "plan_goal",
}
AUDIT_ROW_KEYS = ("id", "ids", "merged")
AUDIT_ACTION_TABLES = {
    "icebreaker": "icebreaker_question",
    "mindmap": "mindmap_node",
    "plan": "collaboration_plan",
    "plan_swot": "plan_swot_link",
    "marketing": "marketing_row",
}
AUDIT_RESPONDENT_KEYS = ("respondent",)


def max_content_mb() -> int:
    """The unpacked size a backup may have, in MB (SFF_BACKUP_MAX_MB; 64 unless set)."""
    raw = os.environ.get("SFF_BACKUP_MAX_MB", "").strip()
    try:
        return max(1, int(raw)) if raw else DEFAULT_MAX_MB
    except ValueError:
        return DEFAULT_MAX_MB


def max_content_bytes() -> int:
    return max_content_mb() * 1024 * 1024


def max_file_bytes() -> int:
    """The zip as uploaded: never larger than what it may unpack to (plus its directory)."""
    return max_content_bytes() + 1024 * 1024


def _new_code() -> str:
    from sff_core.live import generate_code

    return generate_code()


def _new_token() -> str:
    return secrets.token_urlsafe(24)


# Values unique across the whole database (not per workspace): a restore next to the original
# draws new ones where the original's are taken, so join codes and links keep pointing where they did.
REGENERATED: dict[tuple[str, str], Callable[[], str]] = {
    ("live_activity", "code"): _new_code,
    ("participant", "token"): _new_token,
    ("survey_link", "token"): _new_token,
}


# --- Which tables, in which order -------------------------------------------------------------------


@dataclass(frozen=True)
class TableSpec:
    """A table that belongs to a workspace, and the column that ties a row to it (directly, or to its parent row)."""

    table: Table
    owner: Column[Any] | None  # None for the workspace itself
    parent: str | None

    @property
    def name(self) -> str:
        return self.table.name


def _workspace_tables(metadata: MetaData) -> dict[str, TableSpec]:
    """Every table whose rows belong to a workspace (NOT_EXPORTED ones included), by name."""
    specs: dict[str, TableSpec] = {WORKSPACE: TableSpec(metadata.tables[WORKSPACE], None, None)}
    pending = [t for t in metadata.sorted_tables if t.name != WORKSPACE]
    while True:
        found = False
        for table in list(pending):
            owner = _owner_column(table, specs)
            if owner is not None:
                specs[table.name] = TableSpec(table, owner[0], owner[1])
                pending.remove(table)
                found = True
        if not found:
            break
    stray = sorted(t.name for t in pending if t.name not in NOT_EXPORTED)
    if stray:
        raise RuntimeError(
            f"Tables neither tied to a workspace nor listed in backup.NOT_EXPORTED: {', '.join(stray)}. "
            "Give them a workspace_id (or a required reference to a row that has one), or say in NOT_EXPORTED why they stay out."
        )
    return specs


def _owner_column(table: Table, specs: Mapping[str, TableSpec]) -> tuple[Column[Any], str] | None:
    for column in table.columns:
        for fk in column.foreign_keys:
            if fk.column.table.name == WORKSPACE and column.name == "workspace_id":
                return column, WORKSPACE
    for column in sorted(table.columns, key=lambda c: c.name):
        for fk in column.foreign_keys:
            parent = fk.column.table.name
            if parent != table.name and parent in specs and not column.nullable:
                return column, parent
    return None


def _restore_order(metadata: MetaData, specs: Mapping[str, TableSpec]) -> list[str]:
    """Parents before children; tables whose text names rows after those rows' tables; the audit log last."""
    names = [t.name for t in metadata.sorted_tables if t.name in specs and t.name not in NOT_EXPORTED]
    rank = {name: i for i, name in enumerate(names)}
    needs: dict[str, set[str]] = {}
    for name in names:
        table = specs[name].table
        wanted = {fk.column.table.name for c in table.columns for fk in c.foreign_keys} - {name}
        if name in TEXT_REFERENCES:
            wanted |= set(RESPONDENT_KINDS.values())
        if name == AUDIT_TABLE:
            wanted |= set(names) - {name}
        needs[name] = wanted & set(names)
    order: list[str] = []
    while len(order) < len(names):
        ready = [n for n in names if n not in order and needs[n] <= set(order)]
        if not ready:
            raise RuntimeError(f"Circular references between tables: {sorted(set(names) - set(order))}")
        order.append(min(ready, key=rank.__getitem__))
    return order


def backup_tables(metadata: MetaData | None = None) -> list[TableSpec]:
    """The tables a backup holds, in the order a restore writes them."""
    metadata = metadata or Base.metadata
    specs = _workspace_tables(metadata)
    return [specs[name] for name in _restore_order(metadata, specs)]


def _owned_ids(specs: Mapping[str, TableSpec], name: str, workspace_id: int) -> Select[Any]:
    spec = specs[name]
    query = select(spec.table.c.id)
    return query.where(spec.table.c.id == workspace_id) if spec.owner is None else query.where(_owned(specs, spec, workspace_id))


def _owned(specs: Mapping[str, TableSpec], spec: TableSpec, workspace_id: int) -> Any:
    assert spec.owner is not None and spec.parent is not None
    if spec.parent == WORKSPACE:
        return spec.owner == workspace_id
    return spec.owner.in_(_owned_ids(specs, spec.parent, workspace_id))


# --- Values: database ↔ JSON ----------------------------------------------------------------------------


def column_kind(column: Column[Any]) -> str:
    """How a column's values are written to JSON: int, bool, float, str, date, datetime or json."""
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, Float):
        return "float"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, String):
        return "str"
    raise RuntimeError(f"backup: column {column.table.name}.{column.name} has a type ({kind!r}) the backup cannot write yet")


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "datetime":
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "+00:00"  # stored as UTC without a zone: written with it
    return value


class _Bad(Exception):
    """A value of the wrong JSON type; `key` names what the column takes (an error key)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_INT_RANGE = {"BigInteger": 2**63}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _decode(column: Column[Any], kind: str, value: Any) -> Any:
    if value is None:
        if not column.nullable and kind != "json":  # JSON's own null is a value
            raise _Bad("backup_type_null")
        return None
    if kind == "int":
        limit = _INT_RANGE.get(type(column.type).__name__, 2**31)
        if type(value) is not int or not -limit <= value < limit:
            raise _Bad("backup_type_int")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise _Bad("backup_type_bool")
        return value
    if kind == "float":
        if type(value) not in (int, float):
            raise _Bad("backup_type_number")
        return float(value)
    if kind == "str":
        length = getattr(column.type, "length", None)
        if not isinstance(value, str) or (length is not None and len(value) > length) or "\x00" in value or not _utf8(value):
            raise _Bad("backup_type_text", max=length or "–")
        return value
    if kind == "date":
        try:
            if not isinstance(value, str) or not _DATE.fullmatch(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise _Bad("backup_type_date") from None
    if kind == "datetime":
        try:
            if not isinstance(value, str) or not _DATE.match(value):
                raise ValueError(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _Bad("backup_type_datetime") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
            if not getattr(column.type, "timezone", False):
                moment = moment.replace(tzinfo=None)
        return moment
    return value  # json: any JSON value


def _utf8(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from "\ud800" in the JSON
        return False
    return True


# --- Export -----------------------------------------------------------------------------------------------


def app_version() -> str:
    try:
        with open(PROJECT_ROOT / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "okänd"


def schema_head() -> str:
    from alembic.script import ScriptDirectory

    from sff_core.store.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One consistent read of many tables: a repeatable-read transaction on PostgreSQL, an explicit
    BEGIN on SQLite (WAL gives it a snapshot without stopping writers)."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            reading = connection.execution_options(isolation_level="AUTOCOMMIT")  # the driver issues no BEGIN of its own
            reading.exec_driver_sql("BEGIN")
            try:
                yield reading
            finally:
                reading.exec_driver_sql("ROLLBACK")
        else:
            reading = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with reading.begin():
                yield reading


def _find_workspace(connection: Connection, slug: str) -> dict[str, Any]:
    table = Base.metadata.tables[WORKSPACE]
    row = connection.execute(select(table).where(table.c.slug == slug)).mappings().first()
    if row is None:
        raise InputError("backup_unknown_slug", field="workspace", slug=slug)
    return dict(row)


def _read_workspace(engine: Engine, workspace_id: int) -> tuple[dict[str, list[dict[str, Any]]], str]:
    """Every row of the workspace, table by table in restore order (JSON values), and the schema revision."""
    specs = _workspace_tables(Base.metadata)
    tables: dict[str, list[dict[str, Any]]] = {}
    with _snapshot(engine) as connection:
        for spec in backup_tables():
            table = spec.table
            query = select(table).order_by(table.c.id)
            query = query.where(table.c.id == workspace_id) if spec.owner is None else query.where(_owned(specs, spec, workspace_id))
            kinds = {c.name: column_kind(c) for c in table.columns}
            tables[spec.name] = [{k: _encode(kinds[k], v) for k, v in row.items()} for row in connection.execute(query).mappings()]
        try:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # noqa: BLE001 - a database made without Alembic (create_all) has the models' schema
            revision = None
    return tables, str(revision or schema_head())


@dataclass(frozen=True)
class Exported:
    data: bytes
    file_name: str
    rows: int
    tables: int
    city: str


def export_workspace(engine: Engine, workspace: int | str, now: datetime | None = None) -> Exported:
    """The workspace (its id or slug) as one backup file. Expired advertiser references are purged first."""
    from sff_core import ads

    with engine.connect() as connection:
        row = (
            _find_workspace(connection, workspace)
            if isinstance(workspace, str)
            else connection.execute(select(Base.metadata.tables[WORKSPACE]).where(Base.metadata.tables[WORKSPACE].c.id == workspace))
            .mappings()
            .first()
        )
    if row is None:
        raise InputError("unknown_workspace", field="workspace")
    workspace_id = int(row["id"])
    ads.purge_references(engine, workspace_id)  # nothing past its retention leaves the app in a backup
    tables, revision = _read_workspace(engine, workspace_id)
    now = now or datetime.now(UTC)
    data = _pack(tables, revision, now, {"id": workspace_id, "slug": row["slug"], "city": row["city"], "municipality": row["municipality"]})
    rows = sum(len(r) for r in tables.values())

    with unit_of_work(engine, workspace_id) as uow:  # leaving the app with every name in it is worth a line in the log
        uow.audit("workspace.export", rows=rows)
    return Exported(data, backup_file_name(str(row["slug"]), now.date()), rows, len(tables), str(row["city"]))


def backup_file_name(slug: str, day: date) -> str:
    return f"stadforstad-{slug}-{day.isoformat()}.zip"


def _table_json(rows: list[dict[str, Any]]) -> bytes:
    """A JSON list with one row a line: readable in an archive, and Swedish letters as themselves."""
    if not rows:
        return b"[]\n"
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) for row in rows)
    return f"[\n{lines}\n]\n".encode()


def _pack(tables: Mapping[str, list[dict[str, Any]]], revision: str, now: datetime, workspace: dict[str, Any]) -> bytes:
    files = {f"{TABLE_DIR}{name}.json": _table_json(rows) for name, rows in tables.items()}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": "Stad för stad",
        "app_version": app_version(),
        "schema_revision": revision,
        "created_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "timestamps": "UTC",
        "workspace": workspace,
        "tables": {
            name: {
                "file": f"{TABLE_DIR}{name}.json",
                "rows": len(rows),
                "sha256": hashlib.sha256(files[f"{TABLE_DIR}{name}.json"]).hexdigest(),
            }
            for name, rows in tables.items()
        },
        "not_included": NOT_EXPORTED,
    }
    buffer = io.BytesIO()
    stamp = now.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(zipfile.ZipInfo(MANIFEST, stamp), json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", zipfile.ZIP_DEFLATED)
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, stamp), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --- Reading and validating a file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Backup:
    """A validated backup: its manifest and every table's rows as Python values, ids as in the file."""

    manifest: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]

    @property
    def workspace(self) -> dict[str, Any]:
        return self.rows[WORKSPACE][0]

    @property
    def city(self) -> str:
        return str(self.workspace["city"])

    @property
    def slug(self) -> str:
        return str(self.workspace["slug"])

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))

    @property
    def app_version(self) -> str:
        return str(self.manifest.get("app_version", ""))

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    @property
    def advertiser_references(self) -> int:
        return sum(1 for row in self.rows.get("ad_observation", []) if row.get("advertiser_hash"))


def read_backup(source: bytes | BinaryIO) -> Backup:
    """The file (its bytes, or an open binary file such as an upload), validated completely (or
    InputError with what is wrong; nothing is written either way). The members are unpacked in
    chunks against the size caps, so a zip bomb is refused before it takes memory."""
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    try:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(0)
        head = stream.read(2)
        stream.seek(0)
    except (OSError, ValueError):
        raise InputError("backup_damaged", field="file") from None
    if size > max_file_bytes():
        raise InputError("backup_too_large", field="file", max=max_content_mb())
    if head != b"PK":
        raise InputError("backup_not_zip", field="file")
    try:
        with zipfile.ZipFile(stream) as archive:
            contents = _unpack(archive, max_content_bytes())
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        ValueError,
        OSError,
        RuntimeError,
    ) as error:
        if isinstance(error, InputError):
            raise
        raise InputError(_zip_problem(error), field="file") from None
    manifest = _manifest(contents)
    if manifest["schema_revision"] != schema_head():
        return _upgraded(manifest, contents)
    return _validate(manifest, contents, Base.metadata)


def _zip_problem(error: Exception) -> str:
    if isinstance(error, (RuntimeError, NotImplementedError)):  # encrypted, or a compression zipfile cannot unpack
        return "backup_encrypted"
    return "backup_damaged"  # truncated, or a stored CRC that does not match


def _unpack(archive: zipfile.ZipFile, limit: int) -> dict[str, bytes]:
    """Every member's bytes, unpacked chunk by chunk: refused on the declared sizes first (total, and
    packing ratio), then on the bytes as they come out, before more than the cap is held."""
    members = archive.infolist()
    too_large = InputError("backup_too_large", field="file", max=limit // (1024 * 1024))
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > limit:
        raise too_large
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(1, member.compress_size):
            raise InputError("backup_packed_ratio", field="file", file=member.filename[:80], ratio=MAX_RATIO)
    contents: dict[str, bytes] = {}
    total = 0
    for member in members:
        if member.is_dir():
            continue
        budget = min(limit - total, member.file_size)
        buffer = io.BytesIO()
        with archive.open(member) as handle:  # reading to the end checks the CRC
            while chunk := handle.read(CHUNK_BYTES):
                if buffer.tell() + len(chunk) > budget:
                    raise too_large
                buffer.write(chunk)
        total += buffer.tell()
        contents[member.filename] = buffer.getvalue()
    return contents


def _manifest(contents: Mapping[str, bytes]) -> dict[str, Any]:
    if MANIFEST not in contents:
        raise InputError("backup_no_manifest", field="file")
    try:
        manifest = json.loads(contents[MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("backup_bad_manifest", field="file") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError("backup_foreign", field="file")
    version = manifest.get("format_version")
    if type(version) is not int or version < 1:
        raise InputError("backup_foreign", field="file")
    if version > FORMAT_VERSION:
        raise InputError(
            "backup_newer", field="file", version=version, supported=FORMAT_VERSION, app_version=manifest.get("app_version", "?")
        )
    revision = manifest.get("schema_revision")
    head = schema_head()
    if revision != head and not (isinstance(revision, str) and _known_revision(revision)):
        raise InputError(
            "backup_newer_schema", field="file", revision=str(revision), head=head, app_version=manifest.get("app_version", "?")
        )
    if not isinstance(manifest.get("tables"), dict):
        raise InputError("backup_bad_manifest", field="file")
    return manifest


def _upgraded(manifest: dict[str, Any], contents: Mapping[str, bytes]) -> Backup:
    """A file from an older schema: restored into a temporary SQLite database at its revision, migrated
    to this app's schema by the same migrations a database goes through (data migrations included),
    and read back from there. Validated against the schema it was made with first."""
    from alembic import command

    from sff_core.store.db import alembic_config, make_engine, migrate

    revision = manifest["schema_revision"]
    with tempfile.TemporaryDirectory(prefix="sff-upgrade-") as folder:
        url = f"sqlite:///{Path(folder) / 'upgrade.db'}"
        temporary = make_engine(url)
        try:
            config = alembic_config(url)
            with temporary.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            old = MetaData()
            old.reflect(temporary, only=lambda name, _meta: name != "alembic_version")
            backup = _validate(manifest, contents, old)
            writer = _Writer(backup, date.today(), old)
            with temporary.begin() as connection:
                workspace_id = writer.as_new(connection, None)["id"]
                writer.write_tables(connection, workspace_id)
            migrate(temporary)
            tables, head = _read_workspace(temporary, workspace_id)
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - whatever a migration trips on: a message, never a traceback
            log.exception("upgrading a backup from schema %s failed", revision)
            raise InputError(
                "backup_older_schema", field="file", revision=revision, head=schema_head(), app_version=manifest.get("app_version", "?")
            ) from None
        finally:
            temporary.dispose()
    now = datetime.now(UTC)
    upgraded = _validate(
        {**manifest, "tables": {name: {"rows": len(rows)} for name, rows in tables.items()}},
        {MANIFEST: b""} | {f"{TABLE_DIR}{name}.json": _table_json(rows) for name, rows in tables.items()},
        Base.metadata,
        checksums=False,
    )
    return Backup(
        {**manifest, "schema_revision": head, "upgraded_from": revision, "upgraded_at": now.isoformat(timespec="seconds")}, upgraded.rows
    )


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from sff_core.store.db import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision) is not None
    except CommandError:
        return False


def _validate(manifest: dict[str, Any], contents: Mapping[str, bytes], metadata: MetaData, checksums: bool = True) -> Backup:
    specs = {spec.name: spec for spec in backup_tables(metadata)}
    listed: dict[str, Any] = manifest["tables"]
    for name in listed:
        if name not in specs:
            raise InputError("backup_unknown_table", field="file", table=name)
    for name in specs:
        if name not in listed:
            raise InputError("backup_missing_table", field="file", table=name)
    expected_files = {MANIFEST} | {f"{TABLE_DIR}{name}.json" for name in specs}
    for member in contents:
        if member not in expected_files:
            unknown = member.removeprefix(TABLE_DIR).removesuffix(".json") if member.startswith(TABLE_DIR) else member
            raise InputError("backup_unknown_table", field="file", table=unknown)
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, spec in specs.items():
        entry = listed[name]
        path = f"{TABLE_DIR}{name}.json"
        if not isinstance(entry, dict) or entry.get("file", path) != path or type(entry.get("rows")) is not int:
            raise InputError("backup_bad_manifest", field="file")
        if path not in contents:
            raise InputError("backup_missing_table", field="file", table=name)
        if checksums and hashlib.sha256(contents[path]).hexdigest() != entry.get("sha256"):
            raise InputError("backup_checksum", field="file", file=path)
        try:
            raw = json.loads(contents[path].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise InputError("backup_bad_table_file", field="file", file=path) from None
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise InputError("backup_bad_table_file", field="file", file=path)
        if len(raw) != entry["rows"]:
            raise InputError("backup_row_count", field="file", table=name, expected=entry["rows"], found=len(raw))
        rows[name] = _decode_rows(spec.table, raw)
    _check_references(specs, rows)
    if metadata is Base.metadata:  # an older file is checked once migrated, against this app's services
        from sff_core.backup_checks import check_rows

        check_rows(metadata, rows)
    return Backup(manifest, rows)


def _decode_rows(table: Table, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = {c.name: column_kind(c) for c in table.columns}
    decoded: list[dict[str, Any]] = []
    for number, row in enumerate(raw, start=1):
        for key in row:
            if key not in kinds:
                raise InputError("backup_unknown_column", field="file", table=table.name, column=key)
        values: dict[str, Any] = {}
        for column in table.columns:
            if column.name not in row:
                raise InputError("backup_missing_column", field="file", table=table.name, column=column.name, row=number)
            try:
                values[column.name] = _decode(column, kinds[column.name], row[column.name])
            except _Bad as bad:
                raise InputError(bad.key, field="file", table=table.name, column=column.name, row=number, **bad.params) from None
        decoded.append(values)
    return decoded


def _check_references(specs: Mapping[str, TableSpec], rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Ids unique per table, exactly one workspace, every reference to a row in the file."""
    ids: dict[str, set[int]] = {}
    for name, table_rows in rows.items():
        seen = {row["id"] for row in table_rows}
        if len(seen) != len(table_rows) or None in seen:
            raise InputError("backup_duplicate_id", field="file", table=name)
        ids[name] = seen
    if len(rows[WORKSPACE]) != 1:
        raise InputError("backup_workspace_count", field="file", n=len(rows[WORKSPACE]))
    for name, table_rows in rows.items():
        table = specs[name].table
        references = [(c.name, fk.column.table.name) for c in table.columns for fk in c.foreign_keys]
        texts = TEXT_REFERENCES.get(name, ())
        for number, row in enumerate(table_rows, start=1):
            for column, target in references:
                value = row[column]
                if value is not None and value not in ids.get(target, ()):
                    raise InputError("backup_reference", field="file", table=name, row=number, column=column)
            for column in texts:
                match = _RESPONDENT.fullmatch(row[column] or "")
                if match and int(match.group(2)) not in ids.get(RESPONDENT_KINDS[match.group(1)], ()):
                    raise InputError("backup_reference", field="file", table=name, row=number, column=column)


# --- Restore ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    workspace: WorkspaceInfo
    rows: int
    replaced: str | None = None  # the city of the workspace that was replaced
    renamed_from: str | None = None  # the file's city, when another workspace already had (a look-alike of) it
    new_codes: int = 0  # join codes and survey links that got new ones (the originals are in use)
    expired_references: int = 0  # advertiser references past their retention, not restored
    advertiser_references: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def restore(
    engine: Engine,
    source: bytes | Backup,
    *,
    replace: str | None = None,
    confirm: str | None = None,
    slug: str | None = None,
    today: date | None = None,
    other_city: bool = False,
) -> RestoreResult:
    """Restore a backup as a new workspace (`slug` or a free one), or in place of the workspace
    `replace` (a slug) when `confirm` names it again (its name or slug) – and, when the file is of
    another city than the one it replaces, only with `other_city` confirmed too. All or nothing."""
    backup = source if isinstance(source, Backup) else read_backup(source)
    writer = _Writer(backup, today or date.today(), other_city=other_city)
    try:
        with engine.begin() as connection:
            if replace is not None:
                info = writer.replace(connection, replace, confirm)
            else:
                info = writer.as_new(connection, slug)
            writer.write_tables(connection, info["id"])
            writer.log(connection, info["id"], replace is not None)
    except (IntegrityError, DataError):
        raise InputError("backup_conflict", field="file", table=writer.current) from None
    return RestoreResult(
        workspace=get_workspace(engine, info["id"]),
        rows=backup.total_rows,
        replaced=info.get("replaced"),
        renamed_from=backup.city if info["city"] != backup.city else None,
        new_codes=writer.new_codes,
        expired_references=writer.expired,
        advertiser_references=backup.advertiser_references - writer.expired,
        counts=backup.counts,
    )


_COPY = re.compile(r"\s*\(kopia(?: [0-9]+)?\)$")


def same_city(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two workspaces are one city's (the same municipality, or the same name but for "(kopia)")."""
    return _same_name(str(a["municipality"]), str(b["municipality"])) or _same_name(
        _COPY.sub("", str(a["city"])), _COPY.sub("", str(b["city"]))
    )


def _same_name(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return unicodedata.normalize("NFKC", s).strip().casefold()

    return fold(a) == fold(b)


class _Writer:
    """One restore: the id maps, and the tables written so far."""

    def __init__(self, backup: Backup, today: date, metadata: MetaData | None = None, other_city: bool = False) -> None:
        self.backup = backup
        self.other_city = other_city
        self.today = today
        self.metadata = metadata or Base.metadata
        self.specs = _workspace_tables(self.metadata)
        self.order = backup_tables(self.metadata)
        self.ids: dict[str, dict[int, int]] = {}
        self.new_codes = 0
        self.expired = 0
        self.current = WORKSPACE

    # the workspace row
    def _free_city(self, connection: Connection, city: str, own_id: int | None) -> str:
        table = self.metadata.tables[WORKSPACE]
        taken = {name_skeleton(c) for i, c in connection.execute(select(table.c.id, table.c.city)) if i != own_id}
        candidate, n = city, 1
        while name_skeleton(candidate) in taken:
            candidate = f"{city} (kopia)" if n == 1 else f"{city} (kopia {n})"
            n += 1
        return candidate[:120]

    def as_new(self, connection: Connection, wanted: str | None) -> dict[str, Any]:
        table = self.metadata.tables[WORKSPACE]
        taken = set(connection.scalars(select(table.c.slug)))
        if wanted is not None:
            wanted = wanted.strip()
            if not wanted or slugify(wanted) != wanted or len(wanted) > 80:
                raise InputError("backup_bad_slug", field="slug", slug=wanted)
            if wanted in taken:
                raise InputError("backup_slug_taken", field="slug", slug=wanted)
            slug = wanted
        else:
            base, slug, n = self.backup.slug, self.backup.slug, 1
            while slug in taken:
                suffix = "-kopia" if n == 1 else f"-kopia-{n}"
                slug = base[: 80 - len(suffix)] + suffix
                n += 1
        values = {k: v for k, v in self.backup.workspace.items() if k != "id"}
        values.update(slug=slug, city=self._free_city(connection, self.backup.city, None))
        new_id = connection.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
        self.ids[WORKSPACE] = {self.backup.workspace["id"]: new_id}
        return {"id": new_id, "city": values["city"]}

    def replace(self, connection: Connection, slug: str, confirm: str | None) -> dict[str, Any]:
        table = self.metadata.tables[WORKSPACE]
        query = select(table.c.id, table.c.city, table.c.slug, table.c.municipality).where(table.c.slug == slug)
        if connection.dialect.name == "postgresql":
            query = query.with_for_update()
        target = connection.execute(query).first()
        if target is None:
            raise InputError("backup_unknown_slug", field="workspace", slug=slug)
        if not confirm or not (_same_name(confirm, target.city) or confirm.strip() == target.slug):
            raise InputError("backup_confirm", field="confirm", city=target.city)
        if not self.other_city and not same_city(self.backup.workspace, {"city": target.city, "municipality": target.municipality}):
            raise InputError("backup_other_city", field="other_city", city=self.backup.city, target=target.city)
        for spec in reversed(list(self._all_owned())):  # children first
            self.current = spec.name
            assert spec.owner is not None
            connection.execute(delete(spec.table).where(_owned(self.specs, spec, target.id)))
        values = {k: v for k, v in self.backup.workspace.items() if k not in ("id", "slug")}
        values["city"] = self._free_city(connection, self.backup.city, target.id)
        connection.execute(update(table).where(table.c.id == target.id).values(**values))
        self.ids[WORKSPACE] = {self.backup.workspace["id"]: target.id}
        return {"id": target.id, "city": values["city"], "replaced": target.city}

    def _all_owned(self) -> Iterator[TableSpec]:
        """Every workspace table but the workspace itself, parents first (NOT_EXPORTED ones too: a
        replaced workspace's login sessions end)."""
        names = [t.name for t in self.metadata.sorted_tables if t.name in self.specs and t.name != WORKSPACE]
        for name in names:
            yield self.specs[name]

    # the other tables
    def write_tables(self, connection: Connection, workspace_id: int) -> None:
        for spec in self.order:
            if spec.name == WORKSPACE:
                continue
            self.current = spec.name
            self._write(connection, spec.table, self.backup.rows[spec.name])

    def _write(self, connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        own: dict[int, int] = {}
        self.ids[table.name] = own
        if not rows:
            return
        references = {c.name: fk.column.table.name for c in table.columns for fk in c.foreign_keys}
        later = [name for name, target in references.items() if target == table.name]  # self references: second pass
        values = [self._values(table, row, references, later) for row in rows]
        self._fresh_unique(connection, table, values)
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new_ids = connection.execute(statement, values).scalars().all()
        own.update(zip((row["id"] for row in rows), new_ids, strict=True))
        if later:
            kept = [c.name for c in table.columns if c.onupdate is not None]  # an update must not touch them
            changes = [
                {
                    "_id": own[row["id"]],
                    **{f"_{c}": own.get(row[c]) if row[c] is not None else None for c in later},
                    **{f"_{k}": row[k] for k in kept},
                }
                for row in rows
                if any(row[c] is not None for c in later)
            ]
            if changes:
                setting: dict[str, Any] = {c: bindparam(f"_{c}") for c in later + kept}
                connection.execute(update(table).where(table.c.id == bindparam("_id")).values(setting), changes)

    def _values(self, table: Table, row: dict[str, Any], references: Mapping[str, str], later: list[str]) -> dict[str, Any]:
        values = {k: v for k, v in row.items() if k != "id"}
        for column, target in references.items():
            if column in later:
                values[column] = None
            elif values[column] is not None:
                values[column] = self.ids[target][values[column]]
        for column in TEXT_REFERENCES.get(table.name, ()):
            values[column] = self._respondent(values[column])
        if table.name == AUDIT_TABLE:
            values["detail"] = self._audit_detail(str(values.get("action") or ""), values.get("detail"))
        if table.name == "ad_observation" and values.get("advertiser_hash"):
            from sff_core.ads import RETENTION_DAYS

            if values["observed_on"] < self.today - timedelta(days=RETENTION_DAYS):
                values["advertiser_hash"] = None  # past its retention: not brought back
                self.expired += 1
        return values

    def _respondent(self, value: Any) -> Any:
        match = _RESPONDENT.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            return value
        new = self.ids.get(RESPONDENT_KINDS[match.group(1)], {}).get(int(match.group(2)))
        return f"{match.group(1)}:{new}" if new is not None else value

    def _audit_detail(self, action: str, detail: Any) -> Any:
        if not isinstance(detail, dict):
            return detail
        prefix = action.split(".", 1)[0]
        own_table = AUDIT_ACTION_TABLES.get(prefix, prefix)
        remapped = dict(detail)
        for key, value in detail.items():
            if key in AUDIT_RESPONDENT_KEYS:
                remapped[key] = self._respondent(value)
                continue
            target = audit_key_table(key, own_table)
            if target is None or target not in self.ids:
                continue
            mapping = self.ids[target]
            if type(value) is int:
                remapped[key] = mapping.get(value)  # a row no longer there: None rather than someone else's id
            elif isinstance(value, list):
                remapped[key] = [mapping.get(v) if type(v) is int else v for v in value]
        return remapped

    def _fresh_unique(self, connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
        for (name, column), make in REGENERATED.items():
            if name != table.name:
                continue
            wanted = [v[column] for v in values if v[column] is not None]
            taken: set[Any] = set()
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                taken |= set(connection.scalars(select(table.c[column]).where(table.c[column].in_(chunk))))
            if not taken:
                continue
            used = set(wanted) | taken
            for v in values:
                if v[column] in taken:
                    fresh = make()
                    while fresh in used:
                        fresh = make()
                    used.add(fresh)
                    v[column] = fresh
                    self.new_codes += 1

    def log(self, connection: Connection, workspace_id: int, replaced: bool) -> None:
        table = self.metadata.tables[AUDIT_TABLE]
        self.current = AUDIT_TABLE
        connection.execute(
            insert(table).values(
                workspace_id=workspace_id,
                actor=audit.current_actor()[:120],
                action="workspace.restore",
                detail={
                    "mode": "replace" if replaced else "new",
                    "source": self.backup.slug,
                    "backup_created_at": self.backup.created_at,
                    "rows": self.backup.total_rows,
                },
            )
        )


def audit_key_table(key: str, own_table: str) -> str | None:
    """The table an audit detail key's ids refer to (None: not an id)."""
    if key in AUDIT_ROW_KEYS:
        return own_table
    if key in AUDIT_ID_KEYS:
        return AUDIT_ID_KEYS[key]
    if key.endswith("_id"):
        return key.removesuffix("_id")
    return None


def global_unique_columns(metadata: MetaData | None = None) -> set[tuple[str, str]]:
    """Columns of backup tables unique across the database (not per workspace or parent row)."""
    found: set[tuple[str, str]] = set()
    for spec in backup_tables(metadata):
        table = spec.table
        singles = [c for c in table.columns if c.unique]
        for constraint in table.constraints:
            columns = list(getattr(constraint, "columns", []))
            if type(constraint).__name__ == "UniqueConstraint" and len(columns) == 1:
                singles.append(columns[0])
        for index in table.indexes:
            if index.unique and len(index.columns) == 1:
                singles.extend(index.columns)
        for column in singles:
            if not column.primary_key and not column.foreign_keys:
                found.add((table.name, column.name))
    return found


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per table in the whole database (tests compare before and after a refused restore)."""
    with engine.connect() as connection:
        return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in Base.metadata.sorted_tables}


# --- What a restore says ------------------------------------------------------------------------------------


def result_lines(result: RestoreResult, lang: str = "sv") -> list[str]:
    """The outcome in words, for the command line and the page."""
    from sff_core.i18n import t

    ws = result.workspace
    lines = [
        t("backup.restored_replace", lang, city=ws.city, replaced=result.replaced, rows=result.rows)
        if result.replaced is not None
        else t("backup.restored_new", lang, city=ws.city, slug=ws.slug, rows=result.rows)
    ]
    if result.renamed_from is not None:
        lines.append(t("backup.renamed", lang, city=ws.city, original=result.renamed_from))
    lines.append(t("backup.passphrase_kept", lang))
    if result.new_codes:
        lines.append(t("backup.new_codes", lang, n=result.new_codes))
    if result.expired_references:
        lines.append(t("backup.expired_references", lang, n=result.expired_references))
    lines.append(t("backup.hash_key", lang, n=result.advertiser_references))
    return lines


# --- Command line ------------------------------------------------------------------------------------------


def cli_export(workspace: str, out: str) -> int:
    """`python -m sff_core export --workspace SLUG --out FILE.zip`."""
    from sff_core.i18n import t
    from sff_core.store.db import get_engine

    target = Path(out)
    if not target.parent.is_dir() or target.is_dir():
        raise InputError("backup_cannot_write", field="out", name=out)
    with audit.acting_as("command-line"):
        exported = export_workspace(get_engine(), workspace)
    temporary: str | None = None
    try:  # written beside the target and moved into place: a failure leaves no half file
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".sff-backup-", suffix=".zip")
        with os.fdopen(handle, "wb") as stream:
            stream.write(exported.data)
        os.replace(temporary, target)
        temporary = None
    except OSError:
        raise InputError("backup_cannot_write", field="out", name=out) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
    print(
        t(
            "backup.exported",
            city=exported.city,
            file=out,
            rows=exported.rows,
            tables=exported.tables,
            kb=max(1, len(exported.data) // 1024),
        )
    )
    return 0


def cli_import(path: str, as_new: str | None, replace: str | None, other_city: bool = False) -> int:
    """`python -m sff_core import FILE.zip [--as-new [SLUG] | --replace SLUG [--confirm-other-city]]`.

    Naming the workspace to replace on the command line is the confirmation; replacing it with another
    city's file needs `--confirm-other-city` as well.
    """
    from sff_core.store.db import get_engine

    try:
        with open(path, "rb") as handle:
            backup = read_backup(handle)  # before the engine: a bad file touches no database
    except OSError:
        raise InputError("backup_cannot_read", field="file", name=path) from None
    with audit.acting_as("command-line"):
        if replace is not None:
            result = restore(get_engine(), backup, replace=replace, confirm=replace, other_city=other_city)
        else:
            result = restore(get_engine(), backup, slug=as_new or None)
    for line in result_lines(result):
        print(line)
    return 0
