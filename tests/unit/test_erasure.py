"""Erasure, access and retention of one person's name (issue 14) – on SQLite and PostgreSQL.

The decisive check reads every column of every table cast to text, and on SQLite the database file
with its WAL and shared-memory file as bytes (UTF-8 and UTF-16, any case), for the erased name."""

from __future__ import annotations

import io
import json
import sqlite3
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import JSON, Engine, String, Text, cast, func, select, update

from sff_core import ads, live, mapping, notes
from sff_core.__main__ import main
from sff_core.errors import InputError
from sff_core.knowledge import add_item
from sff_core.members import add_member, list_members, update_member
from sff_core.notes import Exercise, add_note, board, new_submission_key
from sff_core.outputs import report_render
from sff_core.privacy import erasure, housekeeping
from sff_core.responses import GROUP, Answer, load_responses, save_answers
from sff_core.store import audit
from sff_core.store.db import session_scope
from sff_core.store.models import AuditEvent, Base, KnowledgeItem, LiveActivity, Member, Participant, Task
from sff_core.workspaces import create_workspace

DAY = date(2026, 10, 6)
NAME = "Anna Berg"
READINESS = ("behov", "politisk_vilja", "resurser")
# The file checks read SQLite's own files: they run on SQLite only (never skipped on PostgreSQL).
SQLITE_ONLY = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


def name_in_tables(engine: Engine, name: str) -> list[str]:
    """Every table.column (all columns, cast to text, any case) that still holds `name`."""
    found = []
    needle = f"%{name.lower()}%"
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                hits = connection.execute(
                    select(func.count()).select_from(table).where(func.lower(cast(column, Text)).like(needle))
                ).scalar()
                if hits:
                    found.append(f"{table.name}.{column.name}")
    return found


def name_in_sqlite_files(engine: Engine, name: str) -> list[str]:
    """The SQLite files (database, -wal, -shm) whose bytes hold `name` in UTF-8 or UTF-16, any case."""
    spellings = {name, name.lower(), name.upper(), name.title()}
    forms = [s.encode(encoding) for s in spellings for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
    found = []
    for path in erasure.sqlite_files(engine):
        if path.exists():
            data = path.read_bytes()
            lowered = data.lower()  # ASCII letters in any case, in UTF-8 and UTF-16 alike
            if any(form in data or form.lower() in lowered for form in forms):
                found.append(path.name)
    return found


@pytest.fixture
def city(engine, workspace):
    """A workspace where Anna Berg is a member who answered, wrote post-its, voted, owns tasks, joined a live
    activity by name, acted in the audit log and is named in free text – her name edited several times."""
    ws = workspace.id
    anna = add_member(engine, ws, "Ana Berg", "Polisen", "polis", role="Samordnare")
    for spelling in ("Anna Bergh", NAME):  # the name edited: old versions must not survive in the file
        update_member(engine, ws, anna.id, name=spelling, organisation="Polisen", sector="polis", role=f"{spelling} samordnar")
    update_member(engine, ws, anna.id, name=NAME, organisation="Polisen", sector="polis", role="Samordnare")
    bo = add_member(engine, ws, "Bo Ek", "Socialtjänsten", "socialtjanst")
    for respondent, base in ((f"member:{anna.id}", 2), (f"member:{bo.id}", 4), (GROUP, 3)):
        answers = {key: Answer(value_int=base) for key in READINESS}
        save_answers(engine, ws, "step0", "redo", respondent, DAY, answers)
    for text in ("Fråga Anna  Berg", "Fråga anna berg om polisen", "Anna Berg tar kontakt med polisen"):
        save_answers(engine, ws, "step0", "redo", GROUP, DAY, {"behov": Answer(value_int=3, text=text)})
    mapping.add_task(engine, ws, "Ring regionen", owner=NAME)
    mapping.add_task(engine, ws, "Boka lokal", owner="Bo Ek")
    add_item(engine, ws, "Polisens stödlinje", "kontakter", found_by=NAME, summary="Tips från ANNA  BERG och Bo Ek")
    with audit.acting_as(NAME), session_scope(engine) as session:
        audit.record(session, ws, "test.named", said=f"{NAME} ändrade", nested={"who": [NAME]})
    swot = Exercise(ws, "step6", "swot", DAY)
    mine = add_note(engine, swot, "styrkor", f"member:{anna.id}", "Anna Berg känner regionen", new_submission_key())
    add_note(engine, swot, "styrkor", f"member:{bo.id}", "Engagerade medarbetare", new_submission_key())
    activity = live.open_activity(engine, ws, "step6", "swot", DAY, "named")
    phone = live.join(engine, activity.code, NAME, "Polisen")
    other = live.join(engine, activity.code, "Cilla Lund", "Regionen")
    add_note(engine, swot, "styrkor", f"participant:{phone.id}", "Bra samarbete", new_submission_key())
    notes.open_voting(engine, ws, activity.id, 2)
    notes.toggle_vote(engine, activity.id, mine.id, f"participant:{phone.id}")
    notes.toggle_vote(engine, activity.id, mine.id, f"participant:{other.id}")
    live.close_activity(engine, ws, activity.id)
    return {"ws": ws, "anna": anna, "bo": bo, "swot": swot, "activity": activity, "phone": phone, "other": other}


def _results(engine, city):
    frame = load_responses(engine, city["ws"], "step0", "redo", DAY)
    means = frame.groupby("prompt_key")["value_int"].mean().round(6).to_dict()
    counts = frame.groupby("respondent").size().to_dict()
    votes = sorted(n.votes for n in board(engine, city["swot"]))
    return means, counts, votes


def test_erasure_leaves_no_trace_of_the_name_in_any_table_and_keeps_the_results(engine, city):
    assert {"member.name", "task.owner", "response.text", "note.text", "participant.display_name", "audit_event.actor"} <= set(
        name_in_tables(engine, NAME)
    )
    before = _results(engine, city)
    result = erasure.erase_person(engine, city["ws"], "anna berg")
    assert result.pseudonym == "Deltagare 1"
    assert name_in_tables(engine, NAME) == []
    assert _results(engine, city) == before  # counts, averages and votes identical
    with session_scope(engine) as session:
        member = session.get(Member, city["anna"].id)
        assert member.name == "Deltagare 1" and member.deleted_at is not None  # a member who leaves
        assert session.get(Participant, city["phone"].id).display_name == "Deltagare 1"
        assert session.get(Participant, city["other"].id).display_name == "Cilla Lund"
        erased = session.scalars(select(AuditEvent).where(AuditEvent.action == "person.erased")).one()
        assert erased.detail["pseudonym"] == "Deltagare 1" and NAME.lower() not in json.dumps(erased.detail).lower()
    assert [m.name for m in list_members(engine, city["ws"])] == ["Bo Ek"]
    texts = load_responses(engine, city["ws"], "step0", "redo", DAY)["text"].dropna().tolist()
    assert texts == ["Deltagare 1 tar kontakt med polisen"]
    with session_scope(engine) as session:  # any case, any run of spaces
        assert session.scalars(select(KnowledgeItem.summary)).one() == "Tips från Deltagare 1 och Bo Ek"


@SQLITE_ONLY
def test_the_sqlite_file_and_its_wal_hold_no_trace_after_erasure(engine, city):
    assert name_in_sqlite_files(engine, NAME)  # the check finds the name before: it is not vacuous
    result = erasure.erase_person(engine, city["ws"], NAME, aliases=["Anna Bergh", "Ana Berg"])
    assert result.file_clean is True
    for spelling in (NAME, "Anna Bergh", "Ana Berg"):
        assert name_in_sqlite_files(engine, spelling) == [], spelling
    wal = Path(f"{engine.url.database}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated


@SQLITE_ONLY
def test_an_old_version_left_in_free_space_is_vacuumed_away(engine, city):
    """A file written without secure_delete (before this release) keeps old row versions in free space."""
    engine.dispose()
    connection = sqlite3.connect(engine.url.database)
    connection.execute("PRAGMA secure_delete=OFF")
    add = "INSERT INTO icebreaker_question (workspace_id, text, created_at) VALUES (?, ?, '2026-10-06')"
    connection.execute(add, (city["ws"], "Vad skulle Åsa Öberg tipsa om?"))
    connection.execute(add, (city["ws"], "Vilken är er favoritplats i Ystad?"))
    connection.execute("DELETE FROM icebreaker_question WHERE text LIKE 'Vad skulle%'")  # removed, its bytes kept
    connection.commit()
    connection.execute("UPDATE task SET owner = 'Åsa Öberg' WHERE owner = 'Bo Ek'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert "Åsa Öberg tipsa".encode() in Path(engine.url.database).read_bytes()  # the old version, in free space
    result = erasure.erase_person(engine, city["ws"], "Åsa Öberg")
    assert result.vacuumed and result.file_clean
    assert name_in_sqlite_files(engine, "Åsa Öberg") == [] and name_in_tables(engine, "Åsa Öberg") == []


def test_pseudonyms_are_stable_per_person_and_never_reused(engine, city):
    first = erasure.erase_person(engine, city["ws"], NAME)
    second = erasure.erase_person(engine, city["ws"], "Bo Ek")
    assert (first.pseudonym, second.pseudonym) == ("Deltagare 1", "Deltagare 2")
    with session_scope(engine) as session:
        session.execute(update(Member).where(Member.name == "Deltagare 2").values(name="Bo E."))  # a later hand edit
    add_member(engine, city["ws"], "Dan Ny", "Skolan", "skola")
    assert erasure.erase_person(engine, city["ws"], "Dan Ny").pseudonym == "Deltagare 3"  # 2 is never given again
    assert name_in_tables(engine, "Bo Ek") == []
    stored = {hit.column: hit.old for hit in _hits(engine, city["ws"], "Deltagare 1")}
    assert {"name", "owner", "found_by", "display_name", "text"} <= set(stored)  # one number everywhere


def _hits(engine, workspace_id, text):
    with session_scope(engine) as session:
        return list(erasure.find_hits(session, workspace_id, erasure.name_pattern([text])))


def test_a_live_participant_who_asks_is_erased_by_name(engine, city):
    assert [p.name for p in erasure.people(engine, city["ws"])] == [NAME, "Bo Ek", "Cilla Lund"]
    result = erasure.erase_person(engine, city["ws"], "Cilla Lund")
    assert result.tables == {"participant": 1}
    assert name_in_tables(engine, "Cilla Lund") == []
    assert "Cilla Lund" not in [p.name for p in erasure.people(engine, city["ws"])]


def test_bad_input_is_refused_with_a_swedish_message(engine, city):
    for bad, key in (
        ("", "erasure_empty"),
        ("   ", "erasure_empty"),
        ("Deltagare 4", "erasure_pseudonym"),
        ("Okänd Person", "erasure_unknown"),
    ):
        with pytest.raises(InputError) as caught:
            erasure.erase_person(engine, city["ws"], bad)
        assert caught.value.key == key
    erasure.erase_person(engine, city["ws"], NAME)
    with pytest.raises(InputError) as caught:
        erasure.erase_person(engine, city["ws"], NAME)  # twice: nothing left
    assert caught.value.key == "erasure_unknown" and "redan raderad" in str(caught.value)
    with pytest.raises(InputError):
        erasure.access_report(engine, city["ws"], NAME)


def test_the_access_report_lists_everything_stored_about_the_person(engine, city):
    report = erasure.access_report(engine, city["ws"], NAME, today=DAY)
    places = {(item["table"], item["column"]) for item in report["stored"]}
    assert {
        ("member", "name"),
        ("task", "owner"),
        ("knowledge_item", "found_by"),
        ("knowledge_item", "summary"),
        ("response", "text"),
        ("note", "text"),
        ("participant", "display_name"),
        ("audit_event", "actor"),
        ("audit_event", "detail"),
    } <= places
    kinds = {(item["table"], item["column"]): item["kind"] for item in report["stored"]}
    assert kinds[("member", "name")] == "name" and kinds[("audit_event", "detail")] in ("text", "free_text", "name")
    assert all(item["when"] for item in report["stored"])
    what = [c["what"] for c in report["contributions"]]
    assert sum("redo" in w for w in what) == len(READINESS) and any("post-it" in w for w in what)
    data = json.loads(erasure.access_json(report))
    assert data["person"] == NAME and data["workspace"] == "Ystad" and data["name_retention_days"] == 30
    document = Document(io.BytesIO(report_render.render(erasure.access_document(report), "docx")))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert any(c.startswith("member.name #") for c in cells) and "Anna Berg tar kontakt med polisen" in cells
    assert any(NAME in c for c in cells) and any("Vem som är med i kärngruppen" in c for c in cells)


def _close_days_ago(engine, activity_id, days):
    with session_scope(engine) as session:
        session.execute(update(LiveActivity).where(LiveActivity.id == activity_id).values(closed_at=datetime.now() - timedelta(days=days)))


def test_retention_pseudonymises_live_names_only_after_the_set_days(engine, city):
    ws = city["ws"]
    assert erasure.retention_days(engine, ws) == 30
    recent = live.open_activity(engine, ws, "step0", "engagemang", DAY, "named")
    live.join(engine, recent.code, "Dora Sten")
    live.close_activity(engine, ws, recent.id)
    still_open = live.open_activity(engine, ws, "step0", "riktning", DAY, "named")
    live.join(engine, still_open.code, "Erik Falk")
    _close_days_ago(engine, city["activity"].id, 31)
    today = date.today()
    first = housekeeping.run_due(engine, ws, today)
    assert (first.names_pseudonymised, first.activities) == (2, 1)  # Anna Berg and Cilla Lund, 31 days after
    assert name_in_tables(engine, "Cilla Lund") == [] and name_in_tables(engine, "Dora Sten") != []
    assert housekeeping.run_due(engine, ws, today).names_pseudonymised == 0  # idempotent
    later = housekeeping.run_due(engine, ws, today + timedelta(days=30))  # the clock moved forward
    assert later.names_pseudonymised == 1 and name_in_tables(engine, "Dora Sten") == []
    assert housekeeping.run_due(engine, ws, today + timedelta(days=365)).names_pseudonymised == 0
    assert name_in_tables(engine, "Erik Falk") != []  # an open activity is never touched
    with session_scope(engine) as session:
        names = sorted(n for n in session.scalars(select(Participant.display_name)) if n)
    assert names == ["Deltagare 1", "Deltagare 2", "Deltagare 3", "Erik Falk"]


def test_the_retention_setting_is_validated(engine, workspace):
    assert erasure.set_retention_days(engine, workspace.id, "7") == 7
    assert erasure.retention_days(engine, workspace.id) == 7
    for bad in ("sju", 0, 4000, None):
        with pytest.raises(InputError) as caught:
            erasure.set_retention_days(engine, workspace.id, bad)
        assert caught.value.key == "erasure_retention"
    assert erasure.retention_days(engine, workspace.id) == 7


def test_housekeeping_also_purges_advertiser_references(engine, workspace):
    observation = ads.Observation(date.today() - timedelta(days=60), "sajt.se", 3, {"sweden": 1}, {}, "annonsör-1")
    ads.record_observation(engine, workspace.id, observation, key=b"k" * 32)
    assert housekeeping.run_due(engine, workspace.id).references_purged == 0
    assert housekeeping.run_due(engine, workspace.id, date.today() + timedelta(days=31)).references_purged == 1
    assert housekeeping.run_if_due(engine, workspace.id, date(2030, 1, 1)) is not None
    assert housekeeping.run_if_due(engine, workspace.id, date(2030, 1, 1)) is None  # once a day


def test_the_housekeeping_command_cleans_every_workspace(sqlite_url, capsys):
    from sff_core.store.db import get_engine

    engine = get_engine()
    workspace = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    activity = live.open_activity(engine, workspace.id, "step0", "engagemang", DAY, "named")
    live.join(engine, activity.code, "Dora Sten")
    live.close_activity(engine, workspace.id, activity.id)
    later = (date.today() + timedelta(days=31)).isoformat()
    assert main(["housekeeping", "--today", later]) == 0
    assert "1 namn ersatta med pseudonym" in capsys.readouterr().out
    assert name_in_tables(engine, "Dora Sten") == []
    assert main(["housekeeping", "--today", "igår"]) == 2


# --- issue 20, High 4: every Swedish spelling of the name, what could not be erased, the member row ----

GUNNEL = "Gunnel Kvarnström"
NFD = "Gunnel\u00a0Kvarnstro\u0308m"  # a no-break space and a decomposed ö, as some phones and PDFs send it


def all_text(engine: Engine) -> list[tuple[str, str, int, str]]:
    """Every text and JSON value of every table as (table, column, row id, text)."""
    found = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, JSON)) and "id" in table.c]
            for row in connection.execute(select(table.c.id, *columns)) if columns else ():
                for column in columns:
                    value = row._mapping[column]
                    if value is not None:
                        found.append((table.name, column.name, row.id, value if isinstance(value, str) else json.dumps(value)))
    return found


def holds_name(engine: Engine, fragment: str) -> list[str]:
    """table.column #id of every value that holds `fragment` once normalised (NFC, no soft hyphen, any case)."""
    wanted = unicodedata.normalize("NFC", fragment).casefold()
    return [
        f"{table}.{column} #{row}"
        for table, column, row, value in all_text(engine)
        if wanted in unicodedata.normalize("NFC", value).replace("\u00ad", "").casefold()
    ]


def cells(engine: Engine) -> dict[tuple[str, str, int], object]:
    """Every cell of every table with an id column: (table, column, id) -> value."""
    found: dict[tuple[str, str, int], object] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c:
                continue
            for row in connection.execute(select(table)):
                for column in table.columns:
                    found[(table.name, column.name, row.id)] = row._mapping[column]
    return found


@pytest.fixture
def gunnel(engine, city):
    """Gunnel Kvarnström, a member, written the ways people write her name: genitive, NFD with a no-break
    space, upper case with two spaces, a soft hyphen inside; once by her first name alone."""
    ws = city["ws"]
    member = add_member(engine, ws, GUNNEL, "Kvarnströms utredningar", "ovrig_kommun", role="Utredare")
    add_member(engine, ws, "Gunnel Lind", "Regionen", "region_halsa")
    mapping.add_task(engine, ws, "Skicka inbjudan", owner="gunnel kvarnström")
    add_item(engine, ws, "Hamnrapporten", "kontakter", summary="Gunnel Kvarnströms rapport om hamnen")
    swot = city["swot"]
    add_note(engine, swot, "svagheter", GROUP, f"Fråga {NFD} om hamnen", new_submission_key())
    add_note(engine, swot, "svagheter", GROUP, "Gunnel har kontakter i hamnen", new_submission_key())  # first name alone
    add_note(engine, swot, "svagheter", GROUP, "Gunnel Lind kan regionen", new_submission_key())  # another Gunnel
    add_note(engine, swot, "svagheter", GROUP, "Hanna Gunnelsson från skolan", new_submission_key())  # not a whole word
    save_answers(engine, ws, "step0", "redo", GROUP, DAY, {"resurser": Answer(value_int=2, text="Enligt GUNNEL  KVARNSTRÖM:s lista")})
    with session_scope(engine) as session:  # stored as typed: the services keep the text as it came
        session.execute(update(Member).where(Member.id == member.id).values(role="Gunnel Kvarn\u00adström, utredare"))
    return {**city, "gunnel": member}


def test_every_spelling_of_the_name_is_erased_genitive_nfd_case_and_spaces(engine, gunnel):
    assert any("Kvarnstro\u0308m" in value for *_, value in all_text(engine))  # the NFD spelling is stored as such
    assert len(holds_name(engine, "kvarnström")) >= 6
    result = erasure.erase_person(engine, gunnel["ws"], GUNNEL)
    assert holds_name(engine, "kvarnström") == [], holds_name(engine, "kvarnström")
    texts = {value for *_, value in all_text(engine)}
    assert "Deltagare 1:s rapport om hamnen" in texts  # the genitive keeps its meaning
    assert "Fråga Deltagare 1 om hamnen" in texts and "Enligt Deltagare 1:s lista" in texts
    assert {"Gunnel Lind kan regionen", "Hanna Gunnelsson från skolan"} <= texts  # someone else, another word
    assert result.fields >= 6


def test_a_first_name_alone_is_reported_to_check_by_hand_not_left_silently(engine, gunnel):
    result = erasure.erase_person(engine, gunnel["ws"], GUNNEL)
    lone = [item for item in result.unresolved if item.kind == "lone_name"]
    assert [item.excerpt for item in lone] == ["Gunnel har kontakter i hamnen"]  # not Gunnel Lind, not Gunnelsson
    assert lone[0].where.startswith("note.text #")
    assert not result.complete


def test_the_access_report_finds_every_row_the_erasure_changes(engine, gunnel):
    report = erasure.access_report(engine, gunnel["ws"], GUNNEL, today=DAY)
    listed = {(item["table"], item["column"], item["row"]) for item in report["stored"]}
    assert [p["value"] for p in report["possible"]] == ["Gunnel har kontakter i hamnen"]
    document = Document(io.BytesIO(report_render.render(erasure.access_document(report), "docx")))
    assert "Gunnel har kontakter i hamnen" in {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    before = cells(engine)
    erasure.erase_person(engine, gunnel["ws"], GUNNEL)
    after = cells(engine)
    changed = {key for key, value in before.items() if after.get(key, value) != value}
    bookkeeping = ("deleted_at", "updated_at")  # the member leaves the group; the row's time of change
    assert {key for key in changed if key[1] not in bookkeeping} <= listed, changed - listed
    assert {(t, r) for t, _c, r in changed} <= {(t, r) for t, _c, r in listed}
    assert ("member", "role", gunnel["gunnel"].id) in changed and ("member", "organisation", gunnel["gunnel"].id) in changed


def test_the_member_row_loses_its_role_and_keeps_an_organisation_that_names_no_one(engine, gunnel):
    erasure.erase_person(engine, gunnel["ws"], GUNNEL)
    erasure.erase_person(engine, gunnel["ws"], NAME)
    with session_scope(engine) as session:
        gunnel_row = session.get(Member, gunnel["gunnel"].id)
        anna_row = session.get(Member, gunnel["anna"].id)
        phone = session.get(Participant, gunnel["phone"].id)
    assert (gunnel_row.name, gunnel_row.organisation, gunnel_row.role) == ("Deltagare 1", "", "")  # her firm bore her name
    assert (anna_row.name, anna_row.organisation, anna_row.role) == ("Deltagare 2", "Polisen", "")  # an organisation stays
    assert (anna_row.sector, phone.organisation) == ("polis", "Polisen")  # the group's results per sector stay


def test_the_page_result_names_what_remains_also_on_a_clean_erasure(engine, city):
    result = erasure.erase_person(engine, city["ws"], "Bo Ek")
    assert result.complete and result.unresolved == ()


POSTGRES_ONLY = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def name_in_pg_pages(engine: Engine, name: str) -> list[str]:
    """Every relation (table, its TOAST table and indexes) whose pages hold `name` in UTF-8, any case –
    read through pageinspect's get_raw_page, so dead row versions in free space count too."""
    forms = {form.encode() for form in (name, name.lower(), name.upper(), unicodedata.normalize("NFD", name))}
    found = []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pageinspect")
        relations = connection.exec_driver_sql(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 't', 'i') AND c.relpersistence = 'p'"
        ).scalars()
        for relation in list(relations):
            blocks = connection.exec_driver_sql(f"SELECT pg_relation_size('{relation}') / current_setting('block_size')::int").scalar()
            for block in range(int(blocks or 0)):
                page = bytes(connection.exec_driver_sql(f"SELECT get_raw_page('{relation}', {block})").scalar())
                if any(form in page for form in forms):
                    found.append(relation)
                    break
    return found


@POSTGRES_ONLY
def test_postgres_keeps_no_old_row_version_of_the_name_after_erasure(engine, city):
    """An UPDATE leaves the old row version in the page until vacuum (and a plain VACUUM leaves its bytes
    in the page's free space): the erasure rewrites every table it touched."""
    before = name_in_pg_pages(engine, NAME)
    assert {"member", "task", "note"} <= set(before)  # the check finds the name before: it is not vacuous
    result = erasure.erase_person(engine, city["ws"], NAME)
    assert name_in_tables(engine, NAME) == []
    assert name_in_pg_pages(engine, NAME) == [], (result.vacuumed_tables, result.unresolved)
    assert {"member", "task", "note", "participant"} <= set(result.vacuumed_tables)
    assert result.complete


@POSTGRES_ONLY
def test_postgres_reports_the_tables_an_open_snapshot_kept_old_versions_in(engine, city, monkeypatch):
    """Another transaction's snapshot may still see the old row version: VACUUM FULL then copies it into
    the new file. The erasure tries again, and says which tables it could not clean – never "Klart"."""
    monkeypatch.setattr(erasure, "VACUUM_RETRY_SECONDS", 0)
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as reader:
        reader.exec_driver_sql("SELECT count(*) FROM pg_class").scalar()  # a snapshot from before the erasure
        result = erasure.erase_person(engine, city["ws"], NAME)
        kept = {item.where for item in result.unresolved if item.kind == "vacuum"}
        assert {"member", "task", "note"} <= kept and not result.complete
        assert {"member", "task", "note"} <= set(name_in_pg_pages(engine, NAME))  # the report tells the truth


def test_a_value_the_pseudonym_makes_too_long_is_cut_and_reported(engine, city):
    owner = ", ".join(["Bo Ek"] * 17)  # 117 of task.owner's 120 characters; "Deltagare 2" is longer than "Bo Ek"
    mapping.add_task(engine, city["ws"], "Fördela uppgifter", owner=owner)
    result = erasure.erase_person(engine, city["ws"], "Bo Ek")
    cut = [item for item in result.unresolved if item.kind == "shortened"]
    assert len(cut) == 1 and cut[0].where.startswith("task.owner #") and not result.complete
    assert name_in_tables(engine, "Bo Ek") == []
    with session_scope(engine) as session:
        stored = session.scalars(select(Task.owner).where(Task.title == "Fördela uppgifter")).one()
    assert len(stored) == 120 and stored.endswith("…") and stored.startswith("Deltagare 1, Deltagare 1")


@POSTGRES_ONLY
def test_postgres_keeps_no_old_row_version_after_the_retention_run(engine, city):
    assert "participant" in name_in_pg_pages(engine, "Cilla Lund")
    _close_days_ago(engine, city["activity"].id, 31)
    assert erasure.pseudonymise_expired(engine, city["ws"]).participants == 2
    assert name_in_pg_pages(engine, "Cilla Lund") == []


def test_a_last_name_that_is_also_an_ordinary_word_is_not_listed_alone(engine, city):
    """ "Berg" begins many sentences about a mountain; "Anna" alone is listed, each value once."""
    swot = city["swot"]
    for text in ("Berg och dalar i kommunen", "Ett berg av ärenden", "Anna ringer. Anna skriver."):
        add_note(engine, swot, "svagheter", GROUP, text, new_submission_key())
    result = erasure.erase_person(engine, city["ws"], NAME)
    assert [item.excerpt for item in result.unresolved if item.kind == "lone_name"] == ["Anna ringer. Anna skriver."]
