"""Step 1 'Hur skapar vi en modig miljö?': two post-it boards; the notes common to both are marked by the facilitator."""

from __future__ import annotations

from sff_core.exercises.shapes import no_answers, note_cards
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Block, Card, CardsBlock, Results, ResultsQuery, latest_answers
from sff_core.responses import COMMON_PROMPT, GROUP, answers_for


def courage_results(query: ResultsQuery) -> Results:
    """Hur skapar vi en modig miljö?: the two boards side by side, the notes common to both starred."""
    frame, shown, caption = latest_answers(query)
    if shown is None:
        return no_answers(query, caption)
    stored = answers_for(frame, GROUP).get(COMMON_PROMPT) if not frame.empty else None
    common = [line for line in ((stored.text if stored else "") or "").splitlines() if line.strip()]
    boards = note_cards(query, shown, frozenset(common), side_by_side=True)
    blocks: list[Block] = [boards] if boards.groups else []
    if common:
        blocks.append(CardsBlock(((t("courage.common", query.lang), tuple(Card(c, marked=True) for c in common)),)))
    if not blocks:
        return no_answers(query, caption)
    return Results(text(query.section.title, query.lang), shown, tuple(blocks), caption=caption)


EXERCISE = Exercise("courage_boards", answered_as="postits", results=courage_results, live=True, lists_prompts=True)
