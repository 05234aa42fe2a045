"""Property-based test (Hypothesis) of the sharing level: nothing shared outside the core group names
anybody, in any document type and any format.

Each example is a workspace: the demo (every step has content there) with its people renamed – six
core-group members, three candidates, a few named live participants, some members removed since
(small groups) – and a name typed into every free-text column (answers, post-its and their groups,
tasks, the plan's and the routine's texts, role descriptions, the flyer, the mind map, reflections,
actor notes, knowledge items …) and into every name column (a task's owner, speakers, helpers, a
routine step's contact). Each mention is drawn as the full name, the first or last name alone, the
genitive ("Åsas", "Åsa Öbergs"), upper or lower case, NFC or NFD.

Then every shared document is made and read back as a reader would: step reports 0–7, the process
report, the minutes of the latest work session, the plan, both role descriptions, the flyer, the
routine card, the mapping snapshot (Word via python-docx's XML, PDF text via pypdf, HTML incl. the
embedded Plotly JSON), the workbook (xlsx, every cell) and the CSV zip (every file). No part of any
name may appear as a word, in any case or normalisation. Chart images are not drawn (no browser):
their source data is the Plotly JSON the HTML carries, and each image's table follows it.

Figures (see the closing note of issue 20): EXAMPLES workspaces × DOCUMENTS documents × formats.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from sff_core import db

EXAMPLES = 5
FIRST_NAMES = ["Åsa", "Björn", "Märta", "Jörgen", "Özlem", "Ingrid", "Ragnhild", "Torbjörn", "Sigrid", "Yusuf", "Leyla", "Zofia", "Hedvig"]
LAST_NAMES = ["Kvarnström", "Lindqvist", "Öberg", "Nyström", "Wikander", "Hallgren", "Sjöblom", "Ekwall", "Bäckström", "Rydén"]
FORMS = ("full", "first", "last", "first_genitive", "full_genitive", "upper", "lower", "nfd_full", "nfd_first", "apostrophe")

FREE_TEXT = [
    ("actor", "level_notes"),
    ("actor_assessment", "comment"),
    ("actor_assessment", "reason"),
    ("actor_assessment", "action"),
    ("candidate", "note"),
    ("collaboration_plan", "vision"),
    ("communication_plan", "key_message"),
    ("communication_plan", "words_to_use"),
    ("event_agenda_item", "title"),
    ("icebreaker_question", "text"),
    ("incident", "note"),
    ("knowledge_item", "title"),
    ("knowledge_item", "summary"),
    ("knowledge_subscription", "note"),
    ("mapping_plan", "notes"),
    ("marketing_row", "important"),
    ("marketing_row", "target_group"),
    ("mindmap_node", "label"),
    ("network_event", "purpose"),
    ("network_event", "title"),
    ("note", "text"),
    ("note", "cluster"),
    ("plan_activity", "text"),
    ("plan_goal", "text"),
    ("response", "text"),
    ("routine_step", "title"),
    ("routine_step", "action"),
    ("routine_step", "child_note"),
    ("task", "title"),
]
NAME_COLUMNS = [
    ("task", "owner"),
    ("event_checklist_item", "owner"),
    ("communication_plan", "who"),
    ("knowledge_item", "found_by"),
    ("knowledge_subscription", "responsible"),
    ("network_event", "speakers"),
    ("marketing_row", "helpers"),
    ("plan_activity", "responsible"),
    ("routine_step", "contact"),
    ("actor_assessment", "contact_role"),
]
JSON_TEXTS = [("routine", "texts"), ("role_document", "sections")]


@dataclass(frozen=True)
class World:
    members: tuple[tuple[str, str], ...]  # (first, last) for the demo's six members, in id order
    candidates: tuple[tuple[str, str], ...]
    participants: tuple[tuple[str, str], ...]  # names given by live participants
    removed: int  # members removed since (their names still stand in old texts)
    nfd_stored: bool  # names stored decomposed
    mentions: tuple[tuple[int, str], ...]  # per column: (person, form), FREE_TEXT + NAME_COLUMNS + JSON_TEXTS
    pdf_step: int  # the step report also made as PDF (the others as Word and HTML; the process report holds every step as PDF)
    card_format: str  # the routine card as PDF or Word (fitting it to one page takes a while)

    @property
    def people(self) -> tuple[tuple[str, str], ...]:
        return self.members + self.candidates + self.participants


@st.composite
def worlds(draw: st.DrawFn) -> World:
    full_names = st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES))
    people = draw(st.lists(full_names, min_size=9, max_size=12, unique=True))
    mentions = draw(
        st.lists(
            st.tuples(st.integers(0, len(people) - 1), st.sampled_from(FORMS)),
            min_size=len(FREE_TEXT) + len(NAME_COLUMNS) + len(JSON_TEXTS),
            max_size=len(FREE_TEXT) + len(NAME_COLUMNS) + len(JSON_TEXTS),
        )
    )
    return World(
        tuple(people[:6]),
        tuple(people[6:9]),
        tuple(people[9:]),
        draw(st.integers(0, 4)),
        draw(st.booleans()),
        tuple(mentions),
        draw(st.integers(0, 7)),
        draw(st.sampled_from(["pdf", "docx"])),
    )


def mention(person: tuple[str, str], form: str) -> str:
    first, last = person
    full = f"{first} {last}"
    return {
        "full": full,
        "first": first,
        "last": last,
        "first_genitive": f"{first}s",
        "full_genitive": f"{full}s",
        "upper": full.upper(),
        "lower": first.lower(),
        "nfd_full": unicodedata.normalize("NFD", full),
        "nfd_first": unicodedata.normalize("NFD", first),
        "apostrophe": f"{first}'s",
    }[form]


# --- Building the workspace -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Path:
    """The demo seeded once; each example works on a copy."""
    from sff_core.demo import seed_demo

    template = tmp_path_factory.mktemp("sharing") / "demo.db"
    shutil.copyfile(migrated_sqlite, template)
    engine = db.make_engine(f"sqlite:///{template}")
    seed_demo(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return template


def _stored(name: str, world: World) -> str:
    return unicodedata.normalize("NFD" if world.nfd_stored else "NFC", name)


def build_world(engine: Engine, world: World) -> int:
    """The demo renamed to the world's people, with their names typed into every text column."""
    people = world.people
    with engine.begin() as connection:
        workspace_id = connection.execute(text("SELECT id FROM workspace")).scalar_one()
        member_ids = connection.execute(text("SELECT id FROM member ORDER BY id")).scalars().all()
        for member_id, (first, last) in zip(member_ids, world.members, strict=False):
            connection.execute(text("UPDATE member SET name = :n WHERE id = :i"), {"n": _stored(f"{first} {last}", world), "i": member_id})
        for member_id in member_ids[len(member_ids) - world.removed :] if world.removed else []:
            connection.execute(text("UPDATE member SET deleted_at = CURRENT_TIMESTAMP WHERE id = :i"), {"i": member_id})
        candidate_ids = connection.execute(text("SELECT id FROM candidate ORDER BY id")).scalars().all()
        for candidate_id, (first, last) in zip(candidate_ids, world.candidates, strict=False):
            connection.execute(
                text("UPDATE candidate SET name = :n WHERE id = :i"), {"n": _stored(f"{first} {last}", world), "i": candidate_id}
            )
        participant_ids = connection.execute(text("SELECT id FROM participant ORDER BY id")).scalars().all()
        for participant_id, (first, last) in zip(participant_ids, world.participants, strict=False):
            connection.execute(
                text("UPDATE participant SET display_name = :n WHERE id = :i"),
                {"n": _stored(f"{first} {last}", world), "i": participant_id},
            )
        mentions = iter(world.mentions)
        for table, column in FREE_TEXT:
            person, form = next(mentions)
            said = f"Kontakta {mention(people[person], form)} om lokalen."
            connection.execute(
                text(f'UPDATE {table} SET "{column}" = "{column}" || :s WHERE "{column}" IS NOT NULL AND "{column}" <> \'\''),
                {"s": " " + said},
            )
        for table, column in NAME_COLUMNS:
            person, form = next(mentions)
            connection.execute(text(f'UPDATE {table} SET "{column}" = :s'), {"s": mention(people[person], form)})
        for table, column in JSON_TEXTS:
            person, form = next(mentions)
            said = f" {mention(people[person], form)} ringer."
            for row_id, value in connection.execute(text(f"SELECT id, {column} FROM {table}")).all():
                data = json.loads(value) if isinstance(value, str) else value
                data = {k: (v + said if isinstance(v, str) and v else v) for k, v in (data or {}).items()}
                connection.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :i"), {"v": json.dumps(data), "i": row_id})
    return int(workspace_id)


# --- Reading the documents back ------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml"))
    return html.unescape(re.sub(r"<[^>]+>", " ", xml))


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def html_text(data: bytes) -> str:
    """The page's text and the embedded Plotly JSON (\\uXXXX escapes decoded); plotly.js itself left out."""
    scripts = data.decode("utf-8").split("<script")
    page = "<script".join(s for s in scripts if len(s) < 500_000)  # plotly.js inline (3 MB) is the library, not data
    page = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        f"{sheet.title}\n" + "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None) for sheet in book
    )


def csv_zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(f"{name}\n{archive.read(name).decode('utf-8-sig')}" for name in archive.namelist())


READERS = {"docx": docx_text, "pdf": pdf_text, "html": html_text}


def shared_outputs(engine: Engine, workspace_id: int, world: World) -> Iterator[tuple[str, str, str]]:
    """(document, format, text) of every shared document."""
    from sff_core import coordination, report, report_render
    from sff_core.mapping_snapshot import snapshot_report
    from sff_core.plan_results import plan_report
    from sff_core.routine_card import build_card, card_docx, card_pdf
    from sff_core.sharing import sharing_level
    from sff_core.workbook import csv_zip_from_sheets, export_sheets, workbook_from_sheets

    shared = sharing_level(engine, workspace_id, True)
    latest = report.latest_session(engine, workspace_id)
    assert latest is not None
    for n in range(8):
        step = report.step_report(engine, workspace_id, n, shared)
        for output_format in ("docx", "html", "pdf") if n == world.pdf_step else ("docx", "html"):
            yield f"steg {n}", output_format, READERS[output_format](report_render.render(step, output_format))
    documents = [
        ("processrapport", report.process_report(engine, workspace_id, shared)),
        ("minnesanteckningar", report.minutes(engine, workspace_id, latest, shared)),
        ("samverkansplan", plan_report(engine, workspace_id, sharing=shared)),
        ("rollbeskrivning nätverket", coordination.role_report(engine, workspace_id, coordination.NETWORK, sharing=shared)),
        ("rollbeskrivning samordning", coordination.role_report(engine, workspace_id, coordination.COORDINATOR, sharing=shared)),
        ("flyer", coordination.flyer_report(engine, workspace_id, sharing=shared)),
        ("ögonblicksbild", snapshot_report(engine, workspace_id)),
    ]
    for name, built in documents:
        for output_format, read in READERS.items():
            yield name, output_format, read(report_render.render(built, output_format))
    card = build_card(engine, workspace_id, sharing=shared)
    yield "rutinkort", world.card_format, pdf_text(card_pdf(card)) if world.card_format == "pdf" else docx_text(card_docx(card))
    sheets = export_sheets(engine, workspace_id, shared)
    yield "arbetsbok", "xlsx", xlsx_text(workbook_from_sheets(sheets))
    yield "arbetsbok", "csv", csv_zip_text(csv_zip_from_sheets(sheets))


def name_parts(world: World) -> set[str]:
    return {part for person in world.people for part in person}


def leaks(found: str, parts: set[str]) -> list[str]:
    """The name parts standing as a word in the text (any case, NFC or NFD)."""
    folded = unicodedata.normalize("NFC", found).casefold()
    return sorted(p for p in parts if re.search(rf"(?<!\w){re.escape(p.casefold())}", folded))


CHECKED: list[tuple[int, int]] = []  # (documents × formats, leaks) per example, for the figures


def check_world(tmp: Path, template: Path, world: World) -> list[str]:
    target = tmp / "world.db"
    shutil.copyfile(template, target)
    engine = db.make_engine(f"sqlite:///{target}")
    try:
        workspace_id = build_world(engine, world)
        parts = name_parts(world)
        found, outputs = [], 0
        for document, output_format, content in shared_outputs(engine, workspace_id, world):
            outputs += 1
            found += [f"{document} ({output_format}): {part}" for part in leaks(content, parts)]
        CHECKED.append((outputs, len(found)))
        return found
    finally:
        engine.dispose()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_no_name_in_any_shared_output(world: World, demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # no images: their source data is checked in the HTML
    assert check_world(tmp_path, demo_template, world) == []


def test_the_check_sees_a_name() -> None:
    """The reader finds a name however it is written (so an empty list above means something)."""
    parts = {"Åsa", "Öberg"}
    assert leaks("ring ÅSAS kontakt", parts) == ["Åsa"]  # the genitive too
    assert leaks("ring " + unicodedata.normalize("NFD", "åsa") + " nu", parts) == ["Åsa"]
    assert leaks("Åsa Öbergs uppgift", parts) == ["Åsa", "Öberg"]
