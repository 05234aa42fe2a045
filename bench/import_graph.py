"""The shape of the house: folders, modules, import cycles and arrows running back up.

Reads every module of `sff_core` with the AST (module-level AND function-level imports, and
`import_module("sff_core....")` strings; not the imports under `if TYPE_CHECKING:`, which never run),
then prints:

- modules and lines per folder;
- the import cycles: strongly connected components of more than one module, counting every import;
- arrows that run back up: an import from a lower role to a higher one. The roles, top to bottom:
  ui (Streamlit) > outputs (documents, workbook, wall screens, sharing, the registry, the exercise
  plugins, results blocks and charts) > services (the domain, one module per feature) > base
  (content, i18n, configuration, errors, text checks, privacy checks) > store (engine, models, unit of
  work, audit) > foundation (configuration, errors, i18n, YAML reading). Inside `ui/` the arrows are
  not counted (Streamlit pages call each other).

    python bench/import_graph.py [--root .] [--verbose]

Run it on two commits (e.g. in a `git worktree`) to compare before and after.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROLES = {"ui": 5, "outputs": 4, "services": 3, "base": 2, "store": 1, "foundation": 0}
# Modules whose role is not told by their folder (the flat layout before issue 21 had no folders).
OUTPUTS = {
    "results",
    "charts",
    "report",
    "report_render",
    "workbook",
    "spreadsheet",
    "wall_screens",
    "routine_card",
    "mapping_snapshot",
    "sharing",
    "documents",
    "knowledge_results",
    "plan_results",
    "routine_results",
    "step6_results",
    "registry",
    "exercises",
}
BASE = {
    "__init__",
    "content",
    "links",
    "topics",
    "validation",
    "personal_data",
    "name_scrub",
    "names",
    "tabular",
    "work_format",
}
STORE = {"db", "models", "uow", "audit", "concurrency"}
FOUNDATION = {"config", "errors", "i18n", "yaml_files"}


def role(module: str) -> str:
    """The role of a module `sff_core.a.b` by its folder, else by its name."""
    parts = module.split(".")[1:]
    if not parts:
        return "base"
    head = parts[0]
    if head == "ui":
        return "ui"
    if head in ("outputs", "exercises"):
        return "outputs"
    if head == "store":
        return "store"
    if head == "privacy":
        return "base" if parts[-1] in BASE else "services"
    name = parts[-1] if len(parts) > 1 and head not in OUTPUTS | BASE | STORE | FOUNDATION else head
    if name in OUTPUTS:
        return "outputs"
    if name in STORE:
        return "store"
    if name in FOUNDATION:
        return "foundation"
    if name in BASE or name == "__main__":
        return "base" if name != "__main__" else "ui"
    return "services"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, module: str, known: set[str]) -> set[str]:
    """Every sff_core module this file imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def add(name: str) -> None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)

    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }  # imports under `if TYPE_CHECKING:` never run
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                add(candidate if candidate in known else base)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("sff_core."):
            add(node.value.partition(":")[0])
    return {name for name in found if name.startswith("sff_core")}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    sys.setrecursionlimit(10000)

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    root = Path(args.root)
    files = {module_name(p, root): p for p in sorted((root / "sff_core").rglob("*.py"))}
    known = set(files)
    graph = {module: imports_of(path, module, known) for module, path in files.items()}

    folders: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in files.values():
        folder = str(path.parent.relative_to(root))
        folders[folder][0] += 1
        folders[folder][1] += len(path.read_text(encoding="utf-8").splitlines())
    print("folder                          modules   lines")
    for folder, (count, lines) in sorted(folders.items()):
        print(f"{folder:32}{count:7}{lines:8}")
    print(f"{'all':32}{len(files):7}{sum(v[1] for v in folders.values()):8}")

    found = cycles(graph)
    print(f"\nimport cycles (every import counted): {len(found)}")
    for component in found:
        print(f"  {len(component)} modules: {', '.join(m.removeprefix('sff_core.') for m in component)}")

    upward = [
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if ROLES[role(target)] > ROLES[role(source)] and role(source) != "ui"
    ]
    print(f"\narrows running back up (outside ui/): {len(upward)}")
    by_pair: dict[tuple[str, str], int] = defaultdict(int)
    for source, target in upward:
        by_pair[(role(source), role(target))] += 1
    for (low_role, high_role), count in sorted(by_pair.items()):
        print(f"  {low_role} -> {high_role}: {count}")
    if args.verbose:
        for source, target in sorted(upward):
            print(f"    {source} -> {target}")
    print(f"\nimport arrows in all: {sum(len(t) for t in graph.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
