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

The second property checks the counts in the same documents' models (what every format renders: tables
and each chart's data as plotly JSON) and in every table of the shared workbook: no count from 1 to
threshold - 1 (ranks, steps, years, scores, levels, the group's own search occasions and assessment
rounds are not counts), no mean or share beside a hidden n, no hidden part that a shown total and the
shown parts give back, no chart without its table.

Figures (issue 20): names – 5 workspaces x 41 outputs (8 step reports as Word and HTML, one of them
as PDF too; process report, minutes, plan, two role descriptions, flyer and snapshot in all three; the
routine card as PDF or Word; xlsx; CSV zip); ~14 s of CPU per workspace. Before the fix, with every
step report in all three formats (49 outputs): 848 name hits in 46 of the 49 (the minutes of the
latest session had none). Counts – 3 workspaces x 14 documents + the workbook;
at e87ff16 the demo alone gave 114 findings (the heatmap's n=1/n=2 52, a mean beside n <3 52,
Ja/Nej from Svar 9, a chart without its table 1); none now.
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
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from sff_core.outputs import documents as role_documents
from sff_core.store import db

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


def written_session(engine: Engine) -> date:
    """The latest work session with post-its: its minutes hold typed text (the demo's very latest has none)."""
    with engine.connect() as connection:
        day = connection.execute(text("SELECT max(session_date) FROM note")).scalar_one()
    return day if isinstance(day, date) else date.fromisoformat(str(day))


def shared_outputs(engine: Engine, workspace_id: int, world: World) -> Iterator[tuple[str, str, str]]:
    """(document, format, text) of every shared document."""
    from sff_core import coordination
    from sff_core.outputs import report, report_render
    from sff_core.outputs.mapping_snapshot import snapshot_report
    from sff_core.outputs.plan_results import plan_report
    from sff_core.outputs.routine_card import build_card, card_docx, card_pdf
    from sff_core.outputs.sharing import sharing_level
    from sff_core.outputs.workbook import csv_zip_from_sheets, export_sheets, workbook_from_sheets

    shared = sharing_level(engine, workspace_id, True)
    latest = written_session(engine)
    for n in range(8):
        step = report.step_report(engine, workspace_id, n, shared)
        for output_format in ("docx", "html", "pdf") if n == world.pdf_step else ("docx", "html"):
            yield f"steg {n}", output_format, READERS[output_format](report_render.render(step, output_format))
    documents = [
        ("processrapport", report.process_report(engine, workspace_id, shared)),
        ("minnesanteckningar", report.minutes(engine, workspace_id, latest, shared)),
        ("samverkansplan", plan_report(engine, workspace_id, sharing=shared)),
        ("rollbeskrivning nätverket", role_documents.role_report(engine, workspace_id, coordination.NETWORK, sharing=shared)),
        ("rollbeskrivning samordning", role_documents.role_report(engine, workspace_id, coordination.COORDINATOR, sharing=shared)),
        ("flyer", role_documents.flyer_report(engine, workspace_id, sharing=shared)),
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


# --- Counts (issue 20, sharing 1, 2, 5): no small count, nor one worked out from a total -------------------

RAW_NOT_COUNTS = {"occasions", "current", "wanted", "actor_id", "influence", "support", "previous_influence", "previous_support"}
RAW_NOT_COUNTS |= {"mean", "year", "label", "sector", "month", "category", "assessed_on"}
RAW_NOT_COUNTS |= {"assessments", "Antal bedömningar"}  # the group's own assessment rounds of an actor (sharing 5), not people
N_COLUMNS = {"n", "answered", "Svar", "Antal svar"}  # the number of answers behind a row's mean or share
PARTS = (("yes", "no", "answered"), ("Ja", "Nej", "Svar"))


def _hidden(value: object) -> bool:
    return isinstance(value, str) and (value.startswith("<") or value in ("dolt", "–", "hidden"))


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value  # not NaN


def table_count_leaks(where: str, table, threshold: int, not_counts: set[str]) -> list[str]:
    """Small counts, means of hidden counts and parts worked out from a total, in one shared table."""
    found = []
    columns = [str(c) for c in table.columns]
    for number, row in enumerate(table.itertuples(index=False, name=None)):
        cells = dict(zip(columns, row, strict=False))
        for column, value in cells.items():
            if _number(value) and value == int(value) and 1 <= value < threshold and column not in not_counts:
                found.append(f"{where}: {column} = {value} (row {number})")
        hidden_n = [c for c in N_COLUMNS if c in cells and _hidden(cells[c])]
        if hidden_n:  # a mean (or median, share) of fewer answers than the threshold is those answers
            shown = [c for c, v in cells.items() if _number(v) and c not in N_COLUMNS and c not in ("year", "actor_id")]
            found += [f"{where}: {c} = {cells[c]} beside {hidden_n[0]} {cells[hidden_n[0]]} (row {number})" for c in shown]
        for yes, no, total in PARTS:
            if all(c in cells for c in (yes, no, total)) and _number(cells[total]):
                if _hidden(cells[yes]) != _hidden(cells[no]):
                    found.append(f"{where}: {yes}/{no} worked out from {total} = {cells[total]} (row {number})")
        hidden = [c for c, v in cells.items() if isinstance(v, str) and (v.startswith("<") or v == "dolt") and c not in not_counts]
        counts = {c: v for c, v in cells.items() if _number(v) and c not in not_counts and v == int(v)}
        if len(hidden) == 1 and len(counts) >= 2:  # one hidden part, and a total that is the sum of the parts shown + it
            for total, value in counts.items():
                rest = value - sum(v for c, v in counts.items() if c != total)
                if 1 <= rest < threshold:
                    found.append(f"{where}: {hidden[0]} = {total} {value} - the others = {rest:g} (row {number})")
    return found


def report_count_leaks(name: str, built, threshold: int, not_counts: set[str]) -> list[str]:
    from sff_core.outputs.results import FigureBlock, TableBlock

    found = []
    for part in built.parts:
        if part.tasks is not None:
            found += table_count_leaks(f"{name} › {part.heading} › tasks", part.tasks, threshold, not_counts)
        for block in part.results.blocks if part.results else ():
            where = f"{name} › {part.heading} › {getattr(block, 'key', '') or type(block).__name__}"
            if isinstance(block, FigureBlock):
                if block.table is None:
                    found.append(f"{where}: a chart without its table")
                data = block.build().to_json()  # what the HTML embeds and the image is drawn from
                data = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), data)
                said = re.finditer(r"(?<![A-Za-z0-9])n\s*=\s*(\d+)\b", data)
                found += [f"{where}: chart says {m.group(0)}" for m in said if 1 <= int(m.group(1)) < threshold]
            if isinstance(block, TableBlock | FigureBlock) and block.table is not None:
                found += table_count_leaks(where, block.table, threshold, not_counts)
    return found


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_no_small_count_in_any_shared_document(world: World, demo_template: Path, tmp_path: Path) -> None:
    """Every shared document's tables and chart data (the same model each format renders), and every
    table of the shared workbook: no count from 1 to threshold - 1, no mean beside a hidden n, no part
    that the total and the other part give back."""
    from sff_core import coordination
    from sff_core.outputs import report
    from sff_core.outputs.mapping_snapshot import snapshot_report
    from sff_core.outputs.plan_results import plan_report
    from sff_core.outputs.sharing import sharing_level
    from sff_core.outputs.workbook import export_sheets
    from tests.unit.test_workbook import _score_headers

    target = tmp_path / "world.db"
    shutil.copyfile(demo_template, target)
    engine = db.make_engine(f"sqlite:///{target}")
    try:
        workspace_id = build_world(engine, world)
        shared = sharing_level(engine, workspace_id, True)
        not_counts = _score_headers() | RAW_NOT_COUNTS
        latest = written_session(engine)
        documents = [(f"steg {n}", report.step_report(engine, workspace_id, n, shared)) for n in range(8)]
        documents += [
            ("processrapport", report.process_report(engine, workspace_id, shared)),
            ("minnesanteckningar", report.minutes(engine, workspace_id, latest, shared)),
            ("samverkansplan", plan_report(engine, workspace_id, sharing=shared)),
            ("rollbeskrivning", role_documents.role_report(engine, workspace_id, coordination.NETWORK, sharing=shared)),
            ("flyer", role_documents.flyer_report(engine, workspace_id, sharing=shared)),
            ("ögonblicksbild", snapshot_report(engine, workspace_id)),
        ]
        found = [leak for name, built in documents for leak in report_count_leaks(name, built, shared.threshold, not_counts)]
        for sheet in export_sheets(engine, workspace_id, shared):
            for table in sheet.tables:
                found += table_count_leaks(f"arbetsbok › {sheet.name} › {table.title or ''}", table.frame, shared.threshold, not_counts)
    finally:
        engine.dispose()
    assert found == []
