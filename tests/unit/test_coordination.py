"""Step 5 role descriptions: sections, delmål and participants, versions and status, two browsers, Word."""

import io
from datetime import date

import pytest
from docx import Document

from sff_core import coordination, events
from sff_core.errors import InputError
from sff_core.outputs import documents
from sff_core.outputs.report_render import render
from sff_core.stakeholders import add_actor
from sff_core.store.concurrency import EditConflict


def test_network_role_versions_status_and_changes_since_agreed(engine, workspace):
    add_actor(engine, workspace.id, "Polisen", "polis")
    role = coordination.save_role(
        engine,
        workspace.id,
        coordination.NETWORK,
        {"syfte": "Tydliggöra en gemensam hållning.", "delmal": ["Kartläggning", " ", "Handlingsplan"], "participants": ["Polisen"]},
    )
    assert role.version == 1 and role.sections["delmal"] == ["Kartläggning", "Handlingsplan"] and role.status == "draft"
    with pytest.raises(InputError, match="datumet"):
        coordination.set_status(engine, workspace.id, coordination.NETWORK, "agreed")
    agreed = coordination.set_status(engine, workspace.id, coordination.NETWORK, "agreed", date(2026, 11, 1))
    assert (agreed.status, agreed.agreed_on, agreed.version) == ("agreed", date(2026, 11, 1), 2)
    assert coordination.changed_since_agreed(engine, workspace.id, coordination.NETWORK)[1] == []
    coordination.save_role(engine, workspace.id, coordination.NETWORK, {"samordning": "Samordnaren sammankallar."})
    version, changed = coordination.changed_since_agreed(engine, workspace.id, coordination.NETWORK)
    assert version is not None and version.number == 2
    assert changed == [("samordning", "", "Samordnaren sammankallar.")]
    assert [v.number for v in coordination.versions(engine, workspace.id, coordination.NETWORK)] == [1, 2, 3]
    unchanged = coordination.save_role(engine, workspace.id, coordination.NETWORK, {"samordning": "Samordnaren sammankallar."})
    assert unchanged.version == 3  # nothing changed: no new version


def test_two_browsers_the_second_is_told(engine, workspace):
    kind = coordination.NETWORK
    loaded = dict(coordination.get_role(engine, workspace.id, kind).sections)
    coordination.save_role(engine, workspace.id, kind, {**loaded, "beslut": "Beslut tas löpande."}, loaded=loaded)
    with pytest.raises(EditConflict) as raised:
        coordination.save_role(engine, workspace.id, kind, {**loaded, "beslut": "Beslut tas på möten."}, loaded=loaded)
    assert raised.value.conflicts[0].theirs == "Beslut tas löpande." and "Inget sparades" in str(raised.value)
    assert coordination.get_role(engine, workspace.id, kind).sections["beslut"] == "Beslut tas löpande."
    # another section from the same stale form is merged, not refused
    saved = coordination.save_role(engine, workspace.id, kind, {**loaded, "kommunikation": "Ingen extern kommunikation."}, loaded=loaded)
    assert saved.sections["beslut"] == "Beslut tas löpande." and saved.sections["kommunikation"] == "Ingen extern kommunikation."


def test_bad_role_input_is_refused(engine, workspace):
    with pytest.raises(InputError, match="för långt"):
        coordination.save_role(engine, workspace.id, coordination.NETWORK, {"syfte": "x" * 10_000})
    for link in ("javascript:alert(1)", "data:text/html,hej", "/relativ/sida", "ftp://example.se"):
        with pytest.raises(InputError, match="http:// eller https://"):
            coordination.save_role(engine, workspace.id, coordination.COORDINATOR, {"links": [link]})
    with pytest.raises(InputError, match="finns inte"):
        coordination.save_role(engine, workspace.id, coordination.NETWORK, {"participants": ["Okänd organisation"]})
    assert coordination.get_role(engine, workspace.id, coordination.NETWORK).version == 0
    saved = coordination.save_role(
        engine, workspace.id, coordination.COORDINATOR, {"ansvar": "Driva nätverket.", "links": ["https://example.se/roll"]}
    )
    assert saved.sections["links"] == ["https://example.se/roll"]


def test_role_links_with_a_user_part_or_a_look_alike_host_are_refused_and_hosts_shown(engine, workspace):
    """The coordinator's example links get the knowledge bank's checks and show their host (issue 20, Low 12)."""
    from sff_core.exercises.network_role import role_blocks
    from sff_core.outputs.results import PlainTextBlock

    for link, key in (("https://example.com@evil.example/", "url_userinfo"), ("https://\u0430pple.com/", "url_lookalike")):
        with pytest.raises(InputError) as refused:
            coordination.save_role(engine, workspace.id, coordination.COORDINATOR, {"links": [link]})
        assert refused.value.key == key
    coordination.save_role(engine, workspace.id, coordination.COORDINATOR, {"links": ["https://example.se/roll"]})
    shown = [b.text for b in role_blocks(engine, workspace.id, coordination.COORDINATOR, "sv") if isinstance(b, PlainTextBlock)]
    assert "- https://example.se/roll (värd: example.se)" in shown


def test_the_role_description_as_word_has_every_section(engine, workspace):
    hotel = add_actor(engine, workspace.id, "Hotell Exempel", "naringsliv")
    event = events.save_event(engine, workspace.id, "Träff", date(2026, 12, 10))
    events.invite(engine, workspace.id, event.id, [hotel.id])
    events.record_answer(engine, workspace.id, events.list_invitees(engine, workspace.id, event.id)[0].id, True, True, True)
    values = {key: f"Text för {key}." for key in coordination.NETWORK_SECTIONS}
    coordination.save_role(engine, workspace.id, coordination.NETWORK, {**values, "delmal": ["Nolltolerans"], "participants": [hotel.name]})
    document = Document(io.BytesIO(render(documents.role_report(engine, workspace.id, coordination.NETWORK), "docx")))
    shown = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for heading in (
        "Dokumentets syfte",
        "Ändamålsbeskrivning",
        "Nätverkets deltagare",
        "Samordning",
        "Beslutsfattande",
        "Extern kommunikation",
    ):
        assert heading in shown
    for key in coordination.NETWORK_SECTIONS:
        assert f"Text för {key}." in shown
    assert "Nolltolerans" in shown and "Hotell Exempel" in shown
    assert render(documents.role_report(engine, workspace.id, coordination.NETWORK), "pdf").startswith(b"%PDF")


def test_the_flyer_as_word_has_every_heading_and_the_event(engine, workspace):
    from sff_core.content import get_content
    from sff_core.members import add_member

    add_member(engine, workspace.id, "Anna", "Polisen", "polis")
    events.save_event(engine, workspace.id, "Träff", date(2026, 12, 10), "Stadshuset", startup_date=date(2027, 1, 20))
    keys = coordination.text_sections(coordination.FLYER)
    coordination.save_role(
        engine, workspace.id, coordination.FLYER, {keys[0]: "Människohandel finns också i Ystad.", keys[-1]: "Ring växeln."}
    )
    document = Document(io.BytesIO(render(documents.flyer_report(engine, workspace.id), "docx")))
    shown = "\n".join(p.text for p in document.paragraphs)
    for heading in get_content().require_section("step5", "anordna_event").template_headings:
        assert heading.text["sv"] in shown
    assert "Människohandel finns också i Ystad." in shown and "Ring växeln." in shown
    assert "Polisen" in shown and "2027-01-20" in shown and "Stadshuset" in shown


def test_communication_plan_per_sector(engine, workspace):
    add_actor(engine, workspace.id, "Hotell Exempel", "naringsliv")
    assert coordination.sector_options(engine, workspace.id)[0] == "naringsliv"
    saved = coordination.save_plan_row(
        engine, workspace.id, "naringsliv", {"key_message": "Ni ser det vi inte ser.", "words_to_avoid": "offer", "channel": "Branschträff"}
    )
    assert saved.key_message == "Ni ser det vi inte ser." and saved.words_to_avoid == "offer"
    loaded = saved.fields()
    coordination.save_plan_row(engine, workspace.id, "naringsliv", {**loaded, "who": "Anna"}, loaded=loaded)
    with pytest.raises(EditConflict):
        coordination.save_plan_row(engine, workspace.id, "naringsliv", {**loaded, "who": "Bertil"}, loaded=loaded)
    with pytest.raises(InputError, match="inte tillåtet"):
        coordination.save_plan_row(engine, workspace.id, "ingen_bransch", {"key_message": "x"})
    with pytest.raises(InputError, match="för långt"):
        coordination.save_plan_row(engine, workspace.id, "polis", {"key_message": "x" * 10_000})
    plan = coordination.communication_plan(engine, workspace.id)
    assert [(p.sector, p.who) for p in plan] == [("naringsliv", "Anna")]
