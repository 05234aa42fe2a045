"""Parsers of extra content fields (`Exercise.fields`): the raw YAML value and its path -> the typed value.

Each raises `ContentError` naming the path, as the content loader does for the generic fields.
"""

from __future__ import annotations

from typing import Any

from sff_core.config import LANGUAGES
from sff_core.content import Option, Text
from sff_core.errors import ContentError

CONTENT = "data/content"


def _fail(path: str, problem: str) -> ContentError:
    return ContentError(CONTENT, path, problem)


def text_field(raw: Any, path: str) -> Text:
    """A required text in every language ({sv: …, en: …})."""
    if not isinstance(raw, dict):
        raise _fail(path, "ska vara en text med 'sv' och 'en'")
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise _fail(f"{path}.{lang}", "saknas eller är tom")
    return {lang: raw[lang].strip() for lang in LANGUAGES}


def optional_text_field(raw: Any, path: str) -> Text | None:
    """A text that may be left out."""
    return None if raw is None else text_field(raw, path)


def texts_field(raw: Any, path: str) -> tuple[Text, ...]:
    """A list of texts (none when left out)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(path, "ska vara en lista")
    return tuple(text_field(item, f"{path}[{i}]") for i, item in enumerate(raw))


def options_field(raw: Any, path: str) -> tuple[Option, ...]:
    """A list of choices, each {key: …, label: {sv, en}}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(path, "ska vara en lista")
    options = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise _fail(f"{path}[{i}]", "ska vara en mappning med 'key' och 'label'")
        options.append(Option(item["key"], text_field(item.get("label"), f"{path}.{item['key']}.label")))
    return tuple(options)
