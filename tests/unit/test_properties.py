"""Property-based tests (Hypothesis): every service that takes user input either stores exactly
what was given or refuses with `InputError` – never another exception, never a partial write.

For each call the rows of every table (`Base.metadata.sorted_tables`) are counted before and after:

* InputError: no count changes (the deliberate exceptions are the throttles: a failed unlock is
  counted in `attempt` and logged in `audit_event`, a wrong join code typed by a client is counted
  in `attempt`);
  `str(error)` is the Swedish message of a known `error.*` key, the English one renders too, and the
  message quotes no code field name (no `"snake_case"` token outside what the user typed) – the
  field is named by its Swedish label (`"Namn"`).
* Success: only the expected tables changed (by the expected number of rows where it is fixed), and
  reading the row back gives what was given – text equal to the input less surrounding whitespace
  (`str.strip()`), numbers and dates unchanged.

Inputs: arbitrary text (control characters, NUL, lone surrogates, right-to-left overrides,
zero-width and other invisible characters, format-string braces, strings up to ~20 000
characters, padded with whitespace, or None), numbers (None, bools, small, negative and huge ints,
floats incl. NaN/inf), dates (any `date` from year 1 to 9999, or None) and, for the imports,
arbitrary bytes and CSV/Excel files built from arbitrary cells. Each field is, three times in
four, what its widget would give (`mostly`) and otherwise anything, so that a good share of the
examples gets past validation and what was stored is checked too (see --hypothesis-show-statistics:
every call records "accepted" or "InputError <key>").

Services covered, with the test and its number of examples (the constants below; each property
runs that many examples on SQLite and, with TEST_DATABASE_URL, as many again on PostgreSQL):

- workspaces.create_workspace ........... test_create_workspace ........... CREATE_WORKSPACE_EXAMPLES = 40
- workspaces.update_workspace ........... test_update_workspace ........... UPDATE_WORKSPACE_EXAMPLES = 60
- workspaces.unlock_workspace ........... test_unlock_workspace ........... UNLOCK_EXAMPLES = 25 (argon2 is slow)
- workspaces.set_small_count_threshold .. test_set_small_count_threshold .. THRESHOLD_EXAMPLES = 60
- members.add_member .................... test_add_member ................. ADD_MEMBER_EXAMPLES = 60
- members.update_member ................. test_update_member .............. UPDATE_MEMBER_EXAMPLES = 60
- candidates.save_candidate (add, update) test_save_candidate ............. CANDIDATE_EXAMPLES = 60
- responses.save_answers ................ test_save_answers[text, score, yes_no, levels, checklist, postits]
                                          ................................. ANSWERS_EXAMPLES = 40 per shape
- live.open_activity .................... test_open_activity .............. OPEN_ACTIVITY_EXAMPLES = 50
- live.join (named mode) ................ test_join_named ................. JOIN_EXAMPLES = 60
- live.submit ........................... test_submit ..................... SUBMIT_EXAMPLES = 50
- live.find_by_code (without a client) .. test_find_by_code ............... FIND_CODE_EXAMPLES = 60
- live.find_by_code (with a client) ..... test_find_by_code_throttled ..... FIND_CODE_CLIENT_EXAMPLES = 30
- live.participant_for, live.my_answers . test_participant_token .......... TOKEN_EXAMPLES = 50
- mindmap.add_node ...................... test_add_node ................... NODE_EXAMPLES = 60
- mapping.save_mapping_plan ............. test_save_mapping_plan .......... PLAN_EXAMPLES = 60
- mapping.add_task ...................... test_add_task ................... TASK_EXAMPLES = 60
- stakeholders.add_actor ................ test_add_actor .................. ACTOR_EXAMPLES = 60
- stakeholders.set_levels ............... test_set_levels ................. LEVELS_EXAMPLES = 60
- stakeholders.add_assessment ........... test_add_assessment ............. ASSESSMENT_EXAMPLES = 60
- icebreaker.add_question ............... test_add_question ............... QUESTION_EXAMPLES = 60
- indicators.save_survey ................ test_save_survey ................ SURVEY_EXAMPLES = 60
- indicators.link_by_token, submit_via_link test_survey_link_token ........ LINK_EXAMPLES = 40
- ads.record_observation ................ test_record_observation ......... OBSERVATION_EXAMPLES = 60
- statistics.record_incident ............ test_record_incident ............ INCIDENT_EXAMPLES = 60
- statistics.set_year ................... test_set_year ................... SET_YEAR_EXAMPLES = 60
- offences.set_counts ................... test_set_counts ................. SET_COUNTS_EXAMPLES = 60
- statistics.preview_years .............. test_preview_years .............. PREVIEW_EXAMPLES = 60
- offences.preview_counts ............... test_preview_counts ............. PREVIEW_EXAMPLES = 60

The `@example`s are the regressions these properties found: a lone surrogate in a new passphrase,
at unlock and in an advertiser reference (UnicodeEncodeError); NUL or a surrogate in an incident
note and in a participant's or survey link's token from the address bar (DataError on PostgreSQL,
UnicodeEncodeError on SQLite); a number in an answer whose shape has no number (stored unchecked:
OverflowError / integer out of range); an organisation typed without a name at join (dropped
silently); import cells '--5', '²' and 5000 digits (ValueError).

Each test creates its workspace once (fixtures); examples stay independent: rows added by earlier
examples are never assumed absent, upserted rows are read back by their key, duplicates are an
InputError like any other, and an opened live activity is closed again.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, literal, select, union_all
from sqlalchemy.orm import Session

from sff_core import (
    ads,
    candidates,
    icebreaker,
    indicators,
    live,
    mapping,
    members,
    mindmap,
    offences,
    stakeholders,
    statistics,
    workspaces,
)
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.i18n import has_key, t
from sff_core.responses import GROUP, NOTES_PROMPT, Answer, save_answers
from sff_core.store.models import (
    Actor,
    ActorAssessment,
    AdObservation,
    Base,
    Candidate,
    IcebreakerQuestion,
    Incident,
    IndicatorSurvey,
    LiveActivity,
    MappingPlan,
    Member,
    MindmapNode,
    OffenceCount,
    Participant,
    Response,
    Task,
    Workspace,
    YearlyStatistic,
)
from sff_core.tabular import ImportPreview

CREATE_WORKSPACE_EXAMPLES = 40
UPDATE_WORKSPACE_EXAMPLES = 60
UNLOCK_EXAMPLES = 25
THRESHOLD_EXAMPLES = 60
ADD_MEMBER_EXAMPLES = 60
UPDATE_MEMBER_EXAMPLES = 60
CANDIDATE_EXAMPLES = 60
ANSWERS_EXAMPLES = 40
OPEN_ACTIVITY_EXAMPLES = 50
JOIN_EXAMPLES = 60
SUBMIT_EXAMPLES = 50
FIND_CODE_EXAMPLES = 60
FIND_CODE_CLIENT_EXAMPLES = 30
TOKEN_EXAMPLES = 50
NODE_EXAMPLES = 60
PLAN_EXAMPLES = 60
TASK_EXAMPLES = 60
ACTOR_EXAMPLES = 60
LEVELS_EXAMPLES = 60
ASSESSMENT_EXAMPLES = 60
QUESTION_EXAMPLES = 60
SURVEY_EXAMPLES = 60
LINK_EXAMPLES = 40
OBSERVATION_EXAMPLES = 60
INCIDENT_EXAMPLES = 60
SET_YEAR_EXAMPLES = 60
SET_COUNTS_EXAMPLES = 60
PREVIEW_EXAMPLES = 60

TODAY = date.today()
PASSPHRASE = "hemlig fras"
HASH_KEY = b"x" * 32


def property_settings(max_examples: int) -> settings:
    return settings(
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
        deadline=None,
        max_examples=max_examples,
        database=None,
    )


# --- strategies -------------------------------------------------------------------------------

SPECIALS = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u034f",
    "\u180e",  # zero-width / invisible
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",  # bidi controls and marks
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u3000",
    "\u2003",  # other spaces and separators
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",  # lone surrogates
    "\ufffd",
    "\uffff",
    "\U0010ffff",
    "\U000e0001",
    "\ue000",  # replacement, non-characters, tag, private use
    "\u0301",
    "e\u0301",
    "\U0001f600",
    "👩‍👩‍👧",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "²",
    "٣",
    "８",
    '"',
    "'",
    "{",
    "}",
    "{0}",
    "{field_label}",
    "%s",
    "\\",
    "<b>",
    "*_`#",
    "field_name",
    "850101-1234",
    "070-123 45 67",
]
ORDINARY = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789 -'.,&()")),
    min_size=1,
    max_size=40,
)
ANY_CHARACTER = st.characters(exclude_categories=[])  # every code point, surrogates included
WHITESPACE = st.text(alphabet=" \t\n\r\u00a0\u3000\u2003\x1c\x1f\x85", max_size=3)


def _huge(unit: str, length: int, special: str, position: float) -> str:
    body = (unit * (length // len(unit) + 1))[:length]
    at = int(len(body) * position)
    return body[:at] + special + body[at:]


HUGE = st.builds(
    _huge,
    st.sampled_from(["a", "å ", "Ab", "\u200ba", "ö-", "ord "]),
    st.integers(100, 20_000),
    st.sampled_from(["", "", "x", "\x00", "\u202e", "\ud800", " ", "\u200b", "\n"]),
    st.floats(0, 1),
)
TEXT = st.one_of(
    ORDINARY,
    st.lists(st.one_of(st.sampled_from(SPECIALS), ORDINARY), max_size=8).map("".join),
    st.text(ANY_CHARACTER, max_size=40),
    HUGE,
)
PADDED = st.builds(lambda before, core, after: before + core + after, WHITESPACE, TEXT, WHITESPACE)
TEXT_OR_NONE = st.one_of(st.none(), PADDED)
TYPED = st.builds(lambda before, core, after: before + core + after, WHITESPACE, ORDINARY, WHITESPACE)  # what people type

EDGE_INTS = [0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**100, -(10**100)]
NUMBERS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 25), st.integers(), st.sampled_from(EDGE_INTS), st.floats(), st.integers(-3, 25).map(float)
)
NEAR = timedelta(days=4 * 365)
DATES = st.one_of(st.none(), st.dates(), st.dates(TODAY - NEAR, TODAY + NEAR))
PAST_DATES = st.one_of(st.none(), st.dates(), st.dates(TODAY - NEAR, TODAY + timedelta(days=3)))
YEARS = st.one_of(NUMBERS, st.integers(1985, TODAY.year + 2))
FORM_YEARS = st.integers(2000, TODAY.year)


def mostly(valid: st.SearchStrategy, anything: st.SearchStrategy) -> st.SearchStrategy:
    """Three values in four as a form gives them, the rest anything: with several fields per call,
    enough examples get past validation to check what is stored."""
    return st.sampled_from([False, False, False, True]).flatmap(lambda wild: anything if wild else valid)


TEXT_INPUT = mostly(TYPED, PADDED)
OPTIONAL_INPUT = mostly(st.one_of(TYPED, st.just("")), TEXT_OR_NONE)


def number_input(low: int, high: int, optional: bool = False) -> st.SearchStrategy:
    valid = st.integers(low, high)
    return mostly(st.one_of(valid, st.none()) if optional else valid, NUMBERS)


def date_input(low: date, high: date) -> st.SearchStrategy:
    return mostly(st.dates(low, high), DATES)


SESSION_DATE = date_input(TODAY - timedelta(days=700), TODAY + timedelta(days=300))  # inside the workspace's window
PAST_DATE = mostly(st.dates(TODAY - timedelta(days=700), TODAY), PAST_DATES)


def choice_or_text(allowed: list[str], optional: bool = False) -> st.SearchStrategy[str | None]:
    """Mostly one of the allowed keys (a select box), sometimes anything."""
    valid = st.one_of(st.sampled_from(allowed), st.none(), st.just("")) if optional else st.sampled_from(allowed)
    return mostly(valid, st.one_of(PADDED, st.sampled_from(["", " ", allowed[0].upper(), f" {allowed[0]}"]), st.none()))


def vocab(name: str) -> list[str]:
    return get_content().vocab_keys(name)


def expected_text(value: str | None) -> str:
    return (value or "").strip()


# --- checks -----------------------------------------------------------------------------------

QUOTED_IDENTIFIER = re.compile(r'"[a-z][a-z0-9]*(?:_[a-z0-9]+)+"')
BARE_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table, in one statement."""
    query = union_all(
        *(select(literal(table.name).label("name"), func.count().label("n")).select_from(table) for table in Base.metadata.sorted_tables)
    )
    with engine.connect() as connection:
        return {name: n for name, n in connection.execute(query).all()}


def assert_swedish(error: InputError) -> None:
    message = str(error)
    assert message, f"empty message for {error.key}"
    assert has_key(f"error.{error.key}"), f"no message error.{error.key} in i18n.yaml"
    assert message == error.message("sv")
    assert error.message("en")  # the English template renders with the same parameters
    label = error.params.get("field_label")
    if isinstance(label, str):
        shown = t(f"field.{label}") if has_key(f"field.{label}") else label
        assert not BARE_IDENTIFIER.fullmatch(shown), f"field label {shown!r} is a code name, not a Swedish label: {message}"
    template_part = message
    for name, value in error.params.items():  # what the user typed may look like anything
        if name != "field_label" and str(value):
            template_part = template_part.replace(str(value), "")
    assert not QUOTED_IDENTIFIER.search(template_part), f"English field name in the message: {message}"


@dataclass
class Outcome:
    result: object = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def attempt(
    engine: Engine,
    call: Callable[[], object],
    grows: dict[str, int] | set[str] | frozenset[str],
    refused_may_grow: frozenset[str] = frozenset(),
) -> Outcome:
    """Run `call`; InputError leaves every count as it was, success changes only `grows`.

    `grows` is either exact deltas ({"member": 1, "audit_event": 1}) or the tables allowed to change.
    """
    before = row_counts(engine)
    try:
        result = call()
    except InputError as error:
        after = row_counts(engine)
        changed = {name: after[name] - before[name] for name in before if after[name] != before[name]}
        assert set(changed) <= refused_may_grow, f"partial write on InputError {error.key!r}: {changed}"
        assert all(delta > 0 for delta in changed.values()), changed
        assert_swedish(error)
        event(f"InputError {error.key}")  # shown by --hypothesis-show-statistics
        return Outcome(error=error)
    after = row_counts(engine)
    changed = {name: after[name] - before[name] for name in before if after[name] != before[name]}
    if isinstance(grows, dict):
        assert changed == {name: delta for name, delta in grows.items() if delta}, f"unexpected writes: {changed}"
    else:
        assert set(changed) <= set(grows), f"unexpected writes: {changed}"
    event("accepted")
    return Outcome(result=result)


def read(engine: Engine, model: type, row_id: int):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(model, row_id)
        assert row is not None
        session.expunge(row)
        return row


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def workspace(engine):
    return workspaces.create_workspace(
        engine, "Teststad", "Testkommun", TODAY - timedelta(days=60), TODAY + timedelta(days=300), PASSPHRASE
    )


@pytest.fixture
def member(engine, workspace):
    return members.add_member(engine, workspace.id, "Anna", "Polisen", "polis")


@pytest.fixture
def candidate(engine, workspace):
    return candidates.save_candidate(engine, workspace.id, "Bo", "Skolan", "skola", None, [])


@pytest.fixture
def actor(engine, workspace):
    return stakeholders.add_actor(engine, workspace.id, "Hotellet", "naringsliv")


@pytest.fixture
def named_activity(engine, workspace):
    return live.open_activity(engine, workspace.id, "step0", "redo", TODAY, "named")


@pytest.fixture
def participant(engine, named_activity):
    return live.join(engine, named_activity.code)


# --- workspaces -------------------------------------------------------------------------------

PERIODS = mostly(
    st.builds(
        lambda start, days: (start, start + timedelta(days=days)), st.dates(TODAY - timedelta(days=700), TODAY + NEAR), st.integers(1, 800)
    ),
    st.one_of(
        st.tuples(DATES, DATES),
        st.builds(lambda start, days: (start, start + timedelta(days=days)), st.dates(TODAY - NEAR, TODAY + NEAR), st.integers(-30, 2500)),
    ),
)
LANGUAGES = mostly(st.sampled_from(["sv", "en"]), st.one_of(st.sampled_from(["", "de", "SV", " sv"]), st.none(), PADDED))


@property_settings(CREATE_WORKSPACE_EXAMPLES)
@given(
    city=TEXT_INPUT,
    municipality=OPTIONAL_INPUT,
    period=PERIODS,
    passphrase=mostly(st.just(PASSPHRASE), st.one_of(st.none(), PADDED)),
    language=LANGUAGES,
)
@example(city="Växjö\x00", municipality=None, period=(TODAY, TODAY + timedelta(days=400)), passphrase=PASSPHRASE, language="sv")
@example(city="Lund", municipality=None, period=(TODAY, TODAY + timedelta(days=400)), passphrase="lösen\ud800ord", language="sv")
def test_create_workspace(engine, workspace, city, municipality, period, passphrase, language):
    start, end = period
    outcome = attempt(
        engine,
        lambda: workspaces.create_workspace(engine, city, municipality, start, end, passphrase, language),
        {"workspace": 1, "audit_event": 1},
    )
    if outcome.ok:
        row = read(engine, Workspace, outcome.result.id)
        assert row.city == expected_text(city)
        assert row.municipality == expected_text(municipality or city)
        assert (row.period_start, row.period_end, row.language) == (start, end, language)
        assert PASSPHRASE not in row.passphrase_hash


@property_settings(UPDATE_WORKSPACE_EXAMPLES)
@given(city=TEXT_INPUT, municipality=TEXT_INPUT, period=PERIODS, language=LANGUAGES)
def test_update_workspace(engine, workspace, city, municipality, period, language):
    start, end = period
    outcome = attempt(
        engine, lambda: workspaces.update_workspace(engine, workspace.id, city, municipality, start, end, language), {"audit_event"}
    )
    if outcome.ok:
        row = read(engine, Workspace, workspace.id)
        assert (row.city, row.municipality) == (expected_text(city), expected_text(municipality))
        assert (row.period_start, row.period_end, row.language) == (start, end, language)


_clients = itertools.count()


@property_settings(UNLOCK_EXAMPLES)
@given(
    passphrase=mostly(st.just(PASSPHRASE), st.one_of(st.none(), PADDED, st.sampled_from([f" {PASSPHRASE}", PASSPHRASE.upper()]))),
    workspace_id=mostly(st.just("own"), st.one_of(st.none(), st.integers(-3, 10**6))),
)
@example(passphrase="hemlig\ud800fras", workspace_id="own")
@example(passphrase="hemlig\x00fras", workspace_id="own")
def test_unlock_workspace(engine, workspace, passphrase, workspace_id):
    """A wrong passphrase is counted (attempt) and logged (audit_event) by design; nothing else is written."""
    target = workspace.id if workspace_id == "own" else workspace_id
    client = f"client-{next(_clients)}"  # a fresh client each example: never throttled by earlier examples
    outcome = attempt(
        engine,
        lambda: workspaces.unlock_workspace(engine, target, passphrase, client=client),
        set(),
        refused_may_grow=frozenset({"attempt", "audit_event"}),
    )
    assert outcome.ok == (target == workspace.id and passphrase == PASSPHRASE)


@property_settings(THRESHOLD_EXAMPLES)
@given(threshold=number_input(1, 20))
def test_set_small_count_threshold(engine, workspace, threshold):
    outcome = attempt(engine, lambda: workspaces.set_small_count_threshold(engine, workspace.id, threshold), {"audit_event": 1})
    if outcome.ok:
        assert read(engine, Workspace, workspace.id).small_count_threshold == threshold


# --- members and candidates ---------------------------------------------------------------------

MEMBER_FIELDS = {
    "name": TEXT_INPUT,
    "organisation": TEXT_INPUT,
    "sector": st.deferred(lambda: choice_or_text(vocab("sectors"))),
    "role": OPTIONAL_INPUT,
    "level": st.deferred(lambda: choice_or_text(vocab("member_levels"), optional=True)),
    "personality_type": st.deferred(lambda: choice_or_text(vocab("personality_types"), optional=True)),
    "child_youth_perspective": st.booleans(),
}


def assert_member_stored(row: Member, values: dict[str, object]) -> None:
    assert row.name == expected_text(values["name"])
    assert row.organisation == expected_text(values["organisation"])
    assert row.role == expected_text(values["role"])
    assert (row.sector, row.level or None, row.personality_type or None) == (
        values["sector"],
        values["level"] or None,
        values["personality_type"] or None,
    )
    assert row.child_youth_perspective == values["child_youth_perspective"]


@property_settings(ADD_MEMBER_EXAMPLES)
@given(values=st.fixed_dictionaries(MEMBER_FIELDS))
@example(
    values={
        "name": "Anna\u202e",
        "organisation": "Polisen",
        "sector": "polis",
        "role": "",
        "level": None,
        "personality_type": None,
        "child_youth_perspective": False,
    }
)
def test_add_member(engine, workspace, values):
    outcome = attempt(engine, lambda: members.add_member(engine, workspace.id, **values), {"member": 1, "audit_event": 1})
    if outcome.ok:
        assert outcome.result.id is not None
        assert_member_stored(read(engine, Member, outcome.result.id), values)


@property_settings(UPDATE_MEMBER_EXAMPLES)
@given(values=st.fixed_dictionaries(MEMBER_FIELDS))
def test_update_member(engine, workspace, member, values):
    outcome = attempt(engine, lambda: members.update_member(engine, workspace.id, member.id, **values), {"audit_event"})
    if outcome.ok:
        assert outcome.result.id == member.id
        assert_member_stored(read(engine, Member, member.id), values)


CHECK_KEYS = ["b01", "b02", "b03", "d01", "d02", "d03"]


@property_settings(CANDIDATE_EXAMPLES)
@given(
    values=st.fixed_dictionaries(
        {
            "name": TEXT_INPUT,
            "organisation": TEXT_INPUT,
            "sector": st.deferred(lambda: choice_or_text(vocab("sectors"))),
            "personality_type": st.deferred(lambda: choice_or_text(vocab("personality_types"), optional=True)),
            "checks": mostly(
                st.lists(st.sampled_from(CHECK_KEYS), max_size=8), st.lists(st.one_of(st.sampled_from(CHECK_KEYS), PADDED), max_size=8)
            ),
            "status": choice_or_text(list(candidates.STATUSES)),
            "note": OPTIONAL_INPUT,
        }
    ),
    update=st.booleans(),
)
def test_save_candidate(engine, workspace, candidate, values, update):
    candidate_id = candidate.id if update else None
    grows = {"audit_event": 1} if update else {"candidate": 1, "audit_event": 1}
    outcome = attempt(engine, lambda: candidates.save_candidate(engine, workspace.id, candidate_id=candidate_id, **values), grows)
    if outcome.ok:
        row = read(engine, Candidate, outcome.result.id)
        assert (row.name, row.organisation) == (expected_text(values["name"]), expected_text(values["organisation"]))
        assert (row.sector, row.personality_type or None, row.status) == (
            values["sector"],
            values["personality_type"] or None,
            values["status"],
        )
        assert row.checks == sorted(set(values["checks"]))
        assert row.note == expected_text(values["note"])


# --- responses ------------------------------------------------------------------------------------

SHAPES = {  # shape: (step, section, a prompt)
    "text": ("step0", "staden", "mojligheter"),
    "score": ("step0", "redo", "behov"),
    "yes_no": ("step0", "riktning", "g01"),
    "levels": ("step3", "nivaer", "initial_niva"),
    "checklist": ("step0", "infor_steg1", "grundkunskap"),
    "postits": ("step1", "modig_miljo", "fraga_1"),
}
ANSWERS = st.builds(Answer, value_bool=st.one_of(st.none(), st.booleans()), value_int=NUMBERS, value_int2=NUMBERS, text=TEXT_OR_NONE)
FORM_ANSWERS = {  # what each shape's widgets give
    "text": st.builds(Answer, text=OPTIONAL_INPUT),
    "postits": st.builds(Answer, text=OPTIONAL_INPUT),
    "score": st.builds(Answer, value_int=number_input(1, 5, optional=True), text=OPTIONAL_INPUT),
    "yes_no": st.builds(Answer, value_bool=st.one_of(st.none(), st.booleans()), text=OPTIONAL_INPUT),
    "levels": st.builds(Answer, value_int=number_input(1, 4, optional=True), value_int2=number_input(1, 4, optional=True)),
    "checklist": st.builds(Answer, value_bool=st.sampled_from([True, None])),
}


def assert_answer_stored(engine: Engine, key: dict[str, object], answer: Answer) -> None:
    with Session(engine) as session:
        row = session.scalar(select(Response).filter_by(**key))
    if answer.is_empty():
        assert row is None
        return
    assert row is not None
    assert (row.value_bool, row.value_int, row.value_int2) == (answer.value_bool, answer.value_int, answer.value_int2)
    assert row.text == (expected_text(answer.text) or None)


def for_every_shape(answer: Answer) -> dict[str, Answer]:
    return dict.fromkeys(SHAPES, answer)


@pytest.mark.parametrize("shape", list(SHAPES))
@property_settings(ANSWERS_EXAMPLES)
@given(
    prompt=mostly(st.just("own"), st.one_of(st.just(NOTES_PROMPT), PADDED)),
    session_date=SESSION_DATE,
    answers=st.fixed_dictionaries({shape: mostly(form, ANSWERS) for shape, form in FORM_ANSWERS.items()}),
)
@example(prompt="own", session_date=TODAY, answers=for_every_shape(Answer(value_int=2**63)))  # a number where the shape has none
@example(prompt="own", session_date=TODAY, answers=for_every_shape(Answer(value_int2=2**31)))
@example(prompt=NOTES_PROMPT, session_date=TODAY, answers=for_every_shape(Answer(value_int=10**100, text="Anteckning")))
def test_save_answers(engine, workspace, shape, prompt, session_date, answers):
    """`answers` holds one answer per shape (a form's, or anything); the test's shape uses its own."""
    step, section, own_prompt = SHAPES[shape]
    answer = answers[shape]
    prompt_key = own_prompt if prompt == "own" else prompt
    outcome = attempt(
        engine,
        lambda: save_answers(engine, workspace.id, step, section, GROUP, session_date, {prompt_key: answer}),
        {"response", "audit_event"},
    )
    if outcome.ok:
        key = {
            "workspace_id": workspace.id,
            "step_key": step,
            "section_key": section,
            "prompt_key": prompt_key,
            "respondent": GROUP,
            "session_date": session_date,
        }
        assert outcome.result.saved + outcome.result.unchanged == 1  # one prompt: written or already so
        assert_answer_stored(engine, key, answer)


# --- live -----------------------------------------------------------------------------------------

LIVE_SECTIONS = [("step0", "redo"), ("step0", "staden"), ("step0", "riktning"), ("step0", "karngruppen")]


@property_settings(OPEN_ACTIVITY_EXAMPLES)
@given(
    section=mostly(st.sampled_from(LIVE_SECTIONS[:3]), st.sampled_from(LIVE_SECTIONS)),
    session_date=SESSION_DATE,
    identity_mode=choice_or_text(list(live.IDENTITY_MODES)),
)
def test_open_activity(engine, workspace, section, session_date, identity_mode):
    step, section_key = section
    outcome = attempt(
        engine,
        lambda: live.open_activity(engine, workspace.id, step, section_key, session_date, identity_mode),
        {"live_activity": 1, "audit_event": 1},
    )
    if outcome.ok:
        row = read(engine, LiveActivity, outcome.result.id)
        assert (row.step_key, row.section_key, row.session_date, row.identity_mode) == (step, section_key, session_date, identity_mode)
        live.close_activity(engine, workspace.id, row.id)  # the next example opens its own


@property_settings(JOIN_EXAMPLES)
@given(display_name=OPTIONAL_INPUT, organisation=OPTIONAL_INPUT)
@example(display_name="", organisation="Polisen")
@example(display_name="Bo", organisation="Polisen\x00")
def test_join_named(engine, named_activity, display_name, organisation):
    outcome = attempt(
        engine, lambda: live.join(engine, named_activity.code, display_name, organisation), {"participant": 1, "audit_event": 1}
    )
    if outcome.ok:
        row = read(engine, Participant, outcome.result.id)
        assert row.display_name == (expected_text(display_name) or None)
        assert row.organisation == (expected_text(organisation) or None)
        assert row.member_id is None


@property_settings(SUBMIT_EXAMPLES)
@given(
    answer=mostly(FORM_ANSWERS["score"], ANSWERS),
    code=mostly(st.sampled_from(["own", "own-lower"]), PADDED),
    token=mostly(st.just("own"), PADDED),
)
@example(answer=Answer(value_int=3), code="own", token="own\x00")
@example(answer=Answer(value_int=3), code="own", token="\ud800")
def test_submit(engine, named_activity, participant, answer, code, token):
    typed_code = {"own": named_activity.code, "own-lower": f" {named_activity.code.lower()[:3]}-{named_activity.code[3:]}"}.get(code, code)
    typed_token = participant.token if token == "own" else token
    outcome = attempt(engine, lambda: live.submit(engine, typed_code, typed_token, {"behov": answer}), {"response", "audit_event"})
    if outcome.ok:
        key = {
            "workspace_id": named_activity.workspace_id,
            "step_key": "step0",
            "section_key": "redo",
            "prompt_key": "behov",
            "respondent": participant.respondent,
            "session_date": named_activity.session_date,
        }
        assert outcome.result.saved + outcome.result.unchanged == 1  # one prompt: written or already so
        assert_answer_stored(engine, key, answer)


CODES = st.one_of(st.just("own"), st.just("own-spaced"), TEXT_OR_NONE, st.text(alphabet=live.CODE_ALPHABET + "-  abc", max_size=8))


def typed(code: str | None, activity: live.ActivityInfo) -> str | None:
    return {"own": activity.code, "own-spaced": f"{activity.code[:3].lower()} - {activity.code[3:]}"}.get(code, code)  # type: ignore[arg-type]


@property_settings(FIND_CODE_EXAMPLES)
@given(code=CODES, must_be_open=st.booleans())
def test_find_by_code(engine, named_activity, code, must_be_open):
    typed_code = typed(code, named_activity)
    outcome = attempt(engine, lambda: live.find_by_code(engine, typed_code, must_be_open=must_be_open), set())
    assert outcome.ok == (live.normalise_code(typed_code) == named_activity.code)


@property_settings(FIND_CODE_CLIENT_EXAMPLES)
@given(code=CODES)
def test_find_by_code_throttled(engine, named_activity, monkeypatch, code):
    """With a guesser, a wrong code is counted in `attempt` (the throttle) and nothing else is written; a right one writes nothing."""
    monkeypatch.setattr(live, "WRONG_CODE_DELAY_SECONDS", 0)
    typed_code = typed(code, named_activity)
    guesser = live.Guesser("property-client", "property-session")
    outcome = attempt(
        engine, lambda: live.find_by_code(engine, typed_code, guesser=guesser), set(), refused_may_grow=frozenset({"attempt"})
    )
    assert outcome.ok == (live.normalise_code(typed_code) == named_activity.code) or outcome.error.key == "too_many_codes"


@property_settings(TOKEN_EXAMPLES)
@given(token=st.one_of(st.just("own"), TEXT_OR_NONE, st.sampled_from(["\x00", "a\x00b", "\ud800", "x" * 20_000])))
@example(token="\x00")
@example(token="\ud800")
def test_participant_token(engine, named_activity, participant, token):
    """The token comes from the address bar (?token=…): anything there is a stranger, never an error."""
    typed_token = participant.token if token == "own" else token
    found = attempt(engine, lambda: live.participant_for(engine, named_activity.code, typed_token), set())
    assert found.ok and (found.result is not None) == (typed_token == participant.token)
    mine = attempt(engine, lambda: live.my_answers(engine, named_activity.code, typed_token), set())
    assert mine.ok


# --- mind map, mapping, stakeholders, ice breaker -----------------------------------------------


@pytest.fixture
def group_node(engine, workspace):
    return mindmap.add_node(engine, workspace.id, "group", "Unga")


@property_settings(NODE_EXAMPLES)
@given(kind=choice_or_text(list(mindmap.KINDS)), label=TEXT_INPUT, parent=mostly(st.sampled_from([None, "group"]), st.integers(-3, 10**6)))
def test_add_node(engine, workspace, group_node, kind, label, parent):
    parent_id = group_node if parent == "group" else parent
    outcome = attempt(engine, lambda: mindmap.add_node(engine, workspace.id, kind, label, parent_id), {"mindmap_node": 1, "audit_event": 1})
    if outcome.ok:
        row = read(engine, MindmapNode, outcome.result)
        assert (row.kind, row.label, row.parent_id) == (kind, expected_text(label), parent_id)


PLAN_CATEGORIES = ["offentligt_material", "underrattelse", "internet", "branscher_kontaktyta", "branschspecifik"]


@property_settings(PLAN_EXAMPLES)
@given(
    categories=mostly(
        st.lists(st.sampled_from(PLAN_CATEGORIES), max_size=6), st.lists(st.one_of(st.sampled_from(PLAN_CATEGORIES), PADDED), max_size=6)
    ),
    contact_method=choice_or_text(["traff", "telefon", "digitalt_formular"], optional=True),
    report_format=choice_or_text(["enkel_sammanstallning", "presentation", "rapport"], optional=True),
    notes=OPTIONAL_INPUT,
)
def test_save_mapping_plan(engine, workspace, categories, contact_method, report_format, notes):
    outcome = attempt(
        engine,
        lambda: mapping.save_mapping_plan(engine, workspace.id, categories, contact_method, report_format, notes),
        {"mapping_plan", "audit_event"},
    )
    if outcome.ok:
        with Session(engine) as session:
            row = session.scalar(select(MappingPlan).where(MappingPlan.workspace_id == workspace.id))
        assert row is not None
        assert row.categories == [c for c in PLAN_CATEGORIES if c in categories]
        assert (row.contact_method, row.report_format) == (contact_method or None, report_format or None)
        assert row.notes == expected_text(notes)


@property_settings(TASK_EXAMPLES)
@given(
    title=TEXT_INPUT,
    owner=OPTIONAL_INPUT,
    deadline=mostly(st.one_of(st.none(), SESSION_DATE), DATES),
    category=choice_or_text(PLAN_CATEGORIES, optional=True),
)
def test_add_task(engine, workspace, title, owner, deadline, category):
    outcome = attempt(
        engine, lambda: mapping.add_task(engine, workspace.id, title, owner, deadline, category), {"task": 1, "audit_event": 1}
    )
    if outcome.ok:
        row = read(engine, Task, outcome.result.id)
        assert (row.title, row.owner) == (expected_text(title), expected_text(owner))
        assert (row.deadline, row.category) == (deadline, category or None)


@property_settings(ACTOR_EXAMPLES)
@given(name=TEXT_INPUT, sector=st.deferred(lambda: choice_or_text(vocab("sectors"))))
def test_add_actor(engine, workspace, name, sector):
    outcome = attempt(engine, lambda: stakeholders.add_actor(engine, workspace.id, name, sector), {"actor": 1, "audit_event": 1})
    if outcome.ok:
        row = read(engine, Actor, outcome.result.id)
        assert (row.name, row.sector) == (expected_text(name), sector)


@property_settings(LEVELS_EXAMPLES)
@given(current=number_input(1, 4, optional=True), wanted=number_input(1, 4, optional=True), notes=OPTIONAL_INPUT)
def test_set_levels(engine, workspace, actor, current, wanted, notes):
    outcome = attempt(engine, lambda: stakeholders.set_levels(engine, workspace.id, actor.id, current, wanted, notes), {"audit_event"})
    if outcome.ok:
        row = read(engine, Actor, actor.id)
        assert (row.current_level, row.wanted_level, row.level_notes) == (current, wanted, expected_text(notes))


@property_settings(ASSESSMENT_EXAMPLES)
@given(
    assessed_on=PAST_DATE,
    influence=number_input(1, 5),
    support=number_input(1, 5),
    texts=st.fixed_dictionaries(
        {k: mostly(st.one_of(TYPED, st.just("")), TEXT_OR_NONE) for k in ("reason", "action", "result", "contact_role", "comment")}
    ),
)
def test_add_assessment(engine, workspace, actor, assessed_on, influence, support, texts):
    outcome = attempt(
        engine,
        lambda: stakeholders.add_assessment(engine, workspace.id, actor.id, assessed_on, influence, support, **texts),
        {"actor_assessment": 1, "audit_event": 1},
    )
    if outcome.ok:
        row = read(engine, ActorAssessment, outcome.result)
        assert (row.assessed_on, row.influence, row.support) == (assessed_on, influence, support)
        assert {k: getattr(row, k) for k in texts} == {k: expected_text(v) for k, v in texts.items()}


@property_settings(QUESTION_EXAMPLES)
@given(question=TEXT_INPUT)
def test_add_question(engine, workspace, question):
    outcome = attempt(engine, lambda: icebreaker.add_question(engine, workspace.id, question), {"icebreaker_question": 1, "audit_event": 1})
    if outcome.ok:
        with Session(engine) as session:
            stored = session.scalars(select(IcebreakerQuestion.text).order_by(IcebreakerQuestion.id.desc()).limit(1)).one()
        assert stored == expected_text(question)


# --- indicator survey -----------------------------------------------------------------------------


def survey_keys() -> list[str]:
    return [key for keys in indicators.categories().values() for key in keys]


SURVEY_ANSWERS = st.deferred(
    lambda: mostly(
        st.dictionaries(st.sampled_from(survey_keys()), st.one_of(st.none(), st.integers(1, 5)), max_size=12),
        st.dictionaries(st.one_of(st.sampled_from(survey_keys()), PADDED), NUMBERS, max_size=6),
    )
)


@property_settings(SURVEY_EXAMPLES)
@given(
    organisation=TEXT_INPUT,
    sector=st.deferred(lambda: choice_or_text(vocab("sectors"))),
    surveyed_on=PAST_DATE,
    method=choice_or_text(list(indicators.METHODS)),
    answers=SURVEY_ANSWERS,
)
def test_save_survey(engine, workspace, organisation, sector, surveyed_on, method, answers):
    outcome = attempt(
        engine,
        lambda: indicators.save_survey(engine, workspace.id, organisation, sector, surveyed_on, method, answers),
        {"indicator_survey": 1, "audit_event": 1},
    )
    if outcome.ok:
        row = read(engine, IndicatorSurvey, outcome.result)
        assert (row.organisation, row.sector, row.surveyed_on, row.method) == (expected_text(organisation), sector, surveyed_on, method)
        assert row.answers == answers


@pytest.fixture
def survey_link(engine, workspace):
    return indicators.create_link(engine, workspace.id, "Hotell")


@property_settings(LINK_EXAMPLES)
@given(
    token=mostly(st.just("own"), st.one_of(TEXT_OR_NONE, st.sampled_from(["\x00", "a\x00b", "\ud800"]))),
    organisation=TEXT_INPUT,
    submission_key=st.one_of(st.none(), st.uuids().map(str)),
)
@example(token="\x00", organisation="Hotellet", submission_key=None)
@example(token="\ud800", organisation="Hotellet", submission_key=None)
def test_survey_link_token(engine, workspace, survey_link, token, organisation, submission_key):
    """The survey link's token comes from the address bar: anything else than an open link is an InputError."""
    typed_token = survey_link.token if token == "own" else token
    found = attempt(engine, lambda: indicators.link_by_token(engine, typed_token), set())
    assert found.ok == (typed_token == survey_link.token)
    attempt(
        engine,
        lambda: indicators.submit_via_link(
            engine, typed_token, organisation, "naringsliv", TODAY, {}, submission_key=submission_key or None
        ),
        {"indicator_survey", "audit_event"},
    )


# --- ad log ---------------------------------------------------------------------------------------

OBSERVATIONS = st.builds(
    ads.Observation,
    observed_on=PAST_DATE,
    site=TEXT_INPUT,
    ads_count=number_input(10, 50),
    origins=st.dictionaries(st.sampled_from(ads.ORIGINS), number_input(0, 2), max_size=4),
    flags=st.dictionaries(st.sampled_from(ads.FLAGS), st.booleans(), max_size=4),
    advertiser_reference=OPTIONAL_INPUT,
)


@property_settings(OBSERVATION_EXAMPLES)
@given(observation=OBSERVATIONS)
@example(observation=ads.Observation(TODAY, "escortsida.example", 3, {}, {}, advertiser_reference="ref\ud800"))
def test_record_observation(engine, workspace, observation):
    outcome = attempt(
        engine, lambda: ads.record_observation(engine, workspace.id, observation, key=HASH_KEY), {"ad_observation": 1, "audit_event": 1}
    )
    if outcome.ok:
        row = read(engine, AdObservation, outcome.result)
        assert (row.observed_on, row.site, row.ads_count) == (
            observation.observed_on,
            expected_text(observation.site),
            observation.ads_count,
        )
        assert {o: getattr(row, f"origin_{o}") for o in ads.ORIGINS} == {o: observation.origins.get(o, 0) for o in ads.ORIGINS}
        assert {f: getattr(row, f"flag_{f}") for f in ads.FLAGS} == {f: observation.flags.get(f, False) for f in ads.FLAGS}
        reference = expected_text(observation.advertiser_reference)
        kept = reference and observation.observed_on >= TODAY - timedelta(days=ads.RETENTION_DAYS)
        assert row.advertiser_hash == (ads.keyed_hash(reference, HASH_KEY) if kept else None)


# --- statistics and offences --------------------------------------------------------------------

INCIDENTS = st.builds(
    statistics.IncidentInput,
    occurred_on=PAST_DATE,
    exploitation_form=st.deferred(lambda: choice_or_text(vocab("exploitation_forms"))),
    reporting_sector=st.deferred(lambda: choice_or_text(vocab("sectors"))),
    police_contacted=st.booleans(),
    social_services_contacted=st.booleans(),
    persons=number_input(0, 9),
    support_conversations=number_input(0, 9),
    long_term_support=number_input(0, 9),
    referrals=number_input(0, 9),
    note=OPTIONAL_INPUT,
)


@property_settings(INCIDENT_EXAMPLES)
@given(incident=INCIDENTS)
@example(incident=statistics.IncidentInput(TODAY, "sexual", "polis", note="Hotellet\x00"))
@example(incident=statistics.IncidentInput(TODAY, "sexual", "polis", note="rad\ud800"))
def test_record_incident(engine, workspace, incident):
    outcome = attempt(engine, lambda: statistics.record_incident(engine, workspace.id, incident), {"incident": 1, "audit_event": 1})
    if outcome.ok:
        incident_id, _warnings = outcome.result
        row = read(engine, Incident, incident_id)
        assert (row.occurred_on, row.exploitation_form, row.reporting_sector) == (
            incident.occurred_on,
            incident.exploitation_form,
            incident.reporting_sector,
        )
        assert (row.police_contacted, row.social_services_contacted) == (incident.police_contacted, incident.social_services_contacted)
        assert (row.persons, row.support_conversations, row.long_term_support, row.referrals) == (
            incident.persons,
            incident.support_conversations,
            incident.long_term_support,
            incident.referrals,
        )
        assert row.note == expected_text(incident.note)


@property_settings(SET_YEAR_EXAMPLES)
@given(
    year=mostly(FORM_YEARS, YEARS),
    values=mostly(
        st.dictionaries(st.sampled_from(statistics.SERIES), st.one_of(st.none(), st.integers(0, 500)), max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(statistics.SERIES), PADDED), NUMBERS, max_size=5),
    ),
    preliminary=st.booleans(),
)
def test_set_year(engine, workspace, year, values, preliminary):
    outcome = attempt(
        engine, lambda: statistics.set_year(engine, workspace.id, year, values, preliminary), {"yearly_statistic", "audit_event"}
    )
    if outcome.ok:
        with Session(engine) as session:
            row = session.scalar(select(YearlyStatistic).where(YearlyStatistic.workspace_id == workspace.id, YearlyStatistic.year == year))
        assert row is not None and row.preliminary == preliminary
        assert all(getattr(row, series) == value for series, value in values.items() if value is not None)


@property_settings(SET_COUNTS_EXAMPLES)
@given(
    year=mostly(FORM_YEARS, YEARS),
    counts=st.deferred(
        lambda: mostly(
            st.dictionaries(st.sampled_from(list(offences.offence_categories())), st.one_of(st.none(), st.integers(0, 500)), max_size=5),
            st.dictionaries(st.one_of(st.sampled_from(list(offences.offence_categories())), PADDED), NUMBERS, max_size=5),
        )
    ),
)
def test_set_counts(engine, workspace, year, counts):
    outcome = attempt(engine, lambda: offences.set_counts(engine, workspace.id, year, counts), {"offence_count", "audit_event"})
    if outcome.ok:
        with Session(engine) as session:
            stored = dict(
                session.execute(
                    select(OffenceCount.category, OffenceCount.count).where(
                        OffenceCount.workspace_id == workspace.id, OffenceCount.year == year
                    )
                ).all()
            )
        assert all(stored[category] == value for category, value in counts.items() if value is not None)


# --- imports: arbitrary files ---------------------------------------------------------------------

CELL_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "2020",
            "2021",
            str(TODAY.year),
            str(TODAY.year + 1),
            "1999",
            "1989",
            "--5",
            "-5",
            "- 5",
            "²",
            "٣",
            "٣٤",
            "８",
            "1 234",
            "1\u00a0234",
            "12.0",
            "12,0",
            "1e3",
            "0x10",
            "9" * 5000,
            "ja",
            "nej",
            "x",
            "nan",
            "NaN",
            "None",
            "\x00",
            "=1+1",
            '"',
            ";",
            ",",
            "\n",
        ]
    ),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)
STATISTICS_HEADERS = [
    "år",
    "År",
    "year",
    "Incidenter",
    "Personer",
    "persons",
    "Stödsamtal",
    "long_term_support",
    "preliminär",
    "Preliminary",
    "okänd",
    "",
]
OFFENCE_HEADERS = ["år", "ar", "Year", "manniskohandel", "koppleri", "Människohandel", "kop_av_sexuell_tjanst", "okänd", ""]


def csv_bytes(header: list[str], rows: list[list[str]], separator: str, encoding: str) -> bytes:
    lines = [separator.join(header), *(separator.join(row) for row in rows)]
    return "\n".join(lines).encode(encoding, errors="replace")


def xlsx_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([_excel_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_cell(value: str) -> object:
    cleaned = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")  # openpyxl refuses other control characters
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() and len(cleaned) < 10 else cleaned


@st.composite
def wild_files(draw: st.DrawFn, headers: list[str]) -> tuple[bytes, str]:
    """Arbitrary bytes, or a CSV/Excel file of arbitrary cells under likely and unlikely headers."""
    kind = draw(st.sampled_from(["bytes", "csv", "csv", "xlsx"]))
    if kind == "bytes":
        data = draw(st.one_of(st.binary(max_size=400), st.binary(max_size=20).map(lambda b: b"\xef\xbb\xbf" + b)))
        return data, draw(st.sampled_from(["import.csv", "IMPORT.CSV", "import.xlsx", "import.xls", "import.txt", "import"]))
    header = draw(st.lists(st.one_of(st.sampled_from(headers), CELL_TEXT), min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(CELL_TEXT, min_size=len(header), max_size=len(header)), max_size=4))
    if kind == "xlsx":
        return xlsx_bytes(header, rows), "import.xlsx"
    separator = draw(st.sampled_from([";", ","]))
    return csv_bytes(header, rows, separator, draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))), "import.csv"


@st.composite
def good_files(draw: st.DrawFn, columns: list[str]) -> tuple[bytes, str]:
    """A file as the template has it: år and some known columns, one row per year, whole numbers or empty cells."""
    header = ["år", *draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns), unique=True))]
    years = draw(st.lists(st.integers(2000, TODAY.year), min_size=1, max_size=4, unique=True))
    cell = st.one_of(st.integers(0, 500).map(str), st.just(""))
    rows = [
        [str(year), *(draw(st.sampled_from(["ja", "nej", ""])) if name == "preliminär" else draw(cell) for name in header[1:])]
        for year in years
    ]
    if draw(st.booleans()):
        return xlsx_bytes(header, rows), "import.xlsx"
    return csv_bytes(header, rows, draw(st.sampled_from([";", ","])), draw(st.sampled_from(["utf-8-sig", "cp1252"]))), "import.csv"


def import_files(headers: list[str], columns: list[str]) -> st.SearchStrategy[tuple[bytes, str]]:
    return st.sampled_from([False, True]).flatmap(lambda wild: wild_files(headers) if wild else good_files(columns))


@property_settings(PREVIEW_EXAMPLES)
@given(file=import_files(STATISTICS_HEADERS, [*statistics.SERIES, "Personer", "preliminär"]))
@example(file=(b"\xc3\xa5r;Personer\n2020;--5\n", "import.csv"))
@example(file=("år;Personer\n2020;²\n".encode(), "import.csv"))
@example(file=(f"år;Personer\n2020;{'9' * 5000}\n".encode(), "import.csv"))
def test_preview_years(engine, workspace, file):
    data, filename = file
    outcome = attempt(engine, lambda: statistics.preview_years(engine, workspace.id, data, filename), set())
    assert outcome.ok <= isinstance(outcome.result, ImportPreview)


@property_settings(PREVIEW_EXAMPLES)
@given(file=st.deferred(lambda: import_files(OFFENCE_HEADERS, list(offences.offence_categories()))))
@example(file=(b"\xc3\xa5r;koppleri\n2020;--5\n", "import.csv"))
@example(file=("år;koppleri\n2020;²\n".encode(), "import.csv"))
@example(file=("år;koppleri\n--2020;1\n".encode(), "import.csv"))
@example(file=(f"år;koppleri\n2020;{'9' * 5000}\n".encode(), "import.csv"))
def test_preview_counts(engine, workspace, file):
    data, filename = file
    outcome = attempt(engine, lambda: offences.preview_counts(engine, workspace.id, data, filename), set())
    assert outcome.ok <= isinstance(outcome.result, ImportPreview)
