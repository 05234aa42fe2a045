from datetime import date

import pandas as pd
import plotly.graph_objects as go

from sff_core.charts import agreement_bars, personality_bars, plain, readiness_radar
from sff_core.content import get_content
from sff_core.exercises import yes_no_summary
from sff_core.readiness import summarise
from sff_core.responses import GROUP, RESPONSE_COLUMNS

SECTION = get_content().section("step0", "redo")
KEYS = [p.key for p in SECTION.prompts]
LABELS = {k: k.upper() for k in KEYS}


def _frame(rows, value_column="value_int"):
    data = []
    for respondent, key, value in rows:
        row = dict.fromkeys(RESPONSE_COLUMNS)
        row.update({"prompt_key": key, "respondent": respondent, "session_date": date(2026, 10, 6),
                    value_column: value})
        data.append(row)
    return pd.DataFrame(data, columns=RESPONSE_COLUMNS)


def test_radar_has_band_respondents_and_group_mean():
    rows = [("member:1", k, 2) for k in KEYS] + [("member:2", k, 4) for k in KEYS]
    fig = readiness_radar(summarise(SECTION, _frame(rows)), LABELS, {"member:1": "Anna", "member:2": "Bo"})
    assert isinstance(fig, go.Figure)
    names = [trace.name for trace in fig.data]
    assert names == ["Max", "Spridning (min–max)", "Anna", "Bo", "Gruppens medelvärde"]
    band_high, band_low, anna, bo, mean = fig.data
    assert list(band_high.r) == [4] * 8 and list(band_low.r) == [2] * 8
    assert band_low.fill == "tonext"
    assert list(anna.r) == [2] * 8 and list(bo.r) == [4] * 8
    assert list(mean.r) == [3.0] * 8
    assert [x.replace("<br>", " ") for x in mean.theta[:7]] == [LABELS[k] for k in KEYS]
    assert mean.theta[7] == mean.theta[0]
    assert fig.layout.polar.radialaxis.range == (0, 5)


def test_radar_names_the_consensus_line():
    rows = [("member:1", k, 2) for k in KEYS] + [(GROUP, k, 3) for k in KEYS]
    fig = readiness_radar(summarise(SECTION, _frame(rows)), LABELS, {}, lang="en")
    assert fig.data[-1].name == "Group value (consensus)"
    assert list(fig.data[-1].r) == [3.0] * 8


def test_radar_of_empty_input_has_no_traces():
    fig = readiness_radar(summarise(SECTION, _frame([])), LABELS, {})
    assert len(fig.data) == 0
    assert fig.layout.title.text


def test_radar_escapes_names():
    rows = [("member:1", k, 2) for k in KEYS]
    fig = readiness_radar(summarise(SECTION, _frame(rows)), LABELS, {"member:1": "<b>Anna</b>"})
    assert "<b>" not in fig.data[2].name and "&lt;b&gt;" in fig.data[2].name
    assert plain("a < b") == "a &lt; b"


def test_projector_mode_enlarges_type():
    summary = summarise(SECTION, _frame([("member:1", k, 2) for k in KEYS]))
    normal = readiness_radar(summary, LABELS, {})
    projected = readiness_radar(summary, LABELS, {}, projector=True)
    assert projected.layout.font.size > normal.layout.font.size
    assert projected.layout.height <= 560  # fits a 1280x720 wall next to the verdict


def test_agreement_bars_count_yes_and_no():
    section = get_content().section("step0", "engagemang")
    frame = _frame([("member:1", "s01", True), ("member:2", "s01", False), ("member:1", "s02", True)], "value_bool")
    summary = yes_no_summary(section, frame)
    assert summary.loc[0, ["yes", "no", "answered"]].tolist() == [1, 1, 2]
    assert summary.loc[1, ["yes", "no"]].tolist() == [1, 0]
    assert summary.loc[6, "answered"] == 0
    fig = agreement_bars(summary)
    assert [t.name for t in fig.data] == ["Ja", "Nej"]
    assert list(fig.data[0].x)[:2] == [1, 1]
    assert len(fig.data[0].y) == 7


def test_personality_bars_grey_out_missing_types():
    fig = personality_bars({"visionaren": 2, "strategen": 0}, {"visionaren": "Visionären", "strategen": "Strategen"})
    assert list(fig.data[0].x) == [2, 0]
    assert list(fig.data[0].y) == ["Visionären", "Strategen"]
    assert fig.data[0].marker.color[1] == "#BBBBBB"
