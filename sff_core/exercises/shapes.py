"""The generic answer shapes as exercise plugins: info, yes/no, score, text, checklist, levels and post-its.

Their aggregations (yes/no agreement, checklist completion, text answers), their results model
(`generic_results`, which exercises answered with a shape build on) and the `EXERCISES` they
register as. A section without a `handler:` is answered and summarised by its shape alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from sff_core.config import LANGUAGES
from sff_core.content import Section, Text
from sff_core.errors import ContentError
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.members import list_members
from sff_core.notes import Exercise as NotesExercise
from sff_core.notes import board
from sff_core.outputs.results import (
    NO_COUNTS,
    Block,
    Card,
    CardsBlock,
    Counts,
    FigureBlock,
    PlainTextBlock,
    ProgressBlock,
    Results,
    ResultsQuery,
    TableBlock,
    by_cluster,
    latest_answers,
    respondent_names,
    texts_block,
)
from sff_core.responses import COMMON_PROMPT, GROUP, NOTES_PROMPT, answers_for
from sff_core.topics import topic_labels, topic_options

YES_NO_COLUMNS = ["prompt_key", "label", "yes", "no", "answered", "share_yes"]


# --- Aggregations ------------------------------------------------------------------------------------
def yes_no_summary(section: Section, frame: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Pure: per statement, how many answered ja and nej (one row per prompt, in content order)."""
    rows = []
    for index, prompt in enumerate(section.prompts, start=1):
        answers = frame[(frame["prompt_key"] == prompt.key)]["value_bool"].dropna() if not frame.empty else []
        yes = int(sum(bool(v) for v in answers))
        no = int(len(answers) - yes)
        answered = yes + no
        rows.append(
            {
                "prompt_key": prompt.key,
                "label": f"{index:02d}. {text(prompt.text, lang)}",
                "yes": yes,
                "no": no,
                "answered": answered,
                "share_yes": round(yes / answered, 2) if answered else None,
            }
        )
    return pd.DataFrame(rows, columns=YES_NO_COLUMNS)


def text_answers(section: Section, frame: pd.DataFrame, names: dict[str, str], lang: str = "sv") -> pd.DataFrame:
    """Pure: the text answers per prompt with who wrote them (for a table or an export)."""
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    labels[NOTES_PROMPT] = "–"
    rows = [
        {
            "prompt": labels.get(r.prompt_key, r.prompt_key),
            "respondent": names.get(r.respondent, r.respondent),
            "date": r.session_date,
            "text": r.text,
        }
        for r in frame.itertuples()
        if isinstance(r.text, str) and r.text
    ]
    return pd.DataFrame(rows, columns=["prompt", "respondent", "date", "text"])


def checklist_summary(section: Section, frame: pd.DataFrame) -> tuple[int, int]:
    """Pure: (items checked by the group, items in the list) for the latest answers."""
    checked = set(frame[frame["value_bool"] == True]["prompt_key"]) if not frame.empty else set()  # noqa: E712
    return len(checked & {p.key for p in section.prompts}), len(section.prompts)


# --- Results -----------------------------------------------------------------------------------------


def generic_results(query: ResultsQuery) -> Results:
    """Results of the generic shapes (yes/no, score, text, checklist, levels, post-its, info notes)."""
    frame, shown, caption = latest_answers(query)
    notes = frame[frame["prompt_key"] == NOTES_PROMPT] if not frame.empty else frame
    frame = frame[~frame["prompt_key"].isin([NOTES_PROMPT, COMMON_PROMPT])] if not frame.empty else frame
    blocks = list(_shape_blocks(query, frame)) if not frame.empty else []
    if query.section.shape == "postits" and shown is not None and query.section.topics:  # a column per topic (sector)
        blocks += topic_cards(query, shown)
    elif query.section.shape == "postits" and shown is not None:  # post-its are notes of their own, not answers
        cards = note_cards(query, shown)
        blocks += [cards] if cards.groups else []
    if not notes.empty:
        note = answers_for(notes, GROUP).get(NOTES_PROMPT)
        if note is not None and note.text:
            blocks.append(PlainTextBlock(note.text, t("step.notes", query.lang)))
    if not blocks:
        return no_answers(query, caption)
    return Results(text(query.section.title, query.lang), shown, tuple(blocks), caption=caption)


def no_answers(query: ResultsQuery, caption: str | None = None) -> Results:
    """The exercise's title and "no answers yet" (with the caption saying which work session was looked at)."""
    return Results(text(query.section.title, query.lang), None, (), t("answer.no_answers", query.lang), caption)


def _names(query: ResultsQuery) -> dict[str, str]:
    return respondent_names(query.engine, query.workspace_id, query.lang, query.show_names)


def _shape_blocks(query: ResultsQuery, frame: pd.DataFrame) -> list[Block]:
    section, lang, key = query.section, query.lang, f"{query.step.key}-{query.section.key}"
    shape = section.shape
    blocks: list[Block] = []
    if shape == "yes_no" and section.answered_by != "group":
        summary = yes_no_summary(section, frame, lang)
        agreement = Counts(("yes", "no", "answered"), totals=(("answered", ("yes", "no")),))  # people per answer
        table = summary[["label", "yes", "no", "answered"]]
        blocks.append(FigureBlock("agreement_bars", (summary, lang, query.projector), table, key=f"chart-{key}", counts=agreement))
    elif shape == "yes_no":  # the group's one answer per statement
        blocks.append(TableBlock(yes_no_table(section, frame, lang), filename=key, key=key, counts=NO_COUNTS))
    elif shape == "checklist":
        checked, total = checklist_summary(section, frame)
        blocks.append(ProgressBlock(t("answer.checked", lang, checked=checked, total=total), checked, total))
    elif shape == "score":
        mean = t("readiness.table_mean", lang)
        blocks.append(TableBlock(score_table(section, frame, lang), key=key, counts=Counts(("n",), follows=((mean, "n"),))))
    elif shape == "levels":  # one row per respondent: levels, not counts
        blocks.append(TableBlock(levels_table(section, frame, _names(query), lang), key=key, counts=NO_COUNTS))
    if shape in ("text", "score"):
        names = _names(query)
        if query.show_names:
            names.update({m.respondent: f"{m.name} ({m.organisation})" for m in list_members(query.engine, query.workspace_id)})
        texts = text_answers(section, frame, names, lang)
        if not texts.empty:
            blocks.append(texts_block(texts))
    return blocks


def note_cards(query: ResultsQuery, shown: date, common: frozenset[str] = frozenset(), side_by_side: bool | None = None) -> CardsBlock:
    """The exercise's post-it boards for a work session: each board's notes in the board's order
    (merged duplicates folded in, votes counted), grouped on the wall as the facilitator grouped them.

    On the wall the boards stand side by side (a SWOT as its 2 × 2 grid). `common` texts are starred too.
    """
    section = query.section
    notes = board(query.engine, NotesExercise(query.workspace_id, query.step.key, section.key, shown))
    groups = []
    for prompt in section.prompts:
        cards = [Card(n.text, n.votes, n.marked or n.text in common, n.weight, n.cluster) for n in notes if n.prompt_key == prompt.key]
        if cards:
            groups.append((text(prompt.text, query.lang), tuple(by_cluster(cards))))
    beside = query.projector and len(section.prompts) <= 4 if side_by_side is None else side_by_side
    return CardsBlock(tuple(groups), beside)


def topic_cards(query: ResultsQuery, shown: date) -> list[CardsBlock]:
    """Post-its of an exercise with topics: per topic (a sector) its boards in the section's order,
    each with the round (prompt group) it belongs to; topics in the order they are offered."""
    section = query.section
    notes = board(query.engine, NotesExercise(query.workspace_id, query.step.key, section.key, shown))
    offered = topic_options(query.engine, query.workspace_id, section)
    labels = topic_labels(section, query.lang)
    rounds = {g.key: text(g.title, query.lang) for g in section.groups}
    used = {n.topic for n in notes if n.topic}
    blocks = []
    for topic in sorted(used, key=lambda k: offered.index(k) if k in offered else len(offered)):
        groups, round_of = [], []
        for prompt in section.prompts:
            mine = [n for n in notes if n.topic == topic and n.prompt_key == prompt.key]
            if mine:
                cards = [Card(n.text, n.votes, n.marked, n.weight, n.cluster) for n in mine]
                groups.append((text(prompt.text, query.lang), tuple(by_cluster(cards))))
                round_of.append(rounds.get(prompt.group or "", ""))
        blocks.append(CardsBlock(tuple(groups), topic=labels.get(topic, topic), rounds=tuple(round_of)))
    return blocks


def yes_no_table(section: Section, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for prompt in section.prompts:
        mine = frame[frame["prompt_key"] == prompt.key]
        value = mine["value_bool"].dropna()
        answer = "–" if value.empty else (t("answer.yes", lang) if bool(value.iloc[0]) else t("answer.no", lang))
        texts = [x for x in mine["text"] if isinstance(x, str) and x]
        rows.append(
            {
                "": text(prompt.text, lang),
                t("answer.yes", lang) + "/" + t("answer.no", lang): answer,
                t("answer.interpretation", lang): " ".join(texts),
            }
        )
    return pd.DataFrame(rows)


def score_table(section: Section, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for prompt in section.prompts:
        values = frame[frame["prompt_key"] == prompt.key]["value_int"].dropna()
        rows.append(
            {
                t("readiness.table_dimension", lang): text(prompt.text, lang),
                t("readiness.table_mean", lang): round(values.mean(), 2) if len(values) else None,
                "n": len(values),
            }
        )
    return pd.DataFrame(rows)


def levels_table(section: Section, frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    return pd.DataFrame(
        [
            {
                "": labels.get(r.prompt_key, r.prompt_key),
                t("answer.respondent", lang): names.get(r.respondent, r.respondent),
                t("answer.level_now", lang): r.value_int,
                t("answer.level_wanted", lang): r.value_int2,
            }
            for r in frame.itertuples()
        ]
    )


# --- The plugins -------------------------------------------------------------------------------------


def optional_text(raw: Any, path: str) -> Text | None:
    """A content text that may be left out: None, or a non-empty text in Swedish and English."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(raw.get(lang), str) and raw[lang].strip() for lang in LANGUAGES):
        raise ContentError("steps/", path, "ska vara en text med 'sv' och 'en'")
    return {"sv": raw["sv"].strip(), "en": raw["en"].strip()}


EXERCISES = (
    Exercise("info", answered_as=None, results=generic_results, lists_prompts=True),
    Exercise(
        "yes_no",
        answered_as="yes_no",
        results=generic_results,
        live=True,
        fields={"statement_heading": optional_text, "interpretation_label": optional_text},
    ),
    Exercise("score", answered_as="score", results=generic_results, live=True),
    Exercise("text", answered_as="text", results=generic_results, live=True),
    Exercise("checklist", answered_as="checklist", results=generic_results, live=True),
    Exercise("levels", answered_as="levels", results=generic_results, live=True),
    Exercise("postits", answered_as="postits", results=generic_results, live=True, lists_prompts=True),
)
