"""Step 4 'Skapa en kunskapsbank': the knowledge bank, the research split and the group's subscriptions.

The bank holds what the core group found (*Samla in och sammanställ*): tools, contacts, links,
guidelines, material, courses and other things – the categories are the prompts of the content's
`samla_in` section, the union of the handbook's two lists. A contact is an organisation or a
function (a switchboard, a functional mailbox), never a private person: every text passes the
personal-data detector, and a link must be an absolute http(s) address.

The research round's split (who takes which focus area, by when) is kept as tasks of step 4 with
the focus area as the task, so the step report's task list shows it like any other step's tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Engine, select

from sff_core import mapping, room
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.links import check_host
from sff_core.store.concurrency import apply_edit, lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import KnowledgeItem, KnowledgeSubscription, Task
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_characters, check_process_date, one_of, optional_text, required_text

STEP = "step4"
BANK_SECTION = "samla_in"
CONTINUATION_SECTION = "samla_in_fortsattning"
SUBSCRIPTION_SECTION = "hall_er_uppdaterade"
RESEARCH_SECTIONS = (BANK_SECTION, CONTINUATION_SECTION)
REVIEW_AFTER_DAYS = 365  # an item not checked for 12 months is marked for review
RESEARCH_MINUTES = (30, 40)  # the handbook's "cirka 30-40 min"
MAX_TITLE = 200
MAX_SUMMARY = 2000
MAX_URL = 2000
MAX_RELEVANT = 300
MAX_NAME = 120
MAX_AREA = 120


# --- Links -------------------------------------------------------------------------------------------


def check_url(value: str | None, field: str = "url") -> str | None:
    """An absolute http or https address, or None when empty.

    `javascript:`, `data:`, `file:` and relative links are refused: a link in the bank is opened
    by others, on the wall and in exported documents.
    """
    cleaned = check_characters((value or "").strip(), field)
    if not cleaned:
        return None
    if len(cleaned) > MAX_URL:
        raise InputError("too_long", field=field, field_label=field, max=MAX_URL, length=len(cleaned))
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        raise InputError("bad_url", field=field, value=cleaned[:80]) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in cleaned):
        raise InputError("bad_url", field=field, value=cleaned[:80])
    return check_host(cleaned, field)


# --- Content -----------------------------------------------------------------------------------------


def categories(lang: str = "sv") -> dict[str, str]:
    """The bank's categories (key → label): the prompts of the `samla_in` section."""
    section = get_content().require_section(STEP, BANK_SECTION)
    return {p.key: text(p.text, lang) for p in section.prompts}


def suggested_areas(lang: str = "sv") -> list[str]:
    """The handbook's focus areas (the section's suggestions)."""
    section = get_content().require_section(STEP, BANK_SECTION)
    return [text(s, lang) for s in section.suggestions]


def suggested_subscriptions(lang: str = "sv") -> list[str]:
    """The handbook's ways to keep up to date (regionkoordinatorer, nyhetsbrev, bevakningar)."""
    section = get_content().require_section(STEP, SUBSCRIPTION_SECTION)
    return [text(s, lang) for s in section.suggestions]


# --- Items -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInfo:
    id: int
    title: str
    category: str
    focus_area: str
    url: str | None
    summary: str
    relevant_for: str
    found_by: str
    important: bool
    network_visible: bool
    added_on: date
    checked_on: date | None

    def needs_review(self, today: date | None = None) -> bool:
        """Not checked (or, never checked, not added) within the last 12 months."""
        return needs_review(self.checked_on or self.added_on, today)


EDITABLE = (
    "title",
    "category",
    "focus_area",
    "url",
    "summary",
    "relevant_for",
    "found_by",
    "important",
    "network_visible",
    "checked_on",
)


def needs_review(last_checked: date, today: date | None = None) -> bool:
    return (today or date.today()) - last_checked >= timedelta(days=REVIEW_AFTER_DAYS)


def _item_info(row: KnowledgeItem) -> ItemInfo:
    return ItemInfo(
        row.id,
        row.title,
        row.category,
        row.focus_area,
        row.url,
        row.summary,
        row.relevant_for,
        row.found_by,
        bool(row.important),
        bool(row.network_visible),
        row.added_on,
        row.checked_on,
    )


def item_fields(item: ItemInfo) -> dict[str, object]:
    """An item's editable fields as the edit form loads them."""
    values = asdict(item)
    return {field: values[field] for field in EDITABLE}


def _clean_item(values: Mapping[str, object], added_on: date, today: date) -> dict[str, object]:
    """Every editable field checked; InputError names the first bad one (nothing is written)."""
    cleaned: dict[str, object] = {}
    for field, value in values.items():
        if field == "title":
            cleaned[field] = required_text(str(value or ""), "title", MAX_TITLE)
        elif field == "category":
            cleaned[field] = one_of(str(value or ""), list(categories()), "category")
        elif field == "focus_area":
            cleaned[field] = optional_text(str(value or ""), "focus_area", MAX_AREA)
        elif field == "url":
            cleaned[field] = check_url(str(value or ""))
        elif field == "summary":
            cleaned[field] = optional_text(str(value or ""), "summary", MAX_SUMMARY)
        elif field == "relevant_for":
            cleaned[field] = optional_text(str(value or ""), "relevant_for", MAX_RELEVANT)
        elif field == "found_by":
            cleaned[field] = optional_text(str(value or ""), "found_by", MAX_NAME)
        elif field in ("important", "network_visible"):
            cleaned[field] = bool(value)
        elif field == "checked_on":
            cleaned[field] = _checked_on(value, added_on, today)
        else:
            raise InputError("not_allowed", field=field, field_label=field, value=field)
    return cleaned


def _checked_on(value: object, added_on: date, today: date) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date):
        raise InputError("required", field="checked_on", field_label="checked_on")
    if value > today:
        raise InputError("future_date", field="checked_on", date=value.isoformat())
    if value < added_on:
        raise InputError("checked_before_added", field="checked_on", date=value.isoformat(), added=added_on.isoformat())
    return value


def add_item(
    engine: Engine,
    workspace_id: int,
    title: str,
    category: str,
    focus_area: str = "",
    url: str = "",
    summary: str = "",
    relevant_for: str = "",
    found_by: str = "",
    important: bool = False,
    network_visible: bool = False,
    added_on: date | None = None,
    checked_on: date | None = None,
    today: date | None = None,
) -> ItemInfo:
    today = today or date.today()
    added = added_on or today
    if added > today:
        raise InputError("future_date", field="added_on", date=added.isoformat())
    values = _clean_item(
        {
            "title": title,
            "category": category,
            "focus_area": focus_area,
            "url": url,
            "summary": summary,
            "relevant_for": relevant_for,
            "found_by": found_by,
            "important": important,
            "network_visible": network_visible,
            "checked_on": checked_on,
        },
        added,
        today,
    )
    with unit_of_work(engine, workspace_id) as uow:
        check_process_date(uow.session, workspace_id, added, "added_on")
        row = uow.add(KnowledgeItem(workspace_id=workspace_id, added_on=added, **values), "knowledge_item.add")
        return _item_info(row)


def update_item(
    engine: Engine,
    workspace_id: int,
    item_id: int,
    values: Mapping[str, object],
    loaded: Mapping[str, object] | None = None,
    today: date | None = None,
) -> ItemInfo:
    """Save the fields changed since `loaded` (what the form showed); EditConflict when someone else
    saved one of them meanwhile, and nothing is written."""
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, KnowledgeItem, item_id)
        row = uow.session.get(KnowledgeItem, item_id)
        if row is None or row.workspace_id != workspace_id or row.deleted_at is not None:
            raise InputError("unknown_knowledge_item", field="item")
        cleaned = _clean_item(values, row.added_on, today or date.today())
        if apply_edit(uow.session, row, loaded, cleaned):
            uow.audit("knowledge_item.edit", id=item_id)
        return _item_info(row)


def mark_checked(engine: Engine, workspace_id: int, item_id: int, on: date | None = None) -> ItemInfo:
    """The item was looked over and is still right (clears the review mark)."""
    return update_item(engine, workspace_id, item_id, {"checked_on": on or date.today()}, today=on)


def remove_item(engine: Engine, workspace_id: int, item_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(KnowledgeItem, item_id, "unknown_knowledge_item", "knowledge_item.remove")


def list_items(engine: Engine, workspace_id: int, network_only: bool = False) -> list[ItemInfo]:
    """The bank, the most important first, then by category and title. `network_only`: what the
    group marked visible to the network (step 6)."""
    query = select(KnowledgeItem).where(KnowledgeItem.workspace_id == workspace_id, KnowledgeItem.deleted_at.is_(None))
    if network_only:
        query = query.where(KnowledgeItem.network_visible.is_(True))
    with session_scope(engine) as session:
        rows = session.scalars(query.order_by(KnowledgeItem.id)).all()
        items = [_item_info(r) for r in rows]
    order = {key: n for n, key in enumerate(categories())}
    return sorted(items, key=lambda i: (not i.important, order.get(i.category, len(order)), i.title.casefold()))


def used_areas(items: Iterable[ItemInfo], lang: str = "sv") -> list[str]:
    """The handbook's focus areas, then the group's own ones in use."""
    areas = suggested_areas(lang)
    for item in items:
        if item.focus_area and item.focus_area not in areas:
            areas.append(item.focus_area)
    return areas


def filter_items(
    items: Iterable[ItemInfo],
    query: str = "",
    category_keys: Iterable[str] = (),
    areas: Iterable[str] = (),
    relevant_for: str = "",
    important_only: bool = False,
    review_only: bool = False,
    today: date | None = None,
) -> list[ItemInfo]:
    """Pure: the items matching every given filter. Text matches title, summary, focus area,
    relevant för, who found it and the link, case-insensitively; `relevant_for` matches its field."""
    words = query.casefold().split()
    wanted_categories, wanted_areas = set(category_keys), {a.casefold() for a in areas}
    relevant = relevant_for.casefold().strip()
    found = []
    for item in items:
        haystack = " ".join((item.title, item.summary, item.focus_area, item.relevant_for, item.found_by, item.url or "")).casefold()
        if words and not all(word in haystack for word in words):
            continue
        if wanted_categories and item.category not in wanted_categories:
            continue
        if wanted_areas and item.focus_area.casefold() not in wanted_areas:
            continue
        if relevant and relevant not in item.relevant_for.casefold():
            continue
        if important_only and not item.important:
            continue
        if review_only and not item.needs_review(today):
            continue
        found.append(item)
    return found


# --- The research split and its timer -----------------------------------------------------------------


def _research_section(section_key: str) -> str:
    if section_key not in RESEARCH_SECTIONS:
        raise InputError("not_allowed", field="section", field_label="section", value=section_key)
    return section_key


def add_assignment(
    engine: Engine, workspace_id: int, section_key: str, area: str, who: str, deadline: date | None = None
) -> mapping.TaskInfo:
    """One part of the split: a focus area, who researches it (a member, a pair), by when."""
    _research_section(section_key)
    area = required_text(area, "focus_area", MAX_AREA)
    who = required_text(who, "owner", MAX_NAME)
    return mapping.add_task(engine, workspace_id, area, who, deadline, step_key=STEP, section_key=section_key)


def assignments(engine: Engine, workspace_id: int, section_key: str) -> list[mapping.TaskInfo]:
    return mapping.list_tasks(engine, workspace_id, STEP, _research_section(section_key))


def continue_split(engine: Engine, workspace_id: int, deadline: date) -> int:
    """The continuation activity keeps the team exercise's split with the group's common deadline.

    Every area and person of the team exercise becomes an assignment of the continuation with
    `deadline`; ones already there get the common deadline. One transaction; returns how many
    assignments the continuation has afterwards.
    """
    if not isinstance(deadline, date):
        raise InputError("required", field="deadline", field_label="deadline")
    with unit_of_work(engine, workspace_id) as uow:
        check_process_date(uow.session, workspace_id, deadline, "deadline")

        def rows(section_key: str) -> list[Task]:
            return list(
                uow.session.scalars(
                    select(Task)
                    .where(
                        Task.workspace_id == workspace_id,
                        Task.step_key == STEP,
                        Task.section_key == section_key,
                        Task.deleted_at.is_(None),
                    )
                    .order_by(Task.id)
                ).all()
            )

        source = rows(BANK_SECTION)
        if not source:
            raise InputError("no_split", field="split")
        existing = {(r.title, r.owner): r for r in rows(CONTINUATION_SECTION)}
        for task in source:
            found = existing.get((task.title, task.owner))
            if found is None:
                found = Task(
                    workspace_id=workspace_id,
                    step_key=STEP,
                    section_key=CONTINUATION_SECTION,
                    title=task.title,
                    owner=task.owner,
                    status="todo",
                )
                uow.session.add(found)
                existing[(task.title, task.owner)] = found
            found.deadline = deadline
        uow.audit("task.continue_split", deadline=deadline.isoformat())
        return len(existing)


def start_research_timer(engine: Engine, workspace_id: int, section_key: str, minutes: object) -> room.Room:
    """The research round on the wall: the exercise shown with its 30–40-minute timer running."""
    from sff_core.validation import number_in_range

    number_in_range(minutes, "minutes", *RESEARCH_MINUTES)
    room.show_exercise(engine, workspace_id, STEP, _research_section(section_key))
    room.set_timer(engine, workspace_id, minutes)
    return room.start_timer(engine, workspace_id)


# --- Subscriptions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionInfo:
    id: int
    title: str
    url: str | None
    responsible: str
    note: str


def _subscription_info(row: KnowledgeSubscription) -> SubscriptionInfo:
    return SubscriptionInfo(row.id, row.title, row.url, row.responsible, row.note)


def add_subscription(engine: Engine, workspace_id: int, title: str, responsible: str, url: str = "", note: str = "") -> SubscriptionInfo:
    """A newsletter, mailing list or alert the group follows, and the member who follows it."""
    values = {
        "title": required_text(title, "title", MAX_TITLE),
        "responsible": required_text(responsible, "responsible", MAX_NAME),
        "url": check_url(url),
        "note": optional_text(note, "note", MAX_SUMMARY),
    }
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.add(KnowledgeSubscription(workspace_id=workspace_id, **values), "knowledge_subscription.add")
        return _subscription_info(row)


def set_responsible(engine: Engine, workspace_id: int, subscription_id: int, responsible: str, loaded: str | None = None) -> None:
    """Hand a subscription to another member; EditConflict when someone else did meanwhile."""
    value = required_text(responsible, "responsible", MAX_NAME)
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, KnowledgeSubscription, subscription_id)
        row = uow.session.get(KnowledgeSubscription, subscription_id)
        if row is None or row.workspace_id != workspace_id or row.deleted_at is not None:
            raise InputError("unknown_subscription", field="subscription")
        before = None if loaded is None else {"responsible": loaded}
        if apply_edit(uow.session, row, before, {"responsible": value}):
            uow.audit("knowledge_subscription.responsible", id=subscription_id)


def remove_subscription(engine: Engine, workspace_id: int, subscription_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(KnowledgeSubscription, subscription_id, "unknown_subscription", "knowledge_subscription.remove")


def list_subscriptions(engine: Engine, workspace_id: int) -> list[SubscriptionInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(KnowledgeSubscription)
            .where(KnowledgeSubscription.workspace_id == workspace_id, KnowledgeSubscription.deleted_at.is_(None))
            .order_by(KnowledgeSubscription.id)
        ).all()
        return [_subscription_info(r) for r in rows]
