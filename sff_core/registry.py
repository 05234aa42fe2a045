"""One registry of exercises: every answer shape and every `handler:` named in the content.

The exercises are plugins: every module in `sff_core/exercises/` that defines `EXERCISE` (or
`EXERCISES`, a tuple) registers it, the app's own exercises exactly as a new one would (datasette's
default plugins). The hooks an exercise may give are declared once, in `sff_core/exercises/spec.py`.
A handler named in content that is not registered is a ContentError at load time, never a silent
fallback: content checks handlers and extra fields against the types handed to it here
(`content.use_exercises`), so content does not import this module. The Streamlit side mirrors the
folder: `sff_core/ui/exercises/<name>.py` declares an `ExerciseUI` under the same name where the
generic form and results view do not serve.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import Any

import sff_core.exercises as plugins
from sff_core import content
from sff_core.exercises.spec import Exercise

_TYPES: dict[str, Exercise] = {}


def _types() -> dict[str, Exercise]:
    """Every exercise plugin by name, discovered on first use (the exercise modules import results,
    which imports content: importing them here at module level would run before content is ready)."""
    if not _TYPES:
        found: dict[str, Exercise] = {}
        for info in pkgutil.iter_modules(plugins.__path__):
            module = import_module(f"{plugins.__name__}.{info.name}")
            declared = (*getattr(module, "EXERCISES", ()), *([module.EXERCISE] if hasattr(module, "EXERCISE") else []))
            for plugin in declared:
                if plugin.name in found:
                    raise ValueError(f"exercise type {plugin.name!r} is registered twice")
                found[plugin.name] = plugin
        _TYPES.update(found)
    return _TYPES


def exercise_type(name: str) -> Exercise | None:
    return _types().get(name)


def registered_names() -> set[str]:
    return set(_types())


def type_of(section: Any) -> Exercise:
    """The registered type of a content section: its handler, else its shape."""
    found = _types().get(section.handler or section.shape)
    if found is None:  # content refuses unknown names at load, so this is a programming error
        raise KeyError(section.handler or section.shape)
    return found


content.use_exercises(_types)  # content checks handlers and extra fields against these (it does not import this module)
