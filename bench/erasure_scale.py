"""How erasing one person scales with the workspace: the demo workspace ×1, ×10, ×100.

Each size grows the demo as bench/export_scale.py does (answers, surveys, incidents, post-its), plus one
post-it per copy that names the person, then times `sff_core.erasure.erase_person` for a core-group member
(Anna Exempel): the scan of every text/JSON column of the workspace, the updates, and on SQLite the WAL
checkpoint (and VACUUM only if the name's bytes were still in the file), on PostgreSQL the VACUUM (FULL,
ANALYZE) of every table the erasure changed. For comparison it also times a
forced VACUUM of the file afterwards, and the access report before. Times are printed with their ratio to
×1 measured in the same run, beside the ratio of the data (rows).

    python bench/erasure_scale.py [--factors 1 10 100] [--repeat 3] [--url postgresql+psycopg://…/bench_db]

Without --url each size gets a new SQLite file; with --url the (PostgreSQL) database is emptied and
migrated for each size – never point it at a database you need.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PERSON = "Anna Exempel"


def named_notes(engine, workspace_id: int, factor: int) -> None:  # type: ignore[no-untyped-def]
    """One post-it per copy that names the person (free text the facilitator must not miss)."""
    from sqlalchemy import insert

    from sff_core.demo import DEMO_STEP1_DAY
    from sff_core.store.db import session_scope
    from sff_core.store.models import Note

    rows = [
        {
            "workspace_id": workspace_id,
            "step_key": "step1",
            "section_key": "modig_miljo",
            "prompt_key": "fraga_1",
            "session_date": DEMO_STEP1_DAY,
            "respondent": "group",
            "text": f"(Exempel) fråga {PERSON} om kontakten {copy}",
            "submission_key": f"bench-named-{copy}",
        }
        for copy in range(factor)
    ]
    with session_scope(engine) as session:
        session.execute(insert(Note), rows)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _engine(url: str | None):  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from sff_core.store import db
    from sff_core.store.models import Base

    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='sff-erasure-')}/bench.db"
        engine = db.make_engine(url)
    else:
        engine = db.make_engine(url)
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.migrate(engine)
    return engine


def measure(url: str | None, factor: int) -> tuple[int, dict[str, float], str]:
    from export_scale import grow, row_count

    from sff_core.demo import seed_demo
    from sff_core.privacy import erasure

    engine = _engine(url)
    workspace = seed_demo(engine)
    assert workspace is not None
    grow(engine, workspace.id, factor)
    named_notes(engine, workspace.id, factor)
    rows = row_count(engine, workspace.id)
    times: dict[str, float] = {}
    times["access"], _ = timed(lambda: erasure.access_report(engine, workspace.id, PERSON))
    times["erasure"], result = timed(lambda: erasure.erase_person(engine, workspace.id, PERSON))
    assert isinstance(result, erasure.ErasureResult)
    detail = f"{result.pseudonym}, {result.fields} fields, file clean: {result.file_clean}, vacuumed: {result.vacuumed}"
    detail += f", left to check: {len(result.unresolved)}, PostgreSQL tables rewritten: {len(result.vacuumed_tables)}"
    if engine.dialect.name == "sqlite":
        database = Path(str(engine.url.database))
        detail += f", file {database.stat().st_size / 1e6:.1f} MB"

        def vacuum() -> None:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM")
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

        times["forced VACUUM"], _ = timed(vacuum)
    engine.dispose()
    return rows, times, detail


def median_of(runs: list[tuple[int, dict[str, float], str]]) -> tuple[int, dict[str, float], str]:
    """The median of each time over fresh runs of one size (two cores shared: one run is noisy)."""
    times = {name: statistics.median(run[1][name] for run in runs) for name in runs[0][1]}
    return runs[0][0], times, runs[0][2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="fresh runs per size; the median time is printed")
    parser.add_argument("--url", default=None, help="a PostgreSQL URL to empty and use (default: a new SQLite file per size)")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    measure(args.url, args.factors[0])  # warm-up: imports, content and caches
    table = {factor: median_of([measure(args.url, factor) for _ in range(args.repeat)]) for factor in args.factors}
    base_rows, base, _ = table[args.factors[0]]
    print(f"{'size':>6} {'rows':>8} {'rows ×':>7}  " + "  ".join(f"{name:>16}" for name in base))
    for factor, (rows, times, detail) in table.items():
        cells = "  ".join(f"{times[name]:7.3f}s {times[name] / base[name]:6.1f}×" for name in base)
        print(f"×{factor:<5} {rows:>8} {rows / base_rows:6.1f}×  {cells}   ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
