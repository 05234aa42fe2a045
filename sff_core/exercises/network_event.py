"""Step 5 'Anordna ett event': the event, its agenda, the checklist, the invitation funnel and the network (sff_core/events.py)."""

from __future__ import annotations

import pandas as pd

from sff_core import events
from sff_core.content import get_content
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, Counts, FigureBlock, Results, ResultsQuery, TableBlock


def event_results(query: ResultsQuery) -> Results:
    """Anordna ett event: the event, its agenda, the checklist, the invitation funnel and the network."""
    lang = query.lang
    event = events.latest_event(query.engine, query.workspace_id)
    if event is None:
        return Results(text(query.section.title, lang), None, (), t("network.no_event", lang))
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
                counts=asks_counts(lang),
            )
        )
    if query.projector:  # the funnel first: drawn in the wide column, the event and the answers beside it
        return Results(text(query.section.title, lang), None, tuple(sorted(blocks, key=lambda b: not isinstance(b, FigureBlock))))
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
    statuses = get_content().labels("task_statuses", lang)
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
    return Results(text(query.section.title, lang), None, tuple(blocks))


def asks_counts(lang: str) -> Counts:
    """Organisations answering yes, no or not yet to each ask: together every invitee (shown in the funnel)."""
    columns = (t("answer.yes", lang), t("answer.no", lang), t("network.no_answer", lang))
    return Counts(columns, totals=((None, columns),))


EXERCISE = Exercise(name="network_event", answered_as=None, results=event_results)
