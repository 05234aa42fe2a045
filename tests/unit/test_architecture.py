"""The shape of the package, machine-checked (issue 21): no import cycles among sff_core's modules
once the imports inside functions count, and no module naming an exercise it does not own.

Both scans read the source (ast), so a lazy import inside a function is an arrow like any other;
imports under `if TYPE_CHECKING:` are not (they never run). What remains of today's debt is listed
below, each entry with why it is there: the lists only shrink (an entry that is no longer needed
fails the test too, so it is removed when its reason goes).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from sff_core.registry import registered_names
from tests.conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "sff_core"

# Import arrows that close a cycle today (importer, imported). Without them the graph has no cycle.
ALLOWED_CYCLE_EDGES: frozenset[tuple[str, str]] = frozenset(
    {
        # statistics.hide_for_sharing asks sharing.hidden_in_breakdown; sharing uses statistics.suppress(ed).
        ("sff_core.statistics", "sff_core.outputs.sharing"),
        # errors.InputError.message translates with i18n, which reads YAML, whose reader raises ContentError.
        ("sff_core.errors", "sff_core.i18n"),
    }
)

# The answer shapes are a generic vocabulary of the content (`shape: text`), not one exercise's key.
SHAPES = frozenset({"info", "yes_no", "score", "text", "checklist", "levels", "postits"})

# Modules that name an exercise they do not own, today (module path, exercise name). Some are names
# that only look alike (a table called "routine"); the lasting fix there is a different name.
ALLOWED_NAMES: frozenset[tuple[str, str]] = frozenset(
    {
        # table and column names of the backup format that share an exercise's name
        ("sff_core/backup.py", "icebreaker"),
        ("sff_core/backup.py", "indicator_survey"),
        ("sff_core/backup.py", "marketing"),
        ("sff_core/backup.py", "mindmap"),
        ("sff_core/backup.py", "plan"),
        # table names (the backup's checks per table)
        ("sff_core/backup_checks.py", "indicator_survey"),
        ("sff_core/backup_checks.py", "mapping_plan"),
        ("sff_core/backup_checks.py", "routine"),
        # the demo seeds the SWOT's section (its section key is 'swot')
        ("sff_core/demo.py", "swot"),
        # table names
        ("sff_core/store/models.py", "communication_plan"),
        ("sff_core/store/models.py", "indicator_survey"),
        ("sff_core/store/models.py", "mapping_plan"),
        ("sff_core/store/models.py", "network_event"),
        ("sff_core/store/models.py", "routine"),
        # the plan links SWOT post-its: the SWOT's section key and an error field
        ("sff_core/plan.py", "swot"),
        # block key (moves with the marketing exercise, h-ex67)
        ("sff_core/outputs/plan_results.py", "marketing"),
        # a key of step 2's mapping parts the prerequisites check (the ad log's rows)
        ("sff_core/prerequisites.py", "ad_log"),
    }
)


def _modules() -> dict[str, Path]:
    modules = {}
    for file in PACKAGE.rglob("*.py"):
        parts = list(file.relative_to(PROJECT_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = file
    return modules


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The nodes under `if TYPE_CHECKING:` (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for statement in node.body for inner in ast.walk(statement)}
    return skipped


def _imported(node: ast.AST, modules: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in modules)
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            if full in modules:
                yield full
            elif node.module in modules:
                yield node.module


def import_graph() -> dict[str, set[str]]:
    """Every sff_core module's imports of other sff_core modules, at any depth of the file."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, file in modules.items():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        found = {target for node in ast.walk(tree) if id(node) not in skipped for target in _imported(node, modules)}
        graph[name] = found - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_lazy_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def _without_allowed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {source: {t for t in targets if (source, t) not in ALLOWED_CYCLE_EDGES} for source, targets in graph.items()}


def test_no_import_cycles_among_sff_core_modules_counting_function_level_imports():
    assert cycles(_without_allowed(import_graph())) == []


def test_each_allowed_import_arrow_still_closes_a_cycle():
    """The list only shrinks: an arrow that is gone, or closes no cycle any more, leaves it."""
    graph = import_graph()
    edges = {(source, target) for source, targets in graph.items() for target in targets}
    assert ALLOWED_CYCLE_EDGES <= edges, f"no longer imported, remove from the list: {sorted(ALLOWED_CYCLE_EDGES - edges)}"
    remaining = _without_allowed(graph)
    for edge in sorted(ALLOWED_CYCLE_EDGES):
        with_edge = {source: targets | ({edge[1]} if source == edge[0] else set()) for source, targets in remaining.items()}
        assert any(edge[0] in c and edge[1] in c for c in cycles(with_edge)), f"{edge} closes no cycle any more: remove it"


def _own_modules(name: str) -> set[str]:
    """Where an exercise may be named: its plugin, its UI module, its same-named service module."""
    return {f"sff_core/exercises/{name}.py", f"sff_core/ui/exercises/{name}.py", f"sff_core/{name}.py"}


def exercise_names_named() -> set[tuple[str, str]]:
    """(module path, exercise name) for every string literal in sff_core equal to a registered exercise's
    name outside that exercise's own modules."""
    names = registered_names() - SHAPES
    found = set()
    for file in PACKAGE.rglob("*.py"):
        path = file.relative_to(PROJECT_ROOT).as_posix()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                if path not in _own_modules(node.value):
                    found.add((path, node.value))
    return found


def test_no_module_names_an_exercise_it_does_not_own():
    named = exercise_names_named()
    assert named <= ALLOWED_NAMES, sorted(named - ALLOWED_NAMES)


def test_each_allowed_exercise_name_is_still_named():
    """The list only shrinks: a module that no longer names the exercise leaves it."""
    named = exercise_names_named()
    assert ALLOWED_NAMES <= named, f"no longer named, remove from the list: {sorted(ALLOWED_NAMES - named)}"
