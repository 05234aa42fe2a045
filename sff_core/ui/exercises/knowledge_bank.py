"""Step 4 'Samla in och sammanställ': the research round (split, timer) and the bank (search, filters, review).

The split's form, the search and the bank's forms are shared with the continuation (research_continuation.py)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import knowledge
from sff_core.content import Section, Step
from sff_core.exercises.knowledge_bank import bank_table
from sff_core.members import list_members
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import data_table, labelled, run_action
from sff_core.ui.wall_screens import paged_results


def member_names(ctx: Context) -> list[str]:
    return [m.name for m in list_members(ctx.engine, ctx.workspace.id)]


@adds_records
def split_form(ctx: Context, section: Section, areas: list[str]) -> None:
    """Who researches which focus area, by when (the handbook: split the work by interest)."""
    st.markdown(f"**{tr('knowledge.split')}**")
    with st.form(f"split-add-{section.key}"):
        left, middle, right = st.columns(3)
        area = left.selectbox(tr("knowledge.focus_area"), areas, key=f"split-area-{section.key}", accept_new_options=True)
        who = middle.text_input(tr("knowledge.who"), key=f"split-who-{section.key}", max_chars=knowledge.MAX_NAME)
        deadline = right.date_input(tr("tasks.deadline"), value=None, key=f"split-deadline-{section.key}", format="YYYY-MM-DD")
        if st.form_submit_button(tr("knowledge.assign")):
            run_action(
                lambda: knowledge.add_assignment(ctx.engine, ctx.workspace.id, section.key, area or "", who, deadline),
                tr("knowledge.assigned"),
            )


@adds_records
def _timer(ctx: Context, section: Section) -> None:
    """The research round's timer on the wall (the room's own timer, shown by /vagg)."""
    low, high = knowledge.RESEARCH_MINUTES
    with st.form(f"research-timer-{section.key}"):
        st.markdown(f"**{tr('knowledge.research_round')}**")
        minutes = st.slider(tr("knowledge.timer_minutes"), low, high, 35, step=5, key=f"research-minutes-{section.key}")
        if st.form_submit_button(tr("knowledge.start_timer")):
            run_action(
                lambda: knowledge.start_research_timer(ctx.engine, ctx.workspace.id, section.key, minutes),
                tr("knowledge.timer_started", minutes=minutes),
            )


def research_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """Samla in och sammanställ: the results model (the split and the bank; on the wall a screen at a time),
    then the split's form, the timer, the search and the bank's forms."""
    paged_results(ctx, step, section, session_date)
    if ctx.projector:
        return
    items = knowledge.list_items(ctx.engine, ctx.workspace.id)
    areas = knowledge.used_areas(items, ctx.lang)
    st.divider()
    split_form(ctx, section, areas)
    _timer(ctx, section)
    st.divider()
    search_bank(ctx, items, areas, "")
    add_form(ctx, areas, "")
    if items:
        _edit_form(ctx, items, areas)


def search_bank(ctx: Context, items: list[knowledge.ItemInfo], areas: list[str], where: str) -> None:
    """Search the bank: the items matching the search and filters (the whole bank is in the results model)."""
    if not items:
        return
    labels = knowledge.categories(ctx.lang)
    with st.expander(tr("knowledge.search"), icon=":material/search:"):
        first, second, third = st.columns(3)
        query = first.text_input(tr("knowledge.search"), key=f"kb-search{where}")
        picked = second.multiselect(
            tr("knowledge.filter_category"), list(labels), format_func=labelled(labels), key=f"kb-categories{where}"
        )
        picked_areas = third.multiselect(tr("knowledge.filter_area"), areas, key=f"kb-areas{where}")
        left, middle, right = st.columns(3)
        relevant = left.text_input(tr("knowledge.filter_relevant"), key=f"kb-relevant{where}")
        important = middle.checkbox(tr("knowledge.only_important"), key=f"kb-important{where}")
        review = right.checkbox(tr("knowledge.only_review"), key=f"kb-review{where}")
        if not (query or picked or picked_areas or relevant or important or review):
            return
        shown = knowledge.filter_items(items, query, picked, picked_areas, relevant, important, review)
        st.caption(tr("knowledge.shown", n=len(shown), total=len(items)))
        if shown:
            data_table(bank_table(shown, ctx.lang), f"knowledge-bank-found{where}", "kunskapsbank")


@adds_records
def add_form(ctx: Context, areas: list[str], where: str) -> None:
    labels = knowledge.categories(ctx.lang)
    with st.expander(tr("knowledge.add")), st.form(f"kb-add{where}"):
        st.caption(tr("knowledge.contacts_rule"))
        title = st.text_input(tr("knowledge.title"), key=f"kb-title{where}", max_chars=knowledge.MAX_TITLE)
        left, right = st.columns(2)
        category = left.selectbox(tr("knowledge.category"), list(labels), format_func=labelled(labels), key=f"kb-category{where}")
        area = right.selectbox(tr("knowledge.focus_area"), areas, key=f"kb-area{where}", index=None, accept_new_options=True)
        url = st.text_input(tr("knowledge.url"), key=f"kb-url{where}", placeholder="https://")
        summary = st.text_area(tr("knowledge.summary"), key=f"kb-summary{where}", max_chars=knowledge.MAX_SUMMARY)
        relevant = st.text_input(tr("knowledge.relevant_for"), key=f"kb-relevant-for{where}", help=tr("knowledge.relevant_help"))
        left, middle, right = st.columns(3)
        found_by = left.selectbox(
            tr("knowledge.found_by"), member_names(ctx), key=f"kb-found-by{where}", index=None, accept_new_options=True
        )
        important = middle.checkbox(tr("knowledge.important"), key=f"kb-important-new{where}")
        visible = right.checkbox(tr("knowledge.network_visible"), key=f"kb-visible-new{where}")
        if st.form_submit_button(tr("knowledge.add"), type="primary"):
            run_action(
                lambda: knowledge.add_item(
                    ctx.engine,
                    ctx.workspace.id,
                    title,
                    category,
                    area or "",
                    url,
                    summary,
                    relevant,
                    found_by or "",
                    important,
                    visible,
                ),
                tr("knowledge.added", title=title.strip()),
            )


@edit_form("knowledge-item")
def _edit_form(ctx: Context, items: list[knowledge.ItemInfo], areas: list[str]) -> None:
    """Edit one item: only changed fields are saved; someone else's change is shown, never overwritten."""
    labels = knowledge.categories(ctx.lang)
    names = {i.id: i.title for i in items}
    with st.expander(tr("knowledge.edit")):
        item_id = st.selectbox(tr("knowledge.item"), list(names), format_func=labelled(names), key="kb-edit-pick")
        item = next(i for i in items if i.id == item_id)
        prefix = f"kb-edit-{item_id}"
        fields = knowledge.EDITABLE
        edit = RecordEdit(prefix, [f"{prefix}-{f}" for f in fields], knowledge.item_fields(item))
        loaded = edit.loaded
        with st.form(f"{prefix}-form"):
            title = st.text_input(tr("knowledge.title"), value=loaded["title"], key=f"{prefix}-title", max_chars=knowledge.MAX_TITLE)
            left, right = st.columns(2)
            keys = list(labels)
            category = left.selectbox(
                tr("knowledge.category"),
                keys,
                index=keys.index(loaded["category"]) if loaded["category"] in keys else 0,
                format_func=labelled(labels),
                key=f"{prefix}-category",
            )
            options = areas if loaded["focus_area"] in areas or not loaded["focus_area"] else [*areas, loaded["focus_area"]]
            area = right.selectbox(
                tr("knowledge.focus_area"),
                options,
                index=options.index(loaded["focus_area"]) if loaded["focus_area"] in options else None,
                key=f"{prefix}-focus_area",
                accept_new_options=True,
            )
            url = st.text_input(tr("knowledge.url"), value=loaded["url"] or "", key=f"{prefix}-url")
            summary = st.text_area(
                tr("knowledge.summary"), value=loaded["summary"], key=f"{prefix}-summary", max_chars=knowledge.MAX_SUMMARY
            )
            relevant = st.text_input(tr("knowledge.relevant_for"), value=loaded["relevant_for"], key=f"{prefix}-relevant_for")
            found_by = st.text_input(tr("knowledge.found_by"), value=loaded["found_by"], key=f"{prefix}-found_by")
            left, middle, right = st.columns(3)
            important = left.checkbox(tr("knowledge.important"), value=loaded["important"], key=f"{prefix}-important")
            visible = middle.checkbox(tr("knowledge.network_visible"), value=loaded["network_visible"], key=f"{prefix}-network_visible")
            checked_on = right.date_input(
                tr("knowledge.checked_on"), value=loaded["checked_on"], key=f"{prefix}-checked_on", format="YYYY-MM-DD"
            )
            submitted = st.form_submit_button(tr("knowledge.save"), type="primary")
        values = {
            "title": title,
            "category": category,
            "focus_area": area or "",
            "url": url.strip() or None,
            "summary": summary,
            "relevant_for": relevant,
            "found_by": found_by,
            "important": important,
            "network_visible": visible,
            "checked_on": checked_on,
        }
        label_of = {f: tr(f"knowledge.{f}") for f in fields}
        edit.save(
            submitted,
            label_of,
            lambda before: knowledge.update_item(ctx.engine, ctx.workspace.id, item_id, values, loaded=before),
            tr("knowledge.saved"),
        )
        left, right = st.columns(2)
        if left.button(tr("knowledge.mark_checked"), key=f"{prefix}-check"):
            edit.reset()
            run_action(lambda: knowledge.mark_checked(ctx.engine, ctx.workspace.id, item_id), tr("knowledge.checked"))
        if right.button(tr("knowledge.remove"), key=f"{prefix}-remove"):
            edit.reset()
            run_action(lambda: knowledge.remove_item(ctx.engine, ctx.workspace.id, item_id), tr("knowledge.removed"))


UI = ExerciseUI("knowledge_bank", tool=research_section)  # the generic results view pages it on the wall (its screens hook)
