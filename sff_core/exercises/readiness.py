"""Step 0 'Är ni redo?': the readiness self-assessment, scored 1–5 per dimension (the score form).

Its results: the radar of every respondent, the total, the handbook's verdict and the weakest
dimensions, which work session is the agreed one, and the comments (sff_core/readiness.py scores).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sff_core.exercises.shapes import no_answers
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.members import list_members
from sff_core.outputs.results import (
    NO_COUNTS,
    Block,
    Counts,
    FigureBlock,
    MetricBlock,
    NoteBlock,
    Results,
    ResultsQuery,
    TableBlock,
    VerdictBlock,
    respondent_names,
    shown_date,
)
from sff_core.readiness import NOT_READY, ReadinessSummary, agreed_session, readiness_summary


def readiness_results(query: ResultsQuery) -> Results:
    """Är ni redo?: the radar of every respondent, the total, the handbook's verdict and the weakest dimensions."""
    lang, section = query.lang, query.section
    shown, caption = shown_date(query)
    summary = readiness_summary(query.engine, query.workspace_id, shown or query.session_date)
    if not summary.respondents and not summary.uses_consensus:
        return no_answers(query, caption)
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    names = respondent_names(query.engine, query.workspace_id, lang, query.show_names)
    count = len(summary.respondents)
    blocks: list[Block] = [
        NoteBlock(
            f"{t('answer.results', lang)} {shown.isoformat() if shown else ''} · "
            f"{t('readiness.respondents_one' if count == 1 else 'readiness.respondents', lang, n=count)}"
        )
    ]
    blocks += _readiness_notes(query, summary, shown)
    blocks += _verdict_blocks(summary, labels, lang)
    blocks.append(
        FigureBlock(
            "readiness_radar",
            (summary, labels, names, lang, query.projector),
            readiness_table(summary, labels, lang),
            key="chart-readiness",
            counts=readiness_counts(lang),
        )
    )
    comments = [(labels[d.key], names.get(who, who), note) for d in summary.dimensions for who, note in d.comments]
    if comments and not query.projector:
        columns = [t("readiness.table_dimension", lang), t("answer.respondent", lang), t("answer.comment", lang)]
        table = pd.DataFrame(comments, columns=columns)
        blocks.append(TableBlock(table, t("readiness.comments", lang), "kommentarer", key="readiness-comments", counts=NO_COUNTS))
    return Results(text(section.title, lang), shown, tuple(blocks), caption=caption)


def _verdict_blocks(summary: ReadinessSummary, labels: dict[str, str], lang: str) -> list[Block]:
    """The total and the handbook's verdict, or which dimensions still lack a value."""
    total, verdict = summary.total, summary.verdict  # both None until every dimension has a value
    if total is None or verdict is None:
        return [VerdictBlock(t("readiness.incomplete", lang, dims=", ".join(labels[k] for k in summary.missing)), "", "note")]
    verdict_key = "verdict_not_ready" if verdict == NOT_READY else "verdict_continue"
    return [
        MetricBlock(t("readiness.total", lang), t("readiness.total_of", lang, total=f"{total:g}", max=summary.max_total)),
        VerdictBlock(t(f"readiness.{verdict_key}", lang), text(summary.verdicts[verdict], lang), "bad" if verdict == NOT_READY else "good"),
        NoteBlock(t("readiness.weakest", lang, dims=", ".join(labels[k] for k in summary.weakest))),
        NoteBlock(t("readiness.threshold_rule", lang, threshold=f"{summary.threshold:g}") + " " + t("readiness.how_total", lang)),
    ]


def _readiness_notes(query: ResultsQuery, summary: ReadinessSummary, shown: date | None) -> list[Block]:
    """Which work session is the agreed result, and whether fewer than the whole core group answered."""
    lang = query.lang
    agreed = agreed_session(query.engine, query.workspace_id)
    notes: list[Block] = []
    if agreed is None:
        notes.append(NoteBlock(t("readiness.no_agreed", lang)))
    elif agreed == shown:
        notes.append(NoteBlock(t("readiness.is_agreed", lang)))
    else:
        notes.append(NoteBlock(t("readiness.agreed_elsewhere", lang, date=agreed.isoformat())))
    members = len(list_members(query.engine, query.workspace_id))
    if not summary.uses_consensus and 0 < len(summary.respondents) < members:
        notes.append(VerdictBlock(t("readiness.fewer_answers", lang, n=len(summary.respondents), members=members), "", "note"))
    return notes


def readiness_counts(lang: str) -> Counts:
    """n members scored a dimension; its mean, min and max (and the value, the mean when there is no
    consensus) are computed from those scores. The consensus is the group's one agreed value."""
    derived = ("table_mean", "table_min", "table_max", "table_value")
    return Counts(("n",), follows=tuple((t(f"readiness.{k}", lang), "n") for k in derived))


def readiness_table(summary: ReadinessSummary, labels: dict[str, str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("readiness.table_dimension", lang): labels[d.key],
                t("readiness.table_mean", lang): None if d.mean is None else round(d.mean, 2),
                t("readiness.table_min", lang): d.low,
                t("readiness.table_max", lang): d.high,
                t("readiness.table_consensus", lang): d.consensus,
                t("readiness.table_value", lang): None if d.value is None else round(d.value, 2),
                "n": len(d.scores),
            }
            for d in summary.dimensions
        ]
    )


EXERCISE = Exercise("readiness", answered_as="score", results=readiness_results, live=True)
