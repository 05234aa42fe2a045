"""Step 5 'Utveckla en rollbeskrivning för nätverket': the network's role description as it stands.

The role description's blocks (`role_blocks`, also the coordinator's) and the flyer's (`flyer_blocks`)
are what the documents of sff_core/coordination.py render too, so the wall and the document agree.
"""

from __future__ import annotations

from sqlalchemy import Engine

from sff_core import coordination, events, links
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.members import list_members
from sff_core.outputs.results import Block, NoteBlock, PlainTextBlock, Results, ResultsQuery
from sff_core.outputs.wall_screens import paged_screens  # a screen at a time on the wall


def role_section_titles(kind: str, lang: str) -> dict[str, str]:
    """The document's sections as headed in it: the template's headings (network) or the questions (coordinator)."""
    if kind == coordination.NETWORK:
        heads = coordination.headings(kind)
        titles = {k: text(h.text, lang) if h else k for k, h in heads.items()}
    else:
        titles = {p.key: text(p.text, lang) for p in coordination.role_section(kind).prompts}
    return {**titles, **{name: t(f"network.list_{name}", lang) for name in coordination.LISTS[kind]}}


def role_blocks(engine: Engine, workspace_id: int, kind: str, lang: str) -> list[Block]:
    """The role description as blocks: status, every section in order (lists as bullets), what changed since agreed."""
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
    blocks = role_blocks(query.engine, query.workspace_id, coordination.NETWORK, query.lang)
    return Results(text(query.section.title, query.lang), None, tuple(blocks), t("network.role_empty", query.lang))


def flyer_blocks(engine: Engine, workspace_id: int, lang: str) -> list[Block]:
    """The flyer: under each of the handbook's headings the city's own text; the core group's
    organisations, the start-up date and place from the event, and the contact."""
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


EXERCISE = Exercise(name="network_role", answered_as=None, lists_prompts=True, screens=paged_screens, results=role_results)
