"""The demo workspace "Exempelstad": plausible, clearly labelled example data.

Every person here is invented (all are called "Exempel"). The data tells a small story:
a first readiness assessment below the handbook's threshold, work on the weak dimensions,
and a second assessment with a recorded consensus above it – and then the rest of the process,
one step after the other, all of it in the past (up to `DEMO_TODAY`):

- step 0: the two readiness sessions, September and October 2025;
- steps 1–3: autumn 2025 (the mapping, the surveys, the actors' assessments);
- step 4: the knowledge bank, November 2025 – January 2026;
- step 5: motivation in January, the start-up event in February and the network's start in March 2026;
- step 6: the workshops in April 2026, the collaboration plan agreed after them in May (plan years 2026–2028);
- step 7: its meetings in May and June, the development levels in September and the routine agreed
  at the end of September 2026.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from sff_core.candidates import save_candidate
from sff_core.members import MemberInfo, add_member
from sff_core.progress import set_step_status
from sff_core.readiness import set_agreed_session
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.store import audit
from sff_core.workspaces import WorkspaceInfo, create_workspace, delete_workspace, find_by_slug

DEMO_CITY = "Exempelstad"
DEMO_PASSPHRASE = "exempelstad"
DEMO_PERIOD = (date(2025, 9, 1), date(2026, 12, 31))  # the workspace's period: the process, 16 months
FIRST_SESSION, SECOND_SESSION = date(2025, 9, 2), date(2025, 10, 7)  # work sessions are on Tuesdays (step 1: every other)

MEMBERS = [
    ("Anna Exempel", "Socialtjänsten Exempelstad", "socialtjanst", "Enhetschef, vuxenenheten", "strategisk", "strategen", False),
    ("Bilal Exempel", "Lokalpolisområde Exempelstad", "polis", "Kommunpolis", "operativ", "saljaren", False),
    ("Cecilia Exempel", "Socialtjänsten Exempelstad", "socialtjanst", "Socialsekreterare, mottagningen", "operativ", "vardaren", False),
    ("David Exempel", "Idéburen förening Exempelstad", "ideburen", "Samordnare", "bada", "visionaren", False),
    ("Eva Exempel", "Elevhälsan Exempelstad", "skola", "Skolkurator", "operativ", "lararen", True),
    ("Farid Exempel", "Bostadsbolaget Exempelhem", "bostadsbolag", "Säkerhetsansvarig", "strategisk", "administratoren", False),
]

# Readiness scores per member, in content order: behov, politisk_vilja, organisatorisk_vilja,
# deltagarnas_vilja, perioden, resurser, hallbarhet.
FIRST_SCORES = [
    [3, 2, 3, 4, 3, 2, 2],
    [3, 1, 3, 4, 2, 2, 3],
    [4, 2, 2, 5, 3, 2, 2],
    [3, 2, 3, 4, 3, 1, 2],
    [2, 2, 3, 4, 3, 2, 3],
    [3, 3, 3, 4, 2, 2, 2],
]
SECOND_SCORES = [
    [4, 3, 4, 5, 4, 3, 3],
    [4, 2, 4, 4, 3, 3, 3],
    [4, 3, 3, 5, 4, 3, 3],
    [4, 3, 4, 5, 4, 2, 3],
    [3, 3, 4, 4, 4, 3, 4],
    [4, 3, 4, 5, 3, 3, 3],
]
CONSENSUS = [4, 3, 4, 5, 4, 3, 3]
DIMENSIONS = ["behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser", "hallbarhet"]
COMMENTS = {
    "politisk_vilja": "(Exempel) Frågan finns inte i nämndens mål än. Vi bjuder in ordföranden till ett möte.",
    "resurser": "(Exempel) Mandat finns men tiden är inte avsatt. Chefer behöver fördela om uppgifter.",
    "hallbarhet": "(Exempel) Brottsförebyggande rådet kan vara en hemvist efter projektet.",
}
ENGAGEMENT_NO = {("Bilal Exempel", "s04"), ("Farid Exempel", "s06"), ("Eva Exempel", "s02")}
DIRECTION = {
    "g01": "(Exempel) Grundutbildning för kärngruppen och för nyckelaktörer inom hotell och bostad.",
    "g02": "(Exempel) Vi vet lite om läget i staden; kartläggningen i steg 2 ska ge oss en bild.",
    "g03": "(Exempel) Ett nätverk med socialtjänst, polis, idéburna och näringsliv som träffas regelbundet.",
    "g04": "(Exempel) En plan som antas av kommunen och polisen.",
    "g05": "(Exempel) En gemensam rutin: vem ringer vem när någon misstänker människohandel.",
}
CITY = {
    "mojligheter": "(Exempel) Korta avstånd mellan förvaltningarna och en aktiv idéburen sektor.",
    "unika_mojligheter": "(Exempel) Använda det brottsförebyggande rådet som plattform.",
    "utmaningar": "(Exempel) Hög personalomsättning i socialtjänsten; hamnen och genomfartstrafiken.",
}
CANDIDATES = [
    ("Gustav Exempel", "Hotell Exempel", "naringsliv", "saljaren", ["b01", "d01", "d03"], "contacted"),
    ("Hanna Exempel", "Regionens ungdomsmottagning", "region_halsa", "vardaren", ["b01", "b02", "b03", "d01", "d02"], "yes"),
    ("Ivan Exempel", "Kommunens säkerhetsenhet", "ovrig_kommun", "administratoren", ["b02", "d02"], "idea"),
]


# Where Exempelstad stands on DEMO_TODAY: the plan (step 6) and the routine (step 7) are agreed, the
# network follows them up and the closing reflection is still to come – so steps 0–6 are done and step 7
# under way, and step 6's prerequisites are met by the data as well as by the statuses.
DONE_STEPS = ("step0", "step1", "step2", "step3", "step4", "step5", "step6")
CURRENT_STEP = "step7"


def seed_demo(engine: Engine) -> WorkspaceInfo | None:
    """Create Exempelstad with its example data; None if it exists already (idempotent).

    All or nothing: the example data is written through the ordinary services (each validates its
    own input), and if any of them fails the half-made workspace is deleted again – rows of a
    workspace cascade with it – so a failed seed never leaves a partial demo behind.
    """
    if find_by_slug(engine, "exempelstad") is not None:
        return None
    with audit.acting_as("demo"):
        workspace = create_workspace(engine, DEMO_CITY, "Exempelstads kommun", *DEMO_PERIOD, DEMO_PASSPHRASE, is_demo=True)
        try:
            _seed_everything(engine, workspace)
        except BaseException:
            delete_workspace(engine, workspace.id)
            raise
    return workspace


def _seed_everything(engine: Engine, workspace: WorkspaceInfo) -> None:
    members = [add_member(engine, workspace.id, *row[:6], child_youth_perspective=row[6]) for row in MEMBERS]
    _seed_step0(engine, workspace.id, members)
    for name, organisation, sector, ptype, checks, status in CANDIDATES:
        save_candidate(engine, workspace.id, name, organisation, sector, ptype, checks, status, note="(Exempel) Kandidat till kärngruppen.")
    seed_utforska(engine, workspace.id, members)
    seed_statistics(engine, workspace.id)
    seed_step4(engine, workspace.id, members)
    seed_step5(engine, workspace.id, members)
    seed_step6_live(engine, workspace.id, members)
    seed_step6_plan(engine, workspace.id)  # after the SWOT demo (if any), so it can link a marked SWOT item
    seed_step7(engine, workspace.id)
    set_agreed_session(engine, workspace.id, SECOND_SESSION)  # the consensus session is the group's agreed result
    for step_key in DONE_STEPS:
        set_step_status(engine, workspace.id, step_key, "done")
    set_step_status(engine, workspace.id, CURRENT_STEP, "in_progress")


def _seed_step0(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    for member in members:
        answers = {f"s0{i}": Answer(value_bool=(member.name, f"s0{i}") not in ENGAGEMENT_NO) for i in range(1, 8)}
        save_answers(engine, workspace_id, "step0", "engagemang", member.respondent, FIRST_SESSION, answers)
    save_answers(
        engine,
        workspace_id,
        "step0",
        "riktning",
        GROUP,
        FIRST_SESSION,
        {key: Answer(value_bool=True, text=value) for key, value in DIRECTION.items()},
    )
    save_answers(engine, workspace_id, "step0", "staden", GROUP, FIRST_SESSION, {key: Answer(text=value) for key, value in CITY.items()})
    for session, table in ((FIRST_SESSION, FIRST_SCORES), (SECOND_SESSION, SECOND_SCORES)):
        for member, scores in zip(members, table, strict=True):
            answers = {
                key: Answer(value_int=score, text=COMMENTS.get(key) if member is members[0] else None)
                for key, score in zip(DIMENSIONS, scores, strict=True)
            }
            save_answers(engine, workspace_id, "step0", "redo", member.respondent, session, answers)
    save_answers(
        engine,
        workspace_id,
        "step0",
        "redo",
        GROUP,
        SECOND_SESSION,
        {key: Answer(value_int=score) for key, score in zip(DIMENSIONS, CONSENSUS, strict=True)},
    )
    save_answers(
        engine,
        workspace_id,
        "step0",
        "infor_steg1",
        GROUP,
        SECOND_SESSION,
        {"grundkunskap": Answer(value_bool=True), "utbildning_planerad": Answer(value_bool=True)},
    )


# --- Steps 1–3 (Utforska) -------------------------------------------------------------------------
DEMO_TODAY = date(2026, 11, 28)  # the example data is dated up to here; validation uses the later of this and today
DEMO_STEP1_DAY = date(2025, 10, 21)  # step 1's work session
DEMO_INTELLIGENCE_DAY = date(2025, 11, 4)  # step 2: the police's shareable picture
DEMO_SURVEYS_FROM = date(2025, 11, 1)  # step 2: one survey a day from here
DEMO_ASSESSMENT_DAYS = (date(2025, 9, 16), date(2025, 11, 11))  # step 3: the actors assessed twice
SURVEYS: list[tuple[str, str, str, list[int | None]]] = [  # organisation, sector, method, answers in content order (None = vet ej)
    ("Hotell Exempel (exempel)", "naringsliv", "traff", [3, 2, 3, 3, None, None, 2, 1, 1, 1, 1, None]),
    ("Hotell Stationen (exempel)", "naringsliv", "telefon", [2, 2, 4, 3, 1, 1, 2, 2, 1, None, 1, 1]),
    ("Taxi Exempel (exempel)", "naringsliv", "digitalt_formular", [2, 3, 3, 4, None, None, 2, 2, 2, 1, None, None]),
    ("Bostadsbolaget Exempelhem (exempel)", "bostadsbolag", "traff", [3, 3, 2, 2, 1, 1, 3, 3, 2, 2, 2, 1]),
    ("Fastighetsvärd Söder (exempel)", "bostadsbolag", "digitalt_formular", [2, 2, 2, 1, 1, None, 3, 2, 1, 1, 1, 1]),
    ("Ungdomsmottagningen (exempel)", "region_halsa", "traff", [3, 4, 3, 2, 1, 1, 1, 1, 3, 3, 1, 1]),
    ("Akutmottagningen (exempel)", "region_halsa", "telefon", [2, 3, 2, None, 1, 1, 2, 1, 2, 2, None, 1]),
    ("Kvinnojouren Exempelstad (exempel)", "ideburen", "traff", [4, 4, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2]),
    ("Elevhälsan Exempelstad (exempel)", "skola", "digitalt_formular", [2, 3, 2, 1, 1, 1, 1, 1, 3, 2, 1, 1]),
]
OFFENCES = {  # year: människohandel, människoexploatering, koppleri, köp av sexuell tjänst, köp av sexuell handling av barn
    2019: [0, 0, 1, 3, 0],
    2020: [0, 1, 1, 2, 1],
    2021: [1, 0, 2, 5, 0],
    2022: [0, 1, 2, 7, 1],
    2023: [1, 1, 3, 6, 1],
    2024: [1, 2, 2, 9, 2],
    2025: [2, 1, 4, 11, 1],
}
ACTORS = [  # name, sector, current level, wanted level, assessments (date, influence, support)
    ("Socialtjänsten (exempel)", "socialtjanst", 2, 4, [(DEMO_ASSESSMENT_DAYS[0], 5, 3), (DEMO_ASSESSMENT_DAYS[1], 5, 4)]),
    ("Lokalpolisområdet (exempel)", "polis", 2, 4, [(DEMO_ASSESSMENT_DAYS[0], 5, 4), (DEMO_ASSESSMENT_DAYS[1], 5, 5)]),
    ("Hotell Exempel (exempel)", "naringsliv", 1, 2, [(DEMO_ASSESSMENT_DAYS[0], 3, 2), (DEMO_ASSESSMENT_DAYS[1], 3, 4)]),
    ("Bostadsbolaget Exempelhem (exempel)", "bostadsbolag", 1, 3, [(DEMO_ASSESSMENT_DAYS[0], 4, 2), (DEMO_ASSESSMENT_DAYS[1], 4, 3)]),
    ("Ungdomsmottagningen (exempel)", "region_halsa", 2, 3, [(DEMO_ASSESSMENT_DAYS[1], 2, 4)]),
    ("Kvinnojouren Exempelstad (exempel)", "ideburen", 3, 4, [(DEMO_ASSESSMENT_DAYS[0], 2, 5)]),
]
DEMO_TASKS = [  # step 2's tasks: the mapping is long finished, so every task is done
    ("(Exempel) Skicka enkätlänken till hotell och taxi", "Farid Exempel", date(2025, 10, 27), "branscher_kontaktyta", "done"),
    ("(Exempel) Ta fram anmälningsstatistik från Brå", "Anna Exempel", date(2025, 11, 10), "offentligt_material", "done"),
    ("(Exempel) Sammanfatta polisens lägesbild", "Bilal Exempel", date(2025, 11, 17), "underrattelse", "done"),
]
ADS = [  # month observed (on the 12th), site, ads, origins, flags, advertiser reference: September 2025 – February 2026
    ((2025, 9), "Sajt A (exempel)", 14, (3, 6, 4, 1), (True, False, False, True), "annonsör-1"),
    ((2025, 10), "Sajt A (exempel)", 17, (2, 8, 5, 2), (True, True, False, True), "annonsör-1"),
    ((2025, 11), "Sajt A (exempel)", 12, (2, 5, 4, 1), (False, True, False, False), None),
    ((2025, 12), "Sajt A (exempel)", 19, (3, 9, 6, 1), (True, True, False, True), "annonsör-2"),
    ((2026, 1), "Sajt A (exempel)", 22, (4, 9, 7, 2), (True, True, True, True), "annonsör-2"),
    ((2026, 2), "Sajt A (exempel)", 18, (3, 8, 6, 1), (True, False, False, True), "annonsör-2"),
    ((2025, 12), "Sajt B (exempel)", 6, (1, 3, 2, 0), (False, False, False, False), None),
    ((2026, 1), "Sajt B (exempel)", 9, (2, 4, 2, 1), (False, True, False, False), None),
    ((2026, 2), "Sajt B (exempel)", 11, (2, 5, 3, 1), (True, True, False, False), "annonsör-3"),
]
ADS_DAY = 12  # the day of the month the group searches


def _demo_today() -> date:
    return max(date.today(), DEMO_TODAY)


def seed_utforska(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    """Example data for steps 1–3, all invented and marked '(exempel)'."""
    _seed_step1(engine, workspace_id, members)
    _seed_step2(engine, workspace_id)
    _seed_step3(engine, workspace_id)


def _seed_step1(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    from sff_core.icebreaker import add_question
    from sff_core.notes import Exercise, add_note
    from sff_core.responses import COMMON_PROMPT

    day = DEMO_STEP1_DAY
    add_question(engine, workspace_id, "(Exempel) Vilken plats i Exempelstad visar du helst för en gäst?")
    save_answers(
        engine,
        workspace_id,
        "step1",
        "beslut",
        GROUP,
        day,
        {
            "planering": Answer(text="(Exempel) Arbetspass varannan tisdag 13–14.30, bokade till juni."),
            "dokumentation": Answer(text="(Exempel) Anteckningar i appen; sammanfattning i kommunens delade mapp."),
            "kommunikation": Answer(text="(Exempel) Mejl till hela kärngruppen; inga personuppgifter om ärenden."),
        },
    )
    for member, answers in zip(
        members[:3],
        [
            {"praglas_av": "(Exempel) Snabba beslut och hög arbetsbelastning.", "basta": "(Exempel) Kunniga kollegor."},
            {"praglas_av": "(Exempel) Tydlig struktur och lagstyrning.", "vi_sager_ofta": "(Exempel) Vi måste ha en anmälan."},
            {"praglas_av": "(Exempel) Nära kontakt med dem vi möter.", "langtar_efter": "(Exempel) Mer tid för uppföljning."},
        ],
        strict=True,
    ):
        save_answers(
            engine,
            workspace_id,
            "step1",
            "jag_och_min_organisation",
            member.respondent,
            day,
            {k: Answer(text=v) for k, v in answers.items()},
        )
    save_answers(
        engine,
        workspace_id,
        "step1",
        "modig_miljo",
        GROUP,
        day,
        {COMMON_PROMPT: Answer(text="(Exempel) Tid att lära känna varandra")},
    )
    boards = Exercise(workspace_id, "step1", "modig_miljo", day)
    for prompt_key, lines in (
        (
            "fraga_1",
            (
                "(Exempel) Att få fråga utan att verka okunnig",
                "(Exempel) Tid att lära känna varandra",
                "(Exempel) Tystnadsplikt respekteras",
            ),
        ),
        ("fraga_2", ("(Exempel) Tid att lära känna varandra", "(Exempel) Vi lyssnar klart innan vi svarar", "(Exempel) Fika")),
    ):
        for number, line in enumerate(lines):
            add_note(engine, boards, prompt_key, GROUP, line, f"demo-{prompt_key}-{number}")
    save_answers(
        engine,
        workspace_id,
        "step1",
        "dodsfallan",
        GROUP,
        day,
        {
            "vad_gick_fel": Answer(text="(Exempel) Chefer drog tillbaka tiden när det blev mycket annat."),
            "vad_valdes_bort": Answer(text="(Exempel) Förankringen i nämnden."),
        },
    )


def _seed_step2(engine: Engine, workspace_id: int) -> None:
    from sff_core import ads, indicators, mapping, mindmap, offences

    today = _demo_today()
    for group, place, actors in [
        ("Personer i missbruk (exempel)", "Stationsområdet (exempel)", ["Uppsökande team (exempel)", "Polisen (exempel)"]),
        ("Ensamkommande unga (exempel)", "Skolor och fritidsgårdar (exempel)", ["Elevhälsan (exempel)"]),
        ("EU-medborgare i utsatthet (exempel)", "Centrum (exempel)", ["Idéburna organisationer (exempel)"]),
        (
            "Personer som säljer sex via nätet (exempel)",
            "Hotell och korttidsboenden (exempel)",
            ["Hotellpersonal (exempel)", "Taxi (exempel)"],
        ),
    ]:
        group_id = mindmap.add_node(engine, workspace_id, "group", group)
        place_id = mindmap.add_node(engine, workspace_id, "place", place, group_id)
        for actor in actors:
            mindmap.add_node(engine, workspace_id, "actor", actor, place_id)
    mapping.save_mapping_plan(
        engine,
        workspace_id,
        ["offentligt_material", "underrattelse", "internet", "branscher_kontaktyta"],
        "digitalt_formular",
        "enkel_sammanstallning",
        "(Exempel) Sammanställning till arbetspasset i januari.",
    )
    for title, owner, deadline, category, status in DEMO_TASKS:
        task = mapping.add_task(engine, workspace_id, title, owner, deadline, category)
        mapping.set_task_status(engine, workspace_id, task.id, status)
    categories = list(offences.offence_categories())
    for year, counts in OFFENCES.items():
        offences.set_counts(engine, workspace_id, year, dict(zip(categories, counts, strict=True)), today=today)
    save_answers(
        engine,
        workspace_id,
        "step2",
        "underrattelse",
        GROUP,
        DEMO_INTELLIGENCE_DAY,
        {
            "delbar_beskrivning": Answer(
                text="(Exempel) Polisen ser annonsering med koppling till hotell längs genomfartsleden "
                "och enstaka ärenden om tiggeri. Inga uppgifter om enskilda."
            )
        },
    )
    key = ads.hash_key()
    for (year, month), site, count, origins, flags, reference in ADS:
        observation = ads.Observation(
            date(year, month, ADS_DAY),
            site,
            count,
            dict(zip(ads.ORIGINS, origins, strict=True)),
            dict(zip(ads.FLAGS, flags, strict=True)),
            reference if key else None,
        )
        ads.record_observation(engine, workspace_id, observation, today=today, key=key)
    first_search = date(*min(month for month, *_ in ADS), ADS_DAY)
    save_answers(engine, workspace_id, "step2", "internet", GROUP, first_search, {"_ack": Answer(value_bool=True)})
    statements = [p.key for p in indicators.survey_section().prompts]
    for index, (organisation, sector, method, values) in enumerate(SURVEYS):
        indicators.save_survey(
            engine,
            workspace_id,
            organisation,
            sector,
            DEMO_SURVEYS_FROM + timedelta(days=index),
            method,
            dict(zip(statements, values, strict=True)),
            today=today,
        )
    indicators.create_link(engine, workspace_id, "(Exempel) Hotell och taxi")


def _seed_step3(engine: Engine, workspace_id: int) -> None:
    from sff_core import stakeholders

    today = _demo_today()
    for name, sector, current, wanted, assessments in ACTORS:
        actor = stakeholders.add_actor(engine, workspace_id, name, sector)
        stakeholders.set_levels(engine, workspace_id, actor.id, current, wanted, "(Exempel) Vi träffas i dag bara i enskilda ärenden.")
        for assessed_on, influence, support in assessments:
            stakeholders.add_assessment(
                engine,
                workspace_id,
                actor.id,
                assessed_on,
                influence,
                support,
                reason="(Exempel) Frågan är ny för dem.",
                action="(Exempel) Bjuda in till nätverksträff.",
                contact_role="Enhetschef",
                today=today,
            )


# --- Network statistics (the common template) ---------------------------------------------------------
HISTORY = {  # year: incidents, persons, support conversations, long-term support (entered by hand)
    2017: (4, 3, 6, 1),
    2018: (7, 5, 11, 2),
    2019: (9, 7, 15, 2),
    2020: (8, 7, 14, 3),
    2021: (12, 9, 22, 4),
    2022: (15, 12, 27, 5),
}
LOGGED = {2023: 18, 2024: 24, 2025: 31, 2026: 30}  # incidents per year in the log; 2026 so far (up to DEMO_TODAY)


def seed_statistics(engine: Engine, workspace_id: int) -> None:
    """A rising history 2017–2022 by hand and an incident log for 2023–2026; the current year (2026,
    logged up to DEMO_TODAY, never later) is preliminary."""
    import random

    from sff_core import statistics as stats

    today = _demo_today()
    for year, (incidents, persons, talks, long_term) in HISTORY.items():
        stats.set_year(
            engine,
            workspace_id,
            year,
            {"incidents": incidents, "persons": persons, "support_conversations": talks, "long_term_support": long_term},
            today=today,
        )
    rng = random.Random(2023)
    forms = ["sexual"] * 5 + ["labour"] * 2 + ["begging", "criminal", "domestic", "other"]
    sectors = ["polis", "socialtjanst", "ideburen", "naringsliv", "region_halsa", "skola", "bostadsbolag"]
    for year, count in LOGGED.items():
        last = min(date(year, 12, 31), DEMO_TODAY)  # the year so far: no incident in the future
        for _ in range(count):
            month = rng.randint(1, last.month)
            day = date(year, month, rng.randint(1, 28 if month < last.month else min(28, last.day)))
            persons = rng.choice([1, 1, 1, 2])
            incident = stats.IncidentInput(
                day,
                rng.choice(forms),
                rng.choice(sectors),
                rng.random() < 0.6,
                rng.random() < 0.7,
                persons,
                rng.choice([0, 1, 2, 3]),
                1 if rng.random() < 0.25 else 0,
                rng.choice([0, 1]),
                "(Exempel) tips via nätverket",
            )
            stats.record_incident(engine, workspace_id, incident, today=today)
    stats.set_preliminary(engine, workspace_id, max(LOGGED), True, today=today)


# --- Step 5: the start-up event and the network -----------------------------------------------------------
DEMO_EVENT_PLANNED, DEMO_EVENT_DATE, DEMO_STARTUP_DATE = date(2025, 12, 9), date(2026, 2, 10), date(2026, 3, 17)


def seed_step5(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    """A plausible start-up event, held in February 2026: agenda, the whole checklist done (a deadline a week
    from the planning on, the last ones the day before the event), invitees and their answers (one in four never
    answered), the network's role description agreed at the start-up."""
    from sff_core import coordination, events, stakeholders

    event = events.save_event(
        engine,
        workspace_id,
        "(Exempel) Nätverksträff mot människohandel och prostitution",
        DEMO_EVENT_DATE,
        "(Exempel) Stadshusets festsal",
        "(Exempel) Öka medvetenheten om problematiken i Exempelstad och bjuda in till ett nytt nätverk.",
        180,
        "(Exempel) Regionkoordinator mot människohandel; kommunpolisen.",
        DEMO_STARTUP_DATE,
        planned_on=DEMO_EVENT_PLANNED,
    )
    for title, member, minutes in (
        ("(Exempel) Välkommen och inledning", members[0], 15),
        ("(Exempel) Människohandel i vår region – föreläsning", None, 45),
        ("(Exempel) Ögonblicksbild av kartläggningen", members[1 % len(members)], 30),
        ("(Exempel) Fika och nätverkande", None, 40),
        ("(Exempel) Förfrågan och avslutning", members[0], 20),
    ):
        events.add_agenda_item(engine, workspace_id, event.id, title, member.id if member else None, minutes)
    for offset, key in enumerate(events.checklist_keys()):
        deadline = min(event.created_on + timedelta(weeks=offset + 1), DEMO_EVENT_DATE - timedelta(days=1))
        events.save_check_item(engine, workspace_id, event.id, key, members[offset % len(members)].name, deadline, "done")
    actors = stakeholders.list_actors(engine, workspace_id)
    events.invite(engine, workspace_id, event.id, [a.id for a in actors])
    invitees = events.list_invitees(engine, workspace_id, event.id)
    answers = ((True, True, True), (True, False, True), (False, None, None))
    for index, invitee in enumerate(invitees):
        if index % 4 == 3:
            continue  # never answered
        if index % 2:
            events.remind(engine, workspace_id, invitee.id)
        events.record_answer(engine, workspace_id, invitee.id, *answers[index % len(answers)])
    participants = [p.organisation for p in events.list_participants(engine, workspace_id)]
    coordination.save_role(
        engine,
        workspace_id,
        coordination.NETWORK,
        {
            "syfte": "(Exempel) Dokumentet beskriver syftet och inriktningen för Exempelstads nätverk mot människohandel och prostitution.",
            "andamal": "(Exempel) Nätverket motverkar människohandel och prostitution i Exempelstad genom samverkan mellan lokala aktörer.",
            "delmal": ["(Exempel) Kartläggning av problembilden", "(Exempel) Gemensam handlingsplan för ärendehantering"],
            "deltagare": "(Exempel) Alla deltagare har lika rätt att påverka nätverkets utveckling och arbete.",
            "participants": participants,
            "samordning": "(Exempel) Deltagarna väljer en samordnare som sammankallar till möte och för protokoll.",
            "beslut": "(Exempel) Deltagarna tar förslag tillbaka till sin organisation och återkommer med beslut.",
            "kommunikation": "(Exempel) Ingen extern kommunikation å hela nätverkets vägnar utan att alla fått tycka till.",
        },
    )
    coordination.set_status(engine, workspace_id, coordination.NETWORK, "agreed", DEMO_STARTUP_DATE)
    coordination.save_role(
        engine,
        workspace_id,
        coordination.NETWORK,
        {"samordning": "(Exempel) Deltagarna väljer en samordnare och en ersättare som sammankallar till möte och för protokoll."},
    )
    coordination.save_role(
        engine,
        workspace_id,
        coordination.COORDINATOR,
        {
            "ansvar": "(Exempel) Driva nätverkets arbete framåt och hålla ihop kontakten mellan aktörerna.",
            "uppgifter": "(Exempel) Sammankalla, föra protokoll, följa upp samverkansplanen, vara kontaktperson.",
            "kompetenser": "(Exempel) Kunskap om människohandel, erfarenhet av samverkan och processledning.",
            "links": ["https://example.se/exempel/samordnare-rollbeskrivning"],
        },
    )
    flyer = coordination.text_sections(coordination.FLYER)
    coordination.save_role(
        engine,
        workspace_id,
        coordination.FLYER,
        {
            flyer[0]: "(Exempel) Människohandel finns också i Exempelstad. Tillsammans kan vi göra skillnad.",
            flyer[-1]: "(Exempel) Kontakta samordnaren via kommunens växel eller funktionsbrevlådan natverket@exempelstad.example.",
        },
    )
    _seed_motivation(engine, workspace_id, members)
    coordination.save_plan_row(
        engine,
        workspace_id,
        "naringsliv",
        {
            "key_message": "(Exempel) Ni möter gäster och kunder varje dag – ni kan se det som andra inte ser.",
            "words_to_use": "(Exempel) trygghet, ansvar, gästerna",
            "words_to_avoid": "(Exempel) misstänkt, kontroll",
            "channel": "(Exempel) Hotell- och restaurangnätverkets frukostmöte",
            "who": "(Exempel) Näringslivsutvecklaren",
            "when": "(Exempel) Före eventet",
        },
    )


DEMO_MOTIVATION_DATE = date(2026, 1, 20)
# Utforska motivation och kommunikation: the group's post-its per sector (bransch) and question, rounds 1 and 2.
MOTIVATION_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "naringsliv": {
        "huvudmal": ("(Exempel) Nöjda gäster och fulla rum", "(Exempel) Lönsamhet"),
        "anledning_jobb": ("(Exempel) Första jobbet, flexibla tider",),
        "motiverar": ("(Exempel) Gott rykte och trygga gäster", "(Exempel) Stolthet över servicen"),
        "paverkan_kontakt": ("(Exempel) Rädsla för dåligt rykte", "(Exempel) Osäkerhet om vad man får göra"),
        "svart_att_forsta": ("(Exempel) Att en gäst kan vara utsatt och inte bara störande",),
        "visa_intresse": ("(Exempel) Besöka en morgonbriefing på hotellet",),
        "nyckelord": ("(Exempel) Använd: trygghet, gästerna, ansvar", "(Exempel) Undvik: kontroll, misstänkt"),
    },
    "bostadsbolag": {
        "huvudmal": ("(Exempel) Trygga boenden och nöjda hyresgäster",),
        "motiverar": ("(Exempel) Ordning i fastigheterna",),
        "paverkan_kontakt": ("(Exempel) Oro för att bli inblandad i ett ärende",),
        "samma_annorlunda": ("(Exempel) Som hotellen: ser vem som bor var",),
        "nyckelord": ("(Exempel) Använd: trygga hem, grannar", "(Exempel) Undvik: razzia"),
    },
    "region_halsa": {
        "huvudmal": ("(Exempel) Vård efter behov",),
        "paverkan_kontakt": ("(Exempel) Svårt att hinna fråga i ett kort besök",),
        "nyckelord": ("(Exempel) Använd: patientens rättigheter",),
    },
}


def _seed_motivation(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    from sff_core.notes import Exercise, add_note

    exercise = Exercise(workspace_id, "step5", "motivation_kommunikation", DEMO_MOTIVATION_DATE)
    count = 0
    for sector, boards in MOTIVATION_NOTES.items():
        for prompt_key, lines in boards.items():
            for line in lines:
                author = members[count % len(members)].respondent
                add_note(engine, exercise, prompt_key, author, line, f"demo-motivation-{count}", topic=sector)
                count += 1


# --- Step 4: the knowledge bank ----------------------------------------------------------------------------
DEMO_SPLIT_DEADLINE, DEMO_CONTINUATION_DEADLINE = date(2025, 11, 20), date(2026, 1, 29)  # the research and its continuation
DEMO_BANK_ADDED = date(2025, 11, 4)  # the research round's items
DEMO_BANK_CHECKED = date(2026, 11, 10)  # the group went through the bank again (not yet due for review)
DEMO_OLD_ITEM_ADDED = FIRST_SESSION  # a link brought to the first session, never checked since: due for review


def seed_step4(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    """A plausible knowledge bank: the research split (done), a few items (checked again in November 2026, but one
    never checked since September 2025 is due for review – REVIEW_AFTER_DAYS) and subscriptions."""
    from sff_core import knowledge, mapping

    def who(n: int) -> str:
        return members[n % len(members)].name

    for area, person, deadline in (
        ("Brottsoffrens rättigheter", f"{who(0)} och {who(1)}", DEMO_SPLIT_DEADLINE),
        ("Migration", who(2), DEMO_SPLIT_DEADLINE),
        ("Nationella och regionala myndigheter", who(3), DEMO_SPLIT_DEADLINE),
    ):
        knowledge.add_assignment(engine, workspace_id, knowledge.BANK_SECTION, area, person, deadline)
    knowledge.continue_split(engine, workspace_id, DEMO_CONTINUATION_DEADLINE)
    for section in knowledge.RESEARCH_SECTIONS:  # the research round and its continuation are long done
        for task in knowledge.assignments(engine, workspace_id, section):
            mapping.set_task_status(engine, workspace_id, task.id, "done")
    for title, category, area, url, summary, relevant, finder, important, visible, added in (
        (
            "(Exempel) Nationellt metodstöd mot prostitution och människohandel (NMT)",
            "kontakter",
            "Nationella och regionala myndigheter",
            "https://www.lansstyrelsen.se/stockholm/samhalle/social-hallbarhet/manniskohandel.html",
            "(Exempel) Stöd dygnet runt till myndigheter som misstänker människohandel. Nås via Länsstyrelsens växel.",
            "Socialtjänst, polis, hälso- och sjukvård",
            0,
            True,
            True,
            DEMO_BANK_ADDED,
        ),
        (
            "(Exempel) Jämställdhetsmyndighetens regionkoordinatorer",
            "kontakter",
            "Nationella och regionala myndigheter",
            "https://jamstalldhetsmyndigheten.se/mans-vald-mot-kvinnor/prostitution-och-manniskohandel/regionkoordinatorer/",
            "(Exempel) Regionkoordinatorn samordnar arbetet i länet och skickar ut information om utbildningar.",
            "Kärngruppen, socialtjänst",
            1,
            True,
            True,
            DEMO_BANK_ADDED,
        ),
        (
            "(Exempel) Brottsofferjourens stöd till brottsoffer",
            "material",
            "Brottsoffrens rättigheter",
            "https://www.boj.se",
            "(Exempel) Vilket stöd brottsoffer har rätt till och hur man hänvisar dit.",
            "Ideella organisationer, socialtjänst",
            0,
            False,
            True,
            DEMO_BANK_ADDED,
        ),
        (
            "(Exempel) Migrationsverkets information om uppehållstillstånd för offer för människohandel",
            "riktlinjer",
            "Migration",
            "https://www.migrationsverket.se",
            "(Exempel) Tidsbegränsat uppehållstillstånd under förundersökning och betänketid.",
            "Polis, Migrationsverket, socialtjänst",
            2,
            False,
            False,
            DEMO_BANK_ADDED,
        ),
        (
            "(Exempel) Webbkurs om människohandel för yrkesverksamma",
            "kurser",
            "Verktyg",
            "https://www.example.se/webbkurs",
            "(Exempel) En tvåtimmars introduktion. Länken ska kontrolleras: kursen kan ha flyttat.",
            "Hotell, taxi, hälso- och sjukvård",
            3,
            False,
            False,
            DEMO_OLD_ITEM_ADDED,
        ),
    ):
        knowledge.add_item(
            engine,
            workspace_id,
            title,
            category,
            area,
            url,
            summary,
            relevant,
            who(finder),
            important,
            visible,
            added_on=added,
            checked_on=DEMO_BANK_CHECKED if added == DEMO_BANK_ADDED else None,
            today=_demo_today(),
        )
    for title, number, url in (
        ("Regionkoordinatorernas mailutskick om utbildningar och annan relevant information", 1, ""),
        ("Jämställdhetsmyndighetens nyhetsbrev", 0, "https://jamstalldhetsmyndigheten.se"),
        ("Länsstyrelsens nyhetsbrev inom området", 2, "https://www.lansstyrelsen.se"),
        ("Bevakning av relevanta ämnesområden (till exempel Google Alerts eller feedspot.com)", 3, "https://www.google.com/alerts"),
    ):
        knowledge.add_subscription(engine, workspace_id, title, who(number), url, "(Exempel) Delar det viktigaste på nästa arbetspass.")


# --- Step 6: the collaboration plan (samverkansplan), its marketing and follow-up --------------------------------
DEMO_PLAN_AGREED = date(2026, 5, 19)  # after the step 6 workshops that wrote it
DEMO_PLAN_FIRST_YEAR, DEMO_PLAN_YEARS = 2026, 3
# The plan's years 2026–2028 begin with the network statistics' latest year (2026 so far, logged up to
# DEMO_TODAY), so the follow-up shows year 1's actuals filled in from the statistics (delmål 3 and 4) and
# entered by hand (delmål 1 and 2), and years 2–3 still missing (they have not come yet).
PLAN_GOALS = [  # text, unit, targets år 1–3, statistics series, hand-entered actuals år 1–3 (only year 1 has happened)
    ("(Exempel) Ökad lagföring av sexköpare", "lagförda sexköpare", [4, 6, 8], None, [3, None, None]),
    ("(Exempel) Ökad medvetenhet bland hotell, bostadsbolag och allmänhet", "utbildade personer", [40, 80, 120], None, [35, None, None]),
    ("(Exempel) Gemensam statistikinsamling genom nätverkets statistikmall", "rapporterade incidenter", [35, 40, 45], "incidents", []),
    ("(Exempel) Fler stödsamtal med personer som utsatts", "stödsamtal", [50, 60, 70], "support_conversations", []),
]
PLAN_ACTIVITIES = [  # delmål (1-based), år, text, responsible (index into ACTORS), status: år 1 (2026) under way, later planned
    (1, 1, "(Exempel) Rutin för enskilda ärenden tas fram", 1, "done"),  # the routine of step 7, agreed in September 2026
    (1, 1, "(Exempel) Insatsvecka mot sexköp i samverkan med nätverket", 1, "done"),
    (1, 2, "(Exempel) Insatsvecka mot sexköp i samverkan med nätverket", 1, "planned"),
    (1, 3, "(Exempel) Insatsvecka mot sexköp i samverkan med nätverket", 1, "planned"),
    (2, 1, "(Exempel) Utbildningsevent för hotellpersonal", 2, "done"),
    (2, 1, "(Exempel) Debattartikel i lokaltidningen", 5, "cancelled"),
    (2, 2, "(Exempel) Utbildningsevent för fastighetsägare och ordningspersonal", 3, "planned"),
    (2, 3, "(Exempel) Förebyggande utbildning för unga i årskurs 7–9", 4, "planned"),
    (3, 1, "(Exempel) Statistikmallen sprids till nätverkets organisationer", 0, "done"),
    (3, 1, "(Exempel) Följ upp och sammanställ insamlad information", 0, "ongoing"),
    (3, 3, "(Exempel) Utvärdera och uppdatera statistikmallen", 0, "planned"),
    (4, 1, "(Exempel) Informationsmaterial på platser där utsatta kan finnas", 5, "ongoing"),
    (4, 2, "(Exempel) Studiebesök i en annan stad om uppsökande arbete", 0, "planned"),
    (4, 3, "(Exempel) Projekt för att nå en särskild del av målgruppen", 5, "planned"),
]
PLAN_MARKETING = [
    (
        "(Exempel) Hotell och restauranger",
        "(Exempel) Trygga gäster och personal, att veta vad de ska göra",
        "(Exempel) Frukostmöte i branschnätverket och en affisch i personalrummet",
        "(Exempel) Stödjande och konkret, inte anklagande",
        "(Exempel) Näringslivsutvecklaren och polisens kontaktperson",
    ),
    (
        "(Exempel) Allmänheten",
        "(Exempel) Att människohandel finns här och vart man vänder sig",
        "(Exempel) Kommunens webb och sociala medier, lokaltidningen",
        "(Exempel) Saklig och hoppfull",
        "(Exempel) Kommunens kommunikationsavdelning",
    ),
]


def seed_step6_plan(engine: Engine, workspace_id: int) -> None:
    """Exempelstad's collaboration plan for 2026–2028, agreed after the step 6 workshops: vision, four delmål
    (two filled in from the network statistics), activities over three years with statuses, marketing rows,
    and a SWOT link when the SWOT demo has marked items."""
    from sff_core import plan

    plan.save_plan(
        engine,
        workspace_id,
        {
            "vision": "(Exempel) Exempelstad ska vara en trygg stad där ingen köps eller säljs. Vi samverkar för att förebygga, "
            "upptäcka och stoppa människohandel och prostitution och för att ge stöd till dem som utsätts.",
            "points": ["(Exempel) Minska efterfrågan på sexuella tjänster.", "(Exempel) Erbjuda stöd till alla som utsätts i kommunen."],
            "first_year": DEMO_PLAN_FIRST_YEAR,
            "years": DEMO_PLAN_YEARS,
        },
    )
    goals = []
    for text_value, unit, targets, series, actuals in PLAN_GOALS:
        values: dict[str, object] = {"text": text_value, "unit": unit, "series": series or ""}
        values |= {f"target_{year}": target for year, target in enumerate(targets, start=1)}
        values |= {f"actual_{year}": actual for year, actual in enumerate(actuals, start=1) if actual is not None}
        goals.append(plan.save_goal(engine, workspace_id, None, values))
    for goal_number, year, text_value, actor, status in PLAN_ACTIVITIES:
        values = {"goal_id": goals[goal_number - 1].id, "year": year, "text": text_value, "responsible": ACTORS[actor][0], "status": status}
        plan.save_activity(engine, workspace_id, None, values)
    for row in PLAN_MARKETING:
        plan.save_marketing(engine, workspace_id, None, dict(zip(plan.MARKETING_FIELDS, row, strict=True)))
    marked = plan.swot_candidates(engine, workspace_id)
    for item, goal in zip(marked[:2], (goals[0], goals[1]), strict=False):  # the routine → lagföring; hotels → awareness
        plan.link_swot(engine, workspace_id, item.note_id, goal.id)
    plan.set_plan_status(engine, workspace_id, "agreed", DEMO_PLAN_AGREED)


# --- Step 6 live: the format, the common starting point's training needs, the SWOT per small group ------------

DEMO_WORKSHOPS = (date(2026, 4, 14), date(2026, 4, 21))
DEMO_STEP7_MEETINGS, DEMO_STEP7_END = (date(2026, 5, 5), date(2026, 6, 2)), date(2026, 9, 30)  # step 7's chosen format
DEMO_SWOT = {  # small group -> quadrant -> post-its (all invented)
    "grupp_1": {
        "styrkor": ["(Exempel) Engagerad kärngrupp med polis och socialtjänst", "(Exempel) Kunskapsbank som nätverket når"],
        "svagheter": ["(Exempel) Ingen gemensam rutin för enskilda ärenden ännu"],
        "mojligheter": ["(Exempel) Hotellbranschen vill utbilda sin personal"],
        "hot": ["(Exempel) Personalomsättning i nyckelfunktioner"],
    },
    "grupp_2": {
        "styrkor": ["(Exempel) Bra samverkan med polisen"],
        "svagheter": ["(Exempel) Saknar en gemensam rutin för ärenden", "(Exempel) Lite statistik om utsatta"],
        "mojligheter": ["(Exempel) Regionens nya samordnare"],
        "hot": ["(Exempel) Annonsflödet flyttar till nya sajter"],
    },
    "grupp_3": {
        "styrkor": ["(Exempel) Idéburna når målgruppen"],
        "svagheter": ["(Exempel) Få i nätverket känner igen tecknen"],
        "mojligheter": ["(Exempel) Skolan vill ha förebyggande utbildning"],
        "hot": ["(Exempel) Besparingar i kommunen", "(Exempel) Personalomsättning"],
    },
}
DEMO_SWOT_MERGES = (  # (the kept note, its duplicate) merged for the whole room across the groups
    ("(Exempel) Ingen gemensam rutin för enskilda ärenden ännu", "(Exempel) Saknar en gemensam rutin för ärenden"),
    ("(Exempel) Personalomsättning i nyckelfunktioner", "(Exempel) Personalomsättning"),
)
DEMO_TRAINING = (
    "(Exempel) Grundutbildning om människohandel\n(Exempel) Samtalsmetodik",
    "(Exempel) Grundutbildning om människohandel; (Exempel) Barnperspektivet i ärenden",
    "(Exempel) Samtalsmetodik",
)


def seed_step6_live(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    """Exempelstad's step 6 workshop: the format and its dates, training needs from the room, and a SWOT by three
    small groups of network participants (by organisation, no names), merged for the room, dot-voted, two marked."""
    from sff_core import events, live, notes, swot, work_format

    work_format.save_choice(engine, workspace_id, "step6", "workshops", list(DEMO_WORKSHOPS))
    work_format.save_choice(engine, workspace_id, "step7", "meetings", list(DEMO_STEP7_MEETINGS), DEMO_STEP7_END)
    save_answers(engine, workspace_id, "step6", "forutsattningar", GROUP, DEMO_WORKSHOPS[0], {"ledartrojan": Answer(value_bool=True)})
    organisations = [p.organisation for p in events.list_participants(engine, workspace_id)] or ["(Exempel) Nätverket"]
    day = DEMO_WORKSHOPS[0]
    common = live.open_activity(engine, workspace_id, "step6", "gemensam_utgangspunkt", day, "anonymous")
    for index, needs in enumerate(DEMO_TRAINING):
        phone = live.join(engine, common.code, organisation=organisations[index % len(organisations)])
        live.submit(engine, common.code, phone.token, {"utbildningsbehov": Answer(text=needs)})
    live.close_activity(engine, workspace_id, common.id)
    swot.set_small_groups(engine, workspace_id, 3)
    activity = live.open_activity(engine, workspace_id, "step6", "swot", day, "anonymous")
    exercise = notes.Exercise(workspace_id, "step6", "swot", day)
    phones: list[live.ParticipantInfo] = []
    made: dict[str, notes.NoteInfo] = {}
    for number, (group, quadrants) in enumerate(DEMO_SWOT.items()):
        phone = live.join(engine, activity.code, organisation=organisations[number % len(organisations)])
        phones.append(phone)
        for quadrant, lines in quadrants.items():
            for line in lines:
                made[line] = swot.add_swot_note(engine, exercise, quadrant, phone.respondent, line, f"demo-swot-{len(made)}", group)
    for keep, duplicate in DEMO_SWOT_MERGES:
        swot.merge_for_room(engine, workspace_id, made[keep].id, [made[duplicate].id])
    notes.open_voting(engine, workspace_id, activity.id, 3)
    voters = phones + [live.join(engine, activity.code, organisation=o) for o in organisations[:3]]
    favourites = [
        DEMO_SWOT_MERGES[0][0],
        "(Exempel) Hotellbranschen vill utbilda sin personal",
        "(Exempel) Få i nätverket känner igen tecknen",
        DEMO_SWOT_MERGES[1][0],
    ]
    for index, voter in enumerate(voters):
        for offset in range(3):
            choice = favourites[(index + offset) % len(favourites)] if offset < 2 else favourites[0]
            if made[choice].id not in notes.my_votes(engine, exercise, voter.respondent):
                notes.toggle_vote(engine, activity.id, made[choice].id, voter.respondent)
    notes.close_voting(engine, workspace_id, activity.id)
    notes.mark_top(engine, exercise, 2)
    live.close_activity(engine, workspace_id, activity.id)


# --- Step 7: the ambition levels and the routine for individual cases -----------------------------------

DEMO_STEP7_DAY, DEMO_ROUTINE_AGREED = date(2026, 9, 15), date(2026, 9, 29)
DEMO_AMBITION = [  # (now, wanted, organisation by its demo actor's name or None): 12 phones in the room
    (1, 3, "Socialtjänsten (exempel)"),
    (2, 3, "Socialtjänsten (exempel)"),
    (2, 4, "Socialtjänsten (exempel)"),
    (2, 4, "Lokalpolisområdet (exempel)"),
    (2, 3, "Lokalpolisområdet (exempel)"),
    (1, 3, "Lokalpolisområdet (exempel)"),
    (1, 2, "Hotell Exempel (exempel)"),
    (2, 4, "Kvinnojouren Exempelstad (exempel)"),
    (3, 4, None),
    (1, 3, None),
    (2, 3, "Ungdomsmottagningen (exempel)"),
    (2, 4, None),
]
DEMO_ROUTINE_TEXTS = {
    "title": "(Exempel) Exempelstads lokala rutin gällande människohandel & prostitution",
    "contact": "natverket@exempelstad.example",
    "mal": (
        "(Exempel) Utsatta erbjuds skydd och stöd på ett förutsättningslöst, rättighetsbaserat sätt, "
        "och brott anmäls så att förövare kan lagföras."
    ),
    "krav_samverkansparter": "(Exempel) Att varje part känner till rutinen, har en utsedd funktion som kan nås och deltar i uppföljningen.",
    "i_praktiken": (
        "(Exempel) Polisen tar emot misstankar via fokusgruppen; socialtjänsten erbjuder skydd och stöd; "
        "kvinnojouren följer med till möten."
    ),
}
DEMO_ROUTINE_STEPS = [  # title, action, actor by name, contact, priority, child perspective, documents
    (
        "(Exempel) Ring polisen vid misstanke",
        "I första hand polisens fokusgrupp, i andra hand 114 14, i akuta fall 112.",
        "Lokalpolisområdet (exempel)",
        "Polisens fokusgrupp (exempel), 114 14 · akut 112",
        "akut",
        "Gäller det ett barn: gör också en orosanmälan till socialtjänsten.",
        False,
    ),
    (
        "(Exempel) Erbjud skydd och stöd",
        "Socialtjänsten gör en första bedömning och erbjuder boende och stöd.",
        "Socialtjänsten (exempel)",
        "Socialtjänstens mottagning (exempel), växel 0100-10 00 00 · socialjouren efter kl. 17",
        "inom_dygn",
        "Barn: barnutredning enligt socialtjänstlagen.",
        False,
    ),
    (
        "(Exempel) Dokumentera incidenten",
        "Fyll i nätverkets incidentmall – inga personuppgifter.",
        "Kvinnojouren Exempelstad (exempel)",
        "Nätverkets incidentmall (Nätverksstatistik)",
        "inom_dygn",
        "",
        True,
    ),
    (
        "(Exempel) Uppföljning & utvärdering",
        "Ärendet följs upp på nätverkets nästa möte, så att vi tillsammans blir bättre.",
        "Kvinnojouren Exempelstad (exempel)",
        "natverket@exempelstad.example",
        "planerat",
        "",
        False,
    ),
]


def seed_step7(engine: Engine, workspace_id: int) -> None:
    """Twelve phones place the city on the development levels (some name their organisation); the routine
    with four steps, agreed by the network, and a later draft change (a new contact for step 2)."""
    from sff_core import live, routine, stakeholders

    activity = live.open_activity(engine, workspace_id, "step7", "utvecklingsnivaer", DEMO_STEP7_DAY, "anonymous")
    for now, wanted, organisation in DEMO_AMBITION:
        phone = live.join(engine, activity.code)
        live.submit(engine, activity.code, phone.token, {"hantering": Answer(value_int=now, value_int2=wanted, text=organisation)})
    live.close_activity(engine, workspace_id, activity.id)
    actors = {a.name: a.id for a in stakeholders.list_actors(engine, workspace_id)}
    routine.save_texts(engine, workspace_id, DEMO_ROUTINE_TEXTS)
    steps = []
    for title, action, actor, contact, priority, child, documents in DEMO_ROUTINE_STEPS:
        values = {"title": title, "action": action, "actor_id": actors[actor], "contact": contact, "priority": priority}
        steps.append(routine.add_step(engine, workspace_id, {**values, "child_note": child, "documents": documents}))
    routine.set_status(engine, workspace_id, "agreed", DEMO_ROUTINE_AGREED)
    second = steps[1]
    routine.update_step(
        engine,
        workspace_id,
        second.id,
        {"contact": "Socialtjänstens mottagning (exempel), växel 0100-10 00 00 · socialjouren (exempel) dygnet runt"},
        loaded=second.fields(),
    )
