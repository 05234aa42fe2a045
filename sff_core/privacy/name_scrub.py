"""People's names in free text, replaced in everything shared outside the core group.

A document or workbook *for sharing outside the core group* must not name anybody, also where a
name was typed into free text: an answer, a post-it, a task, the plan's or the routine's texts, a
reflection ("Anna bokar lokal; Bilals kontakt på hotellet"). `NameScrubber` knows the workspace's
people – core-group members, candidates and live participants who gave a name, also those removed
since (their names may still stand in old answers) – and replaces in any text:

* a whole name ("Anna Berg") by the person's organisation (or "en medlem" when none is known);
* a single part of it alone ("Anna", "Berg") by that organisation where every known person with
  that part has the same one, else by "en medlem". A part that is also a word of an organisation's
  or an actor's name ("Exempel" in "Hotell Exempel") is left alone: replacing it would damage the
  organisation's name, and the whole name is still replaced;
* in any case ("ANNA", "anna"), NFC or NFD spelling (the text comes back NFC), and with the Swedish
  genitive ("Annas", "Anna Bergs", "Anna's", "Lars'"): the replacement then takes the genitive too.

Only whole words match ("Evakuering" keeps its "Eva"). One regular expression is compiled per
workspace, so the cost grows with the text, not with the number of people. `scrubbed` applies it
to any value a document is built from (results blocks, tables, a chart's inputs, a report), so the
text, the tables and the chart data (the HTML's embedded Plotly JSON) all agree.

A lone name part that is also a common Swedish word (`data/content/common_words.yaml`: "per",
"bo", "berg", "lind" …) is replaced only when written with a capital letter, so "3 per år" stays as
it is while "Per ringer" becomes "en medlem ringer"; every other lone part is replaced in any case
("ring åsa"). A full name is replaced however it is written.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pandas as pd
from sqlalchemy import Engine, Select, select

from sff_core.config import content_dir
from sff_core.errors import ContentError
from sff_core.i18n import t
from sff_core.store.db import session_scope
from sff_core.yaml_files import read_yaml_file

if TYPE_CHECKING:
    from sff_core.outputs.sharing import SharingLevel

T = TypeVar("T")

PARTICLES = frozenset({"af", "al", "bin", "da", "de", "del", "den", "der", "di", "du", "el", "ibn", "la", "le", "van", "von", "zu"})
MIN_PART = 2  # a lone initial ("A.") is not a name
GENITIVE = r"(?:s|[’']s?)?"  # Annas, Anna's, Lars'
SPACE = r"[\s\u00a0\u202f]+"  # a full name may break over a line or a non-breaking space
COMMON_WORDS_FILE = "common_words.yaml"


def common_words() -> frozenset[str]:
    """Words that are also names: a lone name part among them counts only when capitalised."""
    return _common_words(str(content_dir()))


@functools.lru_cache(maxsize=4)
def _common_words(directory: str) -> frozenset[str]:
    raw = read_yaml_file(Path(directory) / COMMON_WORDS_FILE)
    words = raw.get("words") if isinstance(raw, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ContentError(COMMON_WORDS_FILE, "words", "ska vara en lista med ord")
    return frozenset(_key(w) for w in words)


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    organisation: str = ""


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _key(value: str) -> str:
    """How a name is compared: NFC, case-folded, single spaces."""
    return " ".join(_nfc(value).casefold().split())


class NameScrubber:
    """Replaces every known person's name in a text; callable on a string, `value` on anything."""

    def __init__(
        self,
        people: Iterable[Person],
        fallback: str,
        organisation_words: Iterable[str] = (),
        words: frozenset[str] | None = None,
    ) -> None:
        self.fallback = fallback
        self.words = common_words() if words is None else words
        reserved = {_key(w) for name in organisation_words for w in re.findall(r"\w+", _nfc(name))}
        replacements: dict[str, str] = {}
        by_part: dict[str, set[str]] = {}
        for person in people:
            full = _key(person.name)
            if not full:
                continue
            organisation = " ".join(person.organisation.split())
            if full in replacements and replacements[full] != (organisation or fallback):
                replacements[full] = fallback  # two people of one name in two organisations
            else:
                replacements.setdefault(full, organisation or fallback)
            for part in re.findall(r"\w+", full):
                if len(part) >= MIN_PART and part not in PARTICLES and part not in reserved and part != full:
                    by_part.setdefault(part, set()).add(organisation or fallback)
        for part, organisations in by_part.items():
            replacements.setdefault(part, organisations.pop() if len(organisations) == 1 else fallback)
        self.replacements = replacements
        self.pattern = self._compile(replacements)

    @staticmethod
    def _compile(replacements: dict[str, str]) -> re.Pattern[str] | None:
        names = sorted(replacements, key=len, reverse=True)  # "anna berg" before "anna"
        if not names:
            return None
        alternatives = "|".join(SPACE.join(re.escape(word) for word in name.split()) for name in names)
        return re.compile(rf"(?<!\w)({alternatives})({GENITIVE})(?!\w)", re.IGNORECASE)

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._replace, _nfc(text))

    def _replace(self, match: re.Match[str]) -> str:
        typed = match.group(1)
        if typed[:1].islower() and _key(typed) in self.words:
            return match.group(0)  # "3 per år": the word, not Per
        new = self.replacements.get(_key(typed), self.fallback)
        if match.group(2):
            return new if new.endswith(("s", "x", "z")) else new + "s"
        return new

    def value(self, value: Any) -> Any:
        """Any value a document is built from, with every text in it scrubbed (a copy; the same
        value when nothing needs it): strings, tables (cells and headers), tuples, lists, dicts and
        dataclasses (results blocks, a report and its parts) – recursively."""
        if isinstance(value, str):
            return self(value)
        if self.pattern is None or value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, pd.DataFrame):
            return self._frame(value)
        if isinstance(value, pd.Series):
            return value.map(self.value).rename(self.value(value.name))
        if isinstance(value, tuple | list):
            items = [self.value(v) for v in value]
            return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self.value(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **changes)
        return value

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        scrubbed = frame.copy()
        scrubbed.columns = pd.Index([self.value(c) for c in frame.columns])
        for index in range(scrubbed.shape[1]):
            column = scrubbed.iloc[:, index]
            if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
                scrubbed.isetitem(index, column.map(self.value))
            elif isinstance(column.dtype, pd.CategoricalDtype):
                scrubbed.isetitem(index, column.astype(object).map(self.value))
        if scrubbed.index.dtype == object:
            scrubbed.index = pd.Index([self.value(i) for i in scrubbed.index], name=scrubbed.index.name)
        return scrubbed


def known_people(engine: Engine, workspace_id: int) -> list[Person]:
    """Everyone the workspace has a name for: members, candidates and named live participants,
    removed ones included."""
    from sff_core.store.models import Candidate, LiveActivity, Member, Participant

    queries: list[Select[Any]] = [
        select(Member.name, Member.organisation).where(Member.workspace_id == workspace_id),
        select(Candidate.name, Candidate.organisation).where(Candidate.workspace_id == workspace_id),
        select(Participant.display_name, Participant.organisation)
        .join(LiveActivity, LiveActivity.id == Participant.activity_id)
        .where(LiveActivity.workspace_id == workspace_id, Participant.display_name.is_not(None)),
    ]
    with session_scope(engine) as session:
        rows: list[tuple[str | None, str | None]] = [(row[0], row[1]) for query in queries for row in session.execute(query).all()]
    return [Person(name, organisation or "") for name, organisation in rows if name and name.strip()]


def organisation_names(engine: Engine, workspace_id: int) -> list[str]:
    """Organisations and actors the workspace names: their words are not taken for a lone name part.
    (A live participant's organisation is whatever was typed on a phone, so it does not count.)"""
    from sff_core.store.models import Actor, Candidate, IndicatorSurvey, Member, Workspace

    with session_scope(engine) as session:
        names = [
            *session.scalars(select(Member.organisation).where(Member.workspace_id == workspace_id)),
            *session.scalars(select(Candidate.organisation).where(Candidate.workspace_id == workspace_id)),
            *session.scalars(select(Actor.name).where(Actor.workspace_id == workspace_id)),
            *session.scalars(select(IndicatorSurvey.organisation).where(IndicatorSurvey.workspace_id == workspace_id)),
            *session.scalars(select(Workspace.city).where(Workspace.id == workspace_id)),
            *session.scalars(select(Workspace.municipality).where(Workspace.id == workspace_id)),
        ]
    return [n for n in names if n]


def name_scrubber(engine: Engine, workspace_id: int, lang: str = "sv") -> NameScrubber:
    """The workspace's scrubber: its people's names, their organisations, "en medlem" for the rest."""
    return NameScrubber(known_people(engine, workspace_id), t("sharing.a_member", lang), organisation_names(engine, workspace_id))


def scrubbed(engine: Engine, workspace_id: int, value: Any, lang: str = "sv") -> Any:
    """A value on its way out of the core group (a report, a results model, a table) without names."""
    return name_scrubber(engine, workspace_id, lang).value(value)


def without_names(engine: Engine, workspace_id: int, value: T, sharing: SharingLevel, lang: str = "sv") -> T:
    """A document (a report, a routine card, a table …) as it may leave at this sharing level: for
    sharing outside the core group without anybody's name; inside the group as it is."""
    if not sharing.shared:
        return value
    return cast(T, name_scrubber(engine, workspace_id, lang).value(value))
