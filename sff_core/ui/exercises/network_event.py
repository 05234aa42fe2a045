"""Step 5 'Anordna ett event': the event, its agenda, the checklist, the invitees and the network."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from sff_core import events, stakeholders
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.exercises.collaboration_levels import levels_reference
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.network_role import flyer_editor
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import labelled, run_action
from sff_core.ui.mapping_snapshot import snapshot_panel
from sff_core.ui.results_view import model_view

ANSWER_OPTIONS = {"yes": True, "no": False}


def event_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The results model with the funnel beside the event (the step page, projector mode and /vagg alike)."""
    model_view(ctx, step, section, session_date, charts_beside=True)


def event_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    event_results(ctx, step, section, session_date)
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


EVENT_FIELDS = ("title", "event_date", "venue", "length_minutes", "purpose", "speakers", "startup_date")


@edit_form("event")
def _event_form(ctx: Context, event: events.EventInfo | None) -> None:
    """The event's form: a change saves only the fields the person changed (see RecordEdit)."""
    suffix = event.id if event else "new"
    keys = dict(
        zip(
            EVENT_FIELDS,
            ("event-title", "event-date", "event-venue", "event-length", "event-purpose", "event-speakers", "event-startup"),
            strict=True,
        )
    )
    edit = RecordEdit(f"event-{suffix}", keys.values(), {f: getattr(event, f) for f in EVENT_FIELDS} if event else {})
    loaded = edit.loaded
    with st.form("event-form", enter_to_submit=False):
        typed: dict[str, Any] = {}
        typed["title"] = st.text_input(tr("network.event_title"), value=loaded.get("title") or "", key=keys["title"], max_chars=200)
        left, middle, right = st.columns(3)
        typed["event_date"] = left.date_input(
            tr("network.event_date"), value=loaded.get("event_date"), key=keys["event_date"], format="YYYY-MM-DD"
        )
        typed["venue"] = middle.text_input(tr("network.venue"), value=loaded.get("venue") or "", key=keys["venue"], max_chars=200)
        length = right.number_input(
            tr("network.length_minutes"),
            min_value=15,
            max_value=events.MAX_MINUTES,
            value=loaded.get("length_minutes"),
            step=15,
            key=keys["length_minutes"],
        )
        typed["length_minutes"] = int(length) if length is not None else None
        typed["purpose"] = st.text_area(tr("network.purpose"), value=loaded.get("purpose") or "", key=keys["purpose"])
        typed["speakers"] = st.text_area(tr("network.speakers"), value=loaded.get("speakers") or "", key=keys["speakers"])
        typed["startup_date"] = st.date_input(
            tr("network.startup_date"), value=loaded.get("startup_date"), key=keys["startup_date"], format="YYYY-MM-DD"
        )
        submitted = st.form_submit_button(tr("network.event_save"), type="primary")
    labels = {
        "title": tr("network.event_title"),
        "event_date": tr("network.event_date"),
        "venue": tr("network.venue"),
        "length_minutes": tr("network.length_minutes"),
        "purpose": tr("network.purpose"),
        "speakers": tr("network.speakers"),
        "startup_date": tr("network.startup_date"),
    }
    edit.save(
        submitted,
        labels,
        lambda before: events.save_event(
            ctx.engine, ctx.workspace.id, **typed, event_id=event.id if event else None, loaded=before if event else None
        ),
        tr("network.event_saved"),
    )


@adds_records
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


@edit_form("event-checklist")
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
    keys = {f: f"event-check-{f}-{key}" for f in ("owner", "deadline", "status")}  # one form per point
    edit = RecordEdit(
        f"event-check-{event.id}-{key}", keys.values(), {"owner": current.owner, "deadline": current.deadline, "status": current.status}
    )
    with st.form(f"event-check-{key}", enter_to_submit=False):
        left, middle, right = st.columns(3)
        owner = left.text_input(tr("network.owner"), value=edit.loaded["owner"], key=keys["owner"], max_chars=120)
        deadline = middle.date_input(tr("network.deadline"), value=edit.loaded["deadline"], key=keys["deadline"], format="YYYY-MM-DD")
        status = right.selectbox(
            tr("network.status"),
            list(statuses),
            index=list(statuses).index(edit.loaded["status"]),
            format_func=labelled(statuses),
            key=keys["status"],
        )
        submitted = st.form_submit_button(tr("network.check_save"))
    edit.save(
        submitted,
        {"owner": tr("network.owner"), "deadline": tr("network.deadline"), "status": tr("network.status")},
        lambda before: events.save_check_item(ctx.engine, ctx.workspace.id, event.id, key, owner, deadline, status, loaded=before),
        tr("network.check_saved"),
        shown=lambda field, value: statuses.get(value, str(value)) if field == "status" else (str(value) if value else "–"),
    )


@edit_form("event-answer")
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


UI = ExerciseUI("network_event", tool=event_section, results=event_results)
