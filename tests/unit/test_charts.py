from datetime import date

import pandas as pd
import plotly.graph_objects as go

from sff_core.content import get_content
from sff_core.exercises.shapes import yes_no_summary
from sff_core.outputs.charts import agreement_bars, personality_bars, plain, readiness_radar
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
    from sff_core.outputs.charts import indicator_bars, indicator_heatmap

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
    from sff_core.outputs.charts import offences_chart

    wide = pd.DataFrame({"year": [2023, 2024], "manniskohandel": [1, 2], "koppleri": [3, None]})
    fig = offences_chart(wide, {"manniskohandel": "Människohandel", "koppleri": "Koppleri", "ovrigt": "Övrigt"})
    assert [trace.name for trace in fig.data] == ["Människohandel", "Koppleri"]
    assert "inte faktisk förekomst" in fig.layout.title.text and fig.layout.yaxis.title.text == "Anmälda brott"


def test_matrix_draws_arrows_only_for_actors_that_moved():
    from sff_core.outputs.charts import influence_support_matrix

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
    assert len(fig.layout.shapes) == 4
    points = [trace for trace in fig.data if trace.legendgroup == "latest"]
    assert [trace.name for trace in points] == ["1  Hotell", "2  Polisen", "3  Skolan"]  # the key: number and name
    assert [list(trace.text) for trace in points] == [["1"], ["2"], ["3"]]  # the number on the point itself
    assert [(trace.x[0], trace.y[0]) for trace in points] == [(4, 3), (5, 5), (2, 2)]


def test_matrix_legend_explains_the_arrow_and_the_earlier_assessment():
    from sff_core.outputs.charts import influence_support_matrix

    moves = pd.DataFrame(
        [
            {"actor": "<b>Hotell</b>", "influence": 3, "support": 4, "previous_influence": 3, "previous_support": 2},
            {"actor": "Polisen", "influence": 3, "support": 4, "previous_influence": None, "previous_support": None},
        ]
    )
    fig = influence_support_matrix(moves, projector=True)
    named = {trace.name: trace for trace in fig.data if trace.showlegend is not False}
    earlier, moved = named["Tidigare bedömning"], named["Förflyttning: tidigare → senaste bedömning"]
    assert earlier.marker.symbol == "circle-open" and (earlier.x[0], earlier.y[0]) == (2, 3)
    assert moved.line.color == earlier.marker.color == [a for a in fig.layout.annotations if a.showarrow][0].arrowcolor
    assert "1  &lt;b&gt;Hotell&lt;/b&gt;" in named and "<b>" not in "".join(named)  # user text escaped
    assert fig.layout.showlegend and fig.layout.legend.x >= 1 and fig.layout.legend.xref == "paper"  # beside the plot, not on it
    points = [trace for trace in fig.data if trace.legendgroup == "latest"]
    assert points[0].legendgrouptitle.text == "Senaste bedömning"
    assert points[0].x[0] != points[1].x[0] and points[0].y[0] == points[1].y[0]  # two actors in one place: side by side


def test_ad_flow_chart_one_line_per_site():
    from sff_core.outputs.charts import ad_flow_chart

    monthly = pd.DataFrame({"month": ["2026-10", "2026-11", "2026-11"], "site": ["A", "A", "B"], "ads_count": [3, 5, 2]})
    fig = ad_flow_chart(monthly)
    assert [(t.name, list(t.y)) for t in fig.data] == [("A", [3, 5]), ("B", [2])]


MINDMAP = pd.DataFrame(
    {
        "id": ["city", "n1", "n2", "n3", "n4", "n5", "n6"],
        "parent": ["", "city", "n1", "n2", "n2", "city", "n5"],
        "label": ["Ystad", "<Unga>", "Skolan", "Elevhälsan", "Fritidsgården", "Hemlösa", "Kyrkan"],
        "kind": ["city", "group", "place", "actor", "actor", "group", "actor"],
    }
)


def test_mindmap_is_a_tree_of_equal_nodes_not_a_treemap():
    from sff_core.outputs.charts import mindmap_tree

    fig = mindmap_tree(MINDMAP)
    assert {trace.type for trace in fig.data} == {"scatter"}  # no treemap, sunburst or icicle: no areas to compare
    nodes = [trace for trace in fig.data if trace.mode == "markers+text"]
    assert [trace.name for trace in nodes] == ["Målgrupp", "Plats", "Aktör"]
    assert {trace.marker.size for trace in nodes} == {nodes[0].marker.size}  # every node the same size
    points = {text: (x, y) for trace in nodes for text, x, y in zip(trace.text, trace.x, trace.y, strict=True)}
    assert "&lt;Unga&gt;" in points and "<Unga>" not in points  # user text escaped
    rows = sorted(-y for _, y in points.values())
    assert rows == list(range(len(rows)))  # one row each, all rows the same height
    assert points["Skolan"][0] > points["&lt;Unga&gt;"][0] and points["Elevhälsan"][0] > points["Skolan"][0]  # indented by level
    assert points["Elevhälsan"][1] > points["Fritidsgården"][1] > points["Hemlösa"][1]  # depth first: a group's branch together
    assert "Ystad" in fig.layout.title.text


def test_mindmap_on_the_wall_sets_branches_in_columns_to_fit_the_screen():
    from sff_core.outputs.charts import WALL_MAX_HEIGHT, _columns, mindmap_tree

    groups = [{"id": f"g{g}", "parent": "city", "label": f"Grupp {g}", "kind": "group"} for g in range(6)]
    places = [{"id": f"p{g}{p}", "parent": f"g{g}", "label": f"Plats {p}", "kind": "place"} for g in range(6) for p in range(2)]
    tree = pd.DataFrame([{"id": "city", "parent": "", "label": "Ystad", "kind": "city"}, *groups, *places])
    fig = mindmap_tree(tree, projector=True)
    assert fig.layout.height <= WALL_MAX_HEIGHT
    assert fig.layout.xaxis.range[1] >= 2  # 18 rows do not fit one column on the wall
    assert _columns([3, 3, 3, 3, 3, 3], 12) == [[0, 1, 2], [3, 4, 5]]  # as few columns as hold them, as even as possible
    assert _columns([5, 1, 1], 4) == [[0], [1, 2]]  # a branch is never split


def test_statistics_charts_mark_preliminary_years_and_hide_small_counts():
    from sff_core.outputs.charts import breakdown_bars, statistics_funnel, statistics_lines

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


# --- The wall: 1280×720, no text below 18 px, legends never on an axis --------------------------------

INDICATORS = pd.DataFrame(
    [
        {"category": c, "sector": s, "mean": m, "n": n}
        for (c, s, m, n) in [
            ("generella", "naringsliv", 2.5, 2),
            ("generella", "polis", 4.0, 3),
            ("tiggeri", "naringsliv", 1.0, 1),
            ("arbete", "ideburen", 4.8, 5),
            ("arbete", "polis", 1.2, 4),
        ]
    ]
)
CATEGORIES = {
    "generella": "Generella indikatorer för människohandel",
    "tiggeri": "Tiggeri",
    "arbete": "Indikatorer arbetsrelaterad exploatering/människoexploatering",
}
SECTORS = {"naringsliv": "Näringsliv", "polis": "Polis", "ideburen": "Region/hälso- och sjukvård"}
SERIES = pd.DataFrame(
    [
        {"year": 2024, "incidents": 2, "persons": 5, "support_conversations": 7, "long_term_support": 1, "preliminary": False},
        {"year": 2025, "incidents": 9, "persons": 8, "support_conversations": 4, "long_term_support": 3, "preliminary": True},
    ]
)
SERIES_LABELS = {
    "incidents": "Incidenter",
    "persons": "Personer",
    "support_conversations": "Stödsamtal",
    "long_term_support": "Långsiktigt stöd",
}
FORMS = {
    "sexual": "Sexuell exploatering",
    "labour": "Arbetsrelaterad exploatering",
    "begging": "Tiggeri",
    "crime": "Kriminell exploatering",
}


def _wall_figures() -> dict[str, go.Figure]:
    """Every builder's figure as the wall draws it."""
    from sff_core.outputs import charts

    rows = [(f"member:{m}", k, 1 + (m + i) % 5) for m in range(1, 7) for i, k in enumerate(KEYS)]
    section = get_content().section("step0", "engagemang")
    yes_no = yes_no_summary(section, _frame([("member:1", "s01", True), ("member:2", "s01", False)], "value_bool"))
    moves = pd.DataFrame(
        [
            {"actor": "Socialtjänsten", "influence": 5, "support": 4, "previous_influence": 5, "previous_support": 3},
            {"actor": "Lokalpolisområdet", "influence": 5, "support": 5, "previous_influence": 5, "previous_support": 4},
            {"actor": "Kvinnojouren", "influence": 2, "support": 5, "previous_influence": None, "previous_support": None},
        ]
    )
    breakdown = pd.DataFrame(
        {"year": [2024, 2024, 2025], "category": ["sexual", "labour", "sexual"], "incidents": [6, 4, 9], "persons": [7, 4, 9]}
    )
    changes = pd.DataFrame({"year": [2025, 2025], "series": ["incidents", "persons"], "change": [7, 3]})
    wide = pd.DataFrame({"year": [2023, 2024], "manniskohandel": [1, 2], "koppleri": [3, 4]})
    levels = pd.DataFrame({"actor": ["Polisen", "Skolan"], "current": [1, 2], "wanted": [3, 4]})
    names = {f"member:{m}": f"Person {m}" for m in range(1, 7)}
    return {
        "readiness_radar": charts.readiness_radar(summarise(SECTION, _frame(rows)), LABELS, names, projector=True),
        "agreement_bars": charts.agreement_bars(yes_no, projector=True),
        "personality_bars": charts.personality_bars({"visionaren": 2, "strategen": 0}, {"visionaren": "Visionären"}, projector=True),
        "indicator_bars": charts.indicator_bars(INDICATORS, CATEGORIES, SECTORS, projector=True),
        "indicator_heatmap": charts.indicator_heatmap(INDICATORS, CATEGORIES, SECTORS, projector=True),
        "offences_chart": charts.offences_chart(wide, {"manniskohandel": "Människohandel", "koppleri": "Koppleri"}, projector=True),
        "ad_flow_chart": charts.ad_flow_chart(pd.DataFrame({"month": ["2026-10"], "site": ["A"], "ads_count": [3]}), projector=True),
        "influence_support_matrix": charts.influence_support_matrix(moves, projector=True),
        "mindmap_tree": charts.mindmap_tree(MINDMAP, projector=True),
        "levels_dumbbell": charts.levels_dumbbell(
            levels, {1: "Nätverkande", 2: "Samordning", 3: "Samarbete", 4: "Samverkan"}, projector=True
        ),
        "statistics_lines": charts.statistics_lines(SERIES, SERIES_LABELS, projector=True, threshold=3),
        "statistics_funnel": charts.statistics_funnel(SERIES.iloc[1].to_dict(), SERIES_LABELS, projector=True, threshold=3),
        "statistics_change": charts.statistics_change(changes, SERIES_LABELS, projector=True),
        "breakdown_bars": charts.breakdown_bars(breakdown, FORMS, "chart.by_form_title", projector=True, threshold=3),
    }


def _font_sizes(node, path=""):
    """Every font size set anywhere in a figure's JSON: (where, size)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                sizes = value["size"] if isinstance(value["size"], list | tuple) else [value["size"]]
                yield from ((f"{path}.{key}", size) for size in sizes)
            yield from _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _font_sizes(value, f"{path}[{index}]")


def test_every_text_on_the_wall_is_at_least_18_px():
    from sff_core.outputs.charts import WALL_MIN_FONT

    for name, fig in _wall_figures().items():
        spec = fig.to_plotly_json()
        small = [(where, size) for where, size in _font_sizes(spec) if size < WALL_MIN_FONT]
        assert not small, (name, small)
        layout = fig.layout
        assert layout.font.size >= WALL_MIN_FONT, name
        for axis in [a for a in (layout.xaxis, layout.yaxis) if a.visible is not False]:  # set, not left to a theme
            assert axis.tickfont.size >= WALL_MIN_FONT and axis.title.font.size >= WALL_MIN_FONT, name
        if layout.showlegend:
            assert layout.legend.font.size >= WALL_MIN_FONT, name
        if any(trace.type == "bar" for trace in fig.data):  # Plotly may shrink a bar's text to fit: not below 18 px
            assert layout.uniformtext.minsize >= WALL_MIN_FONT, name


def test_every_chart_fits_the_wall_and_the_screen_gets_smaller_type():
    from sff_core.outputs import charts

    for name, fig in _wall_figures().items():
        assert fig.layout.height <= 720 - 100, name  # under the wall page's heading, within 720 px
    screen = charts.indicator_heatmap(INDICATORS, CATEGORIES, SECTORS)
    assert screen.layout.font.size < charts.WALL_MIN_FONT  # the laptop screen keeps its own, smaller type


def test_legends_have_a_band_of_their_own_never_on_an_axis():
    """Top legends sit in the top margin under the title; the radar's under its circle; the matrix's key
    right of the plot area. None is inside the plot area, where the axis titles and ticks are."""
    from sff_core.outputs.charts import _legend_plan

    for name, fig in _wall_figures().items():
        layout = fig.layout
        if not layout.showlegend:
            continue
        legend = layout.legend
        if name == "influence_support_matrix":
            assert legend.orientation == "v" and legend.xref == "paper" and legend.x >= 1 and legend.xanchor == "left", name
            continue
        assert legend.orientation == "h" and legend.yref == "container", name
        entries = [t.name for t in fig.data if t.showlegend is not False and t.name]
        if name == "readiness_radar":
            assert legend.y == 0 and legend.yanchor == "bottom", name
            assert layout.margin.b >= _legend_plan(entries, legend.font.size, 680)[1] - 1, name
            continue
        assert legend.yanchor == "top", name
        legend_top = (1 - legend.y) * layout.height
        assert legend_top >= (layout.title.text.count("<br>") + 1) * layout.title.font.size, name  # below the title
        assert legend_top + _legend_plan(entries, legend.font.size, 1216 - 120)[1] <= layout.margin.t + 1, name  # above the plot


def test_a_long_legend_wraps_its_names_and_grows_the_margin():
    from sff_core.outputs.charts import _legend_plan, breakdown_bars

    names, height = _legend_plan(["Arbetsrelaterad exploatering", "Tiggeri", "Sexuell exploatering", "Kriminell exploatering"], 20, 470)
    assert names["Arbetsrelaterad exploatering"] == "Arbetsrelaterad<br>exploatering" and names["Tiggeri"] == "Tiggeri"
    assert height > 2 * 20  # two rows at least
    table = pd.DataFrame({"year": [2025] * 4, "category": list(FORMS), "incidents": [6, 4, 3, 3], "persons": [7, 4, 3, 3]})
    one, many = breakdown_bars(table, {"sexual": "Sexuell"}, "chart.by_form_title"), breakdown_bars(table, FORMS, "chart.by_form_title")
    assert many.layout.margin.t > one.layout.margin.t and many.layout.height > one.layout.height


def test_stacked_bars_never_shrink_to_a_strip():
    from sff_core.outputs.charts import MIN_STACKED_HEIGHT, MIN_STACKED_PLOT, agreement_bars, breakdown_bars

    section = get_content().section("step0", "engagemang")
    one_statement = yes_no_summary(section, _frame([("member:1", "s01", True)], "value_bool")).head(1)
    for projector in (False, True):
        assert agreement_bars(one_statement, projector=projector).layout.height >= MIN_STACKED_HEIGHT
        table = pd.DataFrame({"year": [2025], "category": ["sexual"], "incidents": [6], "persons": [7]})
        bars = breakdown_bars(table, FORMS, "chart.by_form_title", projector=projector)
        assert bars.layout.barmode == "stack" and bars.layout.height >= MIN_STACKED_HEIGHT
        assert bars.layout.height - bars.layout.margin.t - 100 >= MIN_STACKED_PLOT  # the plot area, under a tall legend


def test_heatmap_numbers_contrast_with_their_cells_and_labels_wrap():
    from plotly.colors import sample_colorscale

    from sff_core.outputs.charts import HEAT_SCALE, contrast_ratio, indicator_heatmap

    for projector in (False, True):
        heat = indicator_heatmap(INDICATORS, CATEGORIES, SECTORS, projector=projector)
        labels = [a for a in heat.layout.annotations if not a.showarrow]
        assert len(labels) == len(INDICATORS)  # one per answered cell
        for label in labels:
            row, column = heat.data[0].y.index(label.y), heat.data[0].x.index(label.x)
            value = heat.data[0].z[row][column]
            cell = sample_colorscale(HEAT_SCALE, [(value - 1) / 4])[0]
            assert contrast_ratio(label.font.color, cell) >= 4.5, (value, label.font.color)
        assert {a.font.color for a in labels} == {"#000000", "#FFFFFF"}  # dark cells white, light cells black
        assert all(not label.endswith("…") for label in [*heat.data[0].x, *heat.data[0].y])  # never cut
        assert heat.layout.xaxis.tickangle == 0  # never rotated
        assert "exploatering/<br>människoexploatering" in heat.data[0].x[2]  # a long word broken after its slash
    assert contrast_ratio("#000000", "#FFFFFF") == 21


def test_indicator_bars_on_the_wall_label_each_bar_with_its_count_unshrunk():
    from sff_core.outputs.charts import WALL_MIN_FONT, indicator_bars

    bars = indicator_bars(INDICATORS, CATEGORIES, SECTORS, projector=True)
    naringsliv = next(trace for trace in bars.data if trace.name == "Näringsliv")
    assert list(naringsliv.text) == ["2*", "1*"]  # "n=" is in the note under the title: the label fits a 30 px bar
    assert naringsliv.constraintext == "none" and naringsliv.textfont.size >= WALL_MIN_FONT
    assert "antal svar" in bars.layout.title.subtitle.text and "3" in bars.layout.title.subtitle.text
    assert bars.layout.xaxis.tickangle == 0 and all("…" not in label for label in bars.layout.xaxis.categoryarray)


def test_radar_on_the_wall_takes_the_height_and_keeps_its_names_whole():
    from sff_core.outputs.charts import RADAR_WALL_HEIGHT, readiness_radar

    rows = [(f"member:{m}", k, 1 + (m + i) % 5) for m in range(1, 4) for i, k in enumerate(KEYS)]
    summary = summarise(SECTION, _frame(rows))
    labels = {p.key: p.text["sv"] for p in SECTION.prompts}
    anonymous = readiness_radar(summary, labels, {f"member:{m}": f"Person {m}" for m in range(1, 4)}, projector=True)
    assert anonymous.layout.height == RADAR_WALL_HEIGHT and not anonymous.layout.title.text  # the page's heading names it
    shown = [t.name for t in anonymous.data if t.showlegend is not False]
    assert shown == ["Spridning (min–max)", "Gruppens medelvärde"]  # "Person 1, 2 …" take no legend rows
    domain = anonymous.layout.polar.domain
    assert domain.x[0] >= 0.15 and domain.x[1] <= 0.85 and domain.y[0] > 0  # room for the names around the circle
    theta = anonymous.data[-1].theta[:7]
    assert all("…" not in name for name in theta)  # no name cut
    assert [name.replace("<br>", " ") for name in theta] == [labels[k] for k in KEYS]
    named = readiness_radar(summary, labels, {f"member:{m}": f"Namn {m}" for m in range(1, 4)}, projector=True)
    assert "Namn 1" in [t.name for t in named.data if t.showlegend is not False]  # names shown: each line named


def test_wrap_breaks_after_a_slash_and_marks_what_it_leaves_out():
    from sff_core.outputs.charts import _wrap

    assert _wrap("Indikatorer arbetsrelaterad exploatering/människoexploatering", 16, lines=4) == (
        "Indikatorer<br>arbetsrelaterad<br>exploatering/<br>människoexploatering"
    )
    assert _wrap("Region/hälso- och sjukvård", 16) == "Region/hälso-<br>och sjukvård"
    assert _wrap("a b c d e f", 1, lines=2) == "a<br>b …"
