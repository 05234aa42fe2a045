"""Step 1 ice breaker: the handbook's questions as cards, plus the group's own; draw one at random."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import Engine, select

from sff_core.content import get_content
from sff_core.i18n import text
from sff_core.store.db import session_scope
from sff_core.store.models import IcebreakerQuestion
from sff_core.store.uow import unit_of_work
from sff_core.validation import required_text


@dataclass(frozen=True)
class QuestionCard:
    key: str  # "content:<prompt>" or "custom:<id>"
    text: str
    custom: bool


def cards(engine: Engine, workspace_id: int, lang: str = "sv") -> list[QuestionCard]:
    section = get_content().require_section("step1", "ice_breaker")
    deck = [QuestionCard(f"content:{p.key}", text(p.text, lang), False) for p in section.prompts]
    with session_scope(engine) as session:
        rows = session.scalars(
            select(IcebreakerQuestion)
            .where(IcebreakerQuestion.workspace_id == workspace_id, IcebreakerQuestion.deleted_at.is_(None))
            .order_by(IcebreakerQuestion.id)
        ).all()
        deck += [QuestionCard(f"custom:{r.id}", r.text, True) for r in rows]
    return deck


def add_question(engine: Engine, workspace_id: int, question: str) -> None:
    text = required_text(question, "question", 300)
    with unit_of_work(engine, workspace_id) as uow:
        uow.add(IcebreakerQuestion(workspace_id=workspace_id, text=text), "icebreaker.add")


def remove_question(engine: Engine, workspace_id: int, question_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(IcebreakerQuestion, question_id, "unknown_question", "icebreaker.remove")


def draw(deck: list[QuestionCard], previous: str | None = None, rng: random.Random | None = None) -> QuestionCard | None:
    """A random card, not the one just shown (when there is another)."""
    choices = [c for c in deck if c.key != previous] or deck
    return (rng or random).choice(choices) if choices else None
