"""One translation helper for every UI string: `t(key, lang, **params)`.

UI strings live in data/i18n.yaml as `key: {sv: ..., en: ...}`. Handbook text lives in the
content files and is picked with `text(obj, lang)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from sff_core.config import DATA_DIR, DEFAULT_LANGUAGE, LANGUAGES
from sff_core.yaml_files import read_yaml_file

I18N_FILE = DATA_DIR / "i18n.yaml"


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    raw = read_yaml_file(I18N_FILE) or {}
    return _flatten(raw)


def _flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, dict[str, str]]:
    flat: dict[str, dict[str, str]] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping) and set(value) <= set(LANGUAGES) and "sv" in value:
            flat[full] = {lang: str(value.get(lang) or value["sv"]) for lang in LANGUAGES}
        elif isinstance(value, Mapping):
            flat.update(_flatten(value, f"{full}."))
    return flat


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The UI string `key` in `lang`; an unknown key returns the key itself (tests catch those)."""
    entry = _strings().get(key)
    if entry is None:
        return key
    template = entry[normalise_language(lang)]
    return template.format(**params) if params else template


def has_key(key: str) -> bool:
    return key in _strings()


def text(obj: Mapping[str, str] | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Pick the language from a content text `{sv: ..., en: ...}` (Swedish as fallback)."""
    if not obj:
        return ""
    return obj.get(normalise_language(lang)) or obj.get("sv", "")
