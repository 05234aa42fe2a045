"""The register of personal data (issue 14): which columns can hold a person's name or contact detail.

The models mark such a column with ``info={"personal": KIND}`` in its ``mapped_column(...)``; this
module reads the marks from the metadata, so the register is built from the models themselves and a
new column is in it the moment it is marked. What each column is for, who sees it and how long it is
kept are content (data/content/privacy.yaml), read by :func:`load_register`.

Kinds:
- ``name``: a person's name (a core-group member, a live participant who gives a name, a task owner…);
- ``contact``: a phone number, e-mail address or contact route of a person or a function;
- ``free_text``: text where someone may have typed a name despite the warnings;
- ``organisation``: an organisation that may identify a small respondent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import MetaData

KINDS = ("name", "contact", "free_text", "organisation")


@dataclass(frozen=True)
class PersonalColumn:
    """One marked column: ``table.column`` holds personal data of this kind."""

    table: str
    column: str
    kind: str

    @property
    def key(self) -> str:
        return f"{self.table}.{self.column}"


def personal_columns(metadata: MetaData | None = None) -> list[PersonalColumn]:
    """Every column marked ``info={"personal": KIND}``, in table order then column order.

    An unknown kind is a programming error in the models and raises ValueError at once."""
    if metadata is None:
        from sff_core.models import Base

        metadata = Base.metadata
    found: list[PersonalColumn] = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            kind = column.info.get("personal")
            if kind is None:
                continue
            if kind not in KINDS:
                raise ValueError(f"{table.name}.{column.name}: unknown personal kind {kind!r}")
            found.append(PersonalColumn(table.name, column.name, kind))
    return found
