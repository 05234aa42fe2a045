"""Step 5 'Anordna ett event': the event, its agenda, the checklist, the invitees and the network."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import events, stakeholders
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.results import build_results
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.collaboration_levels import levels_reference
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.role_description import flyer_editor
from sff_core.ui.layout import labelled, run_action
from sff_core.ui.mapping_snapshot import snapshot_panel
from sff_core.ui.results_view import query_for, render_results

ANSWER_OPTIONS = {"yes": True, "no": False}


def event_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    render_results(build_results(query_for(ctx, step, section, session_date)), charts_beside=True)
    if ctx.projector:
        return
    levels_reference(ctx, "event")
    event = events.latest_event(ctx.engine, ctx.workspace.id)
    with st.expander(tr("network.event_form") if event else tr("network.event_create"), expanded=event is None):
        _event_form(ctx, event)
    if event is None:
        return
    with st.expander(tr("network.agenda_heading")):
        _agenda_form(ctx, event)
    with st.expander(tr("network.checklist_heading")):
        _checklist_form(ctx, section, event)
    with st.expander(tr("snapshot.heading_point"), icon=":material/map:"):
        snapshot_panel(ctx, f"steg-{step.number}", section.key)
    with st.expander(tr("network.invitees_form"), expanded=True):
        _invitees_form(ctx, event)
    with st.expander(tr("network.flyer_heading")):
        flyer_editor(ctx)


def _event_form(ctx: Context, event: events.EventInfo | None) -> None:
    with st.form("event-form", enter_to_submit=False):
        title = st.text_input(tr("network.event_title"), value=event.title if event else "", key="event-title", max_chars=200)
        left, middle, right = st.columns(3)
        when = left.date_input(tr("network.event_date"), value=event.event_date if event else None, key="event-date", format="YYYY-MM-DD")
        venue = middle.text_input(tr("network.venue"), value=event.venue if event else "", key="event-venue", max_chars=200)
        length = right.number_input(
            tr("network.length_minutes"),
            min_value=15,
            max_value=events.MAX_MINUTES,
            value=event.length_minutes if event else None,
            step=15,
            key="event-length",
        )
        purpose = st.text_area(tr("network.purpose"), value=event.purpose if event else "", key="event-purpose")
        speakers = st.text_area(tr("network.speakers"), value=event.speakers if event else "", key="event-speakers")
        startup = st.date_input(
            tr("network.startup_date"), value=event.startup_date if event else None, key="event-startup", format="YYYY-MM-DD"
        )
        if st.form_submit_button(tr("network.event_save"), type="primary"):
            run_action(
                lambda: events.save_event(
                    ctx.engine,
                    ctx.workspace.id,
                    title,
                    when,
                    venue,
                    purpose,
                    int(length) if length is not None else None,
                    speakers,
                    startup,
                    event_id=event.id if event else None,
                ),
                tr("network.event_saved"),
            )


def _agenda_form(ctx: Context, event: events.EventInfo) -> None:
    members = {m.id: m.name for m in ctx.members()}
    with st.form("event-agenda", clear_on_submit=False):
        left, middle, right = st.columns([3, 2, 1])
        item = left.text_input(tr("network.agenda_item"), key="event-agenda-title", max_chars=200)
        member = middle.selectbox(
            tr("network.owner"), [None, *members], format_func=lambda k: members.get(k, "–") if k else "–", key="event-agenda-member"
        )
        minutes = right.number_input(tr("network.minutes"), min_value=1, max_value=events.MAX_MINUTES, value=None, key="event-agenda-min")
        if st.form_submit_button(tr("network.agenda_add")):
            run_action(
                lambda: events.add_agenda_item(
                    ctx.engine, ctx.workspace.id, event.id, item, member, int(minutes) if minutes is not None else None
                ),
                tr("network.agenda_added"),
            )
    agenda = events.list_agenda(ctx.engine, ctx.workspace.id, event.id)
    if agenda:
        names = {a.id: a.title for a in agenda}
        chosen = st.selectbox(tr("network.agenda_item"), list(names), format_func=labelled(names), key="event-agenda-pick")
        if st.button(tr("network.agenda_remove"), key="event-agenda-remove"):
            run_action(lambda: events.remove_agenda_item(ctx.engine, ctx.workspace.id, chosen), tr("network.agenda_removed"))


def _checklist_form(ctx: Context, section: Section, event: events.EventInfo) -> None:
    prompts = {p.key: p for p in section.prompts}
    items = {c.key: c for c in events.checklist(ctx.engine, ctx.workspace.id, event.id)}
    statuses = vocab_labels("task_statuses", ctx.lang)
    key = st.selectbox(
        tr("network.check_item"), list(prompts), format_func=lambda k: text(prompts[k].text, ctx.lang), key="event-check-pick"
    )
    if prompts[key].help:
        st.caption(text(prompts[key].help, ctx.lang))
    current = items[key]
    with st.form(f"event-check-{key}", enter_to_submit=False):
        left, middle, right = st.columns(3)
        owner = left.text_input(tr("network.owner"), value=current.owner, key=f"event-check-owner-{key}", max_chars=120)
        deadline = middle.date_input(tr("network.deadline"), value=current.deadline, key=f"event-check-deadline-{key}", format="YYYY-MM-DD")
        status = right.selectbox(
            tr("network.status"),
            list(statuses),
            index=list(statuses).index(current.status),
            format_func=labelled(statuses),
            key=f"event-check-status-{key}",
        )
        if st.form_submit_button(tr("network.check_save")):
            run_action(
                lambda: events.save_check_item(ctx.engine, ctx.workspace.id, event.id, key, owner, deadline, status),
                tr("network.check_saved"),
            )


def _invitees_form(ctx: Context, event: events.EventInfo) -> None:
    actors = {a.id: a.name for a in stakeholders.list_actors(ctx.engine, ctx.workspace.id)}
    invitees = events.list_invitees(ctx.engine, ctx.workspace.id, event.id)
    invited = {i.actor_id for i in invitees}
    open_actors = {k: v for k, v in actors.items() if k not in invited}
    if not actors:
        st.info(tr("network.no_actors"))
    elif open_actors:
        with st.form("event-invite"):
            chosen = st.multiselect(
                tr("network.invite_pick"), list(open_actors), format_func=labelled(open_actors), key="event-invite-pick"
            )
            if st.form_submit_button(tr("network.invite")):
                run_action(lambda: events.invite(ctx.engine, ctx.workspace.id, event.id, chosen), tr("network.invited", n=len(chosen)))
    if not invitees:
        return
    statuses = {k: tr(f"network.invitee_{k}") for k in events.INVITEE_STATUSES}
    shown = {i.id: f"{i.organisation} – {statuses[i.status]}" for i in invitees}
    names = {i.id: i.organisation for i in invitees}
    if all(i.status == "answered" for i in invitees):
        st.caption(tr("network.all_answered"))
    # every invitee stays selectable: a form opened before someone else saved the answer is refused with a message
    invitee_id = st.selectbox(tr("network.organisation"), list(shown), format_func=labelled(shown), key="event-invitee-pick")
    if st.button(tr("network.remind"), key=f"event-remind-{invitee_id}"):
        run_action(lambda: events.remind(ctx.engine, ctx.workspace.id, invitee_id), tr("network.reminded"))
    answer_labels = {"yes": tr("answer.yes"), "no": tr("answer.no")}
    with st.form(f"event-answer-{invitee_id}", enter_to_submit=False):
        chosen_answers = {
            ask: st.segmented_control(
                tr(f"network.ask_{ask}"), list(answer_labels), format_func=labelled(answer_labels), key=f"event-ask-{ask}-{invitee_id}"
            )
            for ask in events.ASKS
        }
        if st.form_submit_button(tr("network.answer_save"), type="primary"):
            values = {ask: ANSWER_OPTIONS.get(v) if v else None for ask, v in chosen_answers.items()}
            run_action(
                lambda: events.record_answer(
                    ctx.engine, ctx.workspace.id, invitee_id, values["join_network"], values["shape_work"], values["attend_startup"]
                ),
                tr("network.answer_saved", organisation=names[invitee_id]),
            )
