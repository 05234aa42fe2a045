from datetime import date

import pandas as pd
import pytest

from sff_core.content import get_content
from sff_core.members import add_member
from sff_core.readiness import CONTINUE, NOT_READY, agreed_session, readiness_summary, set_agreed_session, summarise, verdict_for
from sff_core.responses import GROUP, RESPONSE_COLUMNS, Answer, save_answers
from sff_core.workspaces import create_workspace

SECTION = get_content().section("step0", "redo")
KEYS = [p.key for p in SECTION.prompts]
DAY = date(2026, 10, 6)


def _frame(rows):
    return pd.DataFrame(
        [
            {
                "prompt_key": k,
                "respondent": r,
                "session_date": DAY,
                "value_bool": None,
                "value_int": v,
                "value_int2": None,
                "text": None,
                "updated_at": None,
            }
            for r, k, v in rows
        ],
        columns=RESPONSE_COLUMNS,
    )


@pytest.mark.parametrize(
    "total, verdict", [(20, NOT_READY), (20.0, NOT_READY), (21, CONTINUE), (20.1, CONTINUE), (7, NOT_READY), (35, CONTINUE)]
)
def test_verdict_threshold(total, verdict):
    assert verdict_for(total) == verdict


def test_empty_input():
    summary = summarise(SECTION, _frame([]))
    assert summary.respondents == ()
    assert summary.total is None and summary.verdict is None
    assert summary.missing == KEYS
    assert summary.weakest == []


def test_total_of_20_is_not_ready_and_21_continues():
    twenty = [3, 3, 3, 3, 3, 3, 2]
    summary = summarise(SECTION, _frame([("member:1", k, v) for k, v in zip(KEYS, twenty, strict=True)]))
    assert summary.total == 20 and summary.verdict == NOT_READY
    twenty_one = [3, 3, 3, 3, 3, 3, 3]
    summary = summarise(SECTION, _frame([("member:1", k, v) for k, v in zip(KEYS, twenty_one, strict=True)]))
    assert summary.total == 21 and summary.verdict == CONTINUE


def test_group_value_is_the_mean_with_min_max_band():
    rows = [("member:1", k, 2) for k in KEYS] + [("member:2", k, 4) for k in KEYS]
    rows[0] = ("member:1", KEYS[0], 1)
    summary = summarise(SECTION, _frame(rows))
    first = summary.dimensions[0]
    assert (first.low, first.high, first.mean) == (1, 4, 2.5)
    assert first.value == 3  # the mean 2.5 in whole points, rounded half up
    assert summary.total == 3 + 6 * 3
    assert summary.respondents == ("member:1", "member:2")
    assert summary.weakest[0] == KEYS[0]


def test_consensus_replaces_the_mean_per_dimension():
    rows = [("member:1", k, 2) for k in KEYS] + [(GROUP, KEYS[0], 5)]
    summary = summarise(SECTION, _frame(rows))
    assert summary.uses_consensus
    assert summary.dimensions[0].value == 5 and summary.dimensions[1].value == 2
    assert summary.total == 5 + 6 * 2
    assert GROUP not in summary.respondents


def test_incomplete_assessment_has_no_total():
    summary = summarise(SECTION, _frame([("member:1", k, 4) for k in KEYS[:5]]))
    assert summary.total is None
    assert summary.missing == KEYS[5:]


def test_service_reads_the_latest_session(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    member = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst")
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, date(2026, 9, 1), {k: Answer(value_int=2) for k in KEYS})
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, DAY, {k: Answer(value_int=4) for k in KEYS})
    latest = readiness_summary(engine, workspace.id)
    assert latest.session_date == DAY and latest.total == 28 and latest.verdict == CONTINUE
    first = readiness_summary(engine, workspace.id, date(2026, 9, 1))
    assert first.total == 14 and first.verdict == NOT_READY
    assert readiness_summary(engine, workspace.id, date(2020, 1, 1)).total is None


def test_totals_are_whole_points_and_the_verdict_follows_them():
    rows = [(f"member:{i}", k, 3) for i in range(25) for k in KEYS[:6]]
    rows += [(f"member:{i}", KEYS[6], 3 if i == 0 else 2) for i in range(25)]  # mean 2.04 is 2 points
    summary = summarise(SECTION, _frame(rows))
    assert summary.total == 20 and isinstance(summary.total, int) and summary.verdict == NOT_READY


def test_the_agreed_work_session_counts_not_a_later_trial(engine):
    workspace = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    member = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst")
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, date(2026, 9, 1), {k: Answer(value_int=4) for k in KEYS})
    set_agreed_session(engine, workspace.id, date(2026, 9, 1))
    save_answers(engine, workspace.id, "step0", "redo", member.respondent, date(2026, 10, 1), {KEYS[0]: Answer(value_int=1)})
    assert readiness_summary(engine, workspace.id).session_date == date(2026, 9, 1)  # the trial does not replace it
    assert readiness_summary(engine, workspace.id).total == 28
    set_agreed_session(engine, workspace.id, date(2026, 10, 1))
    assert agreed_session(engine, workspace.id) == date(2026, 10, 1)
