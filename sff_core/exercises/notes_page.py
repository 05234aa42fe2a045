"""The handbook's *Anteckningar* page at the end of a phase (after the reflections of steps 3, 5 and 7).

A notepad the group keeps through the whole phase: each note is a text answer, typed on the laptop
or from a phone. Unlike a question answered in one work session, the page keeps every session's
notes, so its results are all of them, newest work session first, each under its date.
"""

from __future__ import annotations

from sff_core.exercises.shapes import no_answers
from sff_core.exercises.spec import Exercise
from sff_core.i18n import text
from sff_core.outputs.results import Results, ResultsQuery, TextsBlock, respondent_names
from sff_core.responses import load_responses


def notes_page_results(query: ResultsQuery) -> Results:
    """Every note of the page, per work session (newest first), each line 'who · text'."""
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key)
    notes = frame[frame["text"].map(lambda value: isinstance(value, str) and bool(value.strip()))] if not frame.empty else frame
    if notes.empty:
        return no_answers(query)
    names = respondent_names(query.engine, query.workspace_id, query.lang, query.show_names)
    groups = tuple(
        (day.isoformat(), tuple((names.get(row.respondent, row.respondent), str(row.text)) for row in of_day.itertuples()))
        for day, of_day in sorted(notes.groupby("session_date"), key=lambda item: item[0], reverse=True)
    )
    return Results(text(query.section.title, query.lang), None, (TextsBlock(groups),))


EXERCISE = Exercise(name="notes_page", answered_as="text", results=notes_page_results, live=True)
