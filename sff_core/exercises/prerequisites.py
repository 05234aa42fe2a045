"""Step 6's prerequisites: each of the handbook's prerequisites for steps 6 and 7 checked from the data
(sff_core/prerequisites.py), met or not, with what is missing; answered as a checklist."""

from __future__ import annotations

from sff_core import prerequisites
from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Block, Results, ResultsQuery, VerdictBlock


def prerequisite_blocks(query: ResultsQuery) -> list[Block]:
    """Each prerequisite as a verdict: met or not, what was found, what is missing."""
    checked = prerequisites.check(query.engine, query.workspace_id, query.lang)
    blocks: list[Block] = [VerdictBlock(t("prereq.all_met", query.lang), "", "good")] if checked.all_met else []
    for item in checked.items:
        lines = [item.found, *(f"– {m.text}" for m in item.missing)]
        heading = ("✓ " if item.met else "○ ") + item.title
        blocks.append(VerdictBlock(heading, "\n".join(line for line in lines if line), "good" if item.met else "bad"))
    return blocks


def prerequisites_results(query: ResultsQuery) -> Results:
    blocks = prerequisite_blocks(query)
    answers = generic_results(query)
    return Results(text(query.section.title, query.lang), answers.shown_date, (*blocks, *answers.blocks), caption=answers.caption)


EXERCISE = Exercise(name="prerequisites", answered_as="checklist", live=False, results=prerequisites_results)
