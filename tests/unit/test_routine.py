"""Step 7: the routine for individual cases (order, moves, versions, agreed date, changes, conflicts,
bad input, Helsingborg's example), the ambition levels (distributions, gap, per organisation), the
routine card and the internal flowchart per organisation (PDF one page, Word), the chart builders."""

import io
from datetime import date

import pandas as pd
import pytest
from docx import Document
from pypdf import PdfReader

from sff_core import events, routine
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.live import join, open_activity, submit
from sff_core.outputs import charts
from sff_core.outputs.results import ResultsQuery, build_results
from sff_core.outputs.routine_card import build_card, card_body_size, render_card
from sff_core.responses import Answer, save_answers
from sff_core.stakeholders import add_actor, remove_actor
from sff_core.store.concurrency import EditConflict
from sff_core.workspaces import create_workspace


@pytest.fixture
def actors(engine, workspace):
    police = add_actor(engine, workspace.id, "Lokalpolisområde Ystad", "polis")
    social = add_actor(engine, workspace.id, "Socialtjänsten Ystad", "socialtjanst")
    ngo = add_actor(engine, workspace.id, "Frälsningsarmén Ystad", "ideburen")
    return police, social, ngo


def _step(actor_id, title="Ring polisen vid misstanke", **more):
    return {"title": title, "actor_id": actor_id, "contact": "Polisens fokusgrupp, 114 14", "priority": "akut", **more}


def test_steps_keep_their_order_and_move_up_and_down(engine, workspace, actors):
    police, social, ngo = actors
    first = routine.add_step(engine, workspace.id, _step(police.id))
    second = routine.add_step(engine, workspace.id, _step(ngo.id, "Dokumentera incidenten", documents=True, priority="inom_dygn"))
    third = routine.add_step(engine, workspace.id, _step(social.id, "Uppföljning & utvärdering", priority="planerat"))
    assert [s.number for s in routine.get_routine(engine, workspace.id).steps] == [1, 2, 3]
    assert routine.move_step(engine, workspace.id, third.id, "up") == [first.id, third.id, second.id]
    assert routine.move_step(engine, workspace.id, first.id, "up") == [first.id, third.id, second.id]  # already first: unchanged
    assert routine.move_step(engine, workspace.id, first.id, "down") == [third.id, first.id, second.id]
    routine.remove_step(engine, workspace.id, first.id)
    info = routine.get_routine(engine, workspace.id)
    assert [(s.number, s.title) for s in info.steps] == [(1, "Uppföljning & utvärdering"), (2, "Dokumentera incidenten")]
    assert info.steps[1].documents and info.steps[1].actor == "Frälsningsarmén Ystad"
    with pytest.raises(InputError, match="tagit bort"):
        routine.remove_step(engine, workspace.id, first.id)
    with pytest.raises(InputError, match="tagit bort"):
        routine.move_step(engine, workspace.id, first.id, "down")
    with pytest.raises(InputError):
        routine.move_step(engine, workspace.id, second.id, "sideways")


def test_versions_agreed_date_and_what_changed_since(engine, workspace, actors):
    police, social, _ = actors
    routine.save_texts(engine, workspace.id, {"title": "Ystads rutin", "mal": "Brottsoffer får sina rättigheter."})
    step = routine.add_step(engine, workspace.id, _step(police.id))
    with pytest.raises(InputError, match="datumet"):
        routine.set_status(engine, workspace.id, "agreed")
    with pytest.raises(InputError):
        routine.set_status(engine, workspace.id, "agreed", date(1999, 1, 1))  # outside the process
    agreed = routine.set_status(engine, workspace.id, "agreed", date(2026, 11, 20))
    assert (agreed.status, agreed.agreed_on, agreed.version) == ("agreed", date(2026, 11, 20), 3)
    assert routine.changed_since_agreed(engine, workspace.id)[1] == []
    routine.update_step(engine, workspace.id, step.id, {"contact": "Polisens växel 114 14"}, loaded=step.fields())
    added = routine.add_step(engine, workspace.id, _step(social.id, "Kontakta socialjouren", priority="inom_dygn"))
    routine.move_step(engine, workspace.id, added.id, "up")
    routine.save_texts(engine, workspace.id, {"mal": "Brottsoffer får sina rättigheter och förövare lagförs."})
    info = routine.get_routine(engine, workspace.id)
    assert info.status == "draft" and info.agreed_on == date(2026, 11, 20)  # a change makes it a draft; the date stays
    version, changed = routine.changed_since_agreed(engine, workspace.id)
    assert version is not None and version.number == 3 and version.agreed_on == date(2026, 11, 20)
    kinds = {(c.kind, c.label, c.field) for c in changed}
    assert ("text", "mal", "mal") in kinds
    assert ("added", "Kontakta socialjouren", None) in kinds
    assert ("moved", "Ring polisen vid misstanke", None) in kinds
    assert ("changed", "Ring polisen vid misstanke", "contact") in kinds
    assert [v.number for v in routine.versions(engine, workspace.id)] == list(range(1, info.version + 1))
    unchanged = routine.update_step(engine, workspace.id, step.id, {"contact": "Polisens växel 114 14"})
    assert routine.get_routine(engine, workspace.id).version == info.version and unchanged.contact == "Polisens växel 114 14"


def test_pure_changes_between_snapshots():
    before = {"texts": {"title": "A"}, "steps": [{"id": 1, "title": "Ring"}, {"id": 2, "title": "Dokumentera"}]}
    after = {"texts": {"title": "A"}, "steps": [{"id": 2, "title": "Dokumentera"}]}
    assert routine.changes(before, after) == [
        routine.Change("moved", "Dokumentera", None, 2, 1),
        routine.Change("removed", "Ring", None, 1, None),
    ]
    assert routine.last_agreed([]) is None


def test_two_browsers_editing_one_step(engine, workspace, actors):
    police, social, _ = actors
    step = routine.add_step(engine, workspace.id, _step(police.id))
    loaded = step.fields()
    routine.update_step(engine, workspace.id, step.id, {**loaded, "contact": "Polisen 114 14"}, loaded=loaded)
    with pytest.raises(EditConflict) as raised:
        routine.update_step(engine, workspace.id, step.id, {**loaded, "contact": "Polisens fokusgrupp"}, loaded=loaded)
    assert raised.value.conflicts[0].theirs == "Polisen 114 14" and "Inget sparades" in str(raised.value)
    # another field from the same stale form is merged, not refused; nothing is lost
    saved = routine.update_step(engine, workspace.id, step.id, {**loaded, "actor_id": social.id}, loaded=loaded)
    assert (saved.contact, saved.actor_id) == ("Polisen 114 14", social.id)
    # the texts: per field too
    texts = dict(routine.get_routine(engine, workspace.id).texts)
    routine.save_texts(engine, workspace.id, {**texts, "mal": "Mål A"}, loaded=texts)
    with pytest.raises(EditConflict):
        routine.save_texts(engine, workspace.id, {**texts, "mal": "Mål B"}, loaded=texts)
    assert routine.get_routine(engine, workspace.id).texts["mal"] == "Mål A"
    # a step removed meanwhile: said so, nothing written
    routine.remove_step(engine, workspace.id, step.id)
    with pytest.raises(InputError, match="tagit bort"):
        routine.update_step(engine, workspace.id, step.id, {"title": "Ny rubrik"}, loaded=loaded)
    status = routine.get_routine(engine, workspace.id).status
    routine.add_step(engine, workspace.id, _step(police.id))
    routine.set_status(engine, workspace.id, "agreed", date(2026, 11, 1), loaded_status=status)
    with pytest.raises(EditConflict):
        routine.set_status(engine, workspace.id, "draft", loaded_status="agreed_elsewhere")


def test_bad_input_is_refused_in_swedish(engine, workspace, actors):
    police, _, _ = actors
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "annan fras")
    foreign = add_actor(engine, other.id, "Polisen Lund", "polis")
    with pytest.raises(InputError, match="ansvarig aktör") as raised:
        routine.add_step(engine, workspace.id, {"title": "Ring polisen", "actor_id": None})
    assert raised.value.field == "routine_actor"
    with pytest.raises(InputError, match="tomt"):
        routine.add_step(engine, workspace.id, _step(police.id, "   "))
    with pytest.raises(InputError, match="finns inte i den här arbetsytan"):
        routine.add_step(engine, workspace.id, _step(foreign.id))
    removed = add_actor(engine, workspace.id, "Nedlagd förening", "ideburen")
    remove_actor(engine, workspace.id, removed.id)
    with pytest.raises(InputError, match="finns inte"):
        routine.add_step(engine, workspace.id, _step(removed.id))
    with pytest.raises(InputError, match="för långt"):
        routine.add_step(engine, workspace.id, _step(police.id, "x" * 10_000))
    with pytest.raises(InputError, match="för långt"):
        routine.add_step(engine, workspace.id, _step(police.id, action="x" * 10_000))
    with pytest.raises(InputError, match="för långt"):
        routine.save_texts(engine, workspace.id, {"mal": "x" * 10_000})
    with pytest.raises(InputError, match="inte tillåtet"):
        routine.add_step(engine, workspace.id, _step(police.id, priority="någon gång"))
    with pytest.raises(InputError, match="privatperson"):
        routine.add_step(engine, workspace.id, _step(police.id, contact="Anna Berg 070-123 45 67"))
    with pytest.raises(InputError, match="personnummer"):
        routine.add_step(engine, workspace.id, _step(police.id, contact="Polisen 850101-1236"))
    with pytest.raises(InputError, match="telefonnummer"):  # free text other than the contact route: no phone numbers at all
        routine.add_step(engine, workspace.id, _step(police.id, child_note="Ring 070-123 45 67"))
    assert routine.get_routine(engine, workspace.id).steps == ()  # nothing was stored
    # a function's numbers are the point of the contact route, the focus group's on-call mobile included
    ok = routine.add_step(engine, workspace.id, _step(police.id, contact="Polisens fokusgrupp 073-123 45 67 · 114 14 · 112"))
    assert ok.contact.startswith("Polisens fokusgrupp")
    with pytest.raises(InputError, match="privatperson"):
        routine.update_step(engine, workspace.id, ok.id, {"contact": "Karin Holm, 0701234567"}, loaded=ok.fields())
    with pytest.raises(InputError, match="överenskommelse"):
        routine.set_status(engine, other.id, "agreed", date(2026, 11, 1))


def test_private_contact_detector():
    assert routine.looks_like_private_contact("Anna Berg 070-123 45 67")
    assert routine.looks_like_private_contact("Per-Erik Ström +46 70 123 45 67")
    assert not routine.looks_like_private_contact("Polisens fokusgrupp 073-123 45 67")
    assert not routine.looks_like_private_contact("Socialjouren 040-34 00 00")
    assert not routine.looks_like_private_contact("Anna Berg")  # no route at all: nothing to refuse here
    assert routine.names_a_function("Kvinnofridslinjen") and not routine.names_a_function("Anna Berg")


def test_helsingborg_example_loads_as_a_draft(engine, workspace, actors):
    police, social, ngo = actors
    example = routine.routine_content().example
    assert [s.priority for s in example.steps] == ["akut", "inom_dygn", "planerat"] and example.steps[1].documents
    suggested = routine.suggested_actors(engine, workspace.id)
    assert suggested == [police.id, ngo.id, ngo.id]
    with pytest.raises(InputError, match="ansvarig aktör"):
        routine.load_example(engine, workspace.id, [police.id, None, ngo.id])
    routine.save_texts(engine, workspace.id, {"title": "Ystads egen rubrik"})
    info = routine.load_example(engine, workspace.id, suggested)
    assert [s.title for s in info.steps] == ["Ring polisen vid misstanke", "Dokumentera incidenten", "Uppföljning & utvärdering"]
    assert "114 14" in info.steps[0].action and "112" in info.steps[0].contact
    assert info.texts["title"] == "Ystads egen rubrik" and "förutsättningslöst" in info.texts["mal"]  # the group's own title stays
    assert info.texts["contact"] == "helsingborg@fralsningsarmen.se" and info.status == "draft"
    with pytest.raises(InputError, match="redan steg"):
        routine.load_example(engine, workspace.id, suggested)
    assert len(routine.load_example.__doc__ or "") > 0


def _levels(lang="sv"):
    section = get_content().require_section("step7", "utvecklingsnivaer")
    return {level.value: level.label[lang] for level in section.levels}


def test_ambition_distributions_and_gap_pure():
    frame = pd.DataFrame(
        {
            "value_int": [1, 2, 2, 2, 3, None],
            "value_int2": [3, 4, 4, 5, 4, 4],
            "text": ["Polisen", "Polisen", "Polisen", "Socialtjänsten", None, "Okänd förening"],
        }
    )
    summary = routine.ambition_summary(frame, _levels(), ["Polisen", "Socialtjänsten"], threshold=3)
    assert list(summary.counts["now"]) == [1, 3, 1, 0, 0] and list(summary.counts["wanted"]) == [0, 0, 1, 4, 1]
    assert (summary.n, summary.n_now, summary.n_wanted) == (6, 5, 6)
    assert summary.median_now == 2 and summary.median_wanted == 4
    assert summary.mean_now == pytest.approx(2.0) and summary.gap == pytest.approx(4.0 - 2.0)
    assert list(summary.by_organisation["organisation"]) == ["Polisen"]  # Socialtjänsten (1 answer) is never shown alone
    assert summary.pooled == 3
    line = routine.gap_line(summary, _levels(), "sv")
    assert "Den förberedda krishanteraren" in line and "Processägaren" in line and "n = 6" in line
    few = routine.ambition_summary(frame.head(2), _levels(), ["Polisen"], threshold=3)
    assert few.by_organisation.empty and few.pooled == 0
    empty = routine.ambition_summary(pd.DataFrame(), _levels())
    assert empty.n == 0 and empty.median_now is None and empty.gap is None
    assert routine.level_name(2.5, _levels()) == "2,5"


def test_ambition_live_from_phones_with_organisation(engine, workspace, actors):
    police, social, _ = actors
    events.add_participant(engine, workspace.id, social.id, date(2026, 10, 1))
    assert routine.organisation_options(engine, workspace.id)[0] == "Socialtjänsten Ystad"  # the network first
    activity = open_activity(engine, workspace.id, "step7", "utvecklingsnivaer", date(2026, 11, 20), identity_mode="anonymous")
    for now, wanted, organisation in [
        (1, 3, "Socialtjänsten Ystad"),
        (2, 4, "Socialtjänsten Ystad"),
        (2, 4, "Socialtjänsten Ystad"),
        (3, 5, None),
    ]:
        phone = join(engine, activity.code)
        submit(engine, activity.code, phone.token, {"hantering": Answer(value_int=now, value_int2=wanted, text=organisation)})
    phone = join(engine, activity.code)
    with pytest.raises(InputError, match="mellan 1 och 5"):
        submit(engine, activity.code, phone.token, {"hantering": Answer(value_int=6, value_int2=4)})
    with pytest.raises(InputError):
        save_answers(engine, workspace.id, "step7", "utvecklingsnivaer", "group", date(2026, 11, 20), {"hantering": Answer(value_int=0)})
    content = get_content()
    step, section = content.step(7), content.require_section("step7", "utvecklingsnivaer")
    for projector in (False, True):
        results = build_results(ResultsQuery(engine, workspace.id, step, section, date(2026, 11, 20), "sv", projector, "Ystad", False))
        figure = results.blocks[0]
        assert figure.builder == "ambition_distribution"
        assert list(figure.args[0]["now"]) == [1, 2, 1, 0, 0] and "n = 4" in figure.args[1]
        tables = [b for b in results.blocks if getattr(b, "key", "") == "ambition-orgs"]
        assert len(tables) == 1 and list(tables[0].table.iloc[:, 0]) == ["Socialtjänsten Ystad"]
        assert not any("Person" in str(getattr(b, "table", "")) for b in results.blocks)  # no one's own answer


def test_routine_results_card_and_internal_flowchart(engine, workspace, actors):
    police, social, ngo = actors
    content = get_content()
    step, section = content.step(7), content.require_section("step7", "rutin")
    query = ResultsQuery(engine, workspace.id, step, section, None, "sv", True, "Ystad")
    assert build_results(query).empty
    routine.save_texts(engine, workspace.id, {"title": "Ystads lokala rutin", "contact": "natverket@ystad.se", "mal": "Skydd och stöd."})
    routine.load_example(engine, workspace.id, [police.id, ngo.id, social.id])
    routine.add_step(
        engine,
        workspace.id,
        _step(social.id, "Kontakta socialjouren", contact="Socialjouren, 040-34 00 00", child_note="Orosanmälan om barn."),
    )
    wall = build_results(query)
    assert [type(b).__name__ for b in wall.blocks] == ["FigureBlock", "NoteBlock"]  # the wall: the flowchart and the status
    screen = build_results(ResultsQuery(engine, workspace.id, step, section, None, "sv", False, "Ystad"))
    assert "Skydd och stöd." in [getattr(b, "text", None) for b in screen.blocks]
    info = routine.get_routine(engine, workspace.id)
    card = build_card(engine, workspace.id)
    lines = "\n".join(card.lines())
    for item in info.steps:
        assert item.title in lines and item.actor in lines and item.contact in lines
    for output_size in ("A4", "A3"):
        pdf = render_card(card, "pdf", output_size)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        width = float(reader.pages[0].mediabox.width)
        assert width == pytest.approx(595.3, abs=1) if output_size == "A4" else width == pytest.approx(841.9, abs=1)
        pdf_text = " ".join(reader.pages[0].extract_text().split())
        for item in info.steps:
            assert item.title in pdf_text and item.actor in pdf_text
        for needle in ("114 14", "112", "Socialjouren, 040-34 00 00", "natverket@ystad.se", "incidentmall"):
            assert needle in pdf_text
        document = Document(io.BytesIO(render_card(card, "docx", output_size)))
        words = "\n".join(p.text for p in document.paragraphs)
        for item in info.steps:
            assert item.title in words and item.contact in words and item.actor in words
        assert "112" in words and "natverket@ystad.se" in words
    # the internal flowchart of the social services: only its steps, numbered as in the routine, one page
    internal = build_card(engine, workspace.id, actor_id=social.id)
    assert [s.number for s in internal.steps] == [3, 4] and "Socialtjänsten Ystad" in internal.title
    reader = PdfReader(io.BytesIO(render_card(internal, "pdf")))
    assert len(reader.pages) == 1 and "Ring polisen" not in reader.pages[0].extract_text()
    assert Document(io.BytesIO(render_card(internal, "docx"))).paragraphs[0].text == internal.title


def test_a_long_routine_still_fits_one_page(engine, workspace, actors):
    police, _, _ = actors
    for number in range(routine.MAX_STEPS):
        routine.add_step(
            engine, workspace.id, _step(police.id, f"Steg nummer {number}", action="Gör så här. " * 30, child_note="Barn: " * 20)
        )
    with pytest.raises(InputError, match="20 steg"):
        routine.add_step(engine, workspace.id, _step(police.id))
    card = build_card(engine, workspace.id)
    assert card_body_size(card) < card_body_size(card, "A3")
    assert len(PdfReader(io.BytesIO(render_card(card, "pdf"))).pages) == 1


def test_chart_builders_fit_the_wall():
    counts = pd.DataFrame({"level": [1, 2, 3, 4, 5], "label": list(_levels().values()), "now": [2, 5, 1, 0, 0], "wanted": [0, 0, 2, 5, 1]})
    fig = charts.ambition_distribution(counts, "Median nu: 2 → önskat: 4 · n = 8", "sv", True)
    assert fig.layout.height <= charts.WALL_MAX_HEIGHT and fig.layout.font.size >= charts.WALL_MIN_FONT
    assert [list(trace.y) for trace in fig.data] == [[2, 5, 1, 0, 0], [0, 0, 2, 5, 1]]
    assert "n = 8" in fig.layout.title.subtitle.text
    steps = pd.DataFrame(
        {
            "number": [1, 2, 3, 4],
            "title": ["Ring polisen vid misstanke", "Dokumentera incidenten", "Uppföljning & utvärdering", "<b>Kontakta</b> socialjouren"],
            "actor": ["Polisen", "Frälsningsarmén", "Nätverket", "Socialtjänsten"],
            "contact": [
                "Polisens fokusgrupp, 114 14, akut 112",
                "Nätverkets incidentmall",
                "natverket@exempel.se",
                "Socialjouren 040-34 00 00",
            ],
            "priority": ["akut", "inom_dygn", "planerat", "akut"],
            "priority_label": ["Akut", "Inom ett dygn", "Planerat", "Akut"],
        }
    )
    flow = charts.routine_flowchart(steps, "Exempelstads rutin", "sv", True)
    labels = [a.text for a in flow.layout.annotations if a.text]
    assert (
        len(labels) == 4 and "fokusgrupp" in labels[0] and "Ansvarig: Polisen" in labels[0] and "&lt;b&gt;Kontakta" in labels[3]
    )  # user text escaped
    assert len([a for a in flow.layout.annotations if a.showarrow]) == 3  # arrows between the boxes
    assert all(a.font.size >= charts.WALL_MIN_FONT for a in flow.layout.annotations if a.text)
    assert flow.layout.height <= charts.WALL_MAX_HEIGHT
    many = pd.concat([steps, steps.assign(number=[5, 6, 7, 8])], ignore_index=True)
    assert len(charts.routine_flowchart(many, "", "sv", False).layout.shapes) == 8


def test_the_routine_goes_with_a_backup_and_names_the_copys_actors(engine, workspace, actors):
    from sff_core.backup import export_workspace, read_backup, restore

    police, _, ngo = actors
    routine.load_example(engine, workspace.id, [police.id, ngo.id, ngo.id])
    routine.set_status(engine, workspace.id, "agreed", date(2026, 11, 20))
    copy = restore(engine, read_backup(export_workspace(engine, workspace.slug).data)).workspace
    original, copied = routine.get_routine(engine, workspace.id), routine.get_routine(engine, copy.id)
    assert [(s.title, s.actor) for s in copied.steps] == [(s.title, s.actor) for s in original.steps]
    assert {s.actor_id for s in copied.steps}.isdisjoint({s.actor_id for s in original.steps})  # the copy's own actors
    assert (copied.status, copied.agreed_on) == ("agreed", date(2026, 11, 20))
    assert len(routine.versions(engine, copy.id)) == len(routine.versions(engine, workspace.id))


# --- the contact route's table (issue 20, Low 11) ---------------------------------------------
# A contact route names an organisation or a function; a number or mailbox that names neither,
# or that says it is private, is a private person's. All numbers and addresses are made up.

PRIVATE_CONTACTS = [
    "Anna Berg 070-123 45 67",
    "anna berg 070-123 45 67",  # lower case
    "ANNA BERG 070-123 45 67",
    "Anna Berg 070–123 45 67",  # en dash
    "Anna Berg ０７０－１２３ ４５ ６７",  # full-width digits
    "Anna Berg privat 070-123 45 67",
    "Privat: 070-123 45 67",
    "privatmobil 070 123 45 67",
    "Anna 070-123 45 67",  # first name only
    "Ring Anna på 070-123 45 67",
    "anna.berg@gmail.com",  # a Gmail address
    "Anna Berg, anna_berg@hotmail.com",
    "kalle.svensson@outlook.com",
    "Anna Berg +46 70 123 45 67",
    "Anna Berg 0701234567",
    "Anna Berg, mobil 070 123 45 67",
    "Anna Berg 08-123 45 67",  # a landline names no function either
    "Per-Erik Ström 070.123.45.67",
    "070-123 45 67",  # a bare number names nothing
    "Hemnummer 08-123 45 67",
    "Anna Berg\u00a0070\u00a0123\u00a045\u00a067",
    "Anna Berg 070\u200b-123 45 67",
    "anna.berg@polisen.se",  # a person's own mailbox, not a function's
    "Anna Bergs mobil 070-123 45 67",
    "Kalle 073 765 43 21 eller Anna 070 123 45 67",
]

FUNCTION_CONTACTS = [
    "Polisens fokusgrupp: fokusgruppen.lpo-helsingborg@polisen.se · 114 14 · akut 112",  # Helsingborg's example
    "Fokusgruppen Helsingborg 0738216384",  # the handbook's first-hand contact
    "1:a hand Fokusgruppen: 0738216384",
    "Polisen 114 14",
    "114 14",
    "112",
    "Polisens fokusgrupp, 114 14, akut 112",
    "Socialjouren 042-10 50 00",
    "Socialjouren 040-34 00 00",
    "Polisens fokusgrupp 073-123 45 67",
    "helsingborg@fralsningsarmen.se",
    "fokusgruppen.lpo-helsingborg@polisen.se",
    "natverket@ystad.se",
    "socialjouren@helsingborg.se",
    "Nätverkets incidentmall",
    "Kvinnojouren Ystad 0411-123 45",
    "Frälsningsarmén 08-562 282 00",
    "Malmö stad, växel 040-34 10 00",
    "Länsstyrelsen Skåne 010-224 10 00",
    "Migrationsverket 0771-235 235",
    "Kvinnofridslinjen 020-50 50 50",
    "Socialtjänstens mottagning, 042-10 50 00 (vardagar 08.00–16.00)",
    "Jourhavande socialsekreterare 042-10 00 00",
    "Region Skåne, växel 044-309 30 00",
    "Barnahus Helsingborg 042-10 00 00",
    "Samordnaren mot människohandel, 042-10 00 00",
    "Ring 112 vid akut fara",
    "Gränspolisen 114 14",
    "Stadsmissionen 08-684 230 00",
    "Ystads kommun 0411-57 70 00",
    "Socialjouren ０４２－１０ ５０ ００",
]


@pytest.mark.parametrize("contact", PRIVATE_CONTACTS)
def test_a_private_persons_contact_is_refused(contact):
    with pytest.raises(InputError, match="privatperson"):
        routine.check_contact(contact)


@pytest.mark.parametrize("contact", FUNCTION_CONTACTS)
def test_a_functions_contact_is_accepted(contact):
    assert routine.check_contact(contact) == contact.strip()


def test_the_handbooks_and_the_demos_contacts_are_accepted():
    from sff_core.demo import DEMO_ROUTINE_STEPS

    example = routine.routine_content().example
    contacts = [example.contact, *(s.contact for s in example.steps), *(step[3] for step in DEMO_ROUTINE_STEPS)]
    assert [c for c in contacts if c and routine.check_contact(c) != c.strip()] == []
