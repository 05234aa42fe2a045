"""How the Nätverksstatistik page scales with the incident log.

The page is opened through AppTest on the demo workspace with its own log (~70 incidents) and
then with 10,000 more incidents, each as a ratio to a one-line hello page measured in the same
run (median of N). Target: the same 3x as every other page.

    python bench/statistics_scale.py [--incidents 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='sff-stat-')}/bench.db"

    from apptest_timing import hello_page_seconds, median_seconds, page_seconds
    from sqlalchemy import insert

    from sff_core.demo import seed_demo
    from sff_core.store.db import get_engine, session_scope
    from sff_core.store.models import Incident

    engine = get_engine()
    workspace = seed_demo(engine)
    assert workspace is not None

    def page() -> float:
        elapsed, at = page_seconds(workspace.id, "pages/statistics.py")
        assert at.title[0].value == "Nätverksstatistik"
        return elapsed

    baseline = median_seconds(hello_page_seconds, args.runs)
    demo = median_seconds(page, args.runs)
    rng = random.Random(1)
    forms = ["sexual", "labour", "begging", "criminal", "domestic", "other"]
    sectors = ["polis", "socialtjanst", "ideburen", "naringsliv", "region_halsa", "skola", "bostadsbolag", "annan"]
    rows = [
        {
            "workspace_id": workspace.id,
            "occurred_on": date(rng.randint(2017, 2025), rng.randint(1, 12), rng.randint(1, 28)),
            "exploitation_form": rng.choice(forms),
            "reporting_sector": rng.choice(sectors),
            "police_contacted": rng.random() < 0.5,
            "social_services_contacted": rng.random() < 0.5,
            "persons": rng.randint(1, 3),
            "support_conversations": rng.randint(0, 4),
            "long_term_support": rng.randint(0, 1),
            "referrals": rng.randint(0, 1),
            "note": "",
        }
        for _ in range(args.incidents)
    ]
    with session_scope(engine) as session:
        session.execute(insert(Incident), rows)
    large = median_seconds(page, args.runs)
    print(f"hello page (baseline): {baseline * 1000:.1f} ms (median of {args.runs})")
    print(f"statistics page, demo log:               {demo * 1000:7.1f} ms  {demo / baseline:5.2f}x")
    print(f"statistics page, demo log + {args.incidents:,} incidents: {large * 1000:7.1f} ms  {large / baseline:5.2f}x (target <= 3.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
