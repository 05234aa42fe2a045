"""Page render time: every page through AppTest on the demo workspace, as a ratio to a hello page.

Both are measured in the same run on the same machine: the baseline is a one-line page
(bench/hello_page.py) and each page is a full run of app.py on that page as it opens (step
pages show one exercise at a time; `?section=all` opens every exercise and is printed too).
Median of N runs. Target: every page at most 3x the hello page.

    python bench/page_render.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 3.0
PAGES = ["pages/overview.py", "pages/core_group.py", "pages/statistics.py"] + [
    f"pages/step_{n}.py" for n in range(8)] + ["pages/workspaces.py", "pages/about.py"]


def _median_seconds(sample, runs: int) -> float:
    """Median of `runs` samples; `sample()` returns the seconds of the part it measures."""
    sample()  # warm-up: imports, caches, the engine
    return statistics.median(sample() for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="sff-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.db"

    from streamlit.testing.v1 import AppTest

    from sff_core.db import get_engine
    from sff_core.demo import seed_demo

    workspace = seed_demo(get_engine())
    assert workspace is not None

    def hello() -> float:
        at = AppTest.from_file(str(ROOT / "bench" / "hello_page.py"), default_timeout=60)
        started = time.perf_counter()
        at.run()
        return time.perf_counter() - started

    titles: dict[str, str] = {}

    def page_run(page: str, section: str | None = None):  # type: ignore[no-untyped-def]
        def run() -> float:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            at.session_state["workspace_id"] = workspace.id
            if page != "pages/overview.py":
                at.session_state["next_page"] = page
            if section:
                at.query_params["section"] = section
            started = time.perf_counter()
            at.run()  # opening the page, as a user does
            elapsed = time.perf_counter() - started
            assert not section or len(at.subheader) >= 3, "section=all did not open every exercise"
            assert not at.exception, at.exception
            titles[page] = at.title[0].value if at.title else "(no title)"
            return elapsed
        return run

    baseline = _median_seconds(hello, args.runs)
    print(f"hello page (baseline): {baseline * 1000:.1f} ms (median of {args.runs})")
    worst = 0.0
    for page in PAGES:
        seconds = _median_seconds(page_run(page), args.runs)
        ratio = seconds / baseline
        worst = max(worst, ratio)
        flag = "ok" if ratio <= TARGET else "OVER TARGET"
        print(f"{page:28s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {flag:11s} [{titles[page][:40]}]")
    print(f"worst ratio: {worst:.2f}x (target <= {TARGET:.1f}x)")
    print("step pages opened with every exercise at once (?section=all):")
    for page in (p for p in PAGES if p.startswith("pages/step_")):
        seconds = _median_seconds(page_run(page, "all"), args.runs)
        ratio = seconds / baseline
        flag = "ok" if ratio <= TARGET else "over 3x"
        print(f"{page + ' (all)':28s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
