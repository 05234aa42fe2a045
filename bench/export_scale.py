"""How export and reports scale with the data: the demo workspace ×1, ×10, ×100.

For each size the demo gets (factor - 1) times more of what grows in a real process: core-group
answers (members answering readiness and the yes/no exercises in more work sessions), outside
actors' indicator surveys, incidents in the statistics log and post-it notes. Then it times the
backup (`sff_core.backup`), the workbook (`sff_core.outputs.workbook`) and the process report (model, HTML,
Word and PDF, chart images included), each printed as a ratio to the ×1 time measured in the same run,
beside the ratio of the data (rows). Target: cost grows no faster than the data.

    python bench/export_scale.py [--factors 1 10 100] [--formats html docx pdf]
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def grow(engine, workspace_id: int, factor: int) -> None:  # type: ignore[no-untyped-def]
    """(factor - 1) times more answers, surveys, incidents and notes, written in bulk."""
    from sqlalchemy import insert

    from sff_core.demo import DEMO_STEP1_DAY, DEMO_TODAY, FIRST_SESSION
    from sff_core.store.db import session_scope
    from sff_core.store.models import Incident, IndicatorSurvey, Note, Response

    rng = random.Random(factor)
    extra = factor - 1
    if extra <= 0:
        return
    readiness = ("behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet")
    responses, surveys, incidents, notes = [], [], [], []
    for copy in range(extra):
        day = FIRST_SESSION - timedelta(days=1 + copy)  # before the demo's own sessions: never the same answer twice
        for person in range(6):
            respondent = "group" if person == 0 else f"member:{person}"
            responses += [
                {
                    "workspace_id": workspace_id,
                    "step_key": "step0",
                    "section_key": "redo",
                    "prompt_key": key,
                    "respondent": respondent,
                    "session_date": day,
                    "value_int": rng.randint(1, 5),
                    "text": "(Exempel) kommentar",
                }
                for key in readiness
            ]
        surveys += [
            {
                "workspace_id": workspace_id,
                "organisation": f"Verksamhet {copy}-{n}",
                "sector": rng.choice(["hotell", "taxi", "polis", "socialtjanst", "skola"]),
                "surveyed_on": day,
                "method": "link",
                "answers": {f"s{k:02d}": rng.randint(1, 5) for k in range(1, 13)},
                "submission_key": f"bench-{copy}-{n}",
            }
            for n in range(3)
        ]
        incidents += [
            {
                "workspace_id": workspace_id,
                "occurred_on": date(rng.randint(2019, DEMO_TODAY.year - 1), rng.randint(1, 12), rng.randint(1, 28)),  # never ahead
                "exploitation_form": rng.choice(["sexual", "labour", "begging", "criminal"]),
                "reporting_sector": rng.choice(["polis", "socialtjanst", "ideburen"]),
                "persons": 1,
            }
            for _ in range(7)
        ]
        notes += [
            {
                "workspace_id": workspace_id,
                "step_key": "step1",
                "section_key": "modig_miljo",
                "prompt_key": rng.choice(["fraga_1", "fraga_2"]),
                "session_date": DEMO_STEP1_DAY,
                "respondent": "group",
                "text": f"(Exempel) lapp {copy}-{n}",
                "submission_key": f"bench-note-{copy}-{n}",
            }
            for n in range(3)
        ]
    with session_scope(engine) as session:
        for model, rows in ((Response, responses), (IndicatorSurvey, surveys), (Incident, incidents), (Note, notes)):
            for start in range(0, len(rows), 5000):
                session.execute(insert(model), rows[start : start + 5000])


def row_count(engine, workspace_id: int) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from sff_core.store.db import session_scope
    from sff_core.store.models import Base

    total = 0
    with session_scope(engine) as session:
        for table in Base.metadata.sorted_tables:
            if "workspace_id" in table.c:
                total += int(session.scalar(select(func.count()).select_from(table).where(table.c.workspace_id == workspace_id)) or 0)
    return total


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measurements(engine, workspace_id: int, formats: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from sff_core.outputs import report, report_render
    from sff_core.outputs.sharing import sharing_level

    sharing = sharing_level(engine, workspace_id, False)
    results: dict[str, float] = {}
    built: list[report.Report] = []
    results["report model"] = timed(lambda: built.append(report.process_report(engine, workspace_id, sharing)))
    for output_format in formats:
        results[f"report {output_format}"] = timed(lambda f=output_format: report_render.render(built[0], f))
    backup = _optional("sff_core.backup", "export_workspace")
    if backup is not None:
        results["backup"] = timed(lambda: backup(engine, workspace_id))
    workbook = _optional("sff_core.outputs.workbook", "workbook_bytes")
    if workbook is not None:
        results["workbook"] = timed(lambda: workbook(engine, workspace_id, sharing))
    return results


def _optional(module: str, name: str) -> Callable[..., object] | None:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--formats", nargs="*", default=["html", "docx", "pdf"])
    args = parser.parse_args()
    table: dict[int, tuple[int, dict[str, float]]] = {}
    for factor in args.factors:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='sff-export-')}/bench.db"
        from sff_core.demo import seed_demo
        from sff_core.store import db

        engine = db.make_engine(os.environ["DATABASE_URL"])
        db.migrate(engine)
        workspace = seed_demo(engine)
        assert workspace is not None
        grow(engine, workspace.id, factor)
        if not table:  # the first size is measured twice: imports, content and caches warm up in the first
            measurements(engine, workspace.id, args.formats)
        table[factor] = (row_count(engine, workspace.id), measurements(engine, workspace.id, args.formats))
        engine.dispose()
    base_rows, base = table[args.factors[0]]
    print(f"{'size':>6} {'rows':>8} {'rows ×':>7}  " + "  ".join(f"{name:>14}" for name in base))
    for factor, (rows, times) in table.items():
        cells = "  ".join(f"{times[name]:6.2f}s {times[name] / base[name]:5.1f}×" for name in base)
        print(f"×{factor:<5} {rows:>8} {rows / base_rows:6.1f}×  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
