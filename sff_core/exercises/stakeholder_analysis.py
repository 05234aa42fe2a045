"""Step 3 'Analys av era lokala samverkansaktörer': the influence × support matrix over time (sff_core/stakeholders.py)."""

from __future__ import annotations

import pandas as pd

from sff_core import stakeholders
from sff_core.content import Section
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, FigureBlock, Results, ResultsQuery, TableBlock


def assessment_table(section: Section, assessments: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The analysis table with the handbook's column names (the section's "kolumner" prompts)."""
    columns = {p.key: text(p.text, lang) for p in section.prompts if p.group == "kolumner"}
    return assessments.drop(columns=["actor_id"]).rename(
        columns={
            "actor": columns.get("aktor", "actor"),
            "influence": columns.get("paverkansgrad", "influence"),
            "support": columns.get("upplevt_stod", "support"),
            "reason": columns.get("anledning", "reason"),
            "action": columns.get("atgard", "action"),
            "result": columns.get("resultat", "result"),
            "contact_role": columns.get("kontaktperson", "contact_role"),
            "comment": columns.get("kommentar", "comment"),
        }
    )


def stakeholder_results(query: ResultsQuery) -> Results:
    """The influence × support matrix with each actor's movement, and the analysis table."""
    lang = query.lang
    title = text(query.section.title, lang)
    assessments = stakeholders.load_assessments(query.engine, query.workspace_id)
    if assessments.empty:
        return Results(title, None, (), t("actors.none_yet", lang))
    moves = stakeholders.movements(assessments)
    table = assessment_table(query.section, assessments, lang)
    matrix = NO_COUNTS  # influence and support are scores 1-5 of an actor; assessments are the group's own rounds
    blocks: list[Block] = [FigureBlock("influence_support_matrix", (moves, lang, query.projector), moves, key="matrix", counts=matrix)]
    if not query.projector:
        heading = t("actors.table", lang, n=len(assessments))
        blocks.append(TableBlock(table, heading, "aktorsanalys", key="assessments", counts=NO_COUNTS))
    return Results(title, None, tuple(blocks))


EXERCISE = Exercise(name="stakeholder_analysis", answered_as=None, lists_prompts=True, results=stakeholder_results)
