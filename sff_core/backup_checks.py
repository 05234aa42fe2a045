"""A restored backup is input like any other: every row goes through the services' own checks.

`backup.read_backup` has checked the file's shape (tables, columns, JSON types, references); this
module checks what the forms check before a value is stored: characters (control characters,
right-to-left overrides), personal identity and phone numbers in free text, links (`javascript:`),
ranges of settings and counts (a small-count threshold of −5 would turn suppression off), the shape
of JSON columns (a number where step 5 expects a text), and that no row claims to belong to the whole
app (an audit row without a workspace). The first problem refuses the file, naming the table, the
row (counted from 1) and the field, with the service's own message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Column, MetaData, String, Text

from sff_core.errors import InputError
from sff_core.validation import check_characters, count, number_in_range, optional_text

Row = Mapping[str, Any]
Check = Callable[[Any, Row], None]

# Values the app chooses (keys of content, statuses, sectors, hashes): plain letters, digits and . _ : -
KEY_PATTERN = re.compile(r"[A-Za-z0-9_.:\-]*")
KEY_COLUMNS = frozenset(
    {
        "step_key", "section_key", "prompt_key", "topic", "sector", "status", "kind", "category", "method", "source",
        "identity_mode", "code", "token", "advertiser_hash", "submission_key", "respondent", "voter", "slug", "language",
        "level", "personality_type", "contact_method", "report_format", "alternative", "series_key", "priority",
        "item_key", "exploitation_form", "reporting_sector", "action",
    }
)  # fmt: skip
# Machine text that is neither a key nor typed by a person.
MACHINE_COLUMNS = {("workspace", "passphrase_hash"), ("audit_event", "actor")}


class RowError(InputError):
    """A value in the file that the forms would refuse: the table, row and field, and the service's reason."""

    def __init__(self, table: str, row: int, column: str, problem: InputError) -> None:
        self.problem = problem
        super().__init__("backup_invalid_value", field="file", table=table, row=row, column=column)

    def message(self, lang: str = "sv") -> str:
        from sff_core.i18n import t

        return t("error.backup_invalid_value", lang, **{**self.params, "problem": self.problem.message(lang)})


def _shape(name: str) -> InputError:
    return InputError("backup_json_shape", shape=name)


def _text(max_length: int) -> Check:
    def check(value: Any, _row: Row) -> None:
        optional_text(value, "text", max_length)

    return check


def _text_list(max_length: int, most: int = 500) -> Check:
    def check(value: Any, _row: Row) -> None:
        if not isinstance(value, list) or len(value) > most or not all(isinstance(v, str) for v in value):
            raise _shape("en lista med texter")
        for item in value:
            optional_text(item, "text", max_length)

    return check


def _keys(value: Any, _row: Row) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and KEY_PATTERN.fullmatch(v) and len(v) <= 60 for v in value):
        raise _shape("en lista med nycklar")


def _dates(value: Any, _row: Row) -> None:
    if not isinstance(value, list) or len(value) > 366:
        raise _shape("en lista med datum")
    for item in value:
        try:
            date.fromisoformat(item)
        except (TypeError, ValueError):
            raise _shape("en lista med datum ÅÅÅÅ-MM-DD") from None


def _url(value: Any, _row: Row) -> None:
    from sff_core.knowledge import check_url

    check_url(value)


def _role_sections(value: Any, row: Row) -> None:
    from sff_core.coordination import LISTS, MAX_SECTION, check_link, text_sections

    if not isinstance(value, dict):
        raise _shape("en samling avsnitt")
    kinds = [str(row["kind"])] if "kind" in row else list(LISTS)  # a saved version: any kind's sections
    try:
        allowed = {s for kind in kinds for s in text_sections(kind)}
        lists = {s for kind in kinds for s in LISTS[kind]}
    except (KeyError, InputError):
        raise InputError("backup_key_value", value=kinds[0][:40]) from None
    for key, item in value.items():
        if key in lists:
            _text_list(300)(item, row)
            if key == "links":
                for link in item:
                    check_link(link)
        elif key in allowed:
            if not isinstance(item, str):
                raise _shape("en text")
            optional_text(item, key, MAX_SECTION)
        else:
            raise InputError("backup_key_value", value=str(key)[:40])


def _routine_texts(value: Any, _row: Row) -> None:
    from sff_core.routine import _clean_texts

    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _shape("en samling texter")
    _clean_texts(value)


def _routine_snapshot(value: Any, row: Row) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("texts", {}), dict) or not isinstance(value.get("steps", []), list):
        raise _shape("en sparad version av rutinen")
    _routine_texts(value.get("texts", {}), row)
    for step in value.get("steps", []):
        if not isinstance(step, dict):
            raise _shape("en sparad version av rutinen")
        for item in step.values():
            if isinstance(item, str):
                check_characters(item, "text", multiline=True)


def _plan_points(value: Any, _row: Row) -> None:
    from sff_core.plan import _clean_plan

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _shape("en lista med texter")
    _clean_plan({"points": value})


def _survey_answers(value: Any, _row: Row) -> None:
    from sff_core.indicators import validate_answers

    if not isinstance(value, dict):
        raise _shape("en samling svar")
    validate_answers(value)


def _audit_detail(value: Any, _row: Row) -> None:
    """The log's details: an object whose texts, however deep, are safe to show (the access report lists them)."""
    if not isinstance(value, dict):
        raise _shape("en samling uppgifter")
    pending: list[Any] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            check_characters(item, "text", multiline=True)


def _threshold(value: Any, _row: Row) -> None:
    number_in_range(value, "threshold", 1, 20)  # as workspaces.set_small_count_threshold


def _retention(value: Any, _row: Row) -> None:
    from sff_core.privacy.erasure import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS

    number_in_range(value, "name_retention_days", MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)


def _level(value: Any, _row: Row) -> None:
    number_in_range(value, "level", 1, 5, optional=True)


def _count(value: Any, _row: Row) -> None:
    if value is not None:
        count(value, "count", 10_000_000)


def _period(_value: Any, row: Row) -> None:
    from sff_core.workspaces import validate_period

    validate_period(row["period_start"], row["period_end"])


def _language(value: Any, _row: Row) -> None:
    from sff_core.config import LANGUAGES

    if value not in LANGUAGES:
        raise InputError("backup_key_value", value=str(value)[:40])


def _contact(value: Any, _row: Row) -> None:
    from sff_core.routine import check_contact

    check_contact(value)


def _in_workspace(value: Any, _row: Row) -> None:
    if value is None:
        raise InputError("backup_global_row")


COUNT_COLUMNS = {
    "incident": ("persons", "support_conversations", "long_term_support", "referrals"),
    "yearly_statistic": ("incidents", "persons", "support_conversations", "long_term_support"),
    "offence_count": ("count",),
    "ad_observation": ("ads_count", "origin_sweden", "origin_eu", "origin_outside_eu", "origin_unknown"),
}

# (table, column) → the service's check; it replaces the generic text check of that column.
CHECKS: dict[tuple[str, str], Check] = {
    ("workspace", "small_count_threshold"): _threshold,
    ("workspace", "name_retention_days"): _retention,
    ("workspace", "period_end"): _period,
    ("workspace", "language"): _language,
    ("audit_event", "workspace_id"): _in_workspace,
    ("audit_event", "detail"): _audit_detail,
    ("knowledge_item", "url"): _url,
    ("knowledge_subscription", "url"): _url,
    ("routine_step", "contact"): _contact,
    ("actor", "current_level"): _level,
    ("actor", "wanted_level"): _level,
    ("actor_assessment", "influence"): _level,
    ("actor_assessment", "support"): _level,
    ("candidate", "checks"): _keys,
    ("mapping_plan", "categories"): _keys,
    ("work_format", "dates"): _dates,
    ("collaboration_plan", "points"): _plan_points,
    ("role_document", "sections"): _role_sections,
    ("role_document_version", "sections"): _role_sections,
    ("routine", "texts"): _routine_texts,
    ("routine_version", "snapshot"): _routine_snapshot,
    ("indicator_survey", "answers"): _survey_answers,
    **{(table, column): _count for table, columns in COUNT_COLUMNS.items() for column in columns},
}


def _generic(column: Column[Any]) -> Check | None:
    """The check every text column gets from its type: keys are plain, free text is checked as the forms do."""
    if not isinstance(column.type, String):
        return None
    if column.name in KEY_COLUMNS and not isinstance(column.type, Text) and (column.type.length or 0) <= 80:

        def key(value: Any, _row: Row) -> None:
            if value is not None and not KEY_PATTERN.fullmatch(value):
                raise InputError("backup_key_value", value=value[:40])

        return key
    if (column.table.name, column.name) in MACHINE_COLUMNS:
        return _machine
    multiline = isinstance(column.type, Text) or (column.type.length or 0) > 200
    return _text(column.type.length or 100_000) if multiline else _one_line(column.type.length or 200)


def _machine(value: Any, _row: Row) -> None:
    if value is not None:
        check_characters(value, "text")


def _one_line(max_length: int) -> Check:
    def check(value: Any, _row: Row) -> None:
        if value is not None:
            optional_text(value, "text", max_length)  # a one-line field: max_length ≤ 200 refuses line breaks

    return check


def check_rows(metadata: MetaData, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Every row of every table through the services' checks; RowError at the first that fails."""
    for name, table_rows in rows.items():
        table = metadata.tables[name]
        checks = {c.name: CHECKS.get((name, c.name)) or _generic(c) for c in table.columns}
        active = {k: v for k, v in checks.items() if v is not None}
        for number, row in enumerate(table_rows, start=1):
            for column, check in active.items():
                try:
                    check(row[column], row)
                except RowError:
                    raise
                except InputError as problem:
                    raise RowError(name, number, column, problem) from None
