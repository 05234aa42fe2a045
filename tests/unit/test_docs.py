"""The documentation keeps up with the code (datasette's test_docs): every registered exercise type, each
extra content field it takes and every hook of the exercise plugin spec is documented in SCHEMA.md, and
SCHEMA.md documents no exercise type that is not registered."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sff_core.exercises.spec import Exercise
from sff_core.registry import exercise_type, registered_names

SCHEMA = Path(__file__).resolve().parents[2] / "data" / "content" / "SCHEMA.md"


def _chapter(markdown: str, title: str) -> str:
    """The text of one `## title` chapter, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"SCHEMA.md has no chapter '## {title}'"
    return match.group(1)


def documented_exercises(markdown: str) -> dict[str, str]:
    """Exercise name -> the text of its `#### \\`name\\`` entry in the chapter 'Exercise types'."""
    chapter = _chapter(markdown, "Exercise types")
    parts = re.split(r"^#### `([a-z_]+)`\n", chapter, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def documented_hooks(markdown: str) -> set[str]:
    """The hooks listed as table rows (`| \\`hook\\` | …`) in the chapter 'Exercise plugin hooks'."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", _chapter(markdown, "Exercise plugin hooks"), re.MULTILINE))


@pytest.fixture(scope="module")
def schema() -> str:
    return SCHEMA.read_text(encoding="utf-8")


def test_every_registered_exercise_is_documented(schema: str) -> None:
    missing = registered_names() - set(documented_exercises(schema))
    assert not missing, f"exercise types registered but not documented in SCHEMA.md: {sorted(missing)}"


def test_schema_documents_only_registered_exercises(schema: str) -> None:
    unknown = set(documented_exercises(schema)) - registered_names()
    assert not unknown, f"SCHEMA.md documents exercise types that are not registered: {sorted(unknown)}"


@pytest.mark.parametrize("name", sorted(registered_names()))
def test_extra_fields_are_documented(schema: str, name: str) -> None:
    found = exercise_type(name)
    assert found is not None
    entry = documented_exercises(schema).get(name, "")
    undocumented = sorted(f for f in found.fields if f"`{f}`" not in entry)
    assert not undocumented, f"extra content fields of {name!r} not documented under its entry in SCHEMA.md: {undocumented}"


def test_every_plugin_hook_is_documented(schema: str) -> None:
    hooks = {f.name for f in dataclasses.fields(Exercise)}
    missing = hooks - documented_hooks(schema)
    assert not missing, f"Exercise hooks (sff_core/exercises/spec.py) not documented in SCHEMA.md: {sorted(missing)}"
    stale = documented_hooks(schema) - hooks
    assert not stale, f"SCHEMA.md documents hooks that spec.Exercise does not have: {sorted(stale)}"


def test_the_parser_finds_entries_and_hooks() -> None:
    markdown = "## Exercise types\n#### `a`\ntakes `x`\n#### `b`\n## Exercise plugin hooks\n| `name` | str |\n## Other\n#### `c`\n"
    assert documented_exercises(markdown) == {"a": "takes `x`\n", "b": ""}
    assert documented_hooks(markdown) == {"name"}
