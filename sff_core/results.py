"""Results models: what an exercise produced, as plain data the screen, the wall and documents share.

A `Results` is a title, the work session it shows and a list of blocks – tables (DataFrames),
figures (a pure chart builder's name and inputs, with the table of the same numbers), text answers,
post-it cards, progress, verdicts and notes. Nothing here imports Streamlit: the UI draws the
blocks (`sff_core/ui/results_view.py`) and an export renders the same blocks to a document, so a
report never disagrees with the wall. Each exercise type's builder is named in `registry.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sff_core.content import Section, Step
from sff_core.i18n import t, text
from sff_core.responses import COMMON_PROMPT, GROUP, NOTES_PROMPT, load_responses, session_dates


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

    `shared_view` is what a shared document shows instead of `table` (summed over sites, names
    dropped), applied before count suppression; the chart is redrawn from it when `rows_arg` says
    where its rows go, else withheld. `internal_only`: the block never leaves the core group.
    """

    builder: str
    args: tuple[Any, ...]
    table: pd.DataFrame | None = None
    key: str = ""
    title: str | None = None
    counts: Counts | None = None
    rows_arg: int | None = None
    shared_view: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    internal_only: bool = False

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
    shared_view: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # shown instead of `table` when shared
    internal_only: bool = False  # never in a shared report, workbook or CSV


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
    internal_only: bool = False  # never in a shared report, workbook or CSV (it tells what stays in the group)


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


def latest_answers(query: ResultsQuery) -> tuple[pd.DataFrame, date | None, str | None]:
    shown, caption = shown_date(query)
    if shown is None:
        return pd.DataFrame(), None, None
    frame = load_responses(query.engine, query.workspace_id, query.step.key, query.section.key, shown)
    return frame, shown, caption


# --- Pieces several exercises' results share (the generic shapes' results: sff_core/exercises/shapes.py)


def texts_block(table: pd.DataFrame) -> TextsBlock:
    groups = []
    for prompt, answers in table.groupby("prompt", sort=False):
        groups.append((str(prompt), tuple((f"{row.respondent} · {row.date}", str(row.text)) for row in answers.itertuples())))
    return TextsBlock(tuple(groups))


def by_cluster(cards: list[Card]) -> list[Card]:
    """Cards of one group together, groups in the order their best card comes; ungrouped cards last."""
    order = {cluster: index for index, cluster in enumerate(dict.fromkeys(c.cluster for c in cards if c.cluster))}
    return sorted(cards, key=lambda c: order.get(c.cluster, len(order)) if c.cluster else len(order))


# --- Step 2 ------------------------------------------------------------------------------------------


def without_column(column: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A shared view leaving out one column (a person's name)."""
    return lambda frame: frame.drop(columns=[column], errors="ignore")


# Step 2's exercises build their results in sff_core/exercises/; the indicator counts are shared with step 6.
INDICATOR_COUNTS = Counts(("n",), follows=(("mean", "n"),))  # n surveys answered the category; their mean


# --- Step 3 ------------------------------------------------------------------------------------------


def collaboration_levels_results(query: ResultsQuery) -> Results:
    from sff_core import stakeholders
    from sff_core.exercises.shapes import generic_results  # TRANSITION (issue 21): until this builder moves to its plugin

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
    from sff_core.exercises.shapes import generic_results  # TRANSITION (issue 21): until this builder moves to its plugin

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
    return texts_block(texts)
