"""Step 2 'Offentligt material': reported offences per year for the municipality (Brå's categories).

Entered by hand or imported from CSV/Excel. These are *reported* offences, not prevalence.
An import is all-or-nothing: any bad cell names its row and column and nothing is stored. It is
previewed first (old → new) and then writes only the cells that change; empty cells change nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.store.concurrency import EditConflict, merge
from sff_core.store.db import session_scope
from sff_core.store.models import OffenceCount, utcnow
from sff_core.store.uow import unit_of_work, upsert
from sff_core.tabular import ImportPreview, cell_int, cells_to_compare, read_table, refuse_stale, year_rows
from sff_core.validation import count as validation_count

STEP, SECTION = "step2", "offentligt_material"
YEAR_RANGE = (1990, 2100)
YEAR_HEADERS = ("år", "ar", "year")


def offence_categories() -> dict[str, dict[str, str]]:
    section = get_content().require_section(STEP, SECTION)
    return {p.key: p.text for p in section.prompts}


def check_year(year: object, today: date | None = None) -> int:
    latest = (today or date.today()).year
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_RANGE[0] <= year <= latest:
        raise InputError("year_range", field="year", value=year, low=YEAR_RANGE[0], high=latest)
    return year


CELL_KEYS = ["workspace_id", "year", "category"]


def _upsert(session: Session, workspace_id: int, year: int, category: str, count: int, source: str) -> None:
    values = {"workspace_id": workspace_id, "year": year, "category": category, "count": count, "source": source, "updated_at": utcnow()}
    upsert(session, OffenceCount, values, CELL_KEYS, ["count", "source", "updated_at"])


def set_counts(
    engine: Engine,
    workspace_id: int,
    year: int,
    counts: dict[str, int | None],
    today: date | None = None,
    source: str = "manual",
    loaded: Mapping[str, int | None] | None = None,
) -> int:
    """Store one year's counts (None leaves a category out); validated before anything is written.

    With `loaded` (the year's counts when the form was opened) only the counts the person changed are
    written, and EditConflict is raised when someone else saved one of them meanwhile.
    """
    check_year(year, today)
    categories = offence_categories()
    cleaned = {}
    for category, count in counts.items():
        if category not in categories:
            raise InputError("not_allowed", field="category", field_label="category", value=category)
        if count is None:
            continue
        cleaned[category] = validation_count(count, text(categories[category]))
    with unit_of_work(engine, workspace_id) as uow:
        writes, conflicts = merge(loaded, cleaned, _year_counts(uow.session, workspace_id, year))
        if conflicts:
            raise EditConflict(conflicts)
        for category, count in writes.items():
            _upsert(uow.session, workspace_id, year, category, count, source)
        uow.audit("offences.set", year=year, source=source)
    return len(writes)


def _year_counts(session: Session, workspace_id: int, year: int) -> dict[str, int | None]:
    rows = session.execute(
        select(OffenceCount.category, OffenceCount.count).where(OffenceCount.workspace_id == workspace_id, OffenceCount.year == year)
    ).all()
    stored = {category: count for category, count in rows}
    return {category: stored.get(category) for category in offence_categories()}


def year_counts(engine: Engine, workspace_id: int, year: int) -> dict[str, int | None]:
    """One year's stored count per category (None: not entered), as the form shows them."""
    with session_scope(engine) as session:
        return _year_counts(session, workspace_id, year)


def load_counts(engine: Engine, workspace_id: int) -> pd.DataFrame:
    with session_scope(engine) as session:
        rows = session.execute(
            select(OffenceCount.year, OffenceCount.category, OffenceCount.count, OffenceCount.source)
            .where(OffenceCount.workspace_id == workspace_id)
            .order_by(OffenceCount.year, OffenceCount.category)
        ).all()
    return pd.DataFrame(rows, columns=["year", "category", "count", "source"])


def wide_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Pure: one row per year, one column per category (content order)."""
    categories = list(offence_categories())
    if counts.empty:
        return pd.DataFrame(columns=["year", *categories])
    table = counts.pivot_table(index="year", columns="category", values="count", aggfunc="sum")
    return table.reindex(columns=categories).reset_index()


def _header_map(columns: list[str]) -> dict[str, str]:
    """File header -> category key; a header may be the key or the Swedish/English label."""
    known = {}
    for key, label in offence_categories().items():
        for name in (key, label["sv"], label["en"]):
            known[name.strip().lower()] = key
    return {column: known[column.strip().lower()] for column in columns if column.strip().lower() in known}


def parse_import(frame: pd.DataFrame, today: date | None = None) -> dict[int, dict[str, int | None]]:
    """Validate a wide table (år + category columns); InputError names the row and column.

    An empty cell is None: "no value – leave what is stored", never "set to empty".
    """
    columns = [str(c) for c in frame.columns]
    year_column = next((c for c in columns if c.strip().lower() in YEAR_HEADERS), None)
    mapped = _header_map(columns)
    unknown = [c for c in columns if c != year_column and c not in mapped]
    if year_column is None or not mapped or unknown:
        raise InputError(
            "import_columns",
            field="file",
            found=", ".join(columns) or "–",
            expected="år, " + ", ".join(text(label) for label in offence_categories().values()),
        )
    return {
        year: {mapped[c]: cell_int(cells[c], number, c) for c in mapped}
        for number, year, cells in year_rows(frame, year_column, lambda y: check_year(y, today))
    }


def _stored_cells(
    session: Session,
    workspace_id: int,
    years: list[int],
    lock: bool = False,
) -> dict[tuple[int, str], OffenceCount]:
    query = select(OffenceCount).where(OffenceCount.workspace_id == workspace_id, OffenceCount.year.in_(years))
    return {(row.year, row.category): row for row in session.scalars(query.with_for_update() if lock else query)}


def _stored_count(rows: dict[tuple[int, str], OffenceCount], year: int, category: str) -> int | None:
    row = rows.get((year, category))
    return row.count if row is not None else None


def preview_counts(engine: Engine, workspace_id: int, data: bytes, filename: str, today: date | None = None) -> ImportPreview:
    """What importing the file would change (old → new), writing nothing; InputError for a bad file."""
    frame = read_table(data, filename)
    years = parse_import(frame, today)
    columns = {key: column for column, key in _header_map([str(c) for c in frame.columns]).items()}
    with session_scope(engine) as session:
        rows = _stored_cells(session, workspace_id, sorted(years))
        stored = {cell: row.count for cell, row in rows.items()}
    return cells_to_compare(years, columns, lambda y, k: stored.get((y, k)), filename)


def apply_counts(engine: Engine, workspace_id: int, preview: ImportPreview) -> int:
    """Write exactly the previewed changes in one transaction; returns how many cells were written.

    Refuses, writing nothing, when any value the preview showed is stored differently now.
    """
    with unit_of_work(engine, workspace_id) as uow:
        rows = _stored_cells(uow.session, workspace_id, preview.years, lock=True)
        refuse_stale(preview, lambda y, k: _stored_count(rows, y, k))
        for change in preview.changes:
            row = rows.get((change.year, change.key))
            if row is not None:
                row.count, row.source = int(change.new), "import"
                continue
            values = {"workspace_id": workspace_id, "year": change.year, "category": change.key, "count": int(change.new)}
            created = uow.upsert(OffenceCount, {**values, "source": "import", "updated_at": utcnow()}, CELL_KEYS, returning=OffenceCount.id)
            if created.first() is None:  # saved by someone else since the check above
                raise InputError("import_stale", field="file", cells=f"{change.year} {change.column}")
        if preview.changes:
            uow.audit(
                "offences.import",
                years=sorted({c.year for c in preview.changes}),
                file=preview.filename[:120],
                changes=len(preview.changes),
            )
    return len(preview.changes)


def import_counts(engine: Engine, workspace_id: int, data: bytes, filename: str, today: date | None = None) -> int:
    """Preview and apply at once (all or nothing); returns the number of years in the file."""
    preview = preview_counts(engine, workspace_id, data, filename, today)
    apply_counts(engine, workspace_id, preview)
    return len(preview.years)
