"""Results models: what an exercise produced, as plain data the screen, the wall and documents share.

A `Results` is a title, the work session it shows and a list of blocks – tables (DataFrames),
figures (a pure chart builder's name and inputs, with the table of the same numbers), text answers,
post-it cards, progress, verdicts and notes. Nothing here imports Streamlit: the UI draws the
blocks (`sff_core/ui/results_view.py`) and an export renders the same blocks to a document, so a
report never disagrees with the wall. Each exercise type's builder is named in `registry.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sff_core.content import Section, Step
from sff_core.i18n import t, text
from sff_core.responses import COMMON_PROMPT, GROUP, NOTES_PROMPT, answers_for, load_responses, session_dates


@dataclass(frozen=True)
class ResultsQuery:
    """Which exercise's results, for which work session, in which language, for which display."""

    engine: Engine
    workspace_id: int
    step: Step
    section: Section
    session_date: date | None
    lang: str = "sv"
    projector: bool = False
    city: str = ""
    show_names: bool = True  # on the wall, names only when the facilitator chose to show them


# --- Blocks ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """What in a block's table counts people, answers or events: the whole input of the sharing rule.

    Every `TableBlock` and `FigureBlock` that can reach a document for sharing outside the core group
    declares one (`counts=`); `sff_core.sharing.shared_table` refuses a block without it, so a new
    exercise cannot leak a small count by forgetting, nor lose a rank or a step number to a guess.
    Columns are named as they stand in the block's `table`.

    - `columns`: counts of people, answers, organisations or events (1..threshold-1 become "<N").
      Ranks, step numbers, years, scores, levels, targets and the group's own search occasions are
      not counts.
    - `follows`: (column, count column) pairs – a value computed from the answers that the count
      column counts (a mean, median, min/max, share, trend). Hidden ("–") wherever its count is
      hidden: a mean of one answer is that answer.
    - `totals`: (total column, part columns) pairs – per row the parts add up to the total (yes + no
      = answered). When a part is hidden, the next smallest part is hidden too ("dolt") until no
      hidden part can be worked out from the total and the visible parts (secondary suppression).
      A total of None means the row's total is shown elsewhere (e.g. the year's total).
    - `column_sums`: count columns whose sum over the rows is shown elsewhere (n under a chart);
      within such a column the same secondary rule applies.

    `NO_COUNTS` (an empty `Counts()`) is the explicit declaration that a table holds no counts.
    """

    columns: tuple[str, ...] = ()
    follows: tuple[tuple[str, str], ...] = ()
    totals: tuple[tuple[str | None, tuple[str, ...]], ...] = ()
    column_sums: tuple[str, ...] = ()


NO_COUNTS = Counts()


@dataclass(frozen=True)
class FigureBlock:
    """A chart: the pure builder in sff_core.charts and its inputs, plus the same numbers as a table.

    `table` holds every number the chart draws and `counts` says which of them are counts; a shared
    document draws the chart only when suppression leaves its table unchanged, or – when `rows_arg`
    names the argument that holds the table's rows (same index) – redraws it from the rows whose
    counts may be shown; otherwise it shows the suppressed table and says why.
    """

    builder: str
    args: tuple[Any, ...]
    table: pd.DataFrame | None = None
    key: str = ""
    title: str | None = None
    counts: Counts | None = None
    rows_arg: int | None = None

    def build(self) -> Any:
        from sff_core import charts

        return getattr(charts, self.builder)(*self.args)


@dataclass(frozen=True)
class TableBlock:
    table: pd.DataFrame
    title: str | None = None
    filename: str | None = None  # offered as the app's own (formula-neutralised) CSV download
    key: str = ""
    counts: Counts | None = None  # what in the table is a count (None: undeclared, refused when shared)


@dataclass(frozen=True)
class TextsBlock:
    """Free-text answers under their question: (question, [(who · when, text), …])."""

    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True)
class Card:
    """One post-it as shown: its text, dots from dot voting, how many wrote it, its group on the wall."""

    text: str
    votes: int = 0
    marked: bool = False  # carried forward (★)
    weight: int = 1  # the note and the duplicates merged into it
    cluster: str | None = None
    hidden_below: int = 0  # shared outside the core group: votes and writers under this read "<N"

    def _count(self, value: int) -> str:
        return f"<{self.hidden_below}" if 0 < value < self.hidden_below else str(value)

    @property
    def label(self) -> str:
        """`★ text ×2 ● 3`: the star for a marked item, ×N for merged duplicates, ● N for votes (people:
        counts, so "<N" in a shared document)."""
        weight = f" ×{self._count(self.weight)}" if self.weight > 1 else ""
        votes = f" ● {self._count(self.votes)}" if self.votes else ""
        return ("★ " if self.marked else "") + self.text + weight + votes


@dataclass(frozen=True)
class CardsBlock:
    """Post-its under their question (board), in the board's order (marked, then most votes).

    For an exercise with topics (step 5's sectors) there is one block per topic: `topic` is its
    heading, and `rounds` names per board the round it was written in (the handbook's "byt färg").
    """

    groups: tuple[tuple[str, tuple[Card, ...]], ...]
    side_by_side: bool = False
    topic: str | None = None
    rounds: tuple[str, ...] = ()
    first_round: int = 1  # the number of the first round shown (a wall screen may show round 2 alone)


@dataclass(frozen=True)
class ProgressBlock:
    label: str
    done: int
    total: int


@dataclass(frozen=True)
class MetricBlock:
    label: str
    value: str
    count: bool = False  # the value counts people, answers or organisations (suppressed when shared)


@dataclass(frozen=True)
class VerdictBlock:
    """Our own message about a result (never user text): `tone` is good, bad or note."""

    heading: str
    body: str
    tone: str = "note"


@dataclass(frozen=True)
class NoteBlock:
    """A short caption of our own (never user text)."""

    text: str


@dataclass(frozen=True)
class PlainTextBlock:
    """User text shown as typed (never Markdown or HTML)."""

    text: str
    title: str | None = None


Block = FigureBlock | TableBlock | TextsBlock | CardsBlock | ProgressBlock | MetricBlock | VerdictBlock | NoteBlock | PlainTextBlock


@dataclass(frozen=True)
class Results:
    title: str
    shown_date: date | None
    blocks: tuple[Block, ...] = ()
    empty_message: str | None = None  # shown when there are no blocks
    caption: str | None = None  # e.g. that the latest work session with answers is shown

    @property
    def empty(self) -> bool:
        return not self.blocks


def build_results(query: ResultsQuery) -> Results:
    """The results of the query's exercise, by its registered type."""
    from sff_core.registry import type_of

    return type_of(query.section).build_results(query)


# --- Helpers -----------------------------------------------------------------------------------------


def _title(query: ResultsQuery) -> str:
    return text(query.section.title, query.lang)


def shown_date(query: ResultsQuery) -> tuple[date | None, str | None]:
    """The chosen work session if it has answers, else the latest one that has (and a caption saying so)."""
    dates = session_dates(query.engine, query.workspace_id, query.step.key, query.section.key)
    if not dates:
        return None, None
    if query.session_date in dates:
        return query.session_date, None
    return dates[0], t("answer.showing_date", query.lang, date=dates[0].isoformat())


def respondent_names(engine: Engine, workspace_id: int, lang: str, show_names: bool = True) -> dict[str, str]:
    """Display names for every respondent: members, live participants, the group.

    Without names (the wall, unless the facilitator chose otherwise) each person is "Person N",
    numbered in a stable order, so lines and answers can be told apart but not attributed.
    """
    from sff_core.live import participant_labels
    from sff_core.members import list_members

    names = participant_labels(engine, workspace_id, t("live.anonymous", lang))
    names.update({m.respondent: m.name for m in list_members(engine, workspace_id)})
    if not show_names:
        names = {key: t("answer.person_n", lang, n=number) for number, key in enumerate(sorted(names), start=1)}
    names[GROUP] = t("answer.group", lang)
    return names


def _names(query: ResultsQuery) -> dict[str, str]:
    return respondent_names(query.engine, query.workspace_id, query.lang, query.show_names)


def _no_answers(query: ResultsQuery, caption: str | None = None) -> Results:
    return Results(_title(query), None, (), t("answer.no_answers", query.lang), caption)


def _answers(query: ResultsQuery) -> tuple[pd.DataFrame, date | None, str | None]:
    shown, caption = shown_date(query)
    if shown is None:
        return pd.DataFrame(), None, None
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown)
    return frame, shown, caption


# --- Generic shapes ----------------------------------------------------------------------------------


def generic_results(query: ResultsQuery) -> Results:
    """Results of the generic shapes (yes/no, score, text, checklist, levels, post-its, info notes)."""
    frame, shown, caption = _answers(query)
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
        return _no_answers(query, caption)
    return Results(_title(query), shown, tuple(blocks), caption=caption)


def _shape_blocks(query: ResultsQuery, frame: pd.DataFrame) -> list[Block]:
    from sff_core.exercises.shapes import checklist_summary, text_answers, yes_no_summary

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
            from sff_core.members import list_members

            names.update({m.respondent: f"{m.name} ({m.organisation})" for m in list_members(query.engine, query.workspace_id)})
        texts = text_answers(section, frame, names, lang)
        if not texts.empty:
            blocks.append(_texts_block(texts))
    return blocks


def _texts_block(table: pd.DataFrame) -> TextsBlock:
    groups = []
    for prompt, answers in table.groupby("prompt", sort=False):
        groups.append((str(prompt), tuple((f"{row.respondent} · {row.date}", str(row.text)) for row in answers.itertuples())))
    return TextsBlock(tuple(groups))


def note_cards(query: ResultsQuery, shown: date, common: frozenset[str] = frozenset(), side_by_side: bool | None = None) -> CardsBlock:
    """The exercise's post-it boards for a work session: each board's notes in the board's order
    (merged duplicates folded in, votes counted), grouped on the wall as the facilitator grouped them.

    On the wall the boards stand side by side (a SWOT as its 2 × 2 grid). `common` texts are starred too.
    """
    from sff_core.notes import Exercise, board

    section = query.section
    notes = board(query.engine, Exercise(query.workspace_id, query.step.key, section.key, shown))
    groups = []
    for prompt in section.prompts:
        cards = [Card(n.text, n.votes, n.marked or n.text in common, n.weight, n.cluster) for n in notes if n.prompt_key == prompt.key]
        if cards:
            groups.append((text(prompt.text, query.lang), tuple(_by_cluster(cards))))
    beside = query.projector and len(section.prompts) <= 4 if side_by_side is None else side_by_side
    return CardsBlock(tuple(groups), beside)


def topic_cards(query: ResultsQuery, shown: date) -> list[CardsBlock]:
    """Post-its of an exercise with topics: per topic (a sector) its boards in the section's order,
    each with the round (prompt group) it belongs to; topics in the order they are offered."""
    from sff_core.notes import Exercise, board
    from sff_core.topics import topic_labels, topic_options

    section = query.section
    notes = board(query.engine, Exercise(query.workspace_id, query.step.key, section.key, shown))
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
                groups.append((text(prompt.text, query.lang), tuple(_by_cluster(cards))))
                round_of.append(rounds.get(prompt.group or "", ""))
        blocks.append(CardsBlock(tuple(groups), topic=labels.get(topic, topic), rounds=tuple(round_of)))
    return blocks


def _by_cluster(cards: list[Card]) -> list[Card]:
    """Cards of one group together, groups in the order their best card comes; ungrouped cards last."""
    order = {cluster: index for index, cluster in enumerate(dict.fromkeys(c.cluster for c in cards if c.cluster))}
    return sorted(cards, key=lambda c: order.get(c.cluster, len(order)) if c.cluster else len(order))


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


def notes_results(query: ResultsQuery) -> Results:
    """Exercises whose result is the group's notes (and any text answers)."""
    return generic_results(query)


# --- Step 0 and 1 ------------------------------------------------------------------------------------


def readiness_results(query: ResultsQuery) -> Results:
    """Är ni redo?: the radar of every respondent, the total, the handbook's verdict and the weakest dimensions."""
    from sff_core.readiness import NOT_READY, readiness_summary

    lang, section = query.lang, query.section
    shown, caption = shown_date(query)
    summary = readiness_summary(query.engine, query.workspace_id, shown or query.session_date)
    if not summary.respondents and not summary.uses_consensus:
        return _no_answers(query, caption)
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    names = _names(query)
    count = len(summary.respondents)
    blocks: list[Block] = [
        NoteBlock(
            f"{t('answer.results', lang)} {shown.isoformat() if shown else ''} · "
            f"{t('readiness.respondents_one' if count == 1 else 'readiness.respondents', lang, n=count)}"
        )
    ]
    blocks += _readiness_notes(query, summary, shown)
    total, verdict = summary.total, summary.verdict  # both None until every dimension has a value
    if total is None or verdict is None:
        blocks.append(VerdictBlock(t("readiness.incomplete", lang, dims=", ".join(labels[k] for k in summary.missing)), "", "note"))
    else:
        verdict_key = "verdict_not_ready" if verdict == NOT_READY else "verdict_continue"
        blocks.append(MetricBlock(t("readiness.total", lang), t("readiness.total_of", lang, total=f"{total:g}", max=summary.max_total)))
        blocks.append(
            VerdictBlock(
                t(f"readiness.{verdict_key}", lang),
                text(summary.verdicts[verdict], lang),
                "bad" if verdict == NOT_READY else "good",
            )
        )
        blocks.append(NoteBlock(t("readiness.weakest", lang, dims=", ".join(labels[k] for k in summary.weakest))))
        blocks.append(
            NoteBlock(t("readiness.threshold_rule", lang, threshold=f"{summary.threshold:g}") + " " + t("readiness.how_total", lang))
        )
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
        blocks.append(
            TableBlock(
                pd.DataFrame(
                    comments, columns=[t("readiness.table_dimension", lang), t("answer.respondent", lang), t("answer.comment", lang)]
                ),
                t("readiness.comments", lang),
                "kommentarer",
                key="readiness-comments",
                counts=NO_COUNTS,
            )
        )
    return Results(_title(query), shown, tuple(blocks), caption=caption)


def _readiness_notes(query: ResultsQuery, summary: Any, shown: date | None) -> list[Block]:
    """Which work session is the agreed result, and whether fewer than the whole core group answered."""
    from sff_core.members import list_members
    from sff_core.readiness import agreed_session

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


def readiness_table(summary: Any, labels: dict[str, str], lang: str) -> pd.DataFrame:
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


def courage_results(query: ResultsQuery) -> Results:
    """Hur skapar vi en modig miljö?: the two boards side by side, the notes common to both starred."""
    frame, shown, caption = _answers(query)
    if shown is None:
        return _no_answers(query, caption)
    stored = answers_for(frame, GROUP).get(COMMON_PROMPT) if not frame.empty else None
    common = [line for line in ((stored.text if stored else "") or "").splitlines() if line.strip()]
    boards = note_cards(query, shown, frozenset(common), side_by_side=True)
    blocks: list[Block] = [boards] if boards.groups else []
    if common:
        blocks.append(CardsBlock(((t("courage.common", query.lang), tuple(Card(c, marked=True) for c in common)),)))
    if not blocks:
        return _no_answers(query, caption)
    return Results(_title(query), shown, tuple(blocks), caption=caption)


def candidates_results(query: ResultsQuery) -> Results:
    from sff_core.candidates import checklist_groups, list_candidates

    lang = query.lang
    candidates = list_candidates(query.engine, query.workspace_id)
    if not candidates:
        return Results(_title(query), None, (), t("candidates.empty", lang))
    groups = checklist_groups()
    ptypes = _vocab_labels("personality_types", lang)
    table = pd.DataFrame(
        [
            {
                t("core.name", lang): c.name,
                t("core.organisation", lang): c.organisation,
                t("core.personality", lang): ptypes.get(c.personality_type or "", "–"),
                t("candidates.meets_basic", lang): "✓" if c.meets(groups.get("basic", [])) else "–",
                t(
                    "candidates.desirable", lang
                ): f"{sum(k in c.checks for k in groups.get('desirable', []))}/{len(groups.get('desirable', []))}",
                t("candidates.status", lang): t(f"candidates.status_{c.status}", lang),
            }
            for c in candidates
        ]
    )
    return Results(_title(query), None, (TableBlock(table, filename="kandidater", key="candidates", counts=NO_COUNTS),))


def coverage_results(query: ResultsQuery) -> Results:
    """Kärngruppen: what the handbook asks of the group, checked, and the personality types."""
    from sff_core.members import core_group_coverage, list_members

    lang = query.lang
    coverage = core_group_coverage(list_members(query.engine, query.workspace_id))
    level_labels = {k: v.lower() for k, v in _vocab_labels("member_levels", lang).items()}
    lines = []
    for check in coverage.checks:
        lines.append(("✓ " if check.ok else "○ ") + t(f"coverage.{check.key}", lang, **check.message_params(level_labels)))
    labels = _vocab_labels("personality_types", lang)
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
        FigureBlock(
            "personality_bars",
            (coverage.personality_counts, labels, lang, query.projector),
            table,
            key="chart-personality",
            counts=Counts((t("chart.members", lang),)),  # members per personality type
        ),
    ]
    return Results(_title(query), None, tuple(blocks))


def icebreaker_results(query: ResultsQuery) -> Results:
    from sff_core.icebreaker import cards

    deck = cards(query.engine, query.workspace_id, query.lang)
    own = tuple(Card(c.text) for c in deck if c.custom)
    if not own:
        return Results(_title(query), None, (), t("icebreaker.none_own", query.lang))
    return Results(_title(query), None, (CardsBlock(((t("icebreaker.own_questions", query.lang), own),)),))


# --- Step 2 ------------------------------------------------------------------------------------------


def mindmap_results(query: ResultsQuery) -> Results:
    from sff_core import mindmap

    nodes = mindmap.load_nodes(query.engine, query.workspace_id)
    if nodes.empty:
        return Results(_title(query), None, (), t("mindmap.empty", query.lang))
    tree = mindmap.hierarchy(nodes, query.city or "–")
    kinds = {k: t(f"mindmap.kind_{k}", query.lang) for k in ("group", "place", "actor")}
    table = nodes.assign(kind=nodes["kind"].map(kinds))[["kind", "label"]].rename(
        columns={"kind": t("mindmap.kind", query.lang), "label": t("mindmap.label", query.lang)}
    )
    return Results(
        _title(query),
        None,
        (FigureBlock("mindmap_tree", (tree, query.lang, query.projector), table, key=f"mindmap-{query.section.key}", counts=NO_COUNTS),),
    )


def mapping_plan_results(query: ResultsQuery) -> Results:
    from sff_core.mapping import get_mapping_plan

    lang, section = query.lang, query.section
    plan = get_mapping_plan(query.engine, query.workspace_id)
    if not plan.categories and not plan.contact_method and not plan.report_format and not plan.notes:
        return Results(_title(query), None, (), t("mapping.empty", lang))
    categories = {p.key: text(p.text, lang) for p in section.prompts}
    methods = {o.key: text(o.label, lang) for o in section.options.get("contact_methods", ())}
    formats = {o.key: text(o.label, lang) for o in section.options.get("report_formats", ())}
    table = pd.DataFrame(
        [
            {"": t("mapping.chosen", lang), " ": ", ".join(categories.get(c, c) for c in plan.categories) or "–"},
            {"": t("mapping.contact_method", lang), " ": methods.get(plan.contact_method or "", "–")},
            {"": t("mapping.report_format", lang), " ": formats.get(plan.report_format or "", "–")},
        ]
    )
    blocks: list[Block] = [TableBlock(table, key="mapping-plan", counts=NO_COUNTS)]
    if plan.notes:
        blocks.append(PlainTextBlock(plan.notes, t("candidates.note", lang)))
    return Results(_title(query), None, tuple(blocks))


def tasks_results(query: ResultsQuery) -> Results:
    """Vem ska göra vad och när?: the tasks with owner, deadline and status."""
    from sff_core.content import get_content
    from sff_core.mapping import list_tasks

    lang = query.lang
    tasks = list_tasks(query.engine, query.workspace_id)
    plan_section = get_content().section(query.step.key, "kartlaggning_plan") or query.section
    categories = {p.key: text(p.text, lang) for p in plan_section.prompts}
    statuses = _vocab_labels("task_statuses", lang)
    blocks: list[Block] = []
    if tasks:
        blocks.append(
            TableBlock(
                pd.DataFrame(
                    [
                        {
                            t("tasks.task", lang): x.title,
                            t("tasks.category", lang): categories.get(x.category or "", "–"),
                            t("tasks.owner", lang): x.owner,
                            t("tasks.deadline", lang): x.deadline,
                            t("tasks.status", lang): statuses.get(x.status, x.status),
                        }
                        for x in tasks
                    ]
                ),
                filename="uppgifter",
                key="tasks",
                counts=NO_COUNTS,
            )
        )
    answers = generic_results(query)
    blocks += list(answers.blocks)
    if not blocks:
        return Results(_title(query), None, (), t("tasks.empty", lang))
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)


def public_statistics_results(query: ResultsQuery) -> Results:
    """Reported offences per year (reported – not actual occurrence), and the group's notes."""
    from sff_core import offences

    lang = query.lang
    labels = {p.key: text(p.text, lang) for p in query.section.prompts}
    wide = offences.wide_table(offences.load_counts(query.engine, query.workspace_id))
    blocks: list[Block] = []
    if not wide.empty:
        categories = {k: text(v, lang) for k, v in offences.offence_categories().items()}
        blocks.append(
            FigureBlock(
                "offences_chart",
                (wide, categories, lang, query.projector),
                wide.rename(columns={"year": t("offences.year", lang), **categories}),
                key="offences-chart",
                counts=Counts(tuple(categories.values()), totals=((None, tuple(categories.values())),)),  # the year's total is public
            )
        )
    answers = generic_results(query)
    blocks += list(answers.blocks)
    del labels
    if not blocks:
        return Results(_title(query), None, (), t("offences.empty", lang))
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)


def ad_log_results(query: ResultsQuery) -> Results:
    """Advertisement flow per month and per search occasion (counts and flags only, never who)."""
    from sff_core import ads

    lang = query.lang
    observations = ads.load_observations(query.engine, query.workspace_id)
    if observations.empty:
        return Results(_title(query), None, (), t("ads.empty", lang))
    monthly = ads.per_month(observations)
    occasions = ads.per_occasion(observations)
    origins, flags = _vocab_labels("ad_origins", lang), _vocab_labels("ad_flags", lang)
    columns = {
        "observed_on": t("ads.date", lang),
        "sites": t("ads.sites", lang),
        "ads_count": t("ads.count", lang),
        **{f"origin_{k}": v for k, v in origins.items()},
        **{f"flag_{k}": v for k, v in flags.items()},
    }
    blocks: list[Block] = [
        FigureBlock("ad_flow_chart", (monthly, lang, query.projector), monthly, key="ads-chart", counts=Counts(("ads_count",))),
        TableBlock(
            occasions.rename(columns=columns),
            t("ads.per_occasion", lang),
            "annonser-per-soktillfalle",
            key="ad-occasions",
            counts=ad_counts(columns, origins),
        ),
        NoteBlock(t("ads.repeats", lang, n=ads.repeated_references(observations), days=ads.RETENTION_DAYS)),
    ]
    return Results(_title(query), None, tuple(blocks))


def ad_counts(columns: dict[str, str], origins: dict[str, str]) -> Counts:
    """Per search occasion: ads, by origin and by flag are counts (the origins add up to the ads); the
    number of sites searched is the group's own work, not a count of people."""
    ads_column = columns["ads_count"]
    counted = tuple(v for k, v in columns.items() if k.startswith(("origin_", "flag_")))
    return Counts((ads_column, *counted), totals=((ads_column, tuple(origins.values())),))


INDICATOR_COUNTS = Counts(("n",), follows=(("mean", "n"),))  # n surveys answered the category; their mean


def indicator_results(query: ResultsQuery) -> Results:
    """Indicator averages per category and sector (n in every bar and cell)."""
    from sff_core import indicators

    lang = query.lang
    surveys = indicators.load_surveys(query.engine, query.workspace_id)
    table = indicators.averages_by_sector(surveys)
    if table.empty:
        return Results(_title(query), None, (), t("answer.no_answers", lang))
    category_labels = {g.key: text(g.title, lang) for g in indicators.survey_section().groups}
    sectors = _vocab_labels("sectors", lang)
    shown = table.assign(category=table["category"].map(category_labels), sector=table["sector"].map(sectors))
    return Results(
        _title(query),
        None,
        (
            MetricBlock(t("survey.count_label", lang), str(len(surveys)), count=True),
            FigureBlock(
                "indicator_bars",
                (table, category_labels, sectors, lang, query.projector),
                shown,
                key="indicator-bars",
                counts=INDICATOR_COUNTS,
                rows_arg=0,
            ),
            FigureBlock(
                "indicator_heatmap",
                (table, category_labels, sectors, lang, query.projector),
                shown,
                key="indicator-heat",
                counts=INDICATOR_COUNTS,
                rows_arg=0,
            ),
        ),
    )


# --- Step 3 ------------------------------------------------------------------------------------------


def collaboration_levels_results(query: ResultsQuery) -> Results:
    from sff_core import stakeholders

    lang = query.lang
    levels = {level.value: text(level.label, lang) for level in query.section.levels}
    actors = stakeholders.list_actors(query.engine, query.workspace_id)
    rated = pd.DataFrame(
        [{"actor": a.name, "current": a.current_level, "wanted": a.wanted_level} for a in actors if a.current_level or a.wanted_level],
        columns=["actor", "current", "wanted"],
    )
    blocks: list[Block] = []
    if not rated.empty:
        chart = FigureBlock("levels_dumbbell", (rated, levels, lang, query.projector), rated, key="levels-chart", counts=NO_COUNTS)
        blocks.append(chart)  # each actor's collaboration level: levels, not counts
    blocks += list(generic_results(query).blocks)
    if not blocks:
        return Results(_title(query), None, (), t("answer.no_answers", lang))
    return Results(_title(query), None, tuple(blocks))


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
    from sff_core import stakeholders

    lang = query.lang
    assessments = stakeholders.load_assessments(query.engine, query.workspace_id)
    if assessments.empty:
        return Results(_title(query), None, (), t("actors.none_yet", lang))
    moves = stakeholders.movements(assessments)
    table = assessment_table(query.section, assessments, lang)
    matrix = NO_COUNTS  # influence and support are scores 1-5 of an actor; assessments are the group's own rounds
    blocks: list[Block] = [FigureBlock("influence_support_matrix", (moves, lang, query.projector), moves, key="matrix", counts=matrix)]
    if not query.projector:
        title = t("actors.table", lang, n=len(assessments))
        blocks.append(TableBlock(table, title, "aktorsanalys", key="assessments", counts=NO_COUNTS))
    return Results(_title(query), None, tuple(blocks))


def _vocab_labels(name: str, lang: str) -> dict[str, str]:
    from sff_core.content import get_content

    return get_content().labels(name, lang)


__all__ = ["NO_COUNTS", "Block", "Counts", "Results", "ResultsQuery", "build_results"]


# --- Step 5: the start-up event (sff_core/events.py) ----------------------------------------------------


def event_results(query: ResultsQuery) -> Results:
    """Anordna ett event: the event, its agenda, the checklist, the invitation funnel and the network."""
    from sff_core import events

    lang = query.lang
    event = events.latest_event(query.engine, query.workspace_id)
    if event is None:
        return Results(_title(query), None, (), t("network.no_event", lang))
    details = {
        t("network.event_title", lang): event.title,
        t("network.event_date", lang): event.event_date,
        t("network.venue", lang): event.venue or "–",
        t("network.length_minutes", lang): event.length_minutes,
        t("network.purpose", lang): event.purpose or "–",
        t("network.speakers", lang): event.speakers or "–",
        t("network.startup_date", lang): event.startup_date,
    }
    blocks: list[Block] = [TableBlock(pd.DataFrame([details]), t("network.event_heading", lang), key="event", counts=NO_COUNTS)]
    if query.projector:  # the wall: the event in four lines beside the funnel (its long texts stay on the screen)
        shown = (t("network.event_title", lang), t("network.event_date", lang), t("network.venue", lang), t("network.startup_date", lang))
        rows = [{t("network.field", lang): k, t("network.value", lang): details[k] or "–"} for k in shown]
        blocks = [TableBlock(pd.DataFrame(rows), t("network.event_heading", lang), key="event", counts=NO_COUNTS)]
    invitees = events.list_invitees(query.engine, query.workspace_id, event.id)
    if invitees:
        counts = events.funnel_counts(invitees)
        labels = {k: t(f"network.stage_{k}", lang) for k in events.FUNNEL_STAGES}
        table = pd.DataFrame([{t("network.stage", lang): labels[k], t("network.count", lang): counts[k]} for k in events.FUNNEL_STAGES])
        funnel = Counts((t("network.count", lang),))  # organisations at each stage
        blocks.append(FigureBlock("invitation_funnel", (counts, labels, lang, query.projector), table, key="event-funnel", counts=funnel))
        asks = events.answers_table(invitees)
        blocks.append(
            TableBlock(
                pd.DataFrame(
                    [
                        {
                            t("network.ask", lang): t(f"network.ask_{'short_' if query.projector else ''}{r.ask}", lang),
                            t("answer.yes", lang): r.yes,
                            t("answer.no", lang): r.no,
                            t("network.no_answer", lang): r.open,
                        }
                        for r in asks.itertuples()
                    ]
                ),
                t("network.asks_heading", lang),
                key="event-asks",
                counts=_asks_counts(lang),
            )
        )
    if query.projector:  # the funnel first: drawn in the wide column, the event and the answers beside it
        return Results(_title(query), None, tuple(sorted(blocks, key=lambda b: not isinstance(b, FigureBlock))))
    agenda = events.list_agenda(query.engine, query.workspace_id, event.id)
    if agenda:
        blocks.append(
            TableBlock(
                pd.DataFrame(
                    [
                        {
                            t("network.agenda_item", lang): a.title,
                            t("network.minutes", lang): a.minutes,
                            t("network.owner", lang): a.member if query.show_names else "",
                        }
                        for a in agenda
                    ]
                ),
                t("network.agenda_heading", lang),
                key="event-agenda",
                counts=NO_COUNTS,  # minutes per agenda item
            )
        )
    prompts = {p.key: text(p.text, lang) for p in query.section.prompts}
    statuses = _vocab_labels("task_statuses", lang)
    blocks.append(
        TableBlock(
            pd.DataFrame(
                [
                    {
                        t("network.check_item", lang): prompts.get(c.key, c.key),
                        t("network.owner", lang): c.owner,
                        t("network.deadline", lang): c.deadline,
                        t("network.status", lang): statuses.get(c.status, c.status),
                    }
                    for c in events.checklist(query.engine, query.workspace_id, event.id)
                ]
            ),
            t("network.checklist_heading", lang),
            "checklista-event",
            key="event-checklist",
            counts=NO_COUNTS,
        )
    )
    if invitees:
        statuses_inv = {k: t(f"network.invitee_{k}", lang) for k in events.INVITEE_STATUSES}

        def yes_no(value: bool | None) -> str:
            return "–" if value is None else t("answer.yes" if value else "answer.no", lang)

        blocks.append(
            TableBlock(
                pd.DataFrame(
                    [
                        {
                            t("network.organisation", lang): i.organisation,
                            t("network.status", lang): statuses_inv[i.status],
                            **{t(f"network.ask_short_{a}", lang): yes_no(getattr(i, a)) for a in events.ASKS},
                        }
                        for i in invitees
                    ]
                ),
                t("network.invitees_heading", lang, n=len(invitees)),
                "inbjudna",
                key="event-invitees",
                counts=NO_COUNTS,
            )
        )
    participants = events.list_participants(query.engine, query.workspace_id)
    if participants:
        blocks.append(
            TableBlock(
                pd.DataFrame(
                    [{t("network.organisation", lang): p.organisation, t("network.joined_on", lang): p.joined_on} for p in participants]
                ),
                t("network.participants_heading", lang, n=len(participants)),
                "natverket",
                key="network-participants",
                counts=NO_COUNTS,
            )
        )
    return Results(_title(query), None, tuple(blocks))


def _asks_counts(lang: str) -> Counts:
    """Organisations answering yes, no or not yet to each ask: together every invitee (shown in the funnel)."""
    columns = (t("answer.yes", lang), t("answer.no", lang), t("network.no_answer", lang))
    return Counts(columns, totals=((None, columns),))


# --- Step 5: the role descriptions (sff_core/coordination.py) ------------------------------------------


def role_section_titles(kind: str, lang: str) -> dict[str, str]:
    """The document's sections as headed in it: the template's headings (network) or the questions (coordinator)."""
    from sff_core import coordination

    if kind == coordination.NETWORK:
        heads = coordination.headings(kind)
        titles = {k: text(h.text, lang) if h else k for k, h in heads.items()}
    else:
        titles = {p.key: text(p.text, lang) for p in coordination._section(kind).prompts}
    return {**titles, **{name: t(f"network.list_{name}", lang) for name in coordination.LISTS[kind]}}


def role_blocks(engine: Engine, workspace_id: int, kind: str, lang: str) -> list[Block]:
    """The role description as blocks: status, every section in order (lists as bullets), what changed since agreed."""
    from sff_core import coordination, links

    role = coordination.get_role(engine, workspace_id, kind)
    if role.version == 0:
        return []
    titles = role_section_titles(kind, lang)
    status = t(f"network.role_status_{role.status}", lang)
    if role.status == "agreed" and role.agreed_on:
        status += f" ({role.agreed_on.isoformat()})"
    blocks: list[Block] = [NoteBlock(t("network.role_status_line", lang, status=status, version=role.version))]
    order = list(coordination.text_sections(kind))
    after = {"andamal": "delmal", "deltagare": "participants"} if kind == coordination.NETWORK else {order[-1]: "links"}
    for key in order:
        body = role.sections.get(key) or ""
        blocks.append(PlainTextBlock(body or "–", titles[key]))
        listed = after.get(key)
        if listed:
            items = role.sections.get(listed) or []
            shown = [links.shown_link(str(i), lang) if listed == "links" else str(i) for i in items]
            if shown:
                blocks.append(PlainTextBlock("\n".join(f"- {s}" for s in shown), titles[listed]))
    agreed, changed = coordination.changed_since_agreed(engine, workspace_id, kind)
    if agreed is not None and changed:
        blocks.append(
            NoteBlock(
                t("network.changed_since", lang, version=agreed.number, sections=", ".join(titles.get(k, k) for k, _b, _a in changed))
            )
        )
    return blocks


def role_results(query: ResultsQuery) -> Results:
    """Utveckla en rollbeskrivning för nätverket: the document as it stands."""
    from sff_core.coordination import NETWORK

    blocks = role_blocks(query.engine, query.workspace_id, NETWORK, query.lang)
    return Results(_title(query), None, tuple(blocks), t("network.role_empty", query.lang))


def coordinator_results(query: ResultsQuery) -> Results:
    """Utveckla en samordningsfunktion: the coordinator's role description."""
    from sff_core.coordination import COORDINATOR

    blocks = role_blocks(query.engine, query.workspace_id, COORDINATOR, query.lang)
    return Results(_title(query), None, tuple(blocks), t("network.role_empty", query.lang))


def flyer_blocks(engine: Engine, workspace_id: int, lang: str) -> list[Block]:
    """The flyer: under each of the handbook's headings the city's own text; the core group's
    organisations, the start-up date and place from the event, and the contact."""
    from sff_core import coordination, events
    from sff_core.members import list_members

    flyer = coordination.get_role(engine, workspace_id, coordination.FLYER)
    event = events.latest_event(engine, workspace_id)
    organisations = sorted({m.organisation for m in list_members(engine, workspace_id)})
    keys = list(coordination.text_sections(coordination.FLYER))
    heads = coordination.headings(coordination.FLYER)
    blocks: list[Block] = []
    for index, key in enumerate(keys):
        heading = heads[key]
        title = text(heading.text, lang) if heading else key
        body = str(flyer.sections.get(key) or "")
        if index == len(keys) - 3 and organisations:  # "Kärngruppen representerar:"
            body = "\n".join([*([body] if body else []), *(f"- {o}" for o in organisations)])
        if index == len(keys) - 2 and event is not None:  # "Workshop": date and place from the event
            when = event.startup_date or event.event_date
            body = "\n".join([*([body] if body else []), t("network.flyer_when", lang, date=when.isoformat(), place=event.venue or "–")])
        blocks.append(PlainTextBlock(body or "–", title))
    return blocks


def communication_results(query: ResultsQuery) -> Results:
    """Utforska motivation och kommunikation: the round 1 and 2 answers, then the communication plan per sector."""
    from sff_core.coordination import PLAN_FIELDS, communication_plan

    lang = query.lang
    answers = generic_results(query)
    plan = communication_plan(query.engine, query.workspace_id)
    sectors = _vocab_labels("sectors", lang)
    blocks: list[Block] = list(answers.blocks)
    earlier = _earlier_text_answers(query)
    if earlier is not None:
        blocks.append(earlier)
    if plan:
        table = pd.DataFrame(
            [
                {
                    t("network.sector", lang): sectors.get(p.sector, p.sector),
                    **{t(f"network.plan_{f}", lang): getattr(p, f) for f in PLAN_FIELDS},
                }
                for p in plan
            ]
        )
        blocks.append(TableBlock(table, t("network.plan_heading", lang), "kommunikationsplan", key="communication-plan", counts=NO_COUNTS))
    if not blocks:
        return Results(_title(query), None, (), answers.empty_message)
    return Results(_title(query), answers.shown_date, tuple(blocks), caption=answers.caption)


def _earlier_text_answers(query: ResultsQuery) -> TextsBlock | None:
    """Answers typed as text before the rounds became post-its per sector (kept readable, never lost)."""
    from sff_core.exercises.shapes import text_answers

    if query.projector:
        return None
    shown, _ = shown_date(query)
    if shown is None:
        return None
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown)
    frame = frame[~frame["prompt_key"].isin([NOTES_PROMPT, COMMON_PROMPT])] if not frame.empty else frame
    if frame.empty:
        return None
    texts = text_answers(query.section, frame, _names(query), query.lang)
    if texts.empty:
        return None
    from sff_core.coordination import PLAN_GROUP

    plan_title = next((text(g.title, query.lang) for g in query.section.groups if g.key == PLAN_GROUP), "")
    texts["prompt"] = [p if p != "kommunikationsplan" else plan_title for p in texts["prompt"]]
    texts["prompt"] = [f"{t('network.earlier_answers', query.lang)} – {p}" for p in texts["prompt"]]
    return _texts_block(texts)
