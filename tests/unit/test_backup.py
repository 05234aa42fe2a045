"""Backup and restore: every workspace table in the file, lossless round trips (SQLite and PostgreSQL,
and across them), as a new workspace or replacing one, and every bad file refused with nothing written."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Engine, ForeignKey, Integer, MetaData, String, Table, func, select

from sff_core import ads, backup, live, notes, room
from sff_core.backup import (
    NOT_EXPORTED,
    REGENERATED,
    TEXT_REFERENCES,
    Backup,
    audit_key_table,
    backup_tables,
    column_kind,
    count_rows,
    export_workspace,
    global_unique_columns,
    read_backup,
    restore,
)
from sff_core.demo import DEMO_PASSPHRASE, SECOND_SESSION, seed_demo
from sff_core.errors import InputError
from sff_core.mapping import list_tasks, remove_task
from sff_core.members import add_member, list_members
from sff_core.responses import Answer
from sff_core.sessions import start_session
from sff_core.stakeholders import list_actors, remove_actor
from sff_core.statistics import remove_incident
from sff_core.store import db
from sff_core.store.models import AuditEvent, Base, FacilitatorSession, LiveActivity, Member, Note, Participant, Response, Workspace
from sff_core.workspaces import create_workspace, find_by_slug, unlock_workspace
from tests.conftest import _truncate, skip_or_fail

DAY = SECOND_SESSION
SWEDISH = "Åsa på Ön – ärligt, öppet och ödmjukt: ÅÄÖ åäö é ü"
HASH_KEY = b"en-hemlig-nyckel-utanfor-databasen"


# --- A workspace with something in every table -------------------------------------------------------------


def rich_workspace(engine: Engine) -> int:
    """The demo workspace, plus live activities with participants and their answers, post-its merged and
    voted on, the agenda and the wall's timer, soft-deleted rows, Swedish text and an advertiser reference."""
    demo = seed_demo(engine)
    assert demo is not None
    ws = demo.id
    members = list_members(engine, ws)
    named = live.open_activity(engine, ws, "step0", "staden", DAY, "named")
    asa = live.join(engine, named.code, "Åsa Öberg", "Föreningen Ängen")
    live.submit(engine, named.code, asa.token, {"mojligheter": Answer(text=SWEDISH)})
    live.set_names_on_wall(engine, ws, named.id, True)
    live.close_activity(engine, ws, named.id)
    by_member = live.open_activity(engine, ws, "step0", "redo", DAY, "member")
    phone = live.join(engine, by_member.code, member_id=members[0].id)
    live.submit(engine, by_member.code, phone.token, {"behov": Answer(value_int=4)})
    swot = notes.Exercise(ws, "step6", "swot", DAY)
    voting = live.open_activity(engine, ws, "step6", "swot", DAY, "anonymous")
    voter = live.join(engine, voting.code)
    keep = notes.add_note(engine, swot, "styrkor", voter.respondent, SWEDISH, notes.new_submission_key())
    first = notes.add_note(engine, swot, "styrkor", members[1].respondent, "Samverkan", notes.new_submission_key())
    later = notes.add_note(engine, swot, "styrkor", "group", "samverkan!", notes.new_submission_key())
    notes.merge_notes(engine, ws, later.id, [first.id])  # merged into a later note: a self reference forward
    notes.set_cluster(engine, ws, [keep.id], "Örat mot marken")
    notes.set_marked(engine, ws, [keep.id], True)
    notes.open_voting(engine, ws, voting.id, 3)
    notes.toggle_vote(engine, voting.id, keep.id, voter.respondent)
    notes.toggle_vote(engine, voting.id, later.id, voter.respondent)
    room.set_agenda(engine, ws, DAY, [("step0", "staden", 10), ("step6", "swot", 20)])
    room.start_work_session(engine, ws, DAY)
    room.start_timer(engine, ws)
    gone = notes.add_note(engine, swot, "svagheter", "group", "Borttagen lapp", notes.new_submission_key())
    notes.remove_note(engine, ws, gone.id)
    remove_actor(engine, ws, list_actors(engine, ws)[0].id)
    remove_task(engine, ws, list_tasks(engine, ws)[0].id)
    with engine.connect() as connection:
        incident = connection.scalar(select(func.min(Base.metadata.tables["incident"].c.id)))
    remove_incident(engine, ws, incident)
    ads.record_observation(
        engine,
        ws,
        ads.Observation(date.today() - timedelta(days=3), "Exempelsajten", 4, {}, {}, advertiser_reference="ref-123"),
        key=HASH_KEY,
    )
    add_member(engine, ws, SWEDISH[:60], "Kommunen Å", "socialtjanst")
    start_session(engine, ws)  # a login: never in a backup
    return ws


@pytest.fixture
def demo(engine: Engine) -> int:
    return rich_workspace(engine)


@pytest.fixture
def other_sqlite(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Engine]:
    """A second, empty SQLite database."""
    target = tmp_path / "other.db"
    shutil.copyfile(migrated_sqlite, target)
    other = db.make_engine(f"sqlite:///{target}")
    yield other
    other.dispose()


def empty_again(engine: Engine, spare: Engine) -> Engine:
    """An empty database of the same kind: the emptied PostgreSQL server, or the spare SQLite file."""
    if engine.dialect.name == "postgresql":
        _truncate(engine)
        return engine
    return spare


# --- Comparing two backups up to a consistent renumbering ------------------------------------------------------

_RESPONDENT = re.compile(r"(member|participant):([0-9]+)")


def canonical(b: Backup) -> dict[str, list[dict[str, Any]]]:
    """Every row with its ids (and every reference) replaced by the row's position in its table."""
    specs = {s.name: s.table for s in backup_tables()}
    position = {name: {row["id"]: i for i, row in enumerate(rows)} for name, rows in b.rows.items()}

    def respondent(value: str) -> str:
        match = _RESPONDENT.fullmatch(value)
        return f"{match.group(1)}:#{position[match.group(1)][int(match.group(2))]}" if match else value

    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in b.rows.items():
        references = {c.name: fk.column.table.name for c in specs[name].columns for fk in c.foreign_keys}
        out[name] = []
        for row in rows:
            row = dict(row, id=position[name][row["id"]])
            for column, target in references.items():
                if row[column] is not None:
                    row[column] = position[target][row[column]]
            for column in TEXT_REFERENCES.get(name, ()):
                row[column] = respondent(row[column])
            if name == "audit_event":
                detail = dict(row["detail"])
                own = backup.AUDIT_ACTION_TABLES.get(row["action"].split(".")[0], row["action"].split(".")[0])
                for key, value in detail.items():
                    target = audit_key_table(key, own)
                    if key == "respondent":
                        detail[key] = respondent(value)
                    elif target in position and type(value) is int:
                        detail[key] = position[target].get(value)
                    elif target in position and isinstance(value, list):
                        detail[key] = [position[target].get(v) for v in value]
                row["detail"] = detail
            out[name].append(row)
    return out


def without_restore_event(tables: dict[str, list[dict[str, Any]]], restores: int = 1) -> dict[str, list[dict[str, Any]]]:
    """A restored copy has one more line in its log for each restore: the restore itself, last."""
    log = tables["audit_event"]
    assert [e["action"] for e in log[len(log) - restores :]] == ["workspace.restore"] * restores
    return {**tables, "audit_event": log[: len(log) - restores]}


def round_trip(source: Engine, slug: str, target: Engine) -> tuple[Backup, Backup]:
    first = read_backup(export_workspace(source, slug).data)
    if target is source:  # the emptied server
        _truncate(target)
    restored = restore(target, first)
    second = read_backup(export_workspace(target, restored.workspace.slug).data)
    return first, second


# --- Which tables --------------------------------------------------------------------------------------------


def test_every_table_with_workspace_data_is_in_the_backup():
    exported = {s.name for s in backup_tables()}
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_EXPORTED:
            assert table.name not in exported and len(NOT_EXPORTED[table.name]) > 40  # with its reason
        else:
            assert table.name in exported, f"{table.name} holds workspace data but is not in the backup"
    assert set(NOT_EXPORTED) == {"attempt", "facilitator_session"}
    assert set(NOT_EXPORTED) <= set(Base.metadata.tables)


def test_a_new_model_is_in_the_backup_without_touching_it_and_an_unclassified_one_stops_it():
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table("future_goal", metadata, Column("id", Integer, primary_key=True), Column("workspace_id", ForeignKey("workspace.id")))
    goal = Column("goal_id", ForeignKey("future_goal.id"), nullable=False)
    Table("future_target", metadata, Column("id", Integer, primary_key=True), goal)
    order = [s.name for s in backup_tables(metadata)]
    assert order.index("workspace") < order.index("future_goal") < order.index("future_target")
    Table("global_thing", metadata, Column("id", Integer, primary_key=True), Column("name", String(10)))
    with pytest.raises(RuntimeError, match="global_thing"):
        backup_tables(metadata)


def test_every_column_can_be_written_and_every_reference_renumbered():
    for spec in backup_tables():
        assert [c.name for c in spec.table.primary_key.columns] == ["id"], spec.name
        for column in spec.table.columns:
            column_kind(column)  # raises for a type the backup cannot write
            for fk in column.foreign_keys:
                if fk.column.table is spec.table:
                    assert column.nullable, f"{spec.name}.{column.name}: a self reference is set in a second pass"
    order = [s.name for s in backup_tables()]
    assert order[0] == "workspace" and order[-1] == "audit_event"
    for name in TEXT_REFERENCES:
        assert order.index(name) > order.index("member") and order.index(name) > order.index("participant")
    # values unique across the whole database get new ones when a copy sits next to its original
    assert global_unique_columns() - {("workspace", "slug")} == set(REGENERATED)


def test_references_inside_text_and_the_audit_log_are_all_known(engine, demo):
    """Every "member:<id>"/"participant:<id>" sits in a declared column, and every id in the log's details
    names a table the restore renumbers."""
    tables = {s.name for s in backup_tables()}
    b = read_backup(export_workspace(engine, demo).data)
    for name, rows in b.rows.items():
        for row in rows:
            for column, value in row.items():
                if isinstance(value, str) and _RESPONDENT.fullmatch(value):
                    assert column in TEXT_REFERENCES.get(name, ()), (name, column, value)
    actions = set()
    for row in b.rows["audit_event"]:
        own = backup.AUDIT_ACTION_TABLES.get(row["action"].split(".")[0], row["action"].split(".")[0])
        for key in row["detail"]:
            if key in backup.AUDIT_ROW_KEYS or key.endswith("_id"):
                assert audit_key_table(key, own) in tables, (row["action"], key)
                actions.add(row["action"])
    assert {"note.merge", "live.join", "member.add", "note.remove"} <= actions


# --- Round trips -------------------------------------------------------------------------------------------------


def test_round_trip_is_identical_after_renumbering(engine, demo, other_sqlite):
    first, second = round_trip(engine, "exempelstad", engine if engine.dialect.name == "postgresql" else other_sqlite)
    assert canonical(first) == without_restore_event(canonical(second))
    counts = first.counts
    assert all(counts[name] > 0 for name in counts), {n: c for n, c in counts.items() if not c}  # every table exercised
    # what the round trip carries, spelled out
    notes_rows = {n["text"]: n for n in second.rows["note"]}
    assert notes_rows[SWEDISH]["cluster"] == "Örat mot marken" and notes_rows[SWEDISH]["marked"] is True
    assert notes_rows["Samverkan"]["merged_into_id"] == notes_rows["samverkan!"]["id"]
    assert notes_rows["Borttagen lapp"]["deleted_at"] is not None
    assert sum(r["deleted_at"] is not None for r in second.rows["actor"]) == 1
    assert any(r["text"] == SWEDISH and r["respondent"].startswith("participant:") for r in second.rows["response"])
    assert isinstance(second.rows["room_state"][0]["timer_started_at"], datetime)
    assert second.rows["ad_observation"][-1]["advertiser_hash"] == ads.keyed_hash("ref-123", HASH_KEY)
    assert first.rows["workspace"][0]["passphrase_hash"] == second.rows["workspace"][0]["passphrase_hash"]


def test_the_restored_workspace_unlocks_with_its_passphrase_and_has_no_logins(engine, demo, other_sqlite):
    data = export_workspace(engine, demo).data
    assert (
        "facilitator_session" not in zipfile.ZipFile(io.BytesIO(data)).read("manifest.json").decode().split('"tables"')[1].split("}\n")[0]
    )
    target = empty_again(engine, other_sqlite)
    result = restore(target, data)
    assert unlock_workspace(target, result.workspace.id, DEMO_PASSPHRASE).city == "Exempelstad"
    with target.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(FacilitatorSession)) == 0
    lines = backup.result_lines(result)
    assert any("SFF_HASH_KEY" in line for line in lines) and any("Lösenfrasen" in line for line in lines)
    assert result.advertiser_references == 1


def _require_postgres(postgres_engine: Engine | None) -> Engine:
    if postgres_engine is None:
        skip_or_fail("TEST_DATABASE_URL is not set (SQLite → PostgreSQL round trip)")
    assert postgres_engine is not None
    return postgres_engine


def test_sqlite_to_postgresql_and_back(postgres_engine, other_sqlite, tmp_path, migrated_sqlite):
    pg = _require_postgres(postgres_engine)
    _truncate(pg)
    rich_workspace(other_sqlite)
    first = read_backup(export_workspace(other_sqlite, "exempelstad").data)
    on_pg = restore(pg, first)
    second = read_backup(export_workspace(pg, on_pg.workspace.slug).data)
    assert canonical(first) == without_restore_event(canonical(second))
    back = tmp_path / "back.db"  # and back into an empty SQLite file
    shutil.copyfile(migrated_sqlite, back)
    sqlite_again = db.make_engine(f"sqlite:///{back}")
    third = read_backup(export_workspace(sqlite_again, restore(sqlite_again, second).workspace.slug).data)
    sqlite_again.dispose()
    assert canonical(first) == without_restore_event(canonical(third), restores=2)
    _truncate(pg)


def test_export_is_logged_and_skips_expired_advertiser_references(engine, demo):
    before = count_rows(engine)["audit_event"]
    exported = export_workspace(engine, "exempelstad")
    assert exported.file_name.startswith("stadforstad-exempelstad-") and exported.rows == read_backup(exported.data).total_rows
    with engine.connect() as connection:
        assert connection.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == "workspace.export"
    assert count_rows(engine)["audit_event"] == before + 1
    b = read_backup(exported.data)
    restored = restore(engine, b, today=date.today() + timedelta(days=ads.RETENTION_DAYS + 10))  # restored long after
    assert restored.expired_references == 1 and restored.advertiser_references == 0
    with engine.connect() as connection:
        hashes = connection.scalars(
            select(Base.metadata.tables["ad_observation"].c.advertiser_hash).where(
                Base.metadata.tables["ad_observation"].c.workspace_id == restored.workspace.id
            )
        ).all()
    assert not any(hashes)


# --- As a new workspace, or replacing one ----------------------------------------------------------------------


def _mask(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """What differs between a copy and its original by design: the workspace's slug and name, and codes and
    tokens unique across the database."""
    masked = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    for row in masked["workspace"]:
        row.update(slug="", city="")
    for name, column in REGENERATED:
        for row in masked[name]:
            row[column] = ""
    return masked


def test_as_new_next_to_the_original(engine, demo):
    original = read_backup(export_workspace(engine, demo).data)
    copy = restore(engine, original)
    assert (copy.workspace.slug, copy.workspace.city) == ("exempelstad-kopia", "Exempelstad (kopia)")
    assert copy.renamed_from == "Exempelstad"
    regenerated = {table: len(original.rows[table]) for table, _ in REGENERATED}
    assert all(regenerated.values()), regenerated  # the demo has join codes, phones and a survey link
    assert copy.new_codes == sum(regenerated.values())
    again = read_backup(export_workspace(engine, copy.workspace.slug).data)
    assert _mask(canonical(original)) == _mask(without_restore_event(canonical(again)))
    # the copy's answers, post-its and dots name the copy's members and participants, never the original's
    with engine.connect() as connection:
        own_members = set(connection.scalars(select(Member.id).where(Member.workspace_id == copy.workspace.id)))
        own_participants = set(
            connection.scalars(select(Participant.id).join(LiveActivity).where(LiveActivity.workspace_id == copy.workspace.id))
        )
        respondents = set(connection.scalars(select(Response.respondent).where(Response.workspace_id == copy.workspace.id)))
        respondents |= set(connection.scalars(select(Note.respondent).where(Note.workspace_id == copy.workspace.id)))
        merged = set(
            connection.scalars(select(Note.merged_into_id).where(Note.workspace_id == copy.workspace.id, Note.merged_into_id.is_not(None)))
        )
        own_notes = set(connection.scalars(select(Note.id).where(Note.workspace_id == copy.workspace.id)))
    for value in respondents - {"group"}:
        kind, _, ident = value.partition(":")
        assert int(ident) in (own_members if kind == "member" else own_participants), value
    assert merged and merged <= own_notes
    # the original is untouched (its log has one more line: this export)
    unchanged = read_backup(export_workspace(engine, demo).data)
    assert canonical(original)["note"] == canonical(unchanged)["note"]
    assert len(unchanged.rows["audit_event"]) == len(original.rows["audit_event"]) + 1
    # a third copy, with a short name given
    named = restore(engine, original, slug="exempelstad-arkiv")
    assert named.workspace.slug == "exempelstad-arkiv" and named.workspace.city == "Exempelstad (kopia 2)"
    for bad, key in (("Exempel Stad", "backup_bad_slug"), ("exempelstad", "backup_slug_taken")):
        counts = count_rows(engine)
        with pytest.raises(InputError) as caught:
            restore(engine, original, slug=bad)
        assert caught.value.key == key and count_rows(engine) == counts


def test_replace_needs_the_name_and_then_replaces_everything(engine, demo):
    saved = export_workspace(engine, demo).data
    lund = create_workspace(engine, "Lund", "Lunds kommun", date(2026, 1, 1), date(2027, 3, 1), "lunds fras")
    add_member(engine, lund.id, "Lena Lund", "Polisen", "polis")
    start_session(engine, lund.id)
    for confirm in (None, "", "Malmö", "Lunds kommun"):
        counts = count_rows(engine)
        with pytest.raises(InputError) as caught:
            restore(engine, saved, replace="lund", confirm=confirm)
        assert caught.value.key == "backup_confirm" and "Lund" in str(caught.value)
        assert count_rows(engine) == counts
    with pytest.raises(InputError) as caught:
        restore(engine, saved, replace="finns-inte", confirm="finns-inte")
    assert caught.value.key == "backup_unknown_slug"
    result = restore(engine, saved, replace="lund", confirm=" lund ", other_city=True)
    assert result.workspace.id == lund.id and result.replaced == "Lund" and result.workspace.slug == "lund"
    assert result.workspace.city == "Exempelstad (kopia)"  # the original Exempelstad is still there
    assert [m.name for m in list_members(engine, lund.id)] != ["Lena Lund"]
    assert unlock_workspace(engine, lund.id, DEMO_PASSPHRASE)  # the backup's passphrase now
    with engine.connect() as connection:
        assert (
            connection.scalar(select(func.count()).select_from(FacilitatorSession).where(FacilitatorSession.workspace_id == lund.id)) == 0
        )
    replaced = read_backup(export_workspace(engine, "lund").data)
    assert _mask(canonical(read_backup(saved))) == _mask(without_restore_event(canonical(replaced)))


def test_replace_the_workspace_itself_with_yesterdays_backup(engine, demo):
    yesterday = export_workspace(engine, demo).data
    add_member(engine, demo, "Nytt Namn", "Nya enheten", "polis")
    result = restore(engine, yesterday, replace="exempelstad", confirm="Exempelstad")
    assert result.workspace.id == demo and result.workspace.city == "Exempelstad" and result.new_codes == 0
    assert "Nytt Namn" not in [m.name for m in list_members(engine, demo)]
    assert _mask(canonical(read_backup(yesterday))) == _mask(
        without_restore_event(canonical(read_backup(export_workspace(engine, demo).data)))
    )
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Workspace)) == 1


# --- Bad files: refused, nothing written ----------------------------------------------------------------------------


def rezip(data: bytes, change: Callable[[dict[str, Any], dict[str, Any]], None], checksums: bool = True) -> bytes:
    """The file with its manifest and tables changed; checksums of changed tables made to match again unless told not to."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    tables = {name: json.loads(content) for name, content in files.items()}
    change(manifest, tables)
    encoded = {
        name: files[name] if name in files and json.loads(files[name]) == rows else json.dumps(rows, ensure_ascii=False).encode()
        for name, rows in tables.items()
    }
    for name, content in encoded.items():
        short = name.removeprefix("tables/").removesuffix(".json")
        if checksums and isinstance(manifest["tables"], dict) and short in manifest["tables"]:
            manifest["tables"][short]["sha256"] = hashlib.sha256(content).hexdigest()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, content in encoded.items():
            archive.writestr(name, content)
    return out.getvalue()


def _set(table: str, column: str, value: Any, row: int = 0) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def change(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
        tables[f"tables/{table}.json"][row][column] = value

    return change


def _flip_middle(data: bytes) -> bytes:
    """A few bytes changed inside the compressed data of the largest table."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    biggest = max(archive.infolist(), key=lambda i: i.compress_size)
    start = biggest.header_offset + 30 + len(biggest.filename.encode()) + len(biggest.extra) + biggest.compress_size // 2
    return data[:start] + bytes(b ^ 0x5A for b in data[start : start + 8]) + data[start + 8 :]


def _manifest_only(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hej.txt", "inte en säkerhetskopia")
    return out.getvalue()


def _other_format(manifest: dict[str, Any], _tables: dict[str, Any]) -> None:
    manifest["format"] = "något-annat"


def _newer(manifest: dict[str, Any], _tables: dict[str, Any]) -> None:
    manifest["format_version"] = backup.FORMAT_VERSION + 1


def _newer_schema(manifest: dict[str, Any], _tables: dict[str, Any]) -> None:
    manifest["schema_revision"] = "0099_from_the_future"


def _older_schema(manifest: dict[str, Any], _tables: dict[str, Any]) -> None:
    manifest["schema_revision"] = "0009"


def _unknown_table(manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/hemlig.json"] = [{"id": 1}]
    manifest["tables"]["hemlig"] = {"file": "tables/hemlig.json", "rows": 1, "sha256": ""}


def _extra_file(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/hemlig.json"] = []


def _missing_table(manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    del tables["tables/member.json"], manifest["tables"]["member"]


def _fewer_rows(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/member.json"].pop()


def _unknown_column(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/member.json"][0]["personnummer"] = "x"


def _missing_column(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    del tables["tables/member.json"][0]["organisation"]


def _dangling(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/response.json"][0]["respondent"] = "member:99999"


def _duplicate_answer(manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    """Valid row by row, but two answers to the same question: the database refuses the second."""
    rows = tables["tables/response.json"]
    rows.append(dict(rows[0], id=max(r["id"] for r in rows) + 1))
    manifest["tables"]["response"]["rows"] = len(rows)


def _changed_member(_manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    tables["tables/member.json"][0]["name"] = "Någon annan"


def _bad_manifest(manifest: dict[str, Any], _tables: dict[str, Any]) -> None:
    manifest["tables"] = ["member"]


BAD_FILES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("not a zip", lambda d: b"%PDF-1.7\n" + d[:200], "backup_not_zip"),
    ("truncated", lambda d: d[: len(d) // 2], "backup_damaged"),
    ("damaged inside", _flip_middle, "backup_damaged"),
    ("empty", lambda d: b"", "backup_not_zip"),
    ("a zip without manifest", _manifest_only, "backup_no_manifest"),
    ("another format", lambda d: rezip(d, _other_format), "backup_foreign"),
    ("manifest damaged", lambda d: rezip(d, _bad_manifest), "backup_bad_manifest"),
    ("newer format version", lambda d: rezip(d, _newer), "backup_newer"),
    ("newer schema", lambda d: rezip(d, _newer_schema), "backup_newer_schema"),
    ("older schema, newer tables", lambda d: rezip(d, _older_schema), "backup_unknown_table"),
    ("changed checksum", lambda d: rezip(d, _changed_member, checksums=False), "backup_checksum"),
    ("unknown table", lambda d: rezip(d, _unknown_table), "backup_unknown_table"),
    ("unlisted file", lambda d: rezip(d, _extra_file), "backup_unknown_table"),
    ("missing table", lambda d: rezip(d, _missing_table), "backup_missing_table"),
    ("row count", lambda d: rezip(d, _fewer_rows), "backup_row_count"),
    ("unknown column", lambda d: rezip(d, _unknown_column), "backup_unknown_column"),
    ("missing column", lambda d: rezip(d, _missing_column), "backup_missing_column"),
    ("text as number", lambda d: rezip(d, _set("member", "name", 5)), "backup_type_text"),
    ("text too long", lambda d: rezip(d, _set("member", "name", "x" * 121)), "backup_type_text"),
    ("boolean as text", lambda d: rezip(d, _set("workspace", "is_demo", "ja")), "backup_type_bool"),
    ("number as text", lambda d: rezip(d, _set("incident", "persons", "2")), "backup_type_int"),
    ("impossible date", lambda d: rezip(d, _set("incident", "occurred_on", "2026-13-01")), "backup_type_date"),
    ("timestamp as number", lambda d: rezip(d, _set("member", "created_at", 1700000000)), "backup_type_datetime"),
    ("required value empty", lambda d: rezip(d, _set("member", "sector", None)), "backup_type_null"),
    ("reference to nothing", lambda d: rezip(d, _set("actor_assessment", "actor_id", 99999)), "backup_reference"),
    ("respondent nobody", lambda d: rezip(d, _dangling), "backup_reference"),
    ("conflicting rows", lambda d: rezip(d, _duplicate_answer), "backup_conflict"),
]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> bytes:
    """One backup of the demo workspace (made once; the bad files are made from it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(migrated_sqlite, path)
    source = db.make_engine(f"sqlite:///{path}")
    seed_demo(source)
    data = export_workspace(source, "exempelstad").data
    source.dispose()
    return data


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # the file is refused before any write: no dialect involved
@pytest.mark.usefixtures("demo_loaded")
@pytest.mark.parametrize(("case", "damage", "key"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_a_bad_file_is_refused_and_nothing_is_written(engine, demo_file, case, damage, key):
    seed_demo(engine)
    add_member(engine, find_by_slug(engine, "exempelstad").id, "Före", "Enheten", "polis")
    before = count_rows(engine)
    for mode in ({}, {"replace": "exempelstad", "confirm": "Exempelstad"}):
        with pytest.raises(InputError) as caught:
            restore(engine, damage(demo_file), **mode)
        assert caught.value.key == key, (case, str(caught.value))
        message = str(caught.value)
        assert "\n" not in message and not message.startswith("error.") and ("Inget återställdes" in message)
        assert count_rows(engine) == before, case
    assert "Före" in [m.name for m in list_members(engine, find_by_slug(engine, "exempelstad").id)]


def test_the_intact_file_is_accepted(demo_file):
    b = read_backup(demo_file)
    assert b.city == "Exempelstad" and b.counts["member"] == 6 and b.total_rows > 500
    assert read_backup(rezip(demo_file, lambda m, t: None)).total_rows == b.total_rows  # rewritten, same content


def test_messages_name_what_is_wrong(demo_file):
    with pytest.raises(InputError) as caught:
        read_backup(rezip(demo_file, _newer))
    assert "nyare version" in str(caught.value) and f"filformat {backup.FORMAT_VERSION + 1}" in str(caught.value)
    with pytest.raises(InputError) as caught:
        read_backup(rezip(demo_file, _changed_member, checksums=False))
    assert "tables/member.json" in str(caught.value) and "kontrollsumman" in str(caught.value)
    with pytest.raises(InputError) as caught:
        read_backup(rezip(demo_file, _set("incident", "persons", "2", row=4)))
    assert str(caught.value) == "Tabellen incident, rad 5: kolumnen persons ska vara ett heltal. Inget återställdes."
    with pytest.raises(InputError) as caught:
        read_backup(rezip(demo_file, _unknown_table))
    assert "(hemlig)" in str(caught.value)


@functools.cache
def _columns_at(revision: str) -> dict[str, set[str]]:
    """Each table's columns at an older schema revision, read from a scratch database migrated there."""
    from alembic import command

    from sff_core.store.db import alembic_config, make_engine

    with tempfile.TemporaryDirectory(prefix="sff-schema-") as folder:
        url = f"sqlite:///{Path(folder) / 'old.db'}"
        scratch = make_engine(url)
        try:
            config = alembic_config(url)
            with scratch.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            old = MetaData()
            old.reflect(scratch, only=lambda name, _meta: name != "alembic_version")
        finally:
            scratch.dispose()
    return {name: {c.name for c in table.columns} for name, table in old.tables.items()}


def _as_made_at_0009(manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    """The file as the app at schema 0009 would have written it: none of the tables or columns added
    since (notes, agenda, wall, steps 4–7…), and the post-its stored as one answer a person and board,
    one note a line."""
    manifest["schema_revision"] = "0009"
    then = _columns_at("0009")
    for name in list(manifest["tables"]):
        if name not in then:
            del manifest["tables"][name], tables[f"tables/{name}.json"]
            continue
        for row in tables[f"tables/{name}.json"]:
            for column in set(row) - then[name]:
                del row[column]
    answers = tables["tables/response.json"]
    answers.append(
        dict(
            answers[0],
            id=max(r["id"] for r in answers) + 1,
            step_key="step1",
            section_key="modig_miljo",
            prompt_key="fraga_1",
            respondent="group",
            value_bool=None,
            value_int=None,
            value_int2=None,
            text="Att få fråga utan att verka okunnig\nÖppenhet om vad vi inte vet",
        )
    )
    manifest["tables"]["response"]["rows"] = len(answers)


def test_a_backup_from_an_older_schema_goes_through_the_migrations(engine, demo_file):
    old = rezip(demo_file, _as_made_at_0009)
    b = read_backup(old)  # validated against 0009, restored into a scratch database there, migrated, read back
    assert b.manifest["schema_revision"] == backup.schema_head() and b.manifest["upgraded_from"] == "0009"
    assert sorted(n["text"] for n in b.rows["note"]) == ["Att få fråga utan att verka okunnig", "Öppenhet om vad vi inte vet"]
    assert not [r for r in b.rows["response"] if (r["section_key"], r["prompt_key"]) == ("modig_miljo", "fraga_1")]
    assert b.rows["room_state"] == [] and all(a["votes_per_person"] is None for a in b.rows["live_activity"])
    result = restore(engine, b)
    assert result.workspace.city == "Exempelstad" and unlock_workspace(engine, result.workspace.id, DEMO_PASSPHRASE)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Note).where(Note.workspace_id == result.workspace.id)) == 2
    # checked against the schema it was made with (see also "older schema, newer tables" among the bad files)
    with pytest.raises(InputError) as caught:
        read_backup(rezip(old, _set("member", "level", "x" * 21)))
    assert caught.value.key == "backup_type_text"


# --- A zip bomb: refused on its sizes, never unpacked into memory (issue 20, High 2) -----------------------------------

_MEASURE = """
import sys, tracemalloc
from sff_core.backup import read_backup
from sff_core.errors import InputError
data = open(sys.argv[1], "rb").read()
tracemalloc.start()
try:
    read_backup(data)
    key = "accepted"
except InputError as error:
    key = error.key
print(key, tracemalloc.get_traced_memory()[1])
"""


def _bomb(path: Path, megabytes: int, member: str = "tables/member.json") -> Path:
    """A zip of a few hundred KiB that unpacks to `megabytes` MiB of spaces (written in chunks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("manifest.json", "{}")
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(block)
    return path


@pytest.mark.parametrize("megabytes", [200, 48], ids=["over the cap", "under the cap, packed 1000:1"])
def test_a_zip_bomb_is_refused_within_tens_of_megabytes(tmp_path, megabytes):
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    bomb = _bomb(tmp_path / "bomb.zip", megabytes)
    assert bomb.stat().st_size < 512 * 1024
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(bomb)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    key, peak = done.stdout.split()
    assert key in ("backup_too_large", "backup_packed_ratio")
    assert int(peak) < 16 * 1024 * 1024, f"peak {int(peak) / 1024 / 1024:.1f} MiB while refusing a {megabytes} MiB bomb"


def test_the_unpacked_cap_is_configurable_and_a_real_backup_is_far_below_it(demo_file, monkeypatch):
    assert backup.max_content_mb() == 64
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(demo_file)).infolist())
    assert unpacked * 100 < backup.max_content_bytes()
    monkeypatch.setenv("SFF_BACKUP_MAX_MB", "1")
    assert read_backup(demo_file).city == "Exempelstad"  # 0.25 MiB
    monkeypatch.setenv("SFF_BACKUP_MAX_MB", "nonsense")
    assert backup.max_content_mb() == 64
    read_backup(io.BytesIO(demo_file))  # an open file (an upload) is read the same way


# --- A restore is input like any other: every row through the services' checks (issue 20, Medium 7) -------------------


def _global_audit_row(manifest: dict[str, Any], tables: dict[str, Any]) -> None:
    rows = tables["tables/audit_event.json"]
    rows.append(dict(rows[0], id=max(r["id"] for r in rows) + 1, workspace_id=None, action="workspace.delete"))
    manifest["tables"]["audit_event"]["rows"] = len(rows)


HOSTILE_ROWS: list[tuple[str, Callable[[dict[str, Any], dict[str, Any]], None], str, str]] = [
    ("personal identity number", _set("note", "text", "Ring 19121212-1212"), "note", "text"),
    ("phone number", _set("actor_assessment", "comment", "Nås på 070-123 45 67"), "actor_assessment", "comment"),
    ("right-to-left override", _set("member", "name", "Anna \u202eskoj"), "member", "name"),
    ("javascript: link", _set("knowledge_item", "url", "javascript:alert(1)"), "knowledge_item", "url"),
    ("threshold -5", _set("workspace", "small_count_threshold", -5), "workspace", "small_count_threshold"),
    ("negative count", _set("incident", "persons", -3), "incident", "persons"),
    ("level 9", _set("actor", "current_level", 9), "actor", "current_level"),
    ("role section as a number", _set("role_document", "sections", {"syfte": 5}), "role_document", "sections"),
    ("routine texts as a list", _set("routine", "texts", ["titel"]), "routine", "texts"),
    ("survey answer as text", _set("indicator_survey", "answers", {"i1": "hej"}), "indicator_survey", "answers"),
    ("checks as an object", _set("candidate", "checks", {"a": 1}), "candidate", "checks"),
    ("plan points as text", _set("collaboration_plan", "points", "punkt"), "collaboration_plan", "points"),
    ("markup as a key", _set("response", "step_key", "<img src=x>"), "response", "step_key"),
    ("forged global audit row", _global_audit_row, "audit_event", "workspace_id"),
    ("override in the log", _set("audit_event", "detail", {"name": ["Anna \u202e"]}), "audit_event", "detail"),
]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # the file is refused before any write: no dialect involved
@pytest.mark.usefixtures("demo_loaded")
@pytest.mark.parametrize(("case", "change", "table", "column"), HOSTILE_ROWS, ids=[c[0] for c in HOSTILE_ROWS])
def test_a_row_the_forms_would_refuse_refuses_the_file(engine, demo_file, case, change, table, column):
    seed_demo(engine)
    before = count_rows(engine)
    hostile = rezip(demo_file, change)
    with pytest.raises(InputError) as caught:
        restore(engine, hostile)
    message = str(caught.value)
    assert caught.value.key == "backup_invalid_value", (case, message)
    assert message.startswith(f"Tabellen {table}, rad ") and f"fältet {column}:" in message and message.endswith("Inget återställdes.")
    assert "\n" not in message and "error." not in message
    assert count_rows(engine) == before


@pytest.mark.usefixtures("demo_loaded")
def test_replacing_a_workspace_with_another_citys_file_needs_its_own_confirmation(engine, demo_file):
    seed_demo(engine)
    lund = create_workspace(engine, "Lund", "Lunds kommun", date(2026, 1, 1), date(2027, 3, 1), "lunds fras")
    before = count_rows(engine)
    with pytest.raises(InputError) as caught:
        restore(engine, demo_file, replace="lund", confirm="Lund")
    assert caught.value.key == "backup_other_city" and "gäller Exempelstad, inte Lund" in str(caught.value)
    assert count_rows(engine) == before
    assert restore(engine, demo_file, replace="lund", confirm="Lund", other_city=True).replaced == "Lund"
    assert find_by_slug(engine, "lund").id == lund.id
    # the same city (also a copy of it) needs no more than its name
    assert restore(engine, demo_file, replace="exempelstad", confirm="Exempelstad").replaced == "Exempelstad"
