"""Step 0 'Kärngruppen': what the handbook asks of the core group, checked, and its personality types."""

from __future__ import annotations

import pandas as pd

from sff_core.content import get_content
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.members import core_group_coverage, list_members
from sff_core.outputs.results import Block, Counts, FigureBlock, NoteBlock, Results, ResultsQuery, VerdictBlock


def coverage_results(query: ResultsQuery) -> Results:
    """Kärngruppen: what the handbook asks of the group, checked, and the personality types."""
    lang = query.lang
    coverage = core_group_coverage(list_members(query.engine, query.workspace_id))
    level_labels = {k: v.lower() for k, v in get_content().labels("member_levels", lang).items()}
    lines = []
    for check in coverage.checks:
        lines.append(("✓ " if check.ok else "○ ") + t(f"coverage.{check.key}", lang, **check.message_params(level_labels)))
    labels = get_content().labels("personality_types", lang)
    table = pd.DataFrame(
        {
            t("core.personality", lang): [labels[k] for k in coverage.personality_counts],
            t("chart.members", lang): list(coverage.personality_counts.values()),
        }
    )
    blocks: list[Block] = [
        VerdictBlock(
            f"{t('core.coverage', lang)} – {t('overview.coverage_summary', lang, ok=coverage.ok_count, total=len(coverage.checks))}",
            "\n".join(lines),
            "note",
        ),
        *_missing_types(coverage.missing_personality_types, labels, lang),
        FigureBlock(
            "personality_bars",
            (coverage.personality_counts, labels, lang, query.projector),
            table,
            key="chart-personality",
            counts=Counts((t("chart.members", lang),)),  # members per personality type
        ),
    ]
    return Results(text(query.section.title, lang), None, tuple(blocks))


def _missing_types(missing: list[str], labels: dict[str, str], lang: str) -> list[Block]:
    """The personality types no member has, named under the checks."""
    return [NoteBlock(t("coverage.missing_types", lang, types=", ".join(labels[k] for k in missing)))] if missing else []


EXERCISE = Exercise("core_group_coverage", answered_as=None, results=coverage_results, lists_prompts=True)
