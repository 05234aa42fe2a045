"""Two browsers on one exercise, through the real page: nothing erased, conflicts shown, nothing typed lost."""

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from sff_core import events
from sff_core.responses import GROUP, answers_for, load_responses
from sff_core.store.db import get_engine
from tests.app.conftest import assert_clean, page_text
from tests.conftest import PROJECT_ROOT


def _area(at, prompt_key):
    return next(a for a in at.text_area if str(a.key).endswith(f"-{prompt_key}"))


def _save(at) -> str:
    """Press "Spara svaren"; the page's text right after. AppTest does not see a submit click in
    the run right after another submit (seen with the code before this change too), so a plain
    rerun follows to settle the session before the test types again."""
    next(b for b in at.get("form_submit_button") if b.label == "Spara svaren").click().run()
    assert_clean(at)
    shown = page_text(at)
    at.run()
    return shown


def _stored(workspace_id):
    frame = load_responses(get_engine(), workspace_id, "step0", "staden")
    return {k: a.text for k, a in answers_for(frame, GROUP).items()}


def test_second_browser_keeps_the_first_ones_answer_and_conflicts_are_chosen(open_app, empty_workspace):
    first = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    second = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    _area(first, "mojligheter").input("Hamnen och högskolan")
    _save(first)
    _area(second, "utmaningar").input("Få platser i skyddat boende")
    assert "1 svar sparade" in _save(second)
    assert _stored(empty_workspace.id) == {"mojligheter": "Hamnen och högskolan", "utmaningar": "Få platser i skyddat boende"}

    # after saving, each form shows the record as stored; now both change the same answer
    _area(first, "mojligheter").input("Bara hamnen")
    _save(first)
    _area(second, "mojligheter").input("Hamnen, högskolan och näringslivet")
    shown = _save(second)
    assert "Någon annan har sparat" in shown and "Bara hamnen" in shown and "Hamnen, högskolan och näringslivet" in shown
    assert _stored(empty_workspace.id)["mojligheter"] == "Bara hamnen"
    assert _area(second, "mojligheter").value == "Hamnen, högskolan och näringslivet"  # what was typed stays

    next(b for b in second.button if b.label == "Spara mitt svar ändå").click().run()
    assert_clean(second)
    assert _stored(empty_workspace.id)["mojligheter"] == "Hamnen, högskolan och näringslivet"
    assert "Någon annan har sparat" not in page_text(second)


def test_keeping_the_stored_answer_reloads_the_form(open_app, empty_workspace):
    first = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    second = open_app(empty_workspace.id, "pages/step_0.py", section="staden")
    _area(first, "mojligheter").input("Förstas text")
    _save(first)
    _area(second, "mojligheter").input("Andras text")
    _area(second, "utmaningar").input("Andras utmaning")
    _save(second)
    next(b for b in second.button if b.label == "Behåll det sparade").click().run()
    assert_clean(second)
    assert _stored(empty_workspace.id) == {"mojligheter": "Förstas text", "utmaningar": "Andras utmaning"}
    assert _area(second, "mojligheter").value == "Förstas text"


def test_member_form_in_two_browsers(open_app, demo_workspace):
    from sff_core.members import list_members

    member = list_members(get_engine(), demo_workspace.id)[0]
    first = open_app(demo_workspace.id, "pages/core_group.py")
    second = open_app(demo_workspace.id, "pages/core_group.py")
    for at in (first, second):
        at.selectbox(key="member-pick").set_value(member.id).run()
    first.text_input(key=f"m-role-{member.id}").input("Ny roll")
    first.get("form_submit_button")[0].click().run()
    assert_clean(first)
    first.run()
    second.text_input(key=f"m-org-{member.id}").input("Ny organisation")
    second.get("form_submit_button")[0].click().run()
    assert_clean(second)
    second.run()
    saved = next(m for m in list_members(get_engine(), demo_workspace.id) if m.id == member.id)
    assert (saved.role, saved.organisation) == ("Ny roll", "Ny organisation")
    first.text_input(key=f"m-role-{member.id}").input("Tredje roll")
    first.get("form_submit_button")[0].click().run()
    first.run()
    second.text_input(key=f"m-role-{member.id}").input("Fjärde roll")
    second.get("form_submit_button")[0].click().run()
    assert "Någon annan har sparat" in page_text(second)
    saved = next(m for m in list_members(get_engine(), demo_workspace.id) if m.id == member.id)
    assert saved.role == "Tredje roll"


# --- Every edit form, walked with two browsers (issue 20, Medium 5) ------------------------------------
#
# Every function that draws a form says what it does (sff_core/ui/edits.py): `@edit_form(name)` for a
# form that changes a stored record, `@adds_records` for one that only adds or runs an action. Each edit
# form is walked here with two AppTest sessions opened on the same stored record: A and B change the
# same field → B is told, A's value stays stored and what B typed stays in B's form; then A changes one
# field and B another → both are kept.

CONFLICT = "Någon annan har sparat"

# Edit forms not walked here yet, with why; the list may only shrink.
WALKED_ELSEWHERE = {
    "answers": "walked by the tests above (step 0's answer form)",
    "member": "walked by test_member_form_in_two_browsers above",
    "role-text": "walked by test_step5_page.py::test_role_description_saved_by_two_browsers_the_second_is_told",
    "plan-goal": "walked by test_step6_plan_page.py::test_two_browsers_editing_a_delmal_the_second_is_told",
    "knowledge-item": "walked by test_step4_page.py::test_two_browsers_editing_one_item",
    "phone-answers": "one participant's own answers (live.submit merges with the loaded answers)",
    "phone-answers-paged": "one participant's own answers (live.submit merges with the loaded answers)",
}


def _form_functions() -> dict[str, list[str]]:
    """Every function in the UI that draws an st.form, with its decorators (read from the source)."""
    found: dict[str, list[str]] = {}
    files = [*(PROJECT_ROOT / "sff_core" / "ui").rglob("*.py"), *(PROJECT_ROOT / "pages").glob("*.py"), PROJECT_ROOT / "app.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(c, ast.Call) and ast.unparse(c.func) == "st.form" for c in ast.walk(node)
            ):
                found[f"{path.relative_to(PROJECT_ROOT)}::{node.name}"] = [ast.unparse(d) for d in node.decorator_list]
    return found


def _edit_form_names() -> set[str]:
    names: set[str] = set()
    for decorators in _form_functions().values():
        for decorator in decorators:
            if decorator.startswith("edit_form("):
                names.update(ast.literal_eval(f"[{decorator.removeprefix('edit_form(').removesuffix(')')}]"))
    return names


@dataclass
class Walk:
    """One edit form in two browsers: where it is, its two fields, how to set and read them, what is stored."""

    page: str
    section: str | None
    fields: tuple[str, ...]  # the first is changed by both in the conflict step; one field: no both-kept step
    values: dict[str, tuple[Any, Any, Any]]  # per field: A's, B's in the conflict step, B's in the both-kept step
    widget: Callable[[Any, str], Any]
    form: Callable[[Any], str]
    stored: Callable[[int], dict[str, Any]]
    prepare: Callable[[int, dict[str, Any]], None] = lambda _ws, _values: None
    pick: Callable[[Any], None] = lambda _at: None
    told: str = CONFLICT
    query: dict[str, str] = field(default_factory=dict)


def _widget(at, kind: str, key: str):
    return next(w for w in at.get(kind) if w.key == key)


def _set(widget, value) -> None:
    if isinstance(value, bool):
        widget.check() if value else widget.uncheck()
    else:
        widget.set_value(value)


def _event_walk() -> Walk:
    keys = {"venue": ("text_input", "event-venue"), "purpose": ("text_area", "event-purpose")}

    def stored(ws):
        event = events.latest_event(get_engine(), ws)
        return {"venue": event.venue, "purpose": event.purpose}

    return Walk(
        "pages/step_5.py",
        "anordna_event",
        ("venue", "purpose"),
        {"venue": ("Stadshuset", "Folkets hus", "Rådhuset"), "purpose": ("Starta nätverket", "", "Bilda nätverk")},
        lambda at, f: _widget(at, *keys[f]),
        lambda _at: "event-form",
        stored,
    )


def _checklist_walk() -> Walk:
    kinds = {"owner": "text_input", "status": "selectbox"}

    def stored(ws):
        event = events.latest_event(get_engine(), ws)
        item = events.checklist(get_engine(), ws, event.id)[0]
        return {"owner": item.owner, "status": item.status}

    return Walk(
        "pages/step_5.py",
        "anordna_event",
        ("owner", "status"),
        {"owner": ("Samordnaren", "Socialtjänsten", "Kansliet"), "status": ("doing", "", "done")},
        lambda at, f: _widget(at, kinds[f], f"event-check-{f}-{events.checklist_keys()[0]}"),
        lambda _at: f"event-check-{events.checklist_keys()[0]}",
        stored,
    )


def _candidate_walk() -> Walk:
    from sff_core.candidates import list_candidates, save_candidate
    from sff_core.content import get_content

    check = get_content().require_section("step0", "rekrytering").prompts[0].key
    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = save_candidate(get_engine(), ws, "Kim Kandidat", "Kommunen", "socialtjanst", None, [], "idea", "").id

    def widget(at, f):
        return (
            _widget(at, "text_area", f"cand-note-{state['id']}") if f == "note" else _widget(at, "checkbox", f"cand-{check}-{state['id']}")
        )

    def stored(ws):
        c = next(c for c in list_candidates(get_engine(), ws) if c.id == state["id"])
        return {"note": c.note, "check": check in c.checks}

    return Walk(
        "pages/step_0.py",
        "rekrytering",
        ("note", "check"),
        {"note": ("Ringer i maj", "Hör av sig själv", "Ringer i juni"), "check": (True, False, True)},
        widget,
        lambda _at: f"candidate-form-{state['id']}",
        stored,
        prepare=prepare,
        pick=lambda at: at.selectbox(key="candidate-pick").set_value(state["id"]).run(),
    )


def _status_walk(page: str, section: str, prefix: str, service: Callable[..., Any], info: Callable[[int], Any]) -> Walk:
    """A document's status form: the agreed date changed by both (conflict); A's date and B's status both kept."""

    def prepare(ws, values):
        day = date.today() - timedelta(days=10)
        service(get_engine(), ws, "agreed", day)
        values["agreed_on"] = (day + timedelta(days=1), day + timedelta(days=2), day + timedelta(days=3))

    def widget(at, f):
        key = next(str(w.key) for w in at.get("segmented_control") if str(w.key).startswith(prefix)).removesuffix("-value")
        return _widget(at, "segmented_control", f"{key}-value") if f == "status" else _widget(at, "date_input", f"{key}-date")

    def stored(ws):
        now = info(ws)
        return {"agreed_on": now.agreed_on, "status": now.status}

    return Walk(
        page,
        section,
        ("agreed_on", "status"),
        {"agreed_on": (None, None, None), "status": ("agreed", "agreed", "draft")},
        widget,
        lambda at: str(widget(at, "status").key).removesuffix("-value"),
        stored,
        prepare=prepare,
    )


def _role_status_walk() -> Walk:
    from sff_core import coordination

    kind = coordination.NETWORK
    return _status_walk(
        "pages/step_5.py",
        "rollbeskrivning_natverket",
        "role-status-",
        lambda engine, ws, status, day: coordination.set_status(engine, ws, kind, status, day),
        lambda ws: coordination.get_role(get_engine(), ws, kind),
    )


def _routine_status_walk() -> Walk:
    from sff_core import routine

    return _status_walk("pages/step_7.py", "rutin", "routine-status", routine.set_status, lambda ws: routine.get_routine(get_engine(), ws))


def _plan_status_walk() -> Walk:
    from sff_core import plan

    return _status_walk(
        "pages/step_6.py", "samverkansplan", "plan-status", plan.set_plan_status, lambda ws: plan.get_plan(get_engine(), ws)
    )


def _task_status_walk() -> Walk:
    from sff_core import mapping

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = mapping.add_task(get_engine(), ws, "Kartlägg hotellen", "Samordnaren", None, None).id

    def stored(ws):
        return {"status": next(t.status for t in mapping.list_tasks(get_engine(), ws) if t.id == state["id"])}

    return Walk(
        "pages/step_2.py",
        "vem_gor_vad",
        ("status",),
        {"status": ("doing", "done", "")},
        lambda at, _f: _widget(at, "segmented_control", f"task-status-{state['id']}"),
        lambda _at: f"task-status-form-{state['id']}",
        stored,
        prepare=prepare,
        pick=lambda at: at.selectbox(key="task-pick").set_value(state["id"]).run(),
    )


def _year_walk() -> Walk:
    from sff_core import statistics as stats

    year = date.today().year - 2

    def prepare(ws, _values):
        stats.set_year(get_engine(), ws, year, {"incidents": 5, "persons": 4}, preliminary=True)

    def widget(at, f):
        return _widget(at, "checkbox" if f == "preliminary" else "number_input", f"year-{f}-{year}")

    def stored(ws):
        values = stats.stored_year(get_engine(), ws, year)
        return {"persons": values["persons"], "incidents": values["incidents"], "preliminary": values["preliminary"]}

    return Walk(
        "pages/statistics.py",
        None,
        ("persons", "incidents"),
        {"persons": (6, 7, 8), "incidents": (5, 5, 9)},
        widget,
        lambda _at: f"year-totals-{year}",
        stored,
        prepare=prepare,
        pick=lambda at: (at.toggle(key="stat-year-open").set_value(True).run(), at.number_input(key="year-value").set_value(year).run()),
    )


def _threshold_walk() -> Walk:
    from sff_core.workspaces import get_workspace

    return Walk(
        "pages/statistics.py",
        None,
        ("threshold",),
        {"threshold": (4, 5, 0)},
        lambda at, _f: at.number_input(key="stat-threshold"),
        lambda _at: "threshold",
        lambda ws: {"threshold": get_workspace(get_engine(), ws).small_count_threshold},
        pick=lambda at: at.toggle(key="stat-sharing-open").set_value(True).run(),
    )


def _swot_groups_walk() -> Walk:
    from sff_core import swot

    return Walk(
        "pages/step_6.py",
        "swot",
        ("groups",),
        {"groups": (4, 5, 0)},
        lambda at, _f: at.number_input(key="swot-group-count"),
        lambda _at: "swot-groups",
        lambda ws: {"groups": swot.small_groups(get_engine(), ws)},
    )


def _offences_walk() -> Walk:
    from sff_core import offences

    year = date.today().year - 2
    first, second = list(offences.offence_categories())[:2]

    def prepare(ws, _values):
        offences.set_counts(get_engine(), ws, year, {first: 1, second: 2})

    return Walk(
        "pages/step_2.py",
        "offentligt_material",
        (first, second),
        {first: (3, 4, 5), second: (2, 2, 7)},
        lambda at, f: at.number_input(key=f"off-{f}-{year}"),
        lambda _at: f"offences-year-{year}",
        lambda ws: offences.year_counts(get_engine(), ws, year),
        prepare=prepare,
        pick=lambda at: (at.toggle(key="offences-open").set_value(True).run(), at.number_input(key="off-year").set_value(year).run()),
    )


def _text_walk(page: str, section: str, form: str, keys: dict[str, tuple[str, str]], stored: Callable[[int], Any]) -> Walk:
    """A form of texts: two of its fields (widget kind and key), and the stored record's fields by name."""
    first, second = keys
    return Walk(
        page,
        section,
        (first, second),
        {first: ("Första texten", "Andra texten", "Tredje texten"), second: ("", "", "Fjärde texten")},
        lambda at, f: _widget(at, *keys[f]),
        lambda _at: form,
        lambda ws: {f: stored(ws)[f] for f in keys},
    )


def _plan_vision_walk() -> Walk:
    from sff_core import plan

    def stored(ws):
        info = plan.get_plan(get_engine(), ws).fields()
        return {"vision": info["vision"], "points": "\n".join(info["points"])}

    return _text_walk(
        "pages/step_6.py",
        "samverkansplan",
        "plan-vision-form",
        {"vision": ("text_area", "plan-vision-vision"), "points": ("text_area", "plan-vision-points")},
        stored,
    )


def _routine_texts_walk() -> Walk:
    from sff_core import routine

    return _text_walk(
        "pages/step_7.py",
        "rutin",
        "routine-texts-form",
        {"mal": ("text_area", "routine-text-mal"), "contact": ("text_input", "routine-text-contact")},
        lambda ws: dict(routine.get_routine(get_engine(), ws).texts),
    )


def _flyer_walk() -> Walk:
    from sff_core import coordination

    first, second = coordination.text_sections(coordination.FLYER)[:2]
    walk = _text_walk(
        "pages/step_5.py",
        "anordna_event",
        "role-form-flyer",
        {first: ("text_area", f"role-flyer-{first}"), second: ("text_area", f"role-flyer-{second}")},
        lambda ws: {k: v or "" for k, v in coordination.get_role(get_engine(), ws, coordination.FLYER).sections.items()},
    )
    return walk


def _communication_plan_walk() -> Walk:
    from sff_core import coordination

    def sector(at) -> str:
        return str(at.selectbox(key="plan-sector").value)

    def stored(ws):
        rows = coordination.communication_plan(get_engine(), ws)
        first = coordination.sector_options(get_engine(), ws)[0]
        row = next((r for r in rows if r.sector == first), None)
        return row.fields() if row else dict.fromkeys(coordination.PLAN_FIELDS, "")

    return Walk(
        "pages/step_5.py",
        "motivation_kommunikation",
        ("key_message", "channel"),
        {"key_message": ("Vi ser varandra", "Vi hjälps åt", "Vi finns här"), "channel": ("", "", "Nyhetsbrevet")},
        lambda at, f: _widget(at, "text_area" if f == "key_message" else "text_input", f"plan-{sector(at)}-{f}"),
        lambda at: f"plan-form-{sector(at)}",
        stored,
    )


def _workspace_walk() -> Walk:
    from sff_core.workspaces import get_workspace

    def stored(ws):
        info = get_workspace(get_engine(), ws)
        return {"city": info.city, "municipality": info.municipality}

    return Walk(
        "pages/workspaces.py",
        None,
        ("city", "municipality"),
        {"city": ("Exempelby", "Exempelvik", "Exempelholm"), "municipality": ("", "", "Exempelholms kommun")},
        lambda at, f: _widget(at, "text_input", "ws-city" if f == "city" else "ws-municipality"),
        lambda _at: "workspace-settings",
        stored,
    )


def _levels_walk() -> Walk:
    from sff_core import stakeholders

    def actor(at) -> int:
        return int(at.selectbox(key="levels-actor").value)

    def stored(ws):
        first = stakeholders.list_actors(get_engine(), ws)[0]
        return stakeholders.level_fields(first)

    kinds = {"level_notes": ("text_area", "level-notes"), "current_level": ("selectbox", "level-now")}
    return Walk(
        "pages/step_3.py",
        "nivaer",
        ("level_notes", "current_level"),
        {"level_notes": ("Vi ses varje månad", "Vi ses varje vecka", "Vi ses ibland"), "current_level": (0, 0, 4)},
        lambda at, f: _widget(at, kinds[f][0], f"{kinds[f][1]}-{actor(at)}"),
        lambda at: f"levels-{actor(at)}",
        stored,
    )


def _marketing_walk() -> Walk:
    from sff_core import plan

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = plan.save_marketing(get_engine(), ws, None, {"target_group": "Hotell", "important": "Att se tecknen"}).id

    def stored(ws):
        return next(r for r in plan.list_marketing(get_engine(), ws) if r.id == state["id"]).fields()

    return Walk(
        "pages/step_6.py",
        "marknadsforing",
        ("important", "channels"),
        {"important": ("Att se tecknen tidigt", "Att våga fråga", "Att veta vart man ringer"), "channels": ("", "", "Branschmötet")},
        lambda at, f: _widget(at, "text_area", f"marketing-{state['id']}-{f}"),
        lambda _at: f"marketing-{state['id']}-form",
        stored,
        prepare=prepare,
        pick=lambda at: at.selectbox(key="marketing-pick").set_value(state["id"]).run(),
    )


def _mapping_plan_walk() -> Walk:
    from sff_core import mapping
    from sff_core.content import get_content

    section = get_content().require_section("step2", "kartlaggning_plan")
    methods = [m.key for m in section.options.get("contact_methods", ())]

    def stored(ws):
        info = mapping.get_mapping_plan(get_engine(), ws)
        return {"notes": info.notes, "contact_method": info.contact_method}

    return Walk(
        "pages/step_2.py",
        "kartlaggning_plan",
        ("notes", "contact_method"),
        {"notes": ("Hotellen först", "Taxi först", "Hotellen och taxi"), "contact_method": ("", "", methods[-1])},
        lambda at, f: _widget(at, "text_area", "mp-notes") if f == "notes" else _widget(at, "radio", "mp-method"),
        lambda _at: "mapping-plan",
        stored,
    )


def _routine_step_walk() -> Walk:
    from sff_core import routine

    def first_step(ws):
        return routine.get_routine(get_engine(), ws).steps[0]

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = first_step(ws).id

    return Walk(
        "pages/step_7.py",
        "rutin",
        ("action", "child_note"),
        {"action": ("Ring samordnaren", "Skriv till samordnaren", "Möt samordnaren"), "child_note": ("", "", "Barnet hörs först")},
        lambda at, f: _widget(at, "text_area" if f == "action" else "text_input", f"routine-step-{state['id']}-{f}"),
        lambda _at: f"routine-step-{state['id']}-form",
        lambda ws: first_step(ws).fields(),
        prepare=prepare,
    )


def _work_format_walk() -> Walk:
    """Step 7's format (the demo chose meetings): the meeting dates and the end date."""
    from sff_core import work_format

    keys = {"dates": ("text_area", "format-step7-dates"), "end": ("date_input", "format-step7-end")}

    def stored(ws):
        choice = work_format.get_choice(get_engine(), ws, "step7")
        return {"dates": "\n".join(d.isoformat() for d in choice.dates), "end": choice.end_date}

    return Walk(
        "pages/step_7.py",
        "forutsattningar",
        ("dates", "end"),
        {
            "dates": ("2026-05-05\n2026-06-09", "2026-05-12\n2026-06-02", "2026-05-05\n2026-06-16"),
            "end": (date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 15)),
        },
        lambda at, f: _widget(at, *keys[f]),
        lambda _at: "format-step7",
        stored,
        told="Någon annan har ändrat samma uppgifter",  # the form's own conflict message (not the RecordEdit panel)
    )


def _subscription_walk() -> Walk:
    """Step 4's subscriptions: who is responsible for the first one (a one-field form)."""
    from sff_core import knowledge

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = knowledge.list_subscriptions(get_engine(), ws)[0].id

    def stored(ws):
        return {"responsible": next(s for s in knowledge.list_subscriptions(get_engine(), ws) if s.id == state["id"]).responsible}

    return Walk(
        "pages/step_4.py",
        "hall_er_uppdaterade",
        ("responsible",),
        {"responsible": ("Samordnaren", "Polisen", "Socialtjänsten")},
        lambda at, f: _widget(at, "text_input", f"kb-sub-{state['id']}-responsible"),
        lambda _at: f"kb-sub-{state['id']}-form",
        stored,
        prepare=prepare,
    )


def _plan_activity_walk() -> Walk:
    """Step 6's plan: one activity's text and status."""
    from sff_core import plan

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = plan.list_activities(get_engine(), ws)[0].id

    def stored(ws):
        activity = next(a for a in plan.list_activities(get_engine(), ws) if a.id == state["id"])
        return {"text": activity.text, "status": activity.status}

    kinds = {"text": "text_area", "status": "selectbox"}
    return Walk(
        "pages/step_6.py",
        "samverkansplan",
        ("text", "status"),
        {"text": ("Utbildning för hotellen", "Utbildning för taxi", "Utbildning för alla"), "status": ("ongoing", "", "done")},
        lambda at, f: _widget(at, kinds[f], f"activity-{state['id']}-{f}"),
        lambda _at: f"activity-{state['id']}-form",
        stored,
        prepare=prepare,
        pick=lambda at: at.selectbox(key="plan-activity-pick").set_value(state["id"]).run(),
    )


def _plan_actuals_walk() -> Walk:
    """Step 6's follow-up: a hand-entered delmål's actuals in years 1 and 2."""
    from sff_core import plan

    state: dict[str, int] = {}

    def prepare(ws, _values):
        state["id"] = next(g for g in plan.list_goals(get_engine(), ws) if not g.series_key).id

    def stored(ws):
        goal = next(g for g in plan.list_goals(get_engine(), ws) if g.id == state["id"])
        return {f"actual_{y}": None if goal.actuals.get(y) is None else f"{goal.actuals[y]:g}" for y in (1, 2)}

    return Walk(
        "pages/step_6.py",
        "samverkansplan",
        ("actual_1", "actual_2"),
        {"actual_1": ("11", "12", "13"), "actual_2": ("21", "22", "23")},
        lambda at, f: _widget(at, "text_input", f"actual-{state['id']}-{f}"),
        lambda _at: f"actual-{state['id']}-form",
        stored,
        prepare=prepare,
    )


def _notes_walk() -> Walk:
    """The group's notes on an exercise (here step 3's collaboration levels, whose form ends with them)."""
    from sff_core.responses import NOTES_PROMPT

    prefix = "notes-step3-nivaer-"
    state: dict[str, str] = {}

    def form(at) -> str:
        state["form"] = next(str(f.form_id) for f in at.get("form_submit_button") if str(f.form_id).startswith(prefix))
        return state["form"]

    def stored(ws):
        day = date.fromisoformat(state["form"].removeprefix(prefix))
        answer = answers_for(load_responses(get_engine(), ws, "step3", "nivaer", day), GROUP).get(NOTES_PROMPT)
        return {"notes": answer.text if answer else ""}

    return Walk(
        "pages/step_3.py",
        "nivaer",
        ("notes",),
        {"notes": ("Polisen bjuds in", "Skolan bjuds in", "Alla bjuds in")},
        lambda at, _f: _widget(at, "text_area", f"{form(at)}-text"),
        form,
        stored,
    )


WALKS: dict[str, Callable[[], Walk]] = {
    "event": _event_walk,
    "event-checklist": _checklist_walk,
    "candidate": _candidate_walk,
    "role-status": _role_status_walk,
    "routine-status": _routine_status_walk,
    "plan-status": _plan_status_walk,
    "task-status": _task_status_walk,
    "statistics-year": _year_walk,
    "threshold": _threshold_walk,
    "swot-groups": _swot_groups_walk,
    "offences-year": _offences_walk,
    "plan-vision": _plan_vision_walk,
    "routine-texts": _routine_texts_walk,
    "flyer": _flyer_walk,
    "communication-plan": _communication_plan_walk,
    "workspace-settings": _workspace_walk,
    "collaboration-levels": _levels_walk,
    "plan-marketing": _marketing_walk,
    "mapping-plan": _mapping_plan_walk,
    "routine-step": _routine_step_walk,
    "work-format": _work_format_walk,
    "knowledge-responsible": _subscription_walk,
    "plan-activity": _plan_activity_walk,
    "plan-actuals": _plan_actuals_walk,
    "notes": _notes_walk,
}
ONCE_ONLY = {"event-answer", "courage-marks"}  # walked by their own tests below


def test_every_form_says_what_it_does_and_every_edit_form_is_walked():
    undeclared = [
        name for name, decorators in _form_functions().items() if not any(d.startswith(("edit_form(", "adds_records")) for d in decorators)
    ]
    assert undeclared == []
    names = _edit_form_names()
    assert names == set(WALKS) | set(WALKED_ELSEWHERE) | ONCE_ONLY, "an edit form without a two-browser walk (or a stale entry)"
    assert not set(WALKS) & set(WALKED_ELSEWHERE)


def _open(open_app, ws, walk: Walk):
    at = open_app(ws, walk.page, **({"section": walk.section} if walk.section else {}))
    walk.pick(at)
    assert_clean(at)
    return at


def _submit(at, walk: Walk) -> str:
    next(b for b in at.get("form_submit_button") if b.form_id == walk.form(at)).click().run()
    assert_clean(at)
    shown = page_text(at)
    at.run()
    return shown


@pytest.mark.parametrize("name", sorted(WALKS))
def test_two_browsers_on_every_edit_form(open_app, demo_workspace, name):
    walk = WALKS[name]()
    ws = demo_workspace.id
    walk.prepare(ws, walk.values)
    first, *others = walk.fields
    a, b = _open(open_app, ws, walk), _open(open_app, ws, walk)
    _set(walk.widget(a, first), walk.values[first][0])
    _submit(a, walk)
    _set(walk.widget(b, first), walk.values[first][1])
    shown = _submit(b, walk)
    assert walk.told in shown, name
    assert walk.stored(ws)[first] == walk.values[first][0], name  # A's value is not overwritten
    assert walk.widget(b, first).value == walk.values[first][1], name  # what B typed stays in B's form
    if not others:
        return
    second = others[0]
    a, b = _open(open_app, ws, walk), _open(open_app, ws, walk)
    _set(walk.widget(a, first), walk.values[first][2])
    assert CONFLICT not in _submit(a, walk)
    _set(walk.widget(b, second), walk.values[second][2])
    assert CONFLICT not in _submit(b, walk), name
    stored = walk.stored(ws)
    assert (stored[first], stored[second]) == (walk.values[first][2], walk.values[second][2]), name  # both kept


def test_courage_boards_common_marks_in_two_browsers(open_app, demo_workspace):
    """A mark has two states, so two people never disagree about one: what each marks or unmarks is kept."""
    from sff_core import notes
    from sff_core.responses import COMMON_PROMPT

    today = date.today()
    board = notes.Exercise(demo_workspace.id, "step1", "modig_miljo", today)
    for text in ("Att bli lyssnad på", "Tid att tänka", "Ingen kritik direkt"):
        notes.add_note(get_engine(), board, "fraga_1", GROUP, text, notes.new_submission_key())

    def opened():
        at = open_app(demo_workspace.id, "pages/step_1.py", section="modig_miljo")
        at.date_input(key="session_date").set_value(today).run()
        assert_clean(at)
        return at

    def marks():
        frame = load_responses(get_engine(), demo_workspace.id, "step1", "modig_miljo", today)
        stored = answers_for(frame, GROUP).get(COMMON_PROMPT)
        return sorted((stored.text if stored else "").splitlines())

    def save(at, chosen):
        picker = next(m for m in at.multiselect if str(m.key).startswith("common-pick-"))
        picker.set_value(chosen)
        next(b for b in at.get("form_submit_button") if str(b.form_id).startswith("common-")).click().run()
        assert_clean(at)
        at.run()

    a, b = opened(), opened()
    save(a, ["Att bli lyssnad på"])
    save(b, ["Tid att tänka"])  # B's form never showed A's mark: it is kept all the same
    assert marks() == ["Att bli lyssnad på", "Tid att tänka"]
    a, b = opened(), opened()
    save(a, ["Att bli lyssnad på", "Tid att tänka", "Ingen kritik direkt"])
    save(b, ["Att bli lyssnad på"])  # B unmarks "Tid att tänka"; A's new mark stays
    assert marks() == ["Att bli lyssnad på", "Ingen kritik direkt"]


def test_an_invitation_answered_in_two_browsers_the_second_is_told_and_keeps_its_answer(open_app, demo_workspace):
    """An organisation answers once: the second browser's answer is refused with a message, not written over."""
    from sff_core.stakeholders import add_actor

    ws = demo_workspace.id
    event = events.latest_event(get_engine(), ws)
    actor = add_actor(get_engine(), ws, "Hotell Hamnen", "naringsliv")
    events.invite(get_engine(), ws, event.id, [actor.id])
    invitee = next(i for i in events.list_invitees(get_engine(), ws, event.id) if i.actor_id == actor.id)

    def opened():
        at = open_app(ws, "pages/step_5.py", section="anordna_event")
        at.selectbox(key="event-invitee-pick").set_value(invitee.id).run()
        assert_clean(at)
        return at

    def answer(at, ask, value):
        _widget(at, "segmented_control", f"event-ask-{ask}-{invitee.id}").set_value(value)
        next(b for b in at.get("form_submit_button") if b.form_id == f"event-answer-{invitee.id}").click().run()
        assert_clean(at)
        return page_text(at)

    a, b = opened(), opened()
    answer(a, "join_network", "yes")
    shown = answer(b, "join_network", "no")
    assert "Hotell Hamnen" in shown and "redan" in shown.lower(), shown
    stored = next(i for i in events.list_invitees(get_engine(), ws, event.id) if i.id == invitee.id)
    assert stored.join_network is True
    assert _widget(b, "segmented_control", f"event-ask-join_network-{invitee.id}").value == "no"  # B's answer stays
