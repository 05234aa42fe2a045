"""The Streamlit side of the exercises: one module per exercise, mirroring sff_core/exercises/.

Every module in this package that defines `UI` (an `ExerciseUI`, see `spec.py`) or `UIS` (a tuple)
registers it under the exercise's name; no entry is needed where the generic form, results view
and phone widget serve. The package imports its modules only when the entries are first asked for,
so any UI module may import a module of this package without a cycle.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from sff_core.ui.exercises.spec import ExerciseUI

__all__ = ["ExerciseUI", "exercise_ui", "ui_entries"]

_ENTRIES: dict[str, ExerciseUI] = {}


def _discover() -> dict[str, ExerciseUI]:
    declared: dict[str, ExerciseUI] = {}
    for info in pkgutil.iter_modules(__path__):
        module = import_module(f"{__name__}.{info.name}")
        for entry in (*getattr(module, "UIS", ()), *([module.UI] if hasattr(module, "UI") else [])):
            if entry.name in declared:
                raise ValueError(f"exercise UI {entry.name!r} is declared twice")
            declared[entry.name] = entry
    return declared


def ui_entries() -> dict[str, ExerciseUI]:
    """Every declared exercise UI by name (the modules are imported on the first call)."""
    if not _ENTRIES:
        _ENTRIES.update(_discover())
    return _ENTRIES


def exercise_ui(name: str) -> ExerciseUI:
    """The UI entry of an exercise (an entry with no hooks, i.e. all generic, when none is declared)."""
    return ui_entries().get(name) or ExerciseUI(name)
