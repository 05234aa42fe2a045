"""Leaks and over-suppression in the demo's shared step 2, step 7 and process reports (the report model
that Word, PDF and HTML render), issue 20 (sharing 1, 2, 5).

    DATABASE_URL=sqlite:////tmp/demo.db python -m sff_core init-db && ... seed-demo
    python bench/sharing_leaks.py sqlite:////tmp/demo.db

Per report it prints:
- figure_small_n: cells with 0 < n (or yes/no) < threshold in the data of a chart the shared report draws;
- means_beside_hidden_n: a mean or median printed in a row whose n is hidden;
- derivable_cells: rows where exactly one of yes/no, or of the ad origins, is hidden beside a shown total;
- over_suppressed: "<N" under Nr, Plats or Söktillfällen, and routine flowcharts dropped;
- contradicting_note: the note saying the per-occasion ad log is core-group only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sff_core.outputs import report
from sff_core.outputs.results import FigureBlock, NoteBlock, TableBlock  # noqa: E402
from sff_core.outputs.sharing import sharing_level  # noqa: E402
from sff_core.store import db
from sff_core.store.models import Workspace  # noqa: E402

ORIGINS = ("Sverige", "EU", "Utanför EU", "Okänt")


def hidden(value: object) -> bool:
    return isinstance(value, str) and (value.startswith("<") or value in ("dolt", "–"))


def frames(args: tuple[object, ...]) -> Iterator[pd.DataFrame]:
    yield from (a for a in args if isinstance(a, pd.DataFrame))


def _small(frame: pd.DataFrame, threshold: int) -> int:
    counted = [c for c in ("n", "yes", "no") if c in frame.columns]
    return sum(int(frame[c].apply(lambda v: isinstance(v, int | float) and 0 < v < threshold).sum()) for c in counted)


def _row(row: pd.Series, columns: list[str]) -> tuple[int, int, int]:
    """(means beside a hidden n, derivable cells, over-suppressed cells) in one table row."""
    means = (
        sum(1 for c in columns if c != "n" and isinstance(row[c], float) and not pd.isna(row[c]))
        if "n" in columns and hidden(row["n"])
        else 0
    )
    derivable = 0
    if {"yes", "no", "answered"} <= set(columns) and not hidden(row["answered"]):
        derivable += int(sum(hidden(row[c]) for c in ("yes", "no")) == 1)
    if {"Antal annonser", "Sverige"} <= set(columns) and not hidden(row["Antal annonser"]):
        derivable += int(sum(hidden(row[c]) for c in ORIGINS if c in columns) == 1)
    over = sum(1 for c in ("Nr", "Plats", "Söktillfällen", "occasions") if c in columns and hidden(row[c]))
    return means, derivable, over


def measure(built: report.Report, internal: report.Report) -> dict[str, int]:
    threshold = built.sharing.threshold
    found = dict(figure_small_n=0, means_beside_hidden_n=0, derivable_cells=0, over_suppressed=0, contradicting_note=0)
    blocks = [b for p in built.parts if p.results for b in p.results.blocks]
    for block in blocks:
        if isinstance(block, FigureBlock):
            found["figure_small_n"] += sum(_small(f, threshold) for f in frames(block.args))
        if isinstance(block, NoteBlock) and "per webbsida och söktillfälle" in block.text:
            found["contradicting_note"] += 1
        if isinstance(block, TableBlock):
            for _, row in block.table.iterrows():
                means, derivable, over = _row(row, list(block.table.columns))
                found["means_beside_hidden_n"] += means
                found["derivable_cells"] += derivable
                found["over_suppressed"] += over

    def flows(made: report.Report) -> int:
        return sum(
            1 for p in made.parts if p.results for b in p.results.blocks if isinstance(b, FigureBlock) and b.builder == "routine_flowchart"
        )

    found["over_suppressed"] += flows(internal) - flows(built)
    return found


def main(url: str) -> None:
    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.slug == "exempelstad")).one().id
    makers = {
        "step 2": lambda level: report.step_report(engine, workspace, 2, level),
        "step 7": lambda level: report.step_report(engine, workspace, 7, level),
        "process": lambda level: report.process_report(engine, workspace, level),
    }
    for name, make in makers.items():
        shared, internal = make(sharing_level(engine, workspace, True)), make(sharing_level(engine, workspace, False))
        print(name, measure(shared, internal))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/a1/demo.db")
