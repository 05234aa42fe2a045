"""The demo workspace "Exempelstad": plausible, clearly labelled example data.

Every person here is invented (all are called "Exempel"). The data tells a small story:
a first readiness assessment below the handbook's threshold, work on the weak dimensions,
and a second assessment with a recorded consensus above it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from sff_core.candidates import save_candidate
from sff_core.members import MemberInfo, add_member
from sff_core.progress import set_step_status
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.workspaces import WorkspaceInfo, create_workspace, find_by_slug

DEMO_CITY = "Exempelstad"
DEMO_PASSPHRASE = "exempelstad"
FIRST_SESSION, SECOND_SESSION = date(2026, 9, 1), date(2026, 10, 6)

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
FIRST_SCORES = [[3, 2, 3, 4, 3, 2, 2], [3, 1, 3, 4, 2, 2, 3], [4, 2, 2, 5, 3, 2, 2],
                [3, 2, 3, 4, 3, 1, 2], [2, 2, 3, 4, 3, 2, 3], [3, 3, 3, 4, 2, 2, 2]]
SECOND_SCORES = [[4, 3, 4, 5, 4, 3, 3], [4, 2, 4, 4, 3, 3, 3], [4, 3, 3, 5, 4, 3, 3],
                 [4, 3, 4, 5, 4, 2, 3], [3, 3, 4, 4, 4, 3, 4], [4, 3, 4, 5, 3, 3, 3]]
CONSENSUS = [4, 3, 4, 5, 4, 3, 3]
DIMENSIONS = ["behov", "politisk_vilja", "organisatorisk_vilja", "deltagarnas_vilja", "perioden", "resurser",
              "hallbarhet"]
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


def seed_demo(engine: Engine) -> WorkspaceInfo | None:
    """Create Exempelstad with its example data; None if it exists already (idempotent)."""
    if find_by_slug(engine, "exempelstad") is not None:
        return None
    workspace = create_workspace(engine, DEMO_CITY, "Exempelstads kommun", date(2026, 9, 1),
                                 date(2027, 12, 31), DEMO_PASSPHRASE, is_demo=True)
    members = [add_member(engine, workspace.id, *row[:6], child_youth_perspective=row[6]) for row in MEMBERS]
    _seed_step0(engine, workspace.id, members)
    for name, organisation, sector, ptype, checks, status in CANDIDATES:
        save_candidate(engine, workspace.id, name, organisation, sector, ptype, checks, status,
                       note="(Exempel) Kandidat till kärngruppen.")
    set_step_status(engine, workspace.id, "step0", "done")
    set_step_status(engine, workspace.id, "step1", "in_progress")
    return workspace


def _seed_step0(engine: Engine, workspace_id: int, members: list[MemberInfo]) -> None:
    for member in members:
        answers = {f"s0{i}": Answer(value_bool=(member.name, f"s0{i}") not in ENGAGEMENT_NO) for i in range(1, 8)}
        save_answers(engine, workspace_id, "step0", "engagemang", member.respondent, FIRST_SESSION, answers)
    save_answers(engine, workspace_id, "step0", "riktning", GROUP, FIRST_SESSION,
                 {key: Answer(value_bool=True, text=value) for key, value in DIRECTION.items()})
    save_answers(engine, workspace_id, "step0", "staden", GROUP, FIRST_SESSION,
                 {key: Answer(text=value) for key, value in CITY.items()})
    for session, table in ((FIRST_SESSION, FIRST_SCORES), (SECOND_SESSION, SECOND_SCORES)):
        for member, scores in zip(members, table, strict=True):
            answers = {key: Answer(value_int=score, text=COMMENTS.get(key) if member is members[0] else None)
                       for key, score in zip(DIMENSIONS, scores, strict=True)}
            save_answers(engine, workspace_id, "step0", "redo", member.respondent, session, answers)
    save_answers(engine, workspace_id, "step0", "redo", GROUP, SECOND_SESSION,
                 {key: Answer(value_int=score) for key, score in zip(DIMENSIONS, CONSENSUS, strict=True)})
    save_answers(engine, workspace_id, "step0", "infor_steg1", GROUP, SECOND_SESSION,
                 {"grundkunskap": Answer(value_bool=True), "utbildning_planerad": Answer(value_bool=True)})
