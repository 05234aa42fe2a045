"""Step 4: the knowledge bank, the research split with its timer, subscriptions, and their results models."""

from datetime import date, timedelta

import pytest

from sff_core import knowledge, links, room
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.exercises.knowledge_bank import bank_results
from sff_core.exercises.research_continuation import continuation_results
from sff_core.exercises.subscriptions import subscriptions_results
from sff_core.outputs.results import MetricBlock, ResultsQuery, TableBlock
from sff_core.store.concurrency import EditConflict
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 29)


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 6, 1), "hemlig fras")


def _query(engine, workspace, section_key, show_names=True, projector=False):
    step = get_content().step(4)
    return ResultsQuery(engine, workspace.id, step, step.section(section_key), None, "sv", projector, "Ystad", show_names)


def _item(engine, workspace, title="Kunskapsstödet", category="material", **kwargs):
    return knowledge.add_item(engine, workspace.id, title, category, today=TODAY, **kwargs)


# --- Links -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "/relativ/sida",
        "www.lansstyrelsen.se",
        "ftp://example.se/fil",
        "file:///etc/passwd",
        "https://",
        "https://exempel .se",
    ],
)
def test_links_other_than_absolute_http_are_refused(url):
    with pytest.raises(InputError, match="https://"):
        knowledge.check_url(url)


def test_links_http_and_https_are_kept_as_typed():
    assert knowledge.check_url("  https://www.lansstyrelsen.se/skane?x=1 ") == "https://www.lansstyrelsen.se/skane?x=1"
    assert knowledge.check_url("http://example.se") == "http://example.se"
    assert knowledge.check_url("") is None
    with pytest.raises(InputError, match="för långt"):
        knowledge.check_url("https://example.se/" + "a" * 3000)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com@evil.example/",
        "https://user:pass@evil.example/",
        "https://www.lansstyrelsen.se%40evil.example@evil.example/",
    ],
)
def test_links_with_a_user_part_before_the_host_are_refused(url):
    """`https://example.com@evil.example/` reads as example.com but opens evil.example (issue 20, Low 12)."""
    with pytest.raises(InputError, match="@") as refused:
        knowledge.check_url(url)
    assert refused.value.key == "url_userinfo"


@pytest.mark.parametrize(
    "url",
    [
        "https://\u0430pple.com/",  # Cyrillic а among Latin letters
        "https://xn--pple-43d.com/",  # the same, as the browser writes it
        "https://\u0440\u0430\u0443\u0440\u0430\u04cf.com/",  # all Cyrillic, reads as paypal
        "https://xn--80ak6aa92e.com/",  # all Cyrillic, as punycode
        "https://g\u03bfogle.com/",  # Greek omicron
        "https://\uff45xample.se/",  # full-width e
        "https://xn--broken-.se/",  # punycode that does not decode
    ],
)
def test_look_alike_hosts_are_refused(url):
    with pytest.raises(InputError, match="liknar") as refused:
        knowledge.check_url(url)
    assert refused.value.key == "url_lookalike"


def test_swedish_hosts_with_a_ring_and_dots_are_kept():
    assert knowledge.check_url("https://malm\u00f6.se/sida") == "https://malm\u00f6.se/sida"
    assert knowledge.check_url("https://xn--malm-8qa.se/") == "https://xn--malm-8qa.se/"
    assert knowledge.check_url("https://www.lansstyrelsen.se:443/skane") == "https://www.lansstyrelsen.se:443/skane"


def test_the_real_host_is_shown_beside_a_link():
    shown = links.shown_link("https://www.lansstyrelsen.se/skane", "sv")
    assert shown == "https://www.lansstyrelsen.se/skane (värd: www.lansstyrelsen.se)"
    assert links.shown_link("https://example.com@evil.example/", "sv").endswith("(värd: evil.example)")  # stored before the check
    assert links.shown_link("https://xn--malm-8qa.se/", "en") == "https://xn--malm-8qa.se/ (host: malmö.se)"
    assert links.shown_link(None, "sv") == "" and links.shown_link("", "sv") == ""


def test_every_table_that_shows_a_link_shows_its_host(engine, workspace):
    from sff_core.exercises.common_ground import knowledge_screen
    from sff_core.exercises.knowledge_bank import bank_table
    from sff_core.exercises.subscriptions import subscriptions_table

    _item(engine, workspace, "Kunskapsstödet", url="https://www.stadforstad.se/stod", network_visible=True)
    knowledge.add_subscription(engine, workspace.id, "Nyhetsbrev", "Erik", url="https://www.lansstyrelsen.se/nyheter")
    items = knowledge.list_items(engine, workspace.id)
    assert list(bank_table(items, "sv")["Länk"]) == ["https://www.stadforstad.se/stod (värd: www.stadforstad.se)"]
    subs = subscriptions_table(knowledge.list_subscriptions(engine, workspace.id), "sv")
    assert list(subs["Länk"]) == ["https://www.lansstyrelsen.se/nyheter (värd: www.lansstyrelsen.se)"]
    title, table = knowledge_screen(engine, workspace.id, "sv")
    assert isinstance(table, TableBlock) and title.text == "Kunskapsbanken för nätverket"
    assert list(table.table["Länk"]) == ["https://www.stadforstad.se/stod (värd: www.stadforstad.se)"]


# --- Items -------------------------------------------------------------------------------------------


def test_add_item_with_every_field_and_bad_input_refused(engine, workspace):
    item = _item(
        engine,
        workspace,
        "Nationellt metodstöd (NMT)",
        "riktlinjer",
        focus_area="Nationella och regionala myndigheter",
        url="https://www.lansstyrelsen.se/nmt",
        summary="Stöd vid misstanke om människohandel.",
        relevant_for="Socialtjänst, polis",
        found_by="Anna",
        important=True,
        network_visible=True,
    )
    assert item.added_on == TODAY and item.important and item.network_visible and item.checked_on is None
    with pytest.raises(InputError, match="tomt"):
        _item(engine, workspace, "   ")
    with pytest.raises(InputError, match="https://"):
        _item(engine, workspace, "Skadlig", url="javascript:alert(1)")
    with pytest.raises(InputError, match="för långt"):
        _item(engine, workspace, "Lång", summary="x" * 10_000)
    with pytest.raises(InputError):
        _item(engine, workspace, "Okänd kategori", category="astrologi")
    with pytest.raises(InputError, match="[Tt]elefon"):  # contacts are functions, never a private person's number
        _item(engine, workspace, "Kontakt", category="kontakter", summary="Ring 070-123 45 67")
    with pytest.raises(InputError, match="framtiden"):
        _item(engine, workspace, "Framtid", checked_on=TODAY + timedelta(days=3))
    with pytest.raises(InputError):
        _item(engine, workspace, "Före", added_on=date(2026, 6, 1), checked_on=date(2026, 5, 1))
    assert [i.title for i in knowledge.list_items(engine, workspace.id)] == ["Nationellt metodstöd (NMT)"]


def test_list_puts_the_most_important_first_then_category_order(engine, workspace):
    _item(engine, workspace, "B-kurs", "kurser")
    _item(engine, workspace, "A-verktyg", "verktyg")
    _item(engine, workspace, "Viktig länk", "lankar", important=True)
    assert [i.title for i in knowledge.list_items(engine, workspace.id)] == ["Viktig länk", "A-verktyg", "B-kurs"]


def test_search_and_filters(engine, workspace):
    _item(engine, workspace, "Brottsofferjouren", "kontakter", focus_area="Brottsoffrens rättigheter", relevant_for="Socialtjänst")
    _item(engine, workspace, "Migrationsverkets handbok", "material", focus_area="Migration", relevant_for="Polis, socialtjänst")
    _item(engine, workspace, "Utbildning i bemötande", "kurser", focus_area="Eget område", relevant_for="Hotell", important=True)
    items = knowledge.list_items(engine, workspace.id)

    def titles(**filters):
        return sorted(i.title for i in knowledge.filter_items(items, today=TODAY, **filters))

    assert titles(query="handbok") == ["Migrationsverkets handbok"]
    assert titles(query="MIGRATION handbok") == ["Migrationsverkets handbok"]
    assert titles(query="saknas") == []
    assert titles(category_keys=["kontakter", "kurser"]) == ["Brottsofferjouren", "Utbildning i bemötande"]
    assert titles(areas=["migration"]) == ["Migrationsverkets handbok"]
    assert titles(relevant_for="socialtjänst") == ["Brottsofferjouren", "Migrationsverkets handbok"]
    assert titles(important_only=True) == ["Utbildning i bemötande"]
    assert titles(relevant_for="polis", category_keys=["kontakter"]) == []
    assert knowledge.used_areas(items)[:3] == ["Brottsoffrens rättigheter", "Migration", "Nationella och regionala myndigheter"]
    assert "Eget område" in knowledge.used_areas(items)


def test_items_not_checked_for_twelve_months_are_marked_for_review(engine, workspace):
    old = _item(engine, workspace, "Gammal", added_on=date(2025, 10, 1))
    checked = _item(engine, workspace, "Kontrollerad", added_on=date(2025, 10, 1), checked_on=date(2026, 3, 1))
    new = _item(engine, workspace, "Ny")
    assert old.needs_review(TODAY) and not checked.needs_review(TODAY) and not new.needs_review(TODAY)
    assert knowledge.needs_review(TODAY - timedelta(days=365), TODAY)
    assert not knowledge.needs_review(TODAY - timedelta(days=364), TODAY)
    items = knowledge.list_items(engine, workspace.id)
    assert [i.title for i in knowledge.filter_items(items, review_only=True, today=TODAY)] == ["Gammal"]
    assert not knowledge.mark_checked(engine, workspace.id, old.id, TODAY).needs_review(TODAY)


def test_two_browsers_editing_one_item_never_overwrite_silently(engine, workspace):
    item = _item(engine, workspace, "Länsstyrelsen", summary="Första")
    loaded = knowledge.item_fields(item)
    knowledge.update_item(engine, workspace.id, item.id, {**loaded, "summary": "Anna skrev"}, loaded=loaded, today=TODAY)
    with pytest.raises(EditConflict) as conflict:
        knowledge.update_item(engine, workspace.id, item.id, {**loaded, "summary": "Erik skrev"}, loaded=loaded, today=TODAY)
    assert conflict.value.conflicts[0].theirs == "Anna skrev"
    assert "ändrat" in str(conflict.value)
    # a different field of the same item is saved, the other person's summary stays
    saved = knowledge.update_item(engine, workspace.id, item.id, {**loaded, "important": True}, loaded=loaded, today=TODAY)
    assert saved.summary == "Anna skrev" and saved.important
    with pytest.raises(InputError, match="https://"):
        knowledge.update_item(engine, workspace.id, item.id, {"url": "data:text/html,x"}, today=TODAY)


def test_remove_item_is_soft_and_scoped_to_the_workspace(engine, workspace):
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 1, 1), "en annan fras")
    item = _item(engine, workspace, "Tas bort")
    with pytest.raises(InputError, match="finns inte"):
        knowledge.remove_item(engine, other.id, item.id)
    with pytest.raises(InputError, match="finns inte"):
        knowledge.update_item(engine, other.id, item.id, {"title": "Kapad"}, today=TODAY)
    knowledge.remove_item(engine, workspace.id, item.id)
    assert knowledge.list_items(engine, workspace.id) == []


# --- The research split and its timer ----------------------------------------------------------------


def test_split_and_the_continuation_keeps_it_with_the_common_deadline(engine, workspace):
    knowledge.add_assignment(engine, workspace.id, "samla_in", "Migration", "Anna och Erik", date(2026, 12, 1))
    knowledge.add_assignment(engine, workspace.id, "samla_in", "Brottsoffrens rättigheter", "Sara")
    with pytest.raises(InputError, match="tomt"):
        knowledge.add_assignment(engine, workspace.id, "samla_in", "Migration", "")
    with pytest.raises(InputError):
        knowledge.add_assignment(engine, workspace.id, "annan_ovning", "Migration", "Anna")
    with pytest.raises(InputError, match="uppdelning"):
        knowledge.continue_split(engine, create_workspace(engine, "Tom", "Tom", date(2026, 1, 1), date(2027, 1, 1), "fras fras").id, TODAY)
    assert knowledge.continue_split(engine, workspace.id, date(2027, 1, 15)) == 2
    assert knowledge.continue_split(engine, workspace.id, date(2027, 2, 1)) == 2  # again: same split, new deadline
    kept = knowledge.assignments(engine, workspace.id, "samla_in_fortsattning")
    assert {(t.title, t.owner, t.deadline) for t in kept} == {
        ("Migration", "Anna och Erik", date(2027, 2, 1)),
        ("Brottsoffrens rättigheter", "Sara", date(2027, 2, 1)),
    }
    with pytest.raises(InputError):
        knowledge.continue_split(engine, workspace.id, date(1999, 1, 1))


def test_research_timer_puts_the_exercise_on_the_wall_with_30_to_40_minutes(engine, workspace):
    for minutes in (29, 41, "35", None):
        with pytest.raises(InputError):
            knowledge.start_research_timer(engine, workspace.id, "samla_in", minutes)
    shown = knowledge.start_research_timer(engine, workspace.id, "samla_in", 35)
    assert shown.exercise == ("step4", "samla_in")
    state = room.get_room(engine, workspace.id)
    assert state.timer is not None and state.timer.seconds == 35 * 60 and state.timer.running


# --- Subscriptions -----------------------------------------------------------------------------------


def test_subscriptions_with_a_responsible_member(engine, workspace):
    suggestions = knowledge.suggested_subscriptions()
    assert any("Jämställdhetsmyndighetens nyhetsbrev" in s for s in suggestions)
    sub = knowledge.add_subscription(engine, workspace.id, suggestions[1], "Anna", "https://jamstalldhetsmyndigheten.se")
    with pytest.raises(InputError, match="tomt"):
        knowledge.add_subscription(engine, workspace.id, "Nyhetsbrev", "")
    with pytest.raises(InputError, match="https://"):
        knowledge.add_subscription(engine, workspace.id, "Nyhetsbrev", "Anna", "javascript:void(0)")
    knowledge.set_responsible(engine, workspace.id, sub.id, "Erik", loaded="Anna")
    with pytest.raises(EditConflict):
        knowledge.set_responsible(engine, workspace.id, sub.id, "Sara", loaded="Anna")
    assert [s.responsible for s in knowledge.list_subscriptions(engine, workspace.id)] == ["Erik"]
    knowledge.remove_subscription(engine, workspace.id, sub.id)
    assert knowledge.list_subscriptions(engine, workspace.id) == []


# --- Results models: screen, wall, reports and workbooks ----------------------------------------------


def test_results_models_and_the_shared_level(engine, workspace):
    assert bank_results(_query(engine, workspace, "samla_in")).empty
    _item(engine, workspace, "Intern", found_by="Anna")
    _item(engine, workspace, "För nätverket", network_visible=True, found_by="Anna")
    knowledge.add_assignment(engine, workspace.id, "samla_in", "Migration", "Anna")
    inside = bank_results(_query(engine, workspace, "samla_in"))
    tables = {b.key: b.table for b in inside.blocks if isinstance(b, TableBlock)}
    assert list(tables) == ["research-split-samla_in", "knowledge-bank"]
    assert set(tables["knowledge-bank"]["Titel"]) == {"Intern", "För nätverket"}
    assert "Hittad av" in tables["knowledge-bank"].columns
    assert any(isinstance(b, MetricBlock) and b.value == "2" for b in inside.blocks)
    shared = bank_results(_query(engine, workspace, "samla_in", show_names=False))
    shared_tables = {b.key: b.table for b in shared.blocks if isinstance(b, TableBlock)}
    assert list(shared_tables) == ["knowledge-bank"]
    assert list(shared_tables["knowledge-bank"]["Titel"]) == ["För nätverket"]
    assert "Hittad av" not in shared_tables["knowledge-bank"].columns
    wall = bank_results(_query(engine, workspace, "samla_in", show_names=False, projector=True))
    wall_bank = next(b.table for b in wall.blocks if isinstance(b, TableBlock) and b.key == "knowledge-bank")
    assert len(wall_bank) == 2 and "Sammanfattning" not in wall_bank.columns
    knowledge.continue_split(engine, workspace.id, date(2027, 1, 15))
    assert not continuation_results(_query(engine, workspace, "samla_in_fortsattning")).empty
    assert subscriptions_results(_query(engine, workspace, "hall_er_uppdaterade")).empty
    knowledge.add_subscription(engine, workspace.id, "Länsstyrelsens nyhetsbrev", "Erik")
    subs = subscriptions_results(_query(engine, workspace, "hall_er_uppdaterade", show_names=False))
    assert "Ansvarig" not in next(b.table for b in subs.blocks if isinstance(b, TableBlock)).columns


def test_the_workbook_has_the_bank(engine, workspace):
    from sff_core.outputs.sharing import INTERNAL
    from sff_core.outputs.workbook import export_sheets

    _item(engine, workspace, "Kunskapsstödet", url="https://www.stadforstad.se", network_visible=True)
    knowledge.add_subscription(engine, workspace.id, "Länsstyrelsens nyhetsbrev", "Erik")
    sheets = export_sheets(engine, workspace.id, INTERNAL)
    found = {sheet.name: [table.frame for table in sheet.tables] for sheet in sheets if sheet.name.startswith("4.")}
    frames = [frame for frames in found.values() for frame in frames]
    assert any("Kunskapsstödet" in frame.to_csv() for frame in frames)
    assert any("Länsstyrelsens nyhetsbrev" in frame.to_csv() for frame in frames)
