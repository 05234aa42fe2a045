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
        row.update({"prompt_key": key, "respondent": respondent, "session_date": date(2026, 10, 6), value_column: value})
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


def test_indicator_bars_and_heatmap_show_n():
    from sff_core.charts import indicator_bars, indicator_heatmap

    table = pd.DataFrame(
        [
            {"category": "generella", "sector": "naringsliv", "mean": 2.5, "n": 2},
            {"category": "tiggeri", "sector": "naringsliv", "mean": 1.0, "n": 1},
            {"category": "generella", "sector": "polis", "mean": 4.0, "n": 3},
        ]
    )
    categories = {"generella": "Generella", "tiggeri": "Tiggeri"}
    sectors = {"naringsliv": "Näringsliv", "polis": "Polis"}
    bars = indicator_bars(table, categories, sectors)
    assert [trace.name for trace in bars.data] == ["Näringsliv", "Polis"]
    first = bars.data[0]
    assert list(first.customdata) == [2.5, 1.0] and first.base == 1  # bars rise from the scale's floor, 1
    assert [first.base + y for y in first.y] == [2.5, 1.0] and bars.layout.yaxis.range[0] == 1
    assert list(first.text) == ["n=2*", "n=1*"] and list(first.marker.pattern.shape) == ["/", "/"]  # small n flagged
    assert list(bars.data[1].text) == ["n=3"] and list(bars.data[1].marker.pattern.shape) == [""]
    heat = indicator_heatmap(table, categories, sectors)
    assert heat.data[0].z[0][1] == 1.0 and heat.data[0].z[1][1] is None
    assert heat.data[0].text[1][0] == "4.0<br>n=3" and heat.data[0].text[1][1] == ""


def test_offences_chart_is_labelled_as_reported():
    from sff_core.charts import offences_chart

    wide = pd.DataFrame({"year": [2023, 2024], "manniskohandel": [1, 2], "koppleri": [3, None]})
    fig = offences_chart(wide, {"manniskohandel": "Människohandel", "koppleri": "Koppleri", "ovrigt": "Övrigt"})
    assert [trace.name for trace in fig.data] == ["Människohandel", "Koppleri"]
    assert "inte faktisk förekomst" in fig.layout.title.text and fig.layout.yaxis.title.text == "Anmälda brott"


def test_matrix_draws_arrows_only_for_actors_that_moved():
    from sff_core.charts import influence_support_matrix

    moves = pd.DataFrame(
        [
            {"actor": "Hotell", "influence": 3, "support": 4, "previous_influence": 3, "previous_support": 2},
            {"actor": "Polisen", "influence": 5, "support": 5, "previous_influence": None, "previous_support": None},
            {"actor": "Skolan", "influence": 2, "support": 2, "previous_influence": 2, "previous_support": 2},
        ]
    )
    fig = influence_support_matrix(moves)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert [(a.ax, a.ay, a.x, a.y) for a in arrows] == [(2, 3, 4, 3)]
    assert len(fig.layout.shapes) == 4 and list(fig.data[0].text) == ["Hotell", "Polisen", "Skolan"]


def test_ad_flow_and_mindmap_tree():
    from sff_core.charts import ad_flow_chart, mindmap_tree

    monthly = pd.DataFrame({"month": ["2026-10", "2026-11", "2026-11"], "site": ["A", "A", "B"], "ads_count": [3, 5, 2]})
    fig = ad_flow_chart(monthly)
    assert [(t.name, list(t.y)) for t in fig.data] == [("A", [3, 5]), ("B", [2])]
    tree = pd.DataFrame({"id": ["city", "n1"], "parent": ["", "city"], "label": ["Ystad", "<Unga>"], "kind": ["city", "group"]})
    treemap = mindmap_tree(tree)
    assert list(treemap.data[0].parents) == ["", "city"] and treemap.data[0].labels[1] == "&lt;Unga&gt;"


def test_statistics_charts_mark_preliminary_years_and_hide_small_counts():
    from sff_core.charts import breakdown_bars, statistics_funnel, statistics_lines

    series = pd.DataFrame(
        [
            {"year": 2024, "incidents": 2, "persons": 5, "support_conversations": 7, "long_term_support": 1, "preliminary": False},
            {"year": 2025, "incidents": 9, "persons": 8, "support_conversations": None, "long_term_support": 3, "preliminary": True},
        ]
    )
    labels = {
        "incidents": "Incidenter",
        "persons": "Personer",
        "support_conversations": "Stödsamtal",
        "long_term_support": "Långsiktigt stöd",
    }
    lines = statistics_lines(series, labels)
    assert list(lines.data[0].x) == ["2024", "2025*"] and list(lines.data[0].y) == [2, 9]
    assert list(lines.data[0].marker.symbol) == ["circle", "circle-open"]
    assert list(lines.data[2].y) == [7, None]
    wall = statistics_lines(series, labels, projector=True, threshold=3)
    assert list(wall.data[0].y) == [None, 9] and list(wall.data[3].y) == [None, 3]
    funnel = statistics_funnel(series.iloc[0].to_dict(), labels, threshold=3)
    assert [str(v) for v in funnel.data[0].text] == ["<3", "5", "7", "<3"] and "2024" in funnel.layout.title.text
    assert funnel.data[0].type == "bar" and funnel.data[0].orientation == "h"  # no funnel: the series are not subsets
    table = pd.DataFrame({"year": [2025, 2025], "category": ["sexual", "labour"], "incidents": [6, 1], "persons": [7, 1]})
    bars = breakdown_bars(table, {"sexual": "Sexuell", "labour": "Arbete", "other": "Annat"}, "chart.by_form_title", threshold=3)
    # the 1 is hidden, and so is the 6: the year's total (7) is on the wall, so 7 - 6 would give it away
    assert [(t.name, list(t.y)) for t in bars.data] == [("Sexuell", [None]), ("Arbete", [None])]
    internal = breakdown_bars(table, {"sexual": "Sexuell", "labour": "Arbete"}, "chart.by_form_title")
    assert [list(t.y) for t in internal.data] == [[6], [1]]
