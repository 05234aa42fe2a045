"""Nätverksstatistik: the network's yearly series, derived from the common incident log where it
covers a year and from hand-entered or imported totals elsewhere; breakdowns; small-count
suppression for anything shown on the wall or shared outside the core group.

The handbook's four series are independent counts: more support conversations than persons is
possible (one person, several conversations), so it warns and never refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, SupportsInt

import pandas as pd
from sqlalchemy import Engine, extract, func, select
from sqlalchemy.orm import Session

from sff_core.config import LANGUAGES
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.outputs.spreadsheet import csv_bytes
from sff_core.store.concurrency import EditConflict, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import Incident, YearlyStatistic, utcnow
from sff_core.store.uow import unit_of_work, upsert
from sff_core.tabular import (
    Cell,
    ImportPreview,
    cell_int,
    cell_yes_no,
    cells_to_compare,
    read_table,
    refuse_stale,
    year_rows,
)
from sff_core.validation import count, one_of, optional_text

SERIES = ("incidents", "persons", "support_conversations", "long_term_support")
FIRST_YEAR = 2000
MAX_COUNT = 100_000
SERIES_COLUMNS = ["year", *SERIES, "preliminary", "source", "manual_too"]
IMPORT_HEADERS = {
    "år": "year",
    "ar": "year",
    "year": "year",
    "preliminär": "preliminary",
    "preliminar": "preliminary",
    "preliminary": "preliminary",
}


@dataclass(frozen=True)
class IncidentInput:
    occurred_on: date | None
    exploitation_form: str
    reporting_sector: str
    police_contacted: bool = False
    social_services_contacted: bool = False
    persons: int = 1
    support_conversations: int = 0
    long_term_support: int = 0
    referrals: int = 0
    note: str = ""


def series_labels(lang: str = "sv", short: bool = False) -> dict[str, str]:
    from sff_core.i18n import text

    return {item.key: text((item.short or item.label) if short else item.label, lang) for item in get_content().vocab["statistics_series"]}


def check_year(year: object, today: date | None = None) -> int:
    latest = (today or date.today()).year
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= latest:
        raise InputError("year_range", field="year", value=year, low=FIRST_YEAR, high=latest)
    return year


def support_warnings(persons: int | None, conversations: int | None, long_term: int | None) -> list[str]:
    """Keys of the warnings to show: support counts larger than the persons documented."""
    warnings = []
    if persons is not None and conversations is not None and conversations > persons:
        warnings.append("more_conversations_than_persons")
    if persons is not None and long_term is not None and long_term > persons:
        warnings.append("more_long_term_than_persons")
    return warnings


def record_incident(engine: Engine, workspace_id: int, incident: IncidentInput, today: date | None = None) -> tuple[int, list[str]]:
    """Store one incident of the common template; returns its id and any warnings."""
    content = get_content()
    if incident.occurred_on is None:
        raise InputError("required", field="occurred_on", field_label="observed_on")
    if incident.occurred_on > (today or date.today()):
        raise InputError("future_date", field="occurred_on", date=incident.occurred_on.isoformat())
    check_year(incident.occurred_on.year, today)
    note = optional_text(incident.note, "note", 300)
    persons = count(incident.persons, "persons")
    conversations = count(incident.support_conversations, "support_conversations")
    long_term = count(incident.long_term_support, "long_term_support")
    values = {
        "occurred_on": incident.occurred_on,
        "exploitation_form": one_of(incident.exploitation_form, content.vocab_keys("exploitation_forms"), "exploitation_form"),
        "reporting_sector": one_of(incident.reporting_sector, content.vocab_keys("sectors"), "sector"),
        "police_contacted": bool(incident.police_contacted),
        "social_services_contacted": bool(incident.social_services_contacted),
        "persons": persons,
        "support_conversations": conversations,
        "long_term_support": long_term,
        "referrals": count(incident.referrals, "referrals"),
        "note": note,
    }
    with unit_of_work(engine, workspace_id) as uow:
        row = Incident(workspace_id=workspace_id, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("incident.add", incident_id=row.id)
        incident_id = row.id
    return incident_id, support_warnings(persons, conversations, long_term)


def remove_incident(engine: Engine, workspace_id: int, incident_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(Incident, incident_id, "unknown_incident", "incident.remove")


YEAR_KEYS = ["workspace_id", "year"]


def _upsert_year(session: Session, workspace_id: int, year: int, values: dict[str, object]) -> None:
    row = {"workspace_id": workspace_id, "year": year, "updated_at": utcnow(), **values}
    upsert(session, YearlyStatistic, row, YEAR_KEYS, [*values, "updated_at"])


def _clean_year(values: dict[str, int | None]) -> dict[str, int | None]:
    unknown = [k for k in values if k not in SERIES]
    if unknown:
        raise InputError("not_allowed", field="series", field_label="series", value=unknown[0])
    return {k: None if v is None else count(v, k) for k, v in values.items()}


def set_year(
    engine: Engine,
    workspace_id: int,
    year: int,
    values: dict[str, int | None],
    preliminary: bool | None = None,
    today: date | None = None,
    source: str = "manual",
    loaded: Mapping[str, Any] | None = None,
) -> list[str]:
    """Hand-entered totals for one year; a series left out (or None) keeps what is stored, and so
    does *preliminär* when `preliminary` is None (a new year starts final).

    With `loaded` (the year's values when the form was opened) only what the person changed is
    written, and EditConflict is raised when someone else saved one of those fields meanwhile.
    Returns warnings; refuses bad input before writing anything.
    """
    check_year(year, today)
    given: dict[str, Any] = {k: v for k, v in _clean_year(values).items() if v is not None}
    if preliminary is not None:
        given["preliminary"] = bool(preliminary)
    with unit_of_work(engine, workspace_id) as uow:
        session = uow.session
        row = session.scalar(select(YearlyStatistic).where(YearlyStatistic.workspace_id == workspace_id, YearlyStatistic.year == year))
        if row is not None:
            lock_row(session, YearlyStatistic, row.id)
            session.refresh(row)
        stored = year_fields(row)
        writes, conflicts = merge(loaded, given, stored)
        if conflicts:
            raise EditConflict(conflicts)
        merged = {**stored, **writes}
        _upsert_year(session, workspace_id, year, {**merged, "preliminary": bool(merged["preliminary"]), "source": source})
        uow.audit("statistics.year", year=year, source=source)
    return support_warnings(merged.get("persons"), merged.get("support_conversations"), merged.get("long_term_support"))


def year_fields(row: YearlyStatistic | None) -> dict[str, Any]:
    """One year's entered totals and its *preliminär* flag, as a form shows them (None: not entered)."""
    if row is None:
        return {**dict.fromkeys(SERIES), "preliminary": False}
    return {**{s: getattr(row, s) for s in SERIES}, "preliminary": bool(row.preliminary)}


def stored_year(engine: Engine, workspace_id: int, year: int) -> dict[str, Any]:
    """What is stored for one year (see `year_fields`)."""
    with session_scope(engine) as session:
        return year_fields(
            session.scalar(select(YearlyStatistic).where(YearlyStatistic.workspace_id == workspace_id, YearlyStatistic.year == year))
        )


def set_preliminary(engine: Engine, workspace_id: int, year: int, preliminary: bool, today: date | None = None) -> None:
    """Mark a year preliminary (also a year that comes from the log), keeping its totals."""
    check_year(year, today)
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.scalar(select(YearlyStatistic).where(YearlyStatistic.workspace_id == workspace_id, YearlyStatistic.year == year))
        if row is None:
            uow.session.add(YearlyStatistic(workspace_id=workspace_id, year=year, preliminary=preliminary, source="flag"))
        else:
            row.preliminary = preliminary
        uow.audit("statistics.preliminary", year=year, preliminary=preliminary)


def load_manual(engine: Engine, workspace_id: int) -> pd.DataFrame:
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                YearlyStatistic.year, *(getattr(YearlyStatistic, s) for s in SERIES), YearlyStatistic.preliminary, YearlyStatistic.source
            )
            .where(YearlyStatistic.workspace_id == workspace_id)
            .order_by(YearlyStatistic.year)
        ).all()
    return pd.DataFrame(rows, columns=["year", *SERIES, "preliminary", "source"])


def load_log_yearly(engine: Engine, workspace_id: int) -> pd.DataFrame:
    """The log summed per year in the database (one GROUP BY, however long the log)."""
    year = extract("year", Incident.occurred_on).label("year")
    query = (
        select(
            year,
            func.count(Incident.id),
            func.sum(Incident.persons),
            func.sum(Incident.support_conversations),
            func.sum(Incident.long_term_support),
        )
        .where(Incident.workspace_id == workspace_id, Incident.deleted_at.is_(None))
        .group_by(year)
        .order_by(year)
    )
    with session_scope(engine) as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=["year", *SERIES])
    return frame.astype({"year": int, **{s: int for s in SERIES}}) if not frame.empty else frame


def yearly_series(manual: pd.DataFrame, log: pd.DataFrame) -> pd.DataFrame:
    """Pure: one row per year; the log is the source for the years it covers, totals elsewhere."""
    logged = {int(r.year): r for r in log.itertuples()}
    entered = {int(r.year): r for r in manual.itertuples()}
    rows = []
    for year in sorted(set(logged) | set(entered)):
        manual_row = entered.get(year)
        has_totals = manual_row is not None and any(pd.notna(getattr(manual_row, s)) for s in SERIES)
        source_row = logged.get(year)
        if source_row is not None:
            source = "log"
        elif has_totals and manual_row is not None:
            source_row, source = manual_row, manual_row.source
        else:
            continue  # only a flag, no numbers
        values = {s: None if pd.isna(getattr(source_row, s)) else int(getattr(source_row, s)) for s in SERIES}
        rows.append(
            {
                "year": year,
                **values,
                "preliminary": bool(manual_row.preliminary) if manual_row is not None else False,
                "source": source,
                "manual_too": source == "log" and has_totals,
            }
        )
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    return frame.astype({s: "Int64" for s in SERIES}) if not frame.empty else frame


def change_from_previous(series: pd.DataFrame) -> pd.DataFrame:
    """Pure: per year and series the value, the previous year's and the change (absolute and %)."""
    rows = []
    previous: dict[str, Any] = {}  # the previous row's cells (pandas scalars or NA)
    expected_year = None
    for row in series.itertuples():
        for key in SERIES:
            value = getattr(row, key)
            before = previous.get(key) if expected_year == row.year else None
            change = None if pd.isna(value) or before is None or pd.isna(before) else int(value) - int(before)
            percent = None if change is None or not before else round(100 * change / int(before), 1)
            rows.append({"year": row.year, "series": key, "value": value, "previous": before, "change": change, "change_pct": percent})
        previous = {key: getattr(row, key) for key in SERIES}
        expected_year = row.year + 1
    return pd.DataFrame(rows, columns=["year", "series", "value", "previous", "change", "change_pct"])


def breakdown(engine: Engine, workspace_id: int, by: str) -> pd.DataFrame:
    """Incidents and persons per year and form of exploitation or reporting sector (from the log)."""
    column = {"exploitation_form": Incident.exploitation_form, "reporting_sector": Incident.reporting_sector}[by]
    year = extract("year", Incident.occurred_on).label("year")
    query = (
        select(year, column, func.count(Incident.id), func.sum(Incident.persons))
        .where(Incident.workspace_id == workspace_id, Incident.deleted_at.is_(None))
        .group_by(year, column)
        .order_by(year, column)
    )
    with session_scope(engine) as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=["year", "category", "incidents", "persons"])
    return frame.astype({"year": int, "incidents": int, "persons": int}) if not frame.empty else frame


def suppress(value: SupportsInt | None, threshold: int) -> SupportsInt | str | None:
    """A count between 1 and threshold-1 becomes '<threshold' (0 and unknown – None or NA – stay as they are)."""
    if value is None or pd.isna(value):
        return value
    return f"<{threshold}" if 0 < int(value) < threshold else int(value)


def suppressed(frame: pd.DataFrame, columns: list[str], threshold: int) -> pd.DataFrame:
    """Pure: a copy for sharing, with small counts in `columns` suppressed."""
    shared = frame.copy()
    for column in columns:
        shared[column] = shared[column].astype(object).map(lambda v: suppress(v, threshold))
    return shared


def hide_for_sharing(table: pd.DataFrame, threshold: int, value: str = "incidents") -> pd.DataFrame:
    """Pure: which breakdown cells to hide so no small count can be worked out (column `hidden`).

    Small counts (1..threshold-1) are hidden. Because each year's total is shown elsewhere, a hidden
    cell could be derived as the total minus the visible ones – also when two or more are hidden and
    each reads "<threshold" (two hidden summing to 4 under "<3" are 2 and 2): per year, more of the
    smallest visible cells are hidden until no hidden cell has a single possible value (the rule of
    `sharing.apply_counts`, the same for every shared table).
    """
    from sff_core.outputs.sharing import hidden_in_breakdown

    table = table.copy()
    table["hidden"] = False
    for _, rows in table.groupby("year"):
        flags = hidden_in_breakdown([float(v) for v in rows[value]], threshold)
        table.loc[[index for index, flag in zip(rows.index, flags, strict=True) if flag], "hidden"] = True
    return table


def series_values(engine: Engine, workspace_id: int, series_key: str) -> dict[int, int | None]:
    """One series' actual values per year – what a step 6 goal's yearly targets are compared with."""
    if series_key not in SERIES:
        raise InputError("not_allowed", field="series", field_label="series", value=series_key)
    return all_series_values(engine, workspace_id)[series_key]


def all_series_values(engine: Engine, workspace_id: int) -> dict[str, dict[int, int | None]]:
    """Every series' values per year from one read of the log and the entered figures (a plan with
    several linked delmål reads the statistics once, not once per delmål)."""
    table = yearly_series(load_manual(engine, workspace_id), load_log_yearly(engine, workspace_id))
    return {key: {int(r.year): None if pd.isna(getattr(r, key)) else int(getattr(r, key)) for r in table.itertuples()} for key in SERIES}


def _header_map(columns: list[str]) -> dict[str, str]:
    known = dict(IMPORT_HEADERS)
    for lang in LANGUAGES:
        for key, label in series_labels(lang, short=True).items():
            known[label.lower()] = key
        for key, label in series_labels(lang).items():
            known[label.lower()] = key
    known.update({key: key for key in SERIES})
    return {c: known[c.strip().lower()] for c in columns if c.strip().lower() in known}


def parse_import(frame: pd.DataFrame, today: date | None = None) -> tuple[dict[int, dict[str, Cell]], list[str]]:
    """Validate a file of yearly totals; InputError names the row and column. Returns years and warnings.

    Only the cells that hold a value are returned: an empty cell, or a column the file lacks, means
    "leave what is stored". `preliminary` is there only when the file says ja/nej.
    """
    columns = [str(c) for c in frame.columns]
    mapped = _header_map(columns)
    unknown = [c for c in columns if c not in mapped]
    if "year" not in mapped.values() or not set(mapped.values()) & set(SERIES) or unknown:
        labels = series_labels(short=True)
        raise InputError(
            "import_columns",
            field="file",
            found=", ".join(columns) or "–",
            expected="år, " + ", ".join(labels[s] for s in SERIES) + ", preliminär (ja/nej)",
        )
    year_column = next(c for c, k in mapped.items() if k == "year")
    years: dict[int, dict[str, Cell]] = {}
    warnings: list[str] = []
    for number, year, cells in year_rows(frame, year_column, lambda y: check_year(y, today)):
        parsed: dict[str, Cell | None] = {}
        for column, key in mapped.items():
            if key in SERIES:
                parsed[key] = cell_int(cells[column], number, column)
            elif key == "preliminary":
                parsed[key] = cell_yes_no(cells[column], number, column)
        years[year] = {k: v for k, v in parsed.items() if v is not None}
        warnings += [
            f"{year}: {w}"
            for w in support_warnings(parsed.get("persons"), parsed.get("support_conversations"), parsed.get("long_term_support"))
        ]
    return years, warnings


IMPORT_FIELDS = (*SERIES, "preliminary")


def _stored_years(session: Session, workspace_id: int, years: list[int], lock: bool = False) -> dict[int, YearlyStatistic]:
    query = select(YearlyStatistic).where(YearlyStatistic.workspace_id == workspace_id, YearlyStatistic.year.in_(years))
    return {row.year: row for row in session.scalars(query.with_for_update() if lock else query)}


def _stored_value(rows: dict[int, YearlyStatistic], year: int, key: str) -> Cell | None:
    row = rows.get(year)
    if key == "preliminary":
        return bool(row.preliminary) if row is not None else False  # no row: not marked preliminary
    return getattr(row, key) if row is not None else None


def preview_years(engine: Engine, workspace_id: int, data: bytes, filename: str, today: date | None = None) -> ImportPreview:
    """What importing the file would change (old → new), writing nothing; InputError for a bad file.

    Warnings are about the years as they would be after the import (file values over stored ones).
    """
    frame = read_table(data, filename)
    years, _ = parse_import(frame, today)
    columns = {key: column for column, key in _header_map([str(c) for c in frame.columns]).items()}
    with session_scope(engine) as session:
        rows = _stored_years(session, workspace_id, sorted(years))
        stored = {(y, k): _stored_value(rows, y, k) for y in years for k in IMPORT_FIELDS}
    warnings = []
    for year, values in years.items():
        merged = {k: values.get(k, stored[(year, k)]) for k in SERIES}
        warnings += [
            f"{year}: {w}" for w in support_warnings(merged["persons"], merged["support_conversations"], merged["long_term_support"])
        ]
    return cells_to_compare(years, columns, lambda y, k: stored[(y, k)], filename, warnings)


def apply_years(engine: Engine, workspace_id: int, preview: ImportPreview) -> int:
    """Write exactly the previewed changes in one transaction; returns how many cells were written.

    Refuses, writing nothing, when any value the preview showed is stored differently now (another
    browser saved in between): the user previews again instead of overwriting it unseen.
    """
    with unit_of_work(engine, workspace_id) as uow:
        rows = _stored_years(uow.session, workspace_id, preview.years, lock=True)
        refuse_stale(preview, lambda y, k: _stored_value(rows, y, k))
        changed_years = sorted({c.year for c in preview.changes})
        for year in changed_years:
            values = {c.key: c.new for c in preview.changes if c.year == year}
            source = "import" if set(values) & set(SERIES) else None  # only the flag: the numbers keep their source
            row = rows.get(year)
            if row is None:
                new = {"workspace_id": workspace_id, "year": year, "source": source or "flag", "updated_at": utcnow(), **values}
                created = uow.upsert(YearlyStatistic, new, YEAR_KEYS, returning=YearlyStatistic.id)
                if created.first() is None:  # saved by someone else since the check above
                    raise InputError("import_stale", field="file", cells=str(year))
                continue
            for key, value in values.items():
                setattr(row, key, value)
            if source:
                row.source = source
        if preview.changes:
            uow.audit("statistics.import", years=changed_years, file=preview.filename[:120], changes=len(preview.changes))
    return len(preview.changes)


def import_years(engine: Engine, workspace_id: int, data: bytes, filename: str, today: date | None = None) -> tuple[int, list[str]]:
    """Preview and apply at once (all or nothing); returns the number of years in the file and warnings."""
    preview = preview_years(engine, workspace_id, data, filename, today)
    apply_years(engine, workspace_id, preview)
    return len(preview.years), preview.warnings


def template_csv(lang: str = "sv") -> bytes:
    labels = series_labels(lang, short=True)
    header = ["år", *[labels[s] for s in SERIES], "preliminär"]
    return pd.DataFrame(columns=header).to_csv(index=False, sep=";").encode("utf-8-sig")


def export_csv(series: pd.DataFrame, threshold: int | None, lang: str = "sv") -> bytes:
    """The yearly series as CSV; with a threshold, small counts suppressed for sharing outside the core group."""
    table = suppressed(series, list(SERIES), threshold) if threshold else series
    labels = series_labels(lang, short=True)
    table = table.rename(columns={**labels, "year": "år", "preliminary": "preliminär", "source": "källa"})
    table = table.drop(columns=["manual_too"], errors="ignore")
    return csv_bytes(table)
