"""Page render time: every page through AppTest on the demo workspace, as a ratio to a hello page.

Both are measured in the same run on the same machine: the baseline is a one-line page
(bench/hello_page.py) and each page is a full run of app.py on that page as it opens (step
pages show one exercise at a time; `?section=all` opens every exercise and is printed too).
Median of N runs; the hello page is run again between a page's runs and each page's ratio is to those
(a shared VM drifts by a third within a minute). Target: every page at most 3x the hello page.

    python bench/page_render.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TARGET = 3.0
PAGES = (
    ["pages/overview.py", "pages/core_group.py", "pages/statistics.py"]
    + [f"pages/step_{n}.py" for n in range(8)]
    + ["pages/workspaces.py", "pages/about.py"]
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="sff-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.db"

    from apptest_timing import hello_page_seconds, median_seconds, page_seconds, paired_ratio

    from sff_core.demo import seed_demo
    from sff_core.store.db import get_engine

    workspace = seed_demo(get_engine())
    assert workspace is not None

    titles: dict[str, str] = {}

    def page_run(page: str, section: str | None = None):  # type: ignore[no-untyped-def]
        def run() -> float:
            elapsed, at = page_seconds(workspace.id, page, {"section": section} if section else None)
            assert not section or len(at.subheader) >= 3, "section=all did not open every exercise"
            titles[page] = at.title[0].value if at.title else "(no title)"
            return elapsed

        return run

    baseline = median_seconds(hello_page_seconds, args.runs)
    print(f"hello page (baseline): {baseline * 1000:.1f} ms (median of {args.runs})")
    worst = 0.0
    for page in PAGES:
        seconds, ratio = paired_ratio(page_run(page), args.runs)
        worst = max(worst, ratio)
        flag = "ok" if ratio <= TARGET else "OVER TARGET"
        print(f"{page:28s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {flag:11s} [{titles[page][:40]}]")
    print(f"worst ratio: {worst:.2f}x (target <= {TARGET:.1f}x)")
    print("step pages opened with every exercise at once (?section=all):")
    for page in (p for p in PAGES if p.startswith("pages/step_")):
        seconds, ratio = paired_ratio(page_run(page, "all"), args.runs)
        flag = "ok" if ratio <= TARGET else "over 3x"
        print(f"{page + ' (all)':28s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {flag}")
    step7_views(workspace.id, args.runs)
    return 0


def step7_views(workspace_id: int, runs: int) -> None:
    """Step 7's two heavy exercises on their own: the routine (flowchart, steps, versions, cards) and the
    ambition levels (both distributions), on the laptop and on the wall (projector mode)."""
    from apptest_timing import page_seconds, paired_ratio

    print("step 7 exercises on their own, on the laptop and on the wall:")
    for section, projector in (("rutin", False), ("utvecklingsnivaer", False), ("rutin", True), ("utvecklingsnivaer", True)):
        query = {"section": section, **({"projector": "1"} if projector else {})}
        seconds, ratio = paired_ratio(lambda q=query: page_seconds(workspace_id, "pages/step_7.py", q)[0], runs)  # type: ignore[misc]
        label = f"step_7 {section}{' (wall)' if projector else ''}"
        print(f"{label:28s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {'ok' if ratio <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    sys.exit(main())
