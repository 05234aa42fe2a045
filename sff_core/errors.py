"""Errors the service layer raises for bad input; they carry a message for the user."""

from __future__ import annotations


class InputError(ValueError):
    """Input the user can fix. `str(error)` is the Swedish message; `message(lang)` translates.

    `field` names what to fix so a page can point at it. Services raise this before writing,
    so nothing already stored is touched.
    """

    def __init__(self, key: str, field: str | None = None, **params: object) -> None:
        self.key = key
        self.field = field
        self.params = params
        super().__init__(self.message("sv"))

    def message(self, lang: str = "sv") -> str:
        from sff_core.i18n import has_key, t

        params = dict(self.params)
        label = params.get("field_label")
        if isinstance(label, str) and has_key(f"field.{label}"):
            params["field_label"] = t(f"field.{label}", lang)
        return t(f"error.{self.key}", lang, **params)


class ContentError(RuntimeError):
    """A content file under data/content is broken; the message names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        super().__init__(f"Innehållsfilen {file} är trasig vid '{key}': {problem}")
