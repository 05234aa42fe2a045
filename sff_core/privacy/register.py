"""The register of personal data (issue 14): which columns can hold a person's name or contact detail.

The models mark such a column with ``info={"personal": KIND}`` in its ``mapped_column(...)``; this
module reads the marks from the metadata, so the register is built from the models themselves and a
new column is in it the moment it is marked. What each column is for, who sees it and how long it is
kept are content (data/content/privacy.yaml), read by :func:`load_register`.

Kinds:
- ``name``: a person's name (a core-group member, a live participant who gives a name, a task owner…);
- ``contact``: a phone number, e-mail address or contact route of a person or a function;
- ``free_text``: text where someone may have typed a name despite the warnings;
- ``organisation``: an organisation that may identify a small respondent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import JSON, Engine, MetaData, String
from sqlalchemy import Text as TextType

from sff_core.config import content_dir
from sff_core.content import Text, _read_yaml, _Reader
from sff_core.errors import ContentError, InputError
from sff_core.i18n import t, text

if TYPE_CHECKING:
    from sff_core.outputs.report import Report

KINDS = ("name", "contact", "organisation", "free_text")  # the register lists them in this order


@dataclass(frozen=True)
class PersonalColumn:
    """One marked column: ``table.column`` holds personal data of this kind."""

    table: str
    column: str
    kind: str

    @property
    def key(self) -> str:
        return f"{self.table}.{self.column}"


def personal_columns(metadata: MetaData | None = None) -> list[PersonalColumn]:
    """Every column marked ``info={"personal": KIND}``, in table order then column order.

    An unknown kind is a programming error in the models and raises ValueError at once."""
    if metadata is None:
        from sff_core.store.models import Base

        metadata = Base.metadata
    found: list[PersonalColumn] = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            kind = column.info.get("personal")
            if kind is None:
                continue
            if kind not in KINDS:
                raise ValueError(f"{table.name}.{column.name}: unknown personal kind {kind!r}")
            found.append(PersonalColumn(table.name, column.name, kind))
    return found


# --- The register's content (data/content/privacy.yaml) ------------------------------------------------

CONTENT_FILE = "privacy.yaml"


@dataclass(frozen=True)
class FieldText:
    """What one marked column is for, who can see it and how long it is kept."""

    purpose: Text
    seen_by: tuple[str, ...]  # keys of PrivacyContent.audiences
    retention: str  # a key of PrivacyContent.retention


@dataclass(frozen=True)
class Rule:
    """A privacy rule the app enforces (what it refuses and why); `source` names the module that does."""

    key: str
    source: str
    title: Text
    text: Text


@dataclass(frozen=True)
class Blank:
    """A line the municipality fills in itself (controller, purpose, legal basis, DPO)."""

    key: str
    label: Text
    hint: Text


@dataclass(frozen=True)
class PrivacyContent:
    kinds: dict[str, Text]
    audiences: dict[str, Text]
    retention: dict[str, Text]
    fields: dict[str, FieldText]  # "table.column" -> its texts
    rules: tuple[Rule, ...]
    controller: tuple[Blank, ...]


def _texts(reader: _Reader, raw: Any, path: str) -> dict[str, Text]:
    return {reader.key(key, f"{path}.{key}"): reader.text(value, f"{path}.{key}") for key, value in reader.mapping(raw, path).items()}


def _field(reader: _Reader, raw: Any, path: str, audiences: dict[str, Text], retention: dict[str, Text]) -> FieldText:
    raw = reader.mapping(raw, path)
    seen_by = tuple(str(item) for item in reader.seq(raw.get("seen_by"), f"{path}.seen_by", required=True))
    for audience in seen_by:
        if audience not in audiences:
            raise reader.fail(f"{path}.seen_by", f"okänd mottagare {audience!r} (finns: {', '.join(audiences)})")
    if raw.get("retention") not in retention:
        raise reader.fail(f"{path}.retention", f"okänd lagringstid {raw.get('retention')!r} (finns: {', '.join(retention)})")
    return FieldText(reader.text(raw.get("purpose"), f"{path}.purpose"), seen_by, str(raw["retention"]))


def load_privacy_content(directory: Path | None = None) -> PrivacyContent:
    """Read and check privacy.yaml (every text in every language, known audiences and retention keys)."""
    file = (directory or content_dir()) / CONTENT_FILE
    reader = _Reader(file)
    raw = reader.mapping(_read_yaml(file), "(fil)")
    kinds = _texts(reader, raw.get("kinds"), "kinds")
    if set(kinds) != set(KINDS):
        raise reader.fail("kinds", f"ska ha precis {', '.join(KINDS)}")
    audiences = _texts(reader, raw.get("audiences"), "audiences")
    retention = _texts(reader, raw.get("retention"), "retention")
    fields = {
        str(key): _field(reader, value, f"fields.{key}", audiences, retention)
        for key, value in reader.mapping(raw.get("fields"), "fields").items()
    }
    rules = tuple(
        Rule(
            reader.key(r.get("key"), f"rules[{i}].key"),
            str(r.get("source", "")),
            reader.text(r.get("title"), f"rules[{i}].title"),
            reader.text(r.get("text"), f"rules[{i}].text"),
        )
        for i, r in enumerate(reader.mapping(item, f"rules[{i}]") for i, item in enumerate(reader.seq(raw.get("rules"), "rules", True)))
    )
    controller = tuple(
        Blank(
            reader.key(b.get("key"), f"controller[{i}].key"),
            reader.text(b.get("label"), f"controller[{i}].label"),
            reader.text(b.get("hint"), f"controller[{i}].hint"),
        )
        for i, b in enumerate(
            reader.mapping(item, f"controller[{i}]") for i, item in enumerate(reader.seq(raw.get("controller"), "controller", True))
        )
    )
    return PrivacyContent(kinds, audiences, retention, fields, rules, controller)


def register_problems(content: PrivacyContent, metadata: MetaData | None = None) -> list[str]:
    """What keeps the register from being complete: a marked column without an entry, an entry for a
    column that is not marked (or does not exist). Empty when the models and the content agree."""
    marked = {column.key for column in personal_columns(metadata)}
    problems = [f"{key}: markerad i modellerna men saknar beskrivning i {CONTENT_FILE}" for key in sorted(marked - set(content.fields))]
    problems += [f"{key}: beskrivs i {CONTENT_FILE} men är ingen markerad kolumn" for key in sorted(set(content.fields) - marked)]
    return problems


@dataclass(frozen=True)
class RegisterEntry:
    column: PersonalColumn
    text: FieldText


def register(content: PrivacyContent | None = None, metadata: MetaData | None = None) -> list[RegisterEntry]:
    """Every marked column with its texts; a ContentError names what is missing, so nothing is left out silently."""
    content = content or load_privacy_content()
    problems = register_problems(content, metadata)
    if problems:
        raise ContentError(CONTENT_FILE, "fields", "; ".join(problems))
    return [RegisterEntry(column, content.fields[column.key]) for column in personal_columns(metadata)]


def register_table(lang: str = "sv", content: PrivacyContent | None = None) -> pd.DataFrame:
    """The register as a table: field, kind, purpose, who sees it, how long it is kept (names first)."""
    content = content or load_privacy_content()
    rows = [
        {
            t("privacy.col_field", lang): entry.column.key,
            t("privacy.col_kind", lang): text(content.kinds[entry.column.kind], lang),
            t("privacy.col_purpose", lang): text(entry.text.purpose, lang),
            t("privacy.col_seen_by", lang): "; ".join(text(content.audiences[a], lang) for a in entry.text.seen_by),
            t("privacy.col_retention", lang): text(content.retention[entry.text.retention], lang),
        }
        for entry in sorted(register(content), key=lambda e: (KINDS.index(e.column.kind), e.column.key))
    ]
    columns = [t(f"privacy.col_{c}", lang) for c in ("field", "kind", "purpose", "seen_by", "retention")]
    return pd.DataFrame(rows, columns=columns)


def name_retention_days(engine: Engine, workspace_id: int) -> int | None:
    """The workspace's setting for live names (workspace.name_retention_days, with the erasure tools),
    or None where the column does not exist."""
    from sqlalchemy import select

    from sff_core.store.models import Workspace

    column = Workspace.__table__.c.get("name_retention_days")
    if column is None:
        return None
    with engine.connect() as connection:
        value = connection.execute(select(column).where(Workspace.__table__.c.id == workspace_id)).scalar_one_or_none()
    return int(value) if value is not None else None


# --- The register as a document (Word/PDF/HTML through sff_core.outputs.report_render) --------------------------


def privacy_report(engine: Engine, workspace_id: int, lang: str = "sv") -> Report:
    """The register for the municipality's record of processing (GDPR art. 30): the controller's blanks,
    the fields from the models, the rules, the retention setting. It holds no personal data itself."""
    from sff_core.outputs.report import Report, ReportPart
    from sff_core.outputs.results import NO_COUNTS, NoteBlock, Results, TableBlock
    from sff_core.outputs.sharing import SharingLevel
    from sff_core.workspaces import get_workspace

    content = load_privacy_content()
    workspace = get_workspace(engine, workspace_id)
    blanks = tuple(f"{text(b.label, lang)}: ______________________  ({text(b.hint, lang)})" for b in content.controller)
    days = name_retention_days(engine, workspace_id)
    retention_line = t("privacy.retention_days", lang, days=days) if days is not None else t("privacy.retention_not_set", lang)
    rules = Results(
        t("privacy.rules", lang),
        None,
        tuple(NoteBlock(f"{text(rule.title, lang)}. {text(rule.text, lang)}") for rule in content.rules),
    )
    table = register_table(lang, content)
    fields = Results(t("privacy.fields", lang), None, (TableBlock(table, counts=NO_COUNTS),))  # fields of the register: no counts
    parts = (
        ReportPart(t("privacy.controller", lang), 1, blanks),
        ReportPart(t("privacy.fields", lang), 1, (t("privacy.fields_intro", lang, n=len(table)), retention_line), fields),
        ReportPart(t("privacy.rules", lang), 1, (), rules),
    )
    return Report(
        t("privacy.title", lang),
        workspace.city,
        SharingLevel(True, workspace.small_count_threshold),
        lang,
        datetime.now(),
        parts,
        "personuppgifter",
        landscape=True,  # five columns of text
    )


# --- Columns that look personal but are not (the guard against an unmarked name) -----------------------

# A column whose name suggests a person, or that holds free text, must be marked above or be here with
# the reason it holds no person's name or contact. tests/unit/test_privacy.py fails on any other.
PERSON_HINT = re.compile(
    r"(^|_)(name|names|respondent|found|who|owner|responsible|contact|email|mail|phone|actor|author|by|person|people"
    r"|member|speakers?|helpers?|voter|participant|client|invitee|guest)(_|$)"
)
FREE_TEXT_LENGTH = 200  # a String this long or longer is free text
NOT_PERSONAL: dict[str, str] = {
    # Pseudonymous references, never a name: erasing the person they point at leaves nothing here.
    "response.respondent": '"group" or "member:<id>" – points at a member row, holds no name',
    "note.respondent": '"group", "member:<id>" or "participant:<id>" – points at a row, holds no name',
    "note_vote.voter": "the respondent reference of the phone that voted – points at a row, holds no name",
    "audit_event.actor": '"facilitator:<random tag>", "participant:<id>", "survey-link:<id>", "demo", "command-line"',
    "attempt.client": "a keyed hash of a client address for counting guesses (the address itself is never stored)",
    "workspace.passphrase_hash": "a hash of the workspace's passphrase",
    "mapping_plan.contact_method": "a key of the content's ways to contact organisations",
    # Organisations, never people.
    "actor.name": "an organisation or authority mapped in step 3 (the forms ask for no person)",
    # Our own structured values, not text anyone types.
    "audit_event.detail": "ids, keys and counts of the change (no answer contents)",
    "candidate.checks": "keys of the handbook's checklist",
    "indicator_survey.answers": "statement key -> a number 1–5",
    "mapping_plan.categories": "keys of the content's categories",
    "work_format.dates": "dates of the work sessions",
    # The group's shared texts about organisations, the plan and the routine; the forms warn against
    # names and the personal-data detectors refuse identity and phone numbers in them.
    "actor.level_notes": "notes on an organisation's level of work",
    "actor_assessment.reason": "why an organisation is assessed so",
    "actor_assessment.action": "what the organisation should do",
    "actor_assessment.result": "the expected result for the organisation",
    "collaboration_plan.vision": "the network's vision",
    "collaboration_plan.points": "the plan's points",
    "communication_plan.key_message": "a message to a sector",
    "communication_plan.words_to_use": "words to use",
    "communication_plan.words_to_avoid": "words to avoid",
    "communication_plan.channel": "a channel (a newsletter, a meeting)",
    "knowledge_item.summary": "summary of a report or web page",
    "knowledge_item.relevant_for": "which sectors a source is relevant for",
    "knowledge_item.url": "address of a public source",
    "knowledge_subscription.url": "address of a public newsletter",
    "knowledge_subscription.note": "a note on a newsletter or watch",
    "marketing_row.important": "what matters to a target group",
    "marketing_row.channels": "channels to a target group",
    "marketing_row.tone": "the tone to use",
    "network_event.purpose": "the event's purpose",
    "network_event.venue": "a venue",
    "icebreaker_question.text": "a question for the group, from the handbook or the facilitator",
    "plan_goal.text": "a goal of the plan",
    "plan_activity.text": "an activity of the plan",
    "role_document.sections": "the network's role description, section by section",
    "role_document_version.sections": "an agreed version of the role description",
    "routine.texts": "the routine's own texts",
    "routine_version.snapshot": "an agreed version of the routine",
    "routine_step.action": "what to do at a step of the routine",
    "routine_step.child_note": "what differs when a child is concerned",
    "task.title": "a task",
    "knowledge_item.title": "the title of a source",
    "knowledge_subscription.title": "the title of a newsletter",
    "network_event.title": "the event's title",
    "event_agenda_item.title": "an agenda item",
    "routine_step.title": "a step of the routine",
}


def unregistered_columns(metadata: MetaData | None = None) -> list[str]:
    """Text-like columns that look personal (by name) or hold free text, yet are neither marked nor
    explained in NOT_PERSONAL. Must be empty: a new name field cannot slip past the register."""
    if metadata is None:
        from sff_core.store.models import Base

        metadata = Base.metadata
    found = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if "personal" in column.info or f"{table.name}.{column.name}" in NOT_PERSONAL:
                continue
            if _looks_personal(column):
                found.append(f"{table.name}.{column.name}")
    return found


def _looks_personal(column: Any) -> bool:
    kind = column.type
    if isinstance(kind, TextType | JSON):
        return True
    if not isinstance(kind, String):
        return False
    return bool(PERSON_HINT.search(column.name)) or (kind.length or FREE_TEXT_LENGTH) >= FREE_TEXT_LENGTH


def cli_privacy_report(slug: str, output_format: str, out: str) -> int:
    """`python -m sff_core report --privacy`: the register of the workspace as a file (docx, pdf or html)."""
    from sff_core.outputs.report_render import render
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    engine = get_engine()
    workspace = find_by_slug(engine, slug)
    if workspace is None:
        raise InputError("unknown_workspace_slug", field="workspace", slug=slug)
    if output_format not in ("docx", "pdf", "html"):
        raise InputError("backup_usage", usage="python -m sff_core report --privacy --workspace SLUG --format docx|pdf|html --out FILE")
    data = render(privacy_report(engine, workspace.id, workspace.language), output_format)
    Path(out).write_bytes(data)
    print(f"Skrev {out} ({len(data) // 1024} kB, registret över personuppgifter)")
    return 0
