"""pytest plugin: CPU time of the pytest process per test (set-up + call + teardown), robust against a loaded machine.

Use: `python -m pytest -p bench.cputime_plugin ...`; the summary goes to the terminal and, with
SFF_CPU_REPORT=path, one line per test (seconds, node id) to that file. Under xdist each worker reports its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Generator

import pytest

_cpu: dict[str, float] = {}
_wall: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    _cpu[item.nodeid] = time.process_time() - cpu
    _wall[item.nodeid] = time.perf_counter() - wall


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With SFF_CPU_REPORT=path: one line per test (CPU s, wall s, node id) to path + the xdist worker's name."""
    report = os.environ.get("SFF_CPU_REPORT")
    if report and _cpu:
        with open(f"{report}{os.environ.get('PYTEST_XDIST_WORKER', '')}", "w", encoding="utf-8") as handle:
            for nodeid, seconds in sorted(_cpu.items()):
                handle.write(f"{seconds:.3f}\t{_wall[nodeid]:.3f}\t{nodeid}\n")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _cpu:  # under xdist the workers have the figures: see SFF_CPU_REPORT
        return
    total = sum(_cpu.values())
    terminalreporter.write_line(
        f"CPU (pytest process) over {len(_cpu)} tests: {total:.1f} s; wall inside tests {sum(_wall.values()):.1f} s; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    for nodeid, seconds in sorted(_cpu.items(), key=lambda kv: -kv[1])[:15]:
        terminalreporter.write_line(f"  {seconds:7.2f} s CPU  {_wall[nodeid]:7.2f} s wall  {nodeid}")
