"""Results models of step 6's live parts: the prerequisites, the common starting point and the SWOT.

The screen, the wall and every report draw these (sff_core.results' blocks); the wall picks the blocks
of the screen the remote chose (sff_core.screens), a report shows them all.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core import common_ground, notes, prerequisites, swot
from sff_core.content import get_content
from sff_core.exercises.shapes import generic_results
from sff_core.i18n import t, text
from sff_core.notes import Exercise, NoteInfo
from sff_core.results import (
    Block,
    Card,
    CardsBlock,
    Counts,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    TableBlock,
    VerdictBlock,
    by_cluster,
)

# --- Förutsättningar ----------------------------------------------------------------------------------


def prerequisite_blocks(engine: object, workspace_id: int, lang: str) -> list[Block]:
    """Each prerequisite as a verdict: met or not, what was found, what is missing."""
    checked = prerequisites.check(engine, workspace_id, lang)  # type: ignore[arg-type]
    blocks: list[Block] = []
    for item in checked.items:
        lines = [item.found, *(f"– {m.text}" for m in item.missing)]
        heading = ("✓ " if item.met else "○ ") + item.title
        blocks.append(VerdictBlock(heading, "\n".join(line for line in lines if line), "good" if item.met else "bad"))
    return blocks


def prerequisites_results(query: ResultsQuery) -> Results:
    blocks = prerequisite_blocks(query.engine, query.workspace_id, query.lang)
    answers = generic_results(query)
    return Results(text(query.section.title, query.lang), answers.shown_date, (*blocks, *answers.blocks), caption=answers.caption)


# --- En gemensam utgångspunkt ----------------------------------------------------------------------------


def training_block(query: ResultsQuery, shown: date | None) -> list[Block]:
    needs = common_ground.training_needs(common_ground.training_answers(query.engine, query.workspace_id, shown))
    if not needs:
        return []
    return [
        TableBlock(
            common_ground.needs_table(needs, query.lang),
            t("common.screen_training", query.lang),
            "utbildningsbehov",
            "training",
            Counts((t("common.named_by", query.lang),)),  # people who named the need
        )
    ]


def common_ground_results(query: ResultsQuery) -> Results:
    """Every data topic, then the room's answers to the five questions and the training needs as one list."""
    blocks: list[Block] = []
    for screen in common_ground.data_screens(query.engine, query.workspace_id, query.lang, query.projector):
        blocks.append(NoteBlock(screen.title))
        blocks.extend(screen.blocks)
    answers = generic_results(query)
    blocks.extend(answers.blocks)
    blocks.extend(training_block(query, answers.shown_date))
    if not blocks:
        return Results(text(query.section.title, query.lang), None, (), t("common.empty", query.lang))
    return Results(text(query.section.title, query.lang), answers.shown_date, tuple(blocks), caption=answers.caption)


# --- SWOT -------------------------------------------------------------------------------------------


def swot_date(query: ResultsQuery) -> tuple[date | None, str | None]:
    """The chosen work session if it has post-its, else the latest that has (and a caption saying so)."""
    dates = notes.note_dates(query.engine, query.workspace_id, query.step.key, query.section.key)
    if not dates:
        return None, None
    if query.session_date in dates:
        return query.session_date, None
    return dates[0], t("answer.showing_date", query.lang, date=dates[0].isoformat())


def _card(note: NoteInfo) -> Card:
    return Card(note.text, note.votes, note.marked, note.weight, note.cluster)


def quadrant_cards(query: ResultsQuery, board: list[NoteInfo], heading: str = "") -> CardsBlock:
    """The four quadrants (styrkor, svagheter, möjligheter, hot) with their notes, in the board's order."""
    groups = []
    for prompt in query.section.prompts:
        cards = tuple(by_cluster([_card(n) for n in board if n.prompt_key == prompt.key]))  # a group's cards together
        title = text(prompt.text, query.lang)
        groups.append((f"{heading} – {title}" if heading else title, cards))
    return CardsBlock(tuple(groups), side_by_side=query.projector)


def group_labels(lang: str) -> dict[str, str]:
    return get_content().labels(swot.GROUP_VOCAB, lang)


def ranking_table(query: ResultsQuery, board: list[NoteInfo]) -> pd.DataFrame:
    """The ranking after dot voting: rank, quadrant, post-it, votes, how many wrote it, carried forward,
    and the delmål it led to (when the plan links it)."""
    lang = query.lang
    quadrants = {p.key: text(p.text, lang) for p in query.section.prompts}
    rows = []
    for ranked in swot.ranking(board):
        note = ranked.note
        goals = swot.goals_for_note(query.engine, query.workspace_id, note.id) if note.marked else []
        rows.append(
            {
                t("swot.rank", lang): ranked.rank,
                t("swot.quadrant", lang): quadrants.get(note.prompt_key, note.prompt_key),
                t("swot.postit", lang): note.text,
                t("swot.votes", lang): note.votes,
                t("swot.writers", lang): note.weight,
                t("swot.carried", lang): "★" if note.marked else "",
                t("swot.goals", lang): ", ".join(goals) or "–",
            }
        )
    return pd.DataFrame(rows)


def swot_results(query: ResultsQuery) -> Results:
    """Each small group's SWOT, the whole room's (merged, grouped), then the ranking after dot voting."""
    shown, caption = swot_date(query)
    title = text(query.section.title, query.lang)
    if shown is None:
        return Results(title, None, (), t("swot.empty", query.lang))
    exercise = Exercise(query.workspace_id, query.step.key, query.section.key, shown)
    board = notes.board(query.engine, exercise)
    labels = group_labels(query.lang)
    blocks: list[Block] = []
    for group in swot.groups_with_notes(query.engine, exercise):
        mine = swot.group_notes(query.engine, exercise, group)  # as the group wrote them, before the room merged
        if mine:
            blocks.append(quadrant_cards(query, mine, labels.get(group, group)))
    blocks.append(quadrant_cards(query, board, t("swot.whole_room", query.lang)))
    ranked = ranking_table(query, board)
    if not ranked.empty:
        votes = Counts((t("swot.votes", query.lang), t("swot.writers", query.lang)))  # the rank is a place, not a count
        blocks.append(TableBlock(ranked, t("swot.ranking", query.lang), "swot-rangordning", "swot-ranking", votes))
    by_organisation = swot.notes_by_organisation(query.engine, exercise)
    if by_organisation:
        table = pd.DataFrame(
            {t("swot.organisation", query.lang): list(by_organisation), t("swot.notes_count", query.lang): list(by_organisation.values())}
        )
        per_organisation = Counts((t("swot.notes_count", query.lang),))
        blocks.append(
            TableBlock(table, t("swot.by_organisation", query.lang), "swot-per-organisation", "swot-organisations", per_organisation)
        )
    marked = [n for n in board if n.marked]
    if marked:
        blocks.append(PlainTextBlock("\n".join(f"★ {n.text}" for n in marked), t("swot.carried_title", query.lang)))
    return Results(title, shown, tuple(blocks), caption=caption)
