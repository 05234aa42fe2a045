"""Step 6's SWOT: small groups write post-its from their phones (sff_core/swot.py), the room merges and
dot-votes them.

The results model carries the wall's screens: each small group's SWOT (the groups present to each
other), the whole room's merged 2 × 2, then the ranking after dot voting – each headed by a
`ScreenTitle`, where the exercise's `screens` hook cuts. The wall, the laptop's screen controls, the
remote and the counter of "next" all take the screens from it; a report shows them all, with the
post-its per organisation and what is carried forward to the plan.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core import notes, swot
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.notes import Exercise as Board
from sff_core.notes import NoteInfo
from sff_core.outputs.results import (
    Block,
    Card,
    CardsBlock,
    Counts,
    NoteBlock,
    PlainTextBlock,
    Results,
    ResultsQuery,
    ScreenTitle,
    TableBlock,
    by_cluster,
)
from sff_core.outputs.wall_screens import split_at_titles

WALL_RANKING_ROWS = 10  # the wall's ranking: the top ten, the columns that fit 1280 px at 18 px


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


def group_blocks(query: ResultsQuery, exercise: Board, board: list[NoteInfo]) -> list[Block]:
    """Each small group's SWOT as it wrote it (before the room merged), then the whole room's."""
    labels = swot.group_labels(query.lang)
    blocks: list[Block] = []
    for group in swot.groups_with_notes(query.engine, exercise):
        mine = swot.group_notes(query.engine, exercise, group)  # as the group wrote them, before the room merged
        if mine:
            label = labels.get(group, group)
            heading = ScreenTitle(t("swot.screen_group", query.lang, group=label))
            blocks += [heading, quadrant_cards(query, mine, "" if query.projector else label)]
    whole = "" if query.projector else t("swot.whole_room", query.lang)
    return [*blocks, ScreenTitle(t("swot.screen_room", query.lang)), quadrant_cards(query, board, whole)]


def ranking_blocks(query: ResultsQuery, exercise: Board, board: list[NoteInfo]) -> list[Block]:
    """The ranking after dot voting; on the wall how many voted, the top ten and the columns that fit."""
    lang = query.lang
    blocks: list[Block] = [ScreenTitle(t("swot.screen_ranking", lang))]
    if query.projector:
        votes, voters = swot.votes_cast(query.engine, exercise), swot.voters(query.engine, exercise)
        blocks.append(NoteBlock(t("swot.votes_line", lang, votes=votes, voters=voters)))
    ranked = ranking_table(query, board)
    if ranked.empty:
        return [*blocks, NoteBlock(t("swot.no_votes", lang))]
    if query.projector:
        shown = ranked.drop(columns=[t("swot.writers", lang), t("swot.goals", lang)]).head(WALL_RANKING_ROWS)
        return [*blocks, TableBlock(shown, None, key="swot-ranking", counts=Counts((t("swot.votes", lang),)))]
    votes_and_writers = Counts((t("swot.votes", lang), t("swot.writers", lang)))  # the rank is a place, not a count
    return [*blocks, TableBlock(ranked, t("swot.ranking", lang), "swot-rangordning", "swot-ranking", votes_and_writers)]


def report_blocks(query: ResultsQuery, exercise: Board, board: list[NoteInfo]) -> list[Block]:
    """Beside the wall's screens (the laptop and reports): post-its per organisation and what is carried forward."""
    lang = query.lang
    blocks: list[Block] = []
    by_organisation = swot.notes_by_organisation(query.engine, exercise)
    if by_organisation:
        count = t("swot.notes_count", lang)
        table = pd.DataFrame({t("swot.organisation", lang): list(by_organisation), count: list(by_organisation.values())})
        per_organisation = Counts((count,))
        blocks.append(TableBlock(table, t("swot.by_organisation", lang), "swot-per-organisation", "swot-organisations", per_organisation))
    marked = [n for n in board if n.marked]
    if marked:
        blocks.append(PlainTextBlock("\n".join(f"★ {n.text}" for n in marked), t("swot.carried_title", lang)))
    return blocks


def swot_results(query: ResultsQuery) -> Results:
    """Each small group's SWOT, the whole room's (merged, grouped), then the ranking after dot voting."""
    shown, caption = swot_date(query)
    title = text(query.section.title, query.lang)
    if shown is None:
        return Results(title, None, (), t("swot.empty", query.lang))
    exercise = Board(query.workspace_id, query.step.key, query.section.key, shown)
    board = notes.board(query.engine, exercise)
    blocks = [*group_blocks(query, exercise, board), *ranking_blocks(query, exercise, board)]
    if not query.projector:
        blocks += report_blocks(query, exercise, board)
    return Results(title, shown, tuple(blocks), caption=caption)


EXERCISE = Exercise(name="swot", answered_as="postits", live=True, lists_prompts=True, results=swot_results, screens=split_at_titles)
