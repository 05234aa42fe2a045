"""Step 0 'Är ni redo?': seven dimensions scored 1–5, the total and the handbook's verdict.

Where members score individually the group's value per dimension is the mean of their scores,
or the consensus score once the facilitator records one (respondent "group") after the
discussion. The total is the sum of those values; the handbook: a total of 20 or less means
"not ready yet", above 20 "continue, but attend to the weak dimensions".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import SupportsInt

import pandas as pd
from sqlalchemy import Engine

from sff_core.content import Section, Text, get_content
from sff_core.errors import ContentError
from sff_core.responses import AGREED_PROMPT, GROUP, load_responses, session_dates

STEP, SECTION = "step0", "redo"
NOT_READY, CONTINUE = "not_ready", "continue"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Text
    scores: dict[str, int]
    consensus: int | None
    comments: tuple[tuple[str, str], ...] = ()

    @property
    def mean(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None

    @property
    def low(self) -> int | None:
        return min(self.scores.values()) if self.scores else None

    @property
    def high(self) -> int | None:
        return max(self.scores.values()) if self.scores else None

    @property
    def value(self) -> int | None:
        """The group's value in whole points, as the handbook scores: the consensus score if recorded,
        else the mean of individual scores rounded half up (3.5 is 4)."""
        if self.consensus is not None:
            return self.consensus
        return None if self.mean is None else math.floor(self.mean + 0.5)


@dataclass(frozen=True)
class ReadinessSummary:
    dimensions: tuple[Dimension, ...]
    respondents: tuple[str, ...]
    threshold: float
    session_date: date | None = None
    verdicts: dict[str, Text] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [d.key for d in self.dimensions if d.value is None]

    @property
    def complete(self) -> bool:
        return bool(self.dimensions) and not self.missing

    @property
    def total(self) -> int | None:
        """The sum of the dimensions' whole points (None until every dimension has a value)."""
        return sum(d.value for d in self.dimensions if d.value is not None) if self.complete else None

    @property
    def verdict(self) -> str | None:
        return None if self.total is None else verdict_for(self.total, self.threshold)

    @property
    def uses_consensus(self) -> bool:
        return any(d.consensus is not None for d in self.dimensions)

    @property
    def weakest(self) -> list[str]:
        """The lowest-valued dimensions (within half a point of the lowest, at most three)."""
        valued = sorted((d.value, i, d.key) for i, d in enumerate(self.dimensions) if d.value is not None)
        if not valued:
            return []
        lowest = valued[0][0]
        return [key for value, _, key in valued if value <= lowest + 0.5][:3]

    @property
    def max_total(self) -> int:
        return 5 * len(self.dimensions)


def verdict_for(total: float, threshold: float = 20) -> str:
    """The handbook's verdict: 20 or less is not ready yet; above 20, continue."""
    return NOT_READY if total <= threshold else CONTINUE


def summarise(section: Section, frame: pd.DataFrame, session_date: date | None = None) -> ReadinessSummary:
    """Pure: the summary of one work session's answers (a frame from load_responses)."""
    by_prompt: dict[str, list[tuple[str, SupportsInt | None, object]]] = {}  # respondent, score (None or NA: none), note
    for prompt_key, respondent, value, note in zip(
        frame["prompt_key"], frame["respondent"], frame["value_int"], frame["text"], strict=True
    ):
        by_prompt.setdefault(prompt_key, []).append((respondent, value, note))
    dimensions = []
    for prompt in section.prompts:
        rows = by_prompt.get(prompt.key, [])
        scored = [(who, int(value)) for who, value, _ in rows if value is not None and not pd.isna(value)]
        scores = {who: value for who, value in scored if who != GROUP}
        consensus = next((value for who, value in scored if who == GROUP), None)
        comments = tuple((who, note) for who, _, note in rows if isinstance(note, str) and note)
        dimensions.append(Dimension(prompt.key, prompt.text, scores, consensus, comments))
    respondents = sorted({r for d in dimensions for r in d.scores})
    scoring = section.scoring
    if scoring is None:
        raise ContentError("step_0.yaml", f"sections.{section.key}.scoring", "Är ni redo? behöver en poänggräns")
    return ReadinessSummary(
        tuple(dimensions),
        tuple(respondents),
        scoring.threshold,
        session_date,
        {NOT_READY: scoring.verdict_low, CONTINUE: scoring.verdict_high},
    )


def agreed_session(engine: Engine, workspace_id: int) -> date | None:
    """The work session the facilitator marked as the group's agreed readiness result, if any."""
    from sqlalchemy import func, select

    from sff_core.store.db import session_scope
    from sff_core.store.models import Response

    with session_scope(engine) as session:  # one row to find, not every readiness answer to load
        return session.scalar(
            select(func.max(Response.session_date)).where(
                Response.workspace_id == workspace_id,
                Response.step_key == STEP,
                Response.section_key == SECTION,
                Response.prompt_key == AGREED_PROMPT,
                Response.value_bool.is_(True),
            )
        )


def set_agreed_session(engine: Engine, workspace_id: int, session_date: date) -> None:
    """Mark one work session as the agreed result (a trial or a partial live run then never replaces it)."""
    from sff_core.responses import Answer, save_answers

    previous = agreed_session(engine, workspace_id)
    if previous is not None and previous != session_date:
        save_answers(engine, workspace_id, STEP, SECTION, GROUP, previous, {AGREED_PROMPT: Answer()})
    save_answers(engine, workspace_id, STEP, SECTION, GROUP, session_date, {AGREED_PROMPT: Answer(value_bool=True)})


def readiness_summary(engine: Engine, workspace_id: int, session_date: date | None = None) -> ReadinessSummary:
    """The readiness summary for a work session; by default the agreed one, else the latest with answers."""
    if session_date is None:
        session_date = agreed_session(engine, workspace_id)
    section = get_content().require_section(STEP, SECTION)
    if session_date is None:
        dates = session_dates(engine, workspace_id, STEP, SECTION)
        session_date = dates[0] if dates else None
    frame = (
        load_responses(engine, workspace_id, STEP, SECTION, session_date)
        if session_date
        else load_responses(engine, workspace_id, STEP, SECTION).iloc[0:0]
    )
    return summarise(section, frame, session_date)
