"""Step 2 'Branscher/kontaktyta': the indicator survey per actor, and its aggregations.

Six indicator categories with two statements each, scored 1 (aldrig) to 5 (mycket ofta) or
"vet ej". The handbook: add the two and divide by two – here the mean of the *answered*
statements, so "vet ej" neither counts as zero nor drags the average.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from sff_core.config import LANGUAGES, content_dir
from sff_core.content import Section, Text, get_content
from sff_core.errors import ContentError, InputError
from sff_core.store.db import session_scope
from sff_core.store.models import IndicatorSurvey, SurveyLink, Workspace
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date, is_token, one_of, optional_text, required_text
from sff_core.yaml_files import read_yaml_file

STEP, SECTION = "step2", "branscher_kontaktytor"
METHODS = ("traff", "telefon", "digitalt_formular")
SURVEY_COLUMNS = ["id", "organisation", "sector", "surveyed_on", "method", "source", "answers"]
RECEIVER_FILE = "survey_link.yaml"


def survey_section() -> Section:
    return get_content().require_section(STEP, SECTION)


@dataclass(frozen=True)
class ReceiverTexts:
    """The survey as the person who receives a link reads it (data/content/survey_link.yaml)."""

    title: Text
    intro: Text  # placeholders {place}, {city}, {n}
    question: Text
    scale_hint: Text
    statements: dict[str, Text]  # prompt key -> the statement, shorter, for the receiver


def receiver_texts() -> ReceiverTexts:
    return _receiver_texts(str(content_dir()))


@lru_cache(maxsize=4)
def _receiver_texts(directory: str) -> ReceiverTexts:
    """Read and check the receiver's texts: every text in every language, one statement per prompt
    of the handbook's survey and no other."""
    file = Path(directory) / RECEIVER_FILE
    raw = read_yaml_file(file)  # a broken file or a key written twice: ContentError naming it
    if not isinstance(raw, dict):
        raise ContentError(RECEIVER_FILE, "(fil)", "ska vara en mappning (nyckel: värde)")

    def one(value: Any, path: str) -> Text:
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES):
            raise ContentError(RECEIVER_FILE, path, "ska vara en text med 'sv' och 'en'")
        return {lang: value[lang].strip() for lang in LANGUAGES}

    def keyed(name: str, expected: list[str]) -> dict[str, Text]:
        items = raw.get(name)
        if not isinstance(items, dict) or sorted(items) != sorted(expected):
            found = sorted(items) if isinstance(items, dict) else items
            raise ContentError(RECEIVER_FILE, name, f"ska ha nycklarna {sorted(expected)} (fick {found})")
        return {key: one(items[key], f"{name}.{key}") for key in expected}

    section = survey_section()
    intro = one(raw.get("intro"), "intro")
    for lang in LANGUAGES:
        try:
            intro[lang].format(place="", city="", n=0)
        except (KeyError, IndexError, ValueError) as error:
            problem = f"okänd platshållare {error} (tillåtna: {{place}}, {{city}}, {{n}})"
            raise ContentError(RECEIVER_FILE, f"intro.{lang}", problem) from None
    return ReceiverTexts(
        title=one(raw.get("title"), "title"),
        intro=intro,
        question=one(raw.get("question"), "question"),
        scale_hint=one(raw.get("scale_hint"), "scale_hint"),
        statements=keyed("statements", [p.key for p in section.prompts]),
    )


def categories() -> dict[str, list[str]]:
    """Category key -> its statement keys, in content order."""
    section = survey_section()
    groups: dict[str, list[str]] = {g.key: [] for g in section.groups}
    for prompt in section.prompts:
        groups[prompt.group or ""].append(prompt.key)
    return groups


def validate_answers(answers: dict[str, int | None]) -> dict[str, int | None]:
    """Every statement 1..5 or None ("vet ej"); unknown statements and other values are refused."""
    section = survey_section()
    scale = section.require_scale()
    known = {p.key: p for p in section.prompts}
    cleaned: dict[str, int | None] = {}
    for key, value in answers.items():
        if key not in known:
            raise InputError("unknown_prompt", field=key, prompt=key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not scale.min <= value <= scale.max):
            raise InputError("score_range", field=key, low=scale.min, high=scale.max, value=value, prompt=known[key].text["sv"])
        cleaned[key] = value
    return cleaned


def save_survey(
    engine: Engine,
    workspace_id: int,
    organisation: str,
    sector: str | None,
    surveyed_on: date | None,
    method: str,
    answers: dict[str, int | None],
    link_id: int | None = None,
    submission_key: str | None = None,
    today: date | None = None,
) -> int:
    """Store one actor's survey; the same submission key twice stores it once (double-tap safe)."""
    organisation = required_text(organisation, "organisation", 160)
    if not sector:
        raise InputError("choose_sector", field="sector")
    values = {
        "organisation": organisation,
        "sector": one_of(sector, get_content().vocab_keys("sectors"), "sector"),
        "method": one_of(method, list(METHODS), "method"),
        "answers": validate_answers(answers),
    }
    if surveyed_on is None:
        raise InputError("required", field="surveyed_on", field_label="surveyed_on")
    if surveyed_on > (today or date.today()):
        raise InputError("future_date", field="surveyed_on", date=surveyed_on.isoformat())
    key = submission_key or secrets.token_hex(16)
    try:
        with unit_of_work(engine, workspace_id) as uow:
            check_process_date(uow.session, workspace_id, surveyed_on, "surveyed_on")
            if not values["answers"]:
                raise InputError("survey_no_answers", field="answers")
            row = IndicatorSurvey(workspace_id=workspace_id, surveyed_on=surveyed_on, link_id=link_id, submission_key=key, **values)
            uow.session.add(row)
            uow.session.flush()
            uow.audit("indicator_survey.save", survey_id=row.id, via_link=link_id is not None)
            return row.id
    except IntegrityError:
        with session_scope(engine) as session:
            existing = session.scalar(
                select(IndicatorSurvey.id).where(IndicatorSurvey.workspace_id == workspace_id, IndicatorSurvey.submission_key == key)
            )
        if existing is None:
            raise
        return existing


def remove_survey(engine: Engine, workspace_id: int, survey_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(IndicatorSurvey, survey_id, "unknown_survey", "indicator_survey.remove")


def load_surveys(engine: Engine, workspace_id: int) -> pd.DataFrame:
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                IndicatorSurvey.id,
                IndicatorSurvey.organisation,
                IndicatorSurvey.sector,
                IndicatorSurvey.surveyed_on,
                IndicatorSurvey.method,
                IndicatorSurvey.link_id,
                IndicatorSurvey.answers,
            )
            .where(IndicatorSurvey.workspace_id == workspace_id, IndicatorSurvey.deleted_at.is_(None))
            .order_by(IndicatorSurvey.surveyed_on, IndicatorSurvey.id)
        ).all()
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "organisation": r.organisation,
                "sector": r.sector,
                "surveyed_on": r.surveyed_on,
                "method": r.method,
                "source": "link" if r.link_id else "facilitator",
                "answers": r.answers,
            }
            for r in rows
        ],
        columns=SURVEY_COLUMNS,
    )


def category_average(answers: dict[str, int | None], statements: list[str]) -> float | None:
    """The mean of the answered statements of one category; None when all are 'vet ej' or missing."""
    values = [value for key in statements if (value := answers.get(key)) is not None]
    return sum(values) / len(values) if values else None


def survey_scores(surveys: pd.DataFrame) -> pd.DataFrame:
    """Pure: one row per survey and category with the category average (NaN when unanswered)."""
    groups = categories()
    rows = [
        {
            "survey_id": s.id,
            "organisation": s.organisation,
            "sector": s.sector,
            "category": category,
            "average": category_average(s.answers or {}, statements),
        }
        for s in surveys.itertuples()
        for category, statements in groups.items()
    ]
    return pd.DataFrame(rows, columns=["survey_id", "organisation", "sector", "category", "average"])


def averages_by_sector(surveys: pd.DataFrame) -> pd.DataFrame:
    """Pure: mean category average per sector and category, with n (surveys that answered it)."""
    scores = survey_scores(surveys).dropna(subset=["average"])
    if scores.empty:
        return pd.DataFrame(columns=["category", "sector", "mean", "n"])
    table = scores.groupby(["category", "sector"], sort=False)["average"].agg(["mean", "count"]).reset_index()
    table = table.rename(columns={"count": "n"})
    table["mean"] = table["mean"].round(2)
    order = {key: i for i, key in enumerate(categories())}
    return table.sort_values(["category", "sector"], key=lambda c: c.map(order) if c.name == "category" else c, ignore_index=True)


@dataclass(frozen=True)
class LinkInfo:
    id: int
    token: str
    label: str
    active: bool
    sector: str | None = None  # the sector the link was made for: preselected, the receiver may change it


def _link_info(row: SurveyLink) -> LinkInfo:
    return LinkInfo(row.id, row.token, row.label, row.active, row.sector)


def create_link(engine: Engine, workspace_id: int, label: str = "", sector: str | None = None) -> LinkInfo:
    """A new survey link; `sector` (optional) is the sector the link is sent to, e.g. hotell."""
    values = {
        "label": optional_text(label, "label", 160),
        "sector": one_of(sector, get_content().vocab_keys("sectors"), "sector", optional=True),
    }
    with unit_of_work(engine, workspace_id) as uow:
        row = SurveyLink(workspace_id=workspace_id, token=secrets.token_urlsafe(18), active=True, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("survey_link.create", link_id=row.id, sector=row.sector)
        return _link_info(row)


def list_links(engine: Engine, workspace_id: int) -> list[LinkInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(select(SurveyLink).where(SurveyLink.workspace_id == workspace_id).order_by(SurveyLink.id)).all()
        return [_link_info(r) for r in rows]


def set_link_active(engine: Engine, workspace_id: int, link_id: int, active: bool) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(SurveyLink, link_id, "unknown_survey_link").active = active
        uow.audit("survey_link.active", id=link_id, active=active)


def link_by_token(engine: Engine, token: str | None) -> tuple[LinkInfo, int]:
    """The active link and its workspace id; InputError for an unknown or closed link."""
    invitation = survey_invitation(engine, token)
    return invitation.link, invitation.workspace_id


@dataclass(frozen=True)
class Invitation:
    """What the receiver of a link is told: who asks (the workspace's city and municipality)."""

    link: LinkInfo
    workspace_id: int
    city: str
    municipality: str

    @property
    def place(self) -> str:
        """The city, with the municipality in brackets when it says more: Exempelstad (Exempelstads kommun)."""
        municipality = self.municipality.strip()
        return f"{self.city} ({municipality})" if municipality and municipality != self.city else self.city


def survey_invitation(engine: Engine, token: str | None) -> Invitation:
    """The active link with its workspace's city; InputError for an unknown or closed link."""
    if not is_token(token):
        raise InputError("unknown_survey_link", field="link")
    with session_scope(engine) as session:
        found = session.execute(
            select(SurveyLink, Workspace.city, Workspace.municipality)
            .join(Workspace, Workspace.id == SurveyLink.workspace_id)
            .where(SurveyLink.token == token)
        ).first()
        if found is None or not found[0].active:
            raise InputError("unknown_survey_link", field="link")
        row, city, municipality = found
        return Invitation(_link_info(row), row.workspace_id, city, municipality or "")


def submit_via_link(
    engine: Engine,
    token: str,
    organisation: str,
    sector: str | None,
    surveyed_on: date | None,
    answers: dict[str, int | None],
    submission_key: str,
) -> int:
    """An outside actor's answers through the survey link (method: digitalt formulär)."""
    link, workspace_id = link_by_token(engine, token)
    return save_survey(
        engine,
        workspace_id,
        organisation,
        sector,
        surveyed_on,
        "digitalt_formular",
        answers,
        link_id=link.id,
        submission_key=submission_key,
    )
