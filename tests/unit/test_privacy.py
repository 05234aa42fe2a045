"""The register of personal data: built from the models' marks, described in privacy.yaml, and a new
name field cannot be added without an entry."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import docx  # python-docx
import pytest
import yaml
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text

from sff_core.config import content_dir
from sff_core.demo import seed_demo
from sff_core.errors import ContentError
from sff_core.members import list_members
from sff_core.outputs.report_render import render_docx
from sff_core.privacy import register as privacy
from sff_core.privacy.register import (
    KINDS,
    NOT_PERSONAL,
    PersonalColumn,
    load_privacy_content,
    personal_columns,
    privacy_report,
    register,
    register_problems,
    register_table,
    unregistered_columns,
)
from sff_core.store.models import Base, Member, Participant
from sff_core.workspaces import create_workspace


def _copy(metadata: MetaData = Base.metadata) -> MetaData:
    copied = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(copied)
    return copied


def test_the_models_mark_the_people_the_issue_names():
    keys = {c.key: c.kind for c in personal_columns()}
    assert keys["member.name"] == "name"
    assert keys["participant.display_name"] == "name"
    assert keys["knowledge_item.found_by"] == "name"
    assert keys["task.owner"] == "name"
    assert keys["actor_assessment.contact_role"] == "contact"
    assert keys["indicator_survey.organisation"] == "organisation"
    assert keys["note.text"] == "free_text"
    assert set(keys.values()) == set(KINDS)
    assert Member.__table__.c.name.info == {"personal": "name"}
    assert Participant.__table__.c.token.info == {}


def test_personal_columns_reads_marks_from_any_metadata_and_refuses_an_unknown_kind():
    metadata = MetaData()
    Table("t", metadata, Column("id", Integer, primary_key=True), Column("who", String(10), info={"personal": "name"}))
    assert personal_columns(metadata) == [PersonalColumn("t", "who", "name")]
    Table("u", metadata, Column("id", Integer, primary_key=True), Column("x", String(10), info={"personal": "shoe_size"}))
    with pytest.raises(ValueError, match="u.x"):
        personal_columns(metadata)


def test_every_marked_column_has_a_description_in_both_languages_and_every_entry_names_a_marked_column():
    content = load_privacy_content()
    assert register_problems(content) == []
    entries = register(content)
    assert [e.column for e in entries] == personal_columns()
    columns = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns}
    for key, entry in content.fields.items():
        assert key in columns, key
        assert entry.purpose["sv"] and entry.purpose["en"] and entry.purpose["sv"] != entry.purpose["en"], key
        assert entry.seen_by and set(entry.seen_by) <= set(content.audiences), key
        assert entry.retention in content.retention, key
    for texts in (content.kinds, content.audiences, content.retention):
        assert all(value["sv"] and value["en"] for value in texts.values())


def test_the_rules_and_the_blanks_are_content_and_name_real_modules():
    content = load_privacy_content()
    assert {r.key for r in content.rules} >= {"victims", "advertisers", "small_counts", "copies"}
    root = Path(__file__).resolve().parents[2]
    for rule in content.rules:
        assert (root / rule.source).is_file(), rule.source
    assert [b.key for b in content.controller] == ["controller", "purpose", "legal_basis", "dpo"]


def test_a_new_name_field_without_a_mark_is_caught():
    assert unregistered_columns() == []
    metadata = _copy()
    Table("future_thing", metadata, Column("id", Integer, primary_key=True), Column("contact_person", String(120)))
    assert unregistered_columns(metadata) == ["future_thing.contact_person"]


def test_free_text_without_a_mark_is_caught_and_a_short_code_is_not():
    metadata = _copy()
    Table(
        "future_log",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("story", Text),
        Column("extra", JSON),
        Column("status", String(20)),
        Column("title", String(300)),
    )
    assert unregistered_columns(metadata) == ["future_log.story", "future_log.extra", "future_log.title"]


def test_a_marked_new_field_without_a_description_stops_the_register():
    metadata = _copy()
    Table("future_thing", metadata, Column("id", Integer, primary_key=True), Column("author", String(120), info={"personal": "name"}))
    assert unregistered_columns(metadata) == []
    problems = register_problems(load_privacy_content(), metadata)
    assert problems == ["future_thing.author: markerad i modellerna men saknar beskrivning i privacy.yaml"]
    with pytest.raises(ContentError, match="future_thing.author"):
        register(metadata=metadata)


def test_an_entry_for_a_column_that_is_not_marked_is_a_problem(tmp_path):
    directory = tmp_path / "content"
    shutil.copytree(content_dir(), directory)
    raw = yaml.safe_load((directory / "privacy.yaml").read_text(encoding="utf-8"))
    raw["fields"]["member.role"] = raw["fields"]["member.name"]
    raw["fields"].pop("task.owner")
    (directory / "privacy.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    problems = register_problems(load_privacy_content(directory))
    assert problems == [
        "task.owner: markerad i modellerna men saknar beskrivning i privacy.yaml",
        "member.role: beskrivs i privacy.yaml men är ingen markerad kolumn",
    ]


def test_a_bad_audience_or_retention_is_named(tmp_path):
    directory = tmp_path / "content"
    shutil.copytree(content_dir(), directory)
    raw = yaml.safe_load((directory / "privacy.yaml").read_text(encoding="utf-8"))
    raw["fields"]["member.name"]["seen_by"] = ["facilitator", "the_press"]
    (directory / "privacy.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="the_press"):
        load_privacy_content(directory)


def test_the_allow_list_only_holds_columns_that_would_otherwise_be_caught():
    for key in NOT_PERSONAL:
        table, column = key.split(".")
        assert column in Base.metadata.tables[table].c, key
        assert "personal" not in Base.metadata.tables[table].c[column].info, key
        assert privacy._looks_personal(Base.metadata.tables[table].c[column]), key


def test_the_register_table_in_both_languages():
    sv, en = register_table("sv"), register_table("en")
    assert len(sv) == len(en) == len(personal_columns())
    assert list(sv.columns) == ["Fält", "Slag", "Ändamål", "Vem ser det", "Hur länge det sparas"]
    row = sv.set_index("Fält").loc["participant.display_name"]
    assert "pseudonym" in row["Hur länge det sparas"]
    assert "Väggen" in row["Vem ser det"]


def test_the_document_has_every_field_the_rules_and_the_blanks(engine):
    workspace = create_workspace(engine, "Teststad", "Teststads kommun", date(2026, 1, 1), date(2027, 6, 1), "hemlig fras")
    document = docx.Document(io.BytesIO(render_docx(privacy_report(engine, workspace.id))))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    body = "\n".join(p.text for p in document.paragraphs)
    for column in personal_columns():
        assert column.key in cells
    assert "Rättslig grund: ____" in body and "Dataskyddsombud: ____" in body and "Personuppgiftsansvarig: ____" in body
    assert "Inga uppgifter om utsatta personer" in body
    assert "Kopior utanför appen" in body and "säkerhetskopior" in body  # erasure does not reach copies already made
    assert f"{len(personal_columns())} fält i appens datamodell" in body


def test_the_document_of_the_demo_holds_no_name_from_it(engine):
    demo = seed_demo(engine)
    assert demo is not None
    data = render_docx(privacy_report(engine, demo.id, "en"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Personal data in Stad för stad" in text
    for member in list_members(engine, demo.id):
        assert member.name not in text


def test_the_register_from_the_command_line(sqlite_url, tmp_path, capsys):
    from sff_core.__main__ import main

    assert main(["seed-demo"]) == 0
    out = tmp_path / "personuppgifter.docx"
    assert main(["report", "--privacy", "--workspace", "exempelstad", "--format", "docx", "--out", str(out)]) == 0
    cells = {cell.text for table in docx.Document(io.BytesIO(out.read_bytes())).tables for row in table.rows for cell in row.cells}
    assert {c.key for c in personal_columns()} <= cells
    assert "registret över personuppgifter" in capsys.readouterr().out
    refused = tmp_path / "personuppgifter.xlsx"
    assert main(["report", "--privacy", "--workspace", "exempelstad", "--format", "xlsx", "--out", str(refused)]) == 2
    assert not refused.exists()
    assert "--privacy --workspace SLUG --format docx|pdf|html" in capsys.readouterr().err
