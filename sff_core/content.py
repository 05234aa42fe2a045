"""The handbook as data: loads and validates data/content (see data/content/SCHEMA.md).

A broken file fails at start with a ContentError naming the file and the key path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from sff_core.config import LANGUAGES, content_dir
from sff_core.errors import ContentError
from sff_core.exercises.spec import FieldParser
from sff_core.yaml_files import read_yaml_file

Text = dict[str, str]

SHAPES = ("info", "yes_no", "score", "text", "checklist", "levels", "postits")
KINDS = ("exercise", "activity", "reflection")
KEY_PATTERN = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Prompt:
    key: str
    text: Text
    help: Text | None = None
    group: str | None = None


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    labels: dict[int, Text]


@dataclass(frozen=True)
class Option:
    """One choice of a section's own list (contact methods, report formats)."""

    key: str
    label: Text


@dataclass(frozen=True)
class Heading:
    """One heading of a template (the Helsingborg role description), with its example text."""

    text: Text
    help: Text | None = None


@dataclass(frozen=True)
class Level:
    value: int
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class Group:
    key: str
    title: Text


@dataclass(frozen=True)
class Resource:
    title: Text
    url: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Scoring:
    threshold: float
    verdict_low: Text
    verdict_high: Text


@dataclass(frozen=True)
class ExampleActivity:
    """One activity of the example plan's year grid (år 1, 2, 3 …)."""

    year: int
    text: Text


@dataclass(frozen=True)
class ExampleGoal:
    """One delmål of the example plan: text, unit, yearly targets (år 1 first; None where the handbook has none)."""

    text: Text
    unit: Text | None
    targets: tuple[int | None, ...]
    series: str | None
    activities: tuple[ExampleActivity, ...]


@dataclass(frozen=True)
class PlanExample:
    """The handbook's example collaboration plan (Helsingborg), loadable as a draft the group edits."""

    title: Text
    vision: Text
    points: tuple[Text, ...]
    goals: tuple[ExampleGoal, ...]


@dataclass(frozen=True)
class Section:
    key: str
    kind: str
    title: Text
    shape: str
    prompts: tuple[Prompt, ...]
    intro: Text | None = None
    handler: str | None = None
    scale: Scale | None = None
    comment: bool = False
    interpretation: bool = False
    groups: tuple[Group, ...] = ()
    levels: tuple[Level, ...] = ()
    scoring: Scoring | None = None
    resources: tuple[Resource, ...] = ()
    answered_by: str = "any"
    topics: str | None = None  # post-its: the vocabulary whose entries are the flip chart's columns (sectors)
    topics_optional: bool = False  # a note may stand under no topic (step 6's SWOT: the whole room's own notes)
    # the handbook's examples and templates, shown beside the exercise (folded)
    example_title: Text | None = None
    example: Text | None = None
    template_headings: tuple[Heading, ...] = ()
    suggestions_title: Text | None = None
    suggestions: tuple[Text, ...] = ()
    # fields that only some exercise types take (legacy registry.ExerciseType.fields, typed here)
    statement_heading: Text | None = None
    interpretation_label: Text | None = None
    warnings: tuple[Text, ...] = ()
    unknown_option: Text | None = None
    options: dict[str, tuple[Option, ...]] = field(default_factory=dict)
    plan_example: PlanExample | None = None  # step 6: the Helsingborg collaboration plan as structured data
    # the extra fields its exercise declares with a parser (Exercise.fields: name -> parser), parsed
    extra: Mapping[str, Any] = field(default_factory=dict)
    file: str = field(default="", compare=False)  # the content file it was read from, for error messages

    def prompt(self, key: str) -> Prompt | None:
        return next((p for p in self.prompts if p.key == key), None)

    def require_scale(self) -> Scale:
        """The section's answer scale; a ContentError when the content gives none (a score section always has one)."""
        if self.scale is None:
            raise ContentError(self.file or "steps/", f"sections.{self.key}.scale", "avsnittet behöver en skala")
        return self.scale

    def collects_answers(self) -> bool:
        return self.shape != "info"

    @property
    def exercise_key(self) -> str:
        """The registry name of this exercise: its handler, else its answer shape."""
        return self.handler or self.shape


@dataclass(frozen=True)
class WorkFormat:
    """One of a step's example formats (steps 6–7: workshops, or the network's meetings over time)
    with its fördel, nackdel and lösning; `dates` says which dates the group records for it."""

    key: str
    title: Text
    summary: Text
    pros: Text
    cons: Text
    remedy: Text
    dates: str  # "workshops" (the workshop days) or "meetings" (meeting days and a slutdatum)


FORMAT_DATES = ("workshops", "meetings")


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    phase: str
    title: Text
    purpose: Text
    requirements: dict[str, tuple[Text, ...]]
    tips: tuple[Text, ...]
    sections: tuple[Section, ...]
    questions: tuple[Text, ...] = ()
    formats: tuple[WorkFormat, ...] = ()  # step 6 live: the example formats to choose from
    panels: tuple[str, ...] = ()  # exercises whose step panel opens the page (steps 6–7: prerequisites, format)
    tip_panels: tuple[str, ...] = ()  # exercises whose step panel follows the tips (step 5: step 3's levels)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class VocabItem:
    """One entry of a vocabulary in vocab.yaml (a sector, a personality type, a series …)."""

    key: str
    label: Text
    short: Text | None = None
    description: Text | None = None


@dataclass(frozen=True)
class Phase:
    key: str
    title: Text
    intro: Text
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Content:
    phases: tuple[Phase, ...]
    steps: tuple[Step, ...]
    vocab: dict[str, tuple[VocabItem, ...]]

    def step(self, number_or_key: int | str) -> Step:
        for step in self.steps:
            if number_or_key in (step.number, step.key):
                return step
        raise KeyError(number_or_key)

    def section(self, step_key: str, section_key: str) -> Section | None:
        try:
            return self.step(step_key).section(section_key)
        except KeyError:
            return None

    def require_section(self, step_key: str, section_key: str) -> Section:
        """A section the code relies on; a ContentError naming the file when the content lacks it."""
        try:
            step = self.step(step_key)
        except KeyError:
            raise ContentError("steps/", step_key, "steget saknas") from None
        section = step.section(section_key)
        if section is None:
            raise ContentError(f"step_{step.number}.yaml", f"sections.{section_key}", "avsnittet saknas")
        return section

    def vocab_keys(self, name: str) -> list[str]:
        return [item.key for item in self.vocab.get(name, ())]

    def labels(self, name: str, lang: str) -> dict[str, str]:
        """A vocabulary's keys and labels in one language (sectors, statuses, personality types …)."""
        return {item.key: item.label.get(lang) or item.label["sv"] for item in self.vocab.get(name, ())}

    def vocab_label(self, name: str, key: str | None) -> Text | None:
        return next((i.label for i in self.vocab.get(name, ()) if i.key == key), None)


class _Reader:
    """Validates one file's raw YAML, keeping the key path for messages."""

    def __init__(self, file: Path) -> None:
        self.file = file.name

    def fail(self, path: str, problem: str) -> ContentError:
        return ContentError(self.file, path, problem)

    def mapping(self, raw: Any, path: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(path, "ska vara en mappning (nyckel: värde)")
        return raw

    def seq(self, raw: Any, path: str, required: bool = False) -> list[Any]:
        if raw is None and not required:
            return []
        if not isinstance(raw, list):
            raise self.fail(path, "ska vara en lista")
        return raw

    def text(self, raw: Any, path: str) -> Text:
        """A required text in every language."""
        if not isinstance(raw, dict):
            raise self.fail(path, "ska vara en text med 'sv' och 'en'")
        for lang in LANGUAGES:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{path}.{lang}", "saknas eller är tom")
        return {"sv": raw["sv"].strip(), "en": raw["en"].strip()}

    def optional_text(self, raw: Any, path: str) -> Text | None:
        """A text that may be left out (None); when given, it is checked as `text` is."""
        return None if raw is None else self.text(raw, path)

    def texts(self, raw: Any, path: str) -> tuple[Text, ...]:
        return tuple(self.text(item, f"{path}[{i}]") for i, item in enumerate(self.seq(raw, path)))

    def key(self, raw: Any, path: str) -> str:
        if not isinstance(raw, str) or not KEY_PATTERN.match(raw):
            raise self.fail(path, f"nyckeln {raw!r} ska bestå av a-z, 0-9 och _")
        return raw


def _read_yaml(file: Path) -> Any:
    """A content file, strictly: a key written twice is refused (sff_core.yaml_files)."""
    return read_yaml_file(file)


def _scale(reader: _Reader, raw: Any, path: str) -> Scale:
    raw = reader.mapping(raw, path)
    low, high = raw.get("min"), raw.get("max")
    if not isinstance(low, int) or not isinstance(high, int) or low >= high:
        raise reader.fail(path, "min och max ska vara heltal med min < max")
    labels = {int(k): reader.text(v, f"{path}.labels.{k}") for k, v in (raw.get("labels") or {}).items()}
    return Scale(min=low, max=high, labels=labels)


def _prompts(reader: _Reader, raw: Any, path: str, group_keys: set[str]) -> tuple[Prompt, ...]:
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for i, item in enumerate(reader.seq(raw, path)):
        where = f"{path}[{i}]"
        item = reader.mapping(item, where)
        key = reader.key(item.get("key"), f"{where}.key")
        if key in seen:
            raise reader.fail(f"{path}.{key}", "nyckeln finns redan i avsnittet")
        seen.add(key)
        group = item.get("group")
        if group is not None and group not in group_keys:
            raise reader.fail(f"{path}.{key}.group", f"okänd grupp {group!r}")
        prompts.append(
            Prompt(
                key=key,
                text=reader.text(item.get("text"), f"{path}.{key}.text"),
                help=reader.optional_text(item.get("help"), f"{path}.{key}.help"),
                group=group,
            )
        )
    return tuple(prompts)


_SECTION_FIELDS = {
    "key",
    "kind",
    "title",
    "intro",
    "shape",
    "handler",
    "prompts",
    "scale",
    "comment",
    "interpretation",
    "groups",
    "levels",
    "scoring",
    "resources",
    "answered_by",
    "topics",
    "topics_optional",
}
_OPTION_FIELDS = ("contact_methods", "report_formats")
# the handbook's examples and templates: every exercise may take them
GENERIC_FIELDS = frozenset({"example", "example_title", "template_headings", "suggestions_title", "suggestions"})
ANSWERED_BY = ("any", "members", "group")


def _section(reader: _Reader, raw: Any, path: str) -> Section:
    raw = reader.mapping(raw, path)
    key = reader.key(raw.get("key"), f"{path}.key")
    path = f"sections.{key}"
    kind, shape = raw.get("kind"), raw.get("shape")
    if kind not in KINDS:
        raise reader.fail(f"{path}.kind", f"ska vara en av {', '.join(KINDS)}")
    if shape not in SHAPES:
        raise reader.fail(f"{path}.shape", f"ska vara en av {', '.join(SHAPES)}")
    exercise = _exercise_type(reader, raw.get("handler"), shape, path, _exercise_types())
    unknown = set(raw) - _SECTION_FIELDS - GENERIC_FIELDS - set(exercise.fields)
    if unknown:
        raise reader.fail(
            f"{path}.{sorted(unknown)[0]}",
            f"fältet hör inte till övningstypen {exercise.name!r} (tillåtna extra fält: "
            f"{', '.join(sorted(GENERIC_FIELDS | set(exercise.fields)))})",
        )
    groups = tuple(Group(key, title) for key, title, _ in _keyed_items(reader, raw.get("groups"), f"{path}.groups", "title"))
    levels = tuple(_levels(reader, raw.get("levels"), f"{path}.levels"))
    prompts = _prompts(reader, raw.get("prompts"), f"{path}.prompts", {g.key for g in groups})
    if shape not in ("info",) and not prompts and not raw.get("handler"):
        raise reader.fail(f"{path}.prompts", f"formen {shape} behöver minst en fråga")
    scale = _scale(reader, raw["scale"], f"{path}.scale") if "scale" in raw else None
    if shape == "score" and scale is None:
        raise reader.fail(f"{path}.scale", "formen score behöver en skala")
    if shape == "levels" and not levels:
        raise reader.fail(f"{path}.levels", "formen levels behöver nivåer")
    answered_by = raw.get("answered_by", "any")
    if answered_by not in ANSWERED_BY:
        raise reader.fail(f"{path}.answered_by", f"ska vara en av {', '.join(ANSWERED_BY)}")
    topics = raw.get("topics")
    if topics is not None:
        reader.key(topics, f"{path}.topics")
        if shape != "postits":
            raise reader.fail(f"{path}.topics", "bara formen postits tar topics (lappar under en kolumn per ämne)")
    return Section(
        key=key,
        kind=kind,
        shape=shape,
        prompts=prompts,
        title=reader.text(raw.get("title"), f"{path}.title"),
        intro=reader.optional_text(raw.get("intro"), f"{path}.intro"),
        handler=raw.get("handler"),
        scale=scale,
        comment=bool(raw.get("comment")),
        interpretation=bool(raw.get("interpretation")),
        groups=groups,
        levels=levels,
        scoring=_scoring(reader, raw.get("scoring"), f"{path}.scoring"),
        resources=tuple(_resources(reader, raw.get("resources"), f"{path}.resources")),
        answered_by=answered_by,
        topics=topics,
        topics_optional=bool(raw.get("topics_optional", False)),
        example_title=reader.optional_text(raw.get("example_title"), f"{path}.example_title"),
        example=reader.optional_text(raw.get("example"), f"{path}.example"),
        template_headings=tuple(_headings(reader, raw.get("template_headings"), f"{path}.template_headings")),
        suggestions_title=reader.optional_text(raw.get("suggestions_title"), f"{path}.suggestions_title"),
        suggestions=reader.texts(raw.get("suggestions"), f"{path}.suggestions"),
        statement_heading=reader.optional_text(raw.get("statement_heading"), f"{path}.statement_heading"),
        interpretation_label=reader.optional_text(raw.get("interpretation_label"), f"{path}.interpretation_label"),
        warnings=reader.texts(raw.get("warnings"), f"{path}.warnings"),
        unknown_option=reader.optional_text(raw.get("unknown_option"), f"{path}.unknown_option"),
        options={
            name: tuple(Option(key, label) for key, label, _ in _keyed_items(reader, raw.get(name), f"{path}.{name}", "label"))
            for name in _OPTION_FIELDS
            if name in raw
        },
        plan_example=_plan_example(reader, raw.get("plan_example"), f"{path}.plan_example"),
        extra=_extra(reader, raw, exercise.fields, path),
        file=reader.file,
    )


def _extra(reader: _Reader, raw: dict[str, Any], fields: Mapping[str, FieldParser] | frozenset[str], path: str) -> dict[str, Any]:
    """The section's extra fields, each parsed by its exercise's parser; a parser's ContentError (or
    ValueError) names this file and the field's key. A legacy type (names only) has its fields typed on
    Section."""
    if not isinstance(fields, Mapping):
        return {}
    parsed: dict[str, Any] = {}
    for name, parse in fields.items():
        if name not in raw:
            continue
        where = f"{path}.{name}"
        try:
            parsed[name] = parse(raw[name], where)
        except ContentError as error:
            raise reader.fail(error.key, error.problem) from error
        except (TypeError, ValueError) as error:
            raise reader.fail(where, str(error)) from error
    return parsed


class ExerciseFields(Protocol):
    """What content asks of an exercise type: its name and the extra fields it takes (a parser per
    field, or – legacy types – their names)."""

    @property
    def name(self) -> str: ...

    @property
    def fields(self) -> Mapping[str, FieldParser] | frozenset[str]: ...


ExerciseTypes = Callable[[], Mapping[str, ExerciseFields]]
_known_types: ExerciseTypes | None = None


def use_exercises(types: ExerciseTypes) -> None:
    """Wire in the exercise types content checks handlers and extra fields against.

    Content does not import the registry (the registry's plugins import the results layer, which
    imports content): the registry hands itself in when it is imported, and sff_core/__init__.py
    imports it, so this is done before any content loads.
    """
    global _known_types
    _known_types = types
    _cached_content.cache_clear()


def _exercise_types() -> Mapping[str, ExerciseFields]:
    if _known_types is None:  # a programming error: sff_core/__init__.py imports the registry
        raise RuntimeError("content: no exercise types wired in (sff_core.registry calls content.use_exercises)")
    return _known_types()


def _exercise_type(reader: _Reader, handler: Any, shape: str, path: str, types: Mapping[str, ExerciseFields]) -> ExerciseFields:
    """The registered exercise type a section names; an unknown handler is an error, never a fallback."""
    if handler is None:
        found = types.get(shape)
    else:
        if not isinstance(handler, str) or not KEY_PATTERN.match(handler):
            raise reader.fail(f"{path}.handler", f"ogiltigt namn {handler!r}")
        found = types.get(handler)
        if found is None:
            raise reader.fail(f"{path}.handler", f"ingen övningstyp heter {handler!r} (registrerade: {', '.join(sorted(types))})")
    if found is None:
        raise reader.fail(f"{path}.shape", f"formen {shape!r} är inte registrerad")
    return found


def _scoring(reader: _Reader, raw: Any, path: str) -> Scoring | None:
    if raw is None:
        return None
    raw = reader.mapping(raw, path)
    threshold = raw.get("threshold")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise reader.fail(f"{path}.threshold", "ska vara ett tal")
    return Scoring(
        threshold=float(threshold),
        verdict_low=reader.text(raw.get("verdict_low"), f"{path}.verdict_low"),
        verdict_high=reader.text(raw.get("verdict_high"), f"{path}.verdict_high"),
    )


def _headings(reader: _Reader, raw: Any, path: str) -> list[Heading]:
    headings = []
    for i, item in enumerate(reader.seq(raw, path)):
        item = reader.mapping(item, f"{path}[{i}]")
        headings.append(
            Heading(
                text=reader.text({"sv": item.get("sv"), "en": item.get("en")}, f"{path}[{i}]"),
                help=reader.optional_text(item.get("help"), f"{path}[{i}].help"),
            )
        )
    return headings


def _keyed_items(reader: _Reader, raw: Any, path: str, text_field: str) -> list[tuple[str, Text, dict[str, Any]]]:
    """(key, text, the whole mapping) per item of a list of keyed texts (groups, options, vocabulary entries)."""
    items = []
    for i, item in enumerate(reader.seq(raw, path)):
        item = reader.mapping(item, f"{path}[{i}]")
        key = reader.key(item.get("key"), f"{path}[{i}].key")
        items.append((key, reader.text(item.get(text_field), f"{path}.{key}.{text_field}"), item))
    return items


def _levels(reader: _Reader, raw: Any, path: str) -> list[Level]:
    levels = []
    for i, item in enumerate(reader.seq(raw, path)):
        item = reader.mapping(item, f"{path}[{i}]")
        if not isinstance(item.get("value"), int):
            raise reader.fail(f"{path}[{i}].value", "ska vara ett heltal")
        levels.append(
            Level(
                value=item["value"],
                label=reader.text(item.get("label"), f"{path}[{i}].label"),
                description=reader.optional_text(item.get("description"), f"{path}[{i}].description"),
            )
        )
    return levels


def _plan_example(reader: _Reader, raw: Any, path: str) -> PlanExample | None:
    """Step 6's example plan: vision, points, delmål with yearly targets and activities per year."""
    if raw is None:
        return None
    raw = reader.mapping(raw, path)
    goals = []
    for i, item in enumerate(reader.seq(raw.get("goals"), f"{path}.goals", required=True)):
        where = f"{path}.goals[{i}]"
        item = reader.mapping(item, where)
        targets = reader.seq(item.get("targets"), f"{where}.targets")
        if any(t is not None and (isinstance(t, bool) or not isinstance(t, int) or t < 0) for t in targets):
            raise reader.fail(f"{where}.targets", "ska vara heltal ≥ 0 (eller null) per år")
        series = item.get("series")
        if series is not None:
            reader.key(series, f"{where}.series")
        activities = []
        for j, activity in enumerate(reader.seq(item.get("activities"), f"{where}.activities")):
            activity = reader.mapping(activity, f"{where}.activities[{j}]")
            year = activity.get("year")
            if isinstance(year, bool) or not isinstance(year, int) or year < 1:
                raise reader.fail(f"{where}.activities[{j}].year", "ska vara ett heltal ≥ 1 (år 1, 2, 3 …)")
            activities.append(ExampleActivity(year, reader.text(activity.get("text"), f"{where}.activities[{j}].text")))
        goals.append(
            ExampleGoal(
                text=reader.text(item.get("text"), f"{where}.text"),
                unit=reader.optional_text(item.get("unit"), f"{where}.unit"),
                targets=tuple(targets),
                series=series,
                activities=tuple(activities),
            )
        )
    return PlanExample(
        title=reader.text(raw.get("title"), f"{path}.title"),
        vision=reader.text(raw.get("vision"), f"{path}.vision"),
        points=reader.texts(raw.get("points"), f"{path}.points"),
        goals=tuple(goals),
    )


def _resources(reader: _Reader, raw: Any, path: str) -> list[Resource]:
    out = []
    for i, item in enumerate(reader.seq(raw, path)):
        item = reader.mapping(item, f"{path}[{i}]")
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://", "mailto:"))):
            raise reader.fail(f"{path}[{i}].url", "ska vara en http-, https- eller mailto-adress")
        out.append(
            Resource(
                title=reader.text(item.get("title"), f"{path}[{i}].title"),
                url=url,
                note=reader.optional_text(item.get("note"), f"{path}[{i}].note"),
            )
        )
    return out


def load_step(file: Path) -> Step:
    reader = _Reader(file)
    raw = reader.mapping(_read_yaml(file), "(fil)")
    number = raw.get("number")
    if not isinstance(number, int) or not 0 <= number <= 7:
        raise reader.fail("number", "ska vara ett heltal 0–7")
    if raw.get("key") != f"step{number}":
        raise reader.fail("key", f"ska vara 'step{number}'")
    requirements_raw = reader.mapping(raw.get("requirements"), "requirements")
    requirements = {name: reader.texts(requirements_raw.get(name), f"requirements.{name}") for name in ("work", "who", "expected_result")}
    sections = [_section(reader, item, f"sections[{i}]") for i, item in enumerate(reader.seq(raw.get("sections"), "sections", True))]
    keys = [s.key for s in sections]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise reader.fail(f"sections.{sorted(duplicates)[0]}", "nyckeln finns redan i steget")
    return Step(
        key=raw["key"],
        number=number,
        phase=str(raw.get("phase")),
        title=reader.text(raw.get("title"), "title"),
        purpose=reader.text(raw.get("purpose"), "purpose"),
        requirements=requirements,
        tips=reader.texts(raw.get("tips"), "tips"),
        sections=tuple(sections),
        questions=reader.texts(raw.get("questions"), "questions"),
        formats=_formats(reader, raw.get("formats")),
        panels=_exercise_names(reader, raw.get("panels"), "panels"),
        tip_panels=_exercise_names(reader, raw.get("tip_panels"), "tip_panels"),
    )


def _exercise_names(reader: _Reader, raw: Any, path: str) -> tuple[str, ...]:
    """A list of registered exercise names (a step's `panels`, `tip_panels`)."""
    names = tuple(reader.key(name, f"{path}[{i}]") for i, name in enumerate(reader.seq(raw, path)))
    unknown = [name for name in names if name not in _exercise_types()]
    if unknown:
        raise reader.fail(f"{path}[{names.index(unknown[0])}]", f"ingen övningstyp heter {unknown[0]!r}")
    return names


def _formats(reader: _Reader, raw: Any) -> tuple[WorkFormat, ...]:
    """A step's `formats`: each with key, title, summary, pros, cons, remedy and which dates it records."""
    out = []
    for i, item in enumerate(reader.seq(raw, "formats")):
        path = f"formats[{i}]"
        item = reader.mapping(item, path)
        dates = item.get("dates")
        if dates not in FORMAT_DATES:
            raise reader.fail(f"{path}.dates", f"ska vara en av {', '.join(FORMAT_DATES)}")
        texts = {name: reader.text(item.get(name), f"{path}.{name}") for name in ("title", "summary", "pros", "cons", "remedy")}
        out.append(WorkFormat(key=reader.key(item.get("key"), f"{path}.key"), dates=dates, **texts))
    return tuple(out)


def _load_phases(file: Path) -> tuple[Phase, ...]:
    reader = _Reader(file)
    phases = []
    for i, item in enumerate(reader.seq(_read_yaml(file), "(fil)", True)):
        item = reader.mapping(item, f"[{i}]")
        key = reader.key(item.get("key"), f"[{i}].key")
        phases.append(
            Phase(
                key=key,
                title=reader.text(item.get("title"), f"{key}.title"),
                intro=reader.text(item.get("intro"), f"{key}.intro"),
                steps=tuple(int(n) for n in reader.seq(item.get("steps"), f"{key}.steps", True)),
            )
        )
    return tuple(phases)


def _load_vocab(file: Path) -> dict[str, tuple[VocabItem, ...]]:
    reader = _Reader(file)
    raw = reader.mapping(_read_yaml(file), "(fil)")
    return {
        name: tuple(
            VocabItem(
                key=key,
                label=label,
                short=reader.optional_text(item.get("short"), f"{name}.{key}.short"),
                description=reader.optional_text(item.get("description"), f"{name}.{key}.description"),
            )
            for key, label, item in _keyed_items(reader, items, name, "label")
        )
        for name, items in raw.items()
    }


def load_content(directory: Path | None = None) -> Content:
    """Load and validate every content file; raise ContentError on the first problem."""
    directory = directory or content_dir()
    phases = _load_phases(directory / "phases.yaml")
    vocab = _load_vocab(directory / "vocab.yaml")
    step_files = sorted((directory / "steps").glob("step_*.yaml"))
    steps = tuple(sorted((load_step(f) for f in step_files), key=lambda s: s.number))
    numbers = [s.number for s in steps]
    if numbers != list(range(8)):
        missing = sorted(set(range(8)) - set(numbers))
        raise ContentError("steps/", "steps", f"steg saknas: {missing}" if missing else f"dubbla steg: {numbers}")
    phase_keys = {p.key for p in phases}
    for step in steps:
        if step.phase not in phase_keys:
            raise ContentError(f"step_{step.number}.yaml", "phase", f"okänd fas {step.phase!r}")
        for section in step.sections:
            if section.topics is not None and not vocab.get(section.topics):
                raise ContentError(
                    f"step_{step.number}.yaml", f"sections.{section.key}.topics", f"ordlistan {section.topics!r} finns inte i vocab.yaml"
                )
    return Content(phases=phases, steps=steps, vocab=vocab)


def get_content() -> Content:
    """The content of the content directory, loaded once per process and directory."""
    return _cached_content(str(content_dir()))


@lru_cache(maxsize=4)
def _cached_content(directory: str) -> Content:
    return load_content(Path(directory))
