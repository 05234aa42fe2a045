"""Step 1 'Isbrytare': question cards drawn at random; the group may add its own questions."""

from __future__ import annotations

from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.icebreaker import cards
from sff_core.outputs.results import Card, CardsBlock, Results, ResultsQuery


def icebreaker_results(query: ResultsQuery) -> Results:
    deck = cards(query.engine, query.workspace_id, query.lang)
    own = tuple(Card(c.text) for c in deck if c.custom)
    title = text(query.section.title, query.lang)
    if not own:
        return Results(title, None, (), t("icebreaker.none_own", query.lang))
    return Results(title, None, (CardsBlock(((t("icebreaker.own_questions", query.lang), own),)),))


EXERCISE = Exercise("icebreaker", answered_as=None, results=icebreaker_results, lists_prompts=True)
