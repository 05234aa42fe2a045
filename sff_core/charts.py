"""Pure chart builders: plain data in, a Plotly figure out (no database, no streamlit).

One colour-blind-safe palette (Okabe–Ito), Swedish labels by default, larger type for the
projector. Every chart's numbers are also available as a table from the same service.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from sff_core.i18n import t
from sff_core.readiness import ReadinessSummary

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GROUP_COLOUR = "#000000"
BAND_COLOUR = "rgba(0, 114, 178, 0.18)"
YES_COLOUR, NO_COLOUR = "#009E73", "#D55E00"


def _layout(fig: go.Figure, title: str, projector: bool, height: int = 480) -> go.Figure:
    base = 22 if projector else 14
    fig.update_layout(
        title={"text": title, "font": {"size": base + 6}},
        font={"size": base, "family": "Source Sans Pro, Arial, sans-serif"},
        height=height,
        margin={"l": 40, "r": 40, "t": 70, "b": 40},
        legend={"font": {"size": base - 2}},
        paper_bgcolor="white",
    )
    return fig


def plain(label: str) -> str:
    """User text as a chart label: Plotly reads a subset of HTML, so escape it."""
    return html.escape(label, quote=False)


def _closed(values: list) -> list:
    return values + values[:1]


def readiness_radar(
    summary: ReadinessSummary, labels: dict[str, str], names: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Every respondent's polygon, the min–max band per dimension and the group's values."""
    theta = _closed([_wrap(labels.get(d.key, d.key), 18) for d in summary.dimensions])
    fig = go.Figure()
    if summary.respondents:
        highs = _closed([d.high or 0 for d in summary.dimensions])
        lows = _closed([d.low or 0 for d in summary.dimensions])
        fig.add_trace(
            go.Scatterpolar(
                r=highs, theta=theta, mode="lines", line={"width": 0}, name=t("chart.band_max", lang), showlegend=False, hoverinfo="skip"
            )
        )
        fig.add_trace(
            go.Scatterpolar(
                r=lows,
                theta=theta,
                mode="lines",
                line={"width": 0},
                fill="tonext",
                fillcolor=BAND_COLOUR,
                name=t("chart.band", lang),
                hoverinfo="skip",
            )
        )
    for index, respondent in enumerate(summary.respondents):
        fig.add_trace(
            go.Scatterpolar(
                r=_closed([d.scores.get(respondent) for d in summary.dimensions]),
                theta=theta,
                mode="lines+markers",
                name=plain(names.get(respondent, respondent)),
                connectgaps=True,
                line={"width": 1.5, "color": OKABE_ITO[index % (len(OKABE_ITO) - 1)]},
                opacity=0.75,
            )
        )
    group_values = [d.value for d in summary.dimensions]
    if any(v is not None for v in group_values):
        name = t("chart.group_consensus" if summary.uses_consensus else "chart.group_mean", lang)
        fig.add_trace(
            go.Scatterpolar(
                r=_closed([round(v, 2) if v is not None else None for v in group_values]),
                theta=theta,
                mode="lines+markers",
                name=name,
                connectgaps=True,
                line={"width": 4, "color": GROUP_COLOUR},
                marker={"size": 9},
            )
        )
    between_first_two = 90 - 180 / max(len(summary.dimensions), 1)  # radial ticks between two spokes
    fig.update_layout(
        polar={
            "radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5], "angle": between_first_two, "tickfont": {"size": 11}},
            "angularaxis": {"direction": "clockwise"},
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
    )
    fig = _layout(fig, t("chart.readiness_title", lang), projector, height=560)
    fig.update_layout(margin={"l": 90, "r": 90, "t": 60, "b": 30})
    if projector:  # the wall: the page heading names the chart; the legend goes beside it
        fig.update_layout(
            title=None,
            height=540,
            margin={"l": 10, "r": 10, "t": 40, "b": 40},
            polar_domain={"x": [0.2, 0.68]},
            legend={"orientation": "v", "x": 0.8, "xanchor": "left", "y": 1, "yanchor": "top", "font": {"size": 15}},
            font={"size": 17},
        )
    return fig


def agreement_bars(summary: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Yes/no per statement, stacked horizontally (a frame from exercises.yes_no_summary)."""
    labels = [_wrap(label, 60) for label in summary["label"]]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=summary["yes"],
                name=t("answer.yes", lang),
                orientation="h",
                marker_color=YES_COLOUR,
                text=summary["yes"],
                textposition="inside",
            ),
            go.Bar(
                y=labels,
                x=summary["no"],
                name=t("answer.no", lang),
                orientation="h",
                marker_color=NO_COLOUR,
                text=summary["no"],
                textposition="inside",
            ),
        ]
    )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, xaxis={"title": t("chart.respondents", lang), "dtick": 1})
    return _layout(fig, t("chart.agreement_title", lang), projector, height=120 + 60 * len(labels))


def personality_bars(counts: dict[str, int], labels: dict[str, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """How many core-group members have each personality type; missing types stand out."""
    keys = list(counts)
    colours = [OKABE_ITO[0] if counts[k] else "#BBBBBB" for k in keys]
    fig = go.Figure(
        go.Bar(
            y=[labels.get(k, k) for k in keys],
            x=[counts[k] for k in keys],
            orientation="h",
            marker_color=colours,
            text=[counts[k] for k in keys],
            textposition="outside",
        )
    )
    fig.update_layout(xaxis={"title": t("chart.members", lang), "dtick": 1, "rangemode": "tozero"}, yaxis={"autorange": "reversed"})
    return _layout(fig, t("chart.personality_title", lang), projector, height=340)


def _wrap(label: str, width: int) -> str:
    """Break a long label into lines for the chart axis (Plotly wraps on <br>)."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    shown = lines[:2]
    if len(lines) > 2:
        shown[-1] += " …"
    return "<br>".join(shown)


SMALL_N = 3  # fewer answers than this in a bar: hatched and starred (an average of one or two says little)


def indicator_bars(
    table: pd.DataFrame, category_labels: dict[str, str], sector_labels: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Indicator averages by sector: one group per category, one bar per sector, n on each bar."""
    fig = go.Figure()
    for index, (sector, rows) in enumerate(table.groupby("sector", sort=True)):
        small = [int(n) < SMALL_N for n in rows["n"]]
        fig.add_trace(
            go.Bar(
                x=[_wrap(category_labels.get(c, c), 22) for c in rows["category"]],
                y=rows["mean"] - 1,  # bars rise from the scale's floor, 1, not from 0
                base=1,
                customdata=rows["mean"],
                name=plain(sector_labels.get(sector, sector)),
                marker_color=OKABE_ITO[index % len(OKABE_ITO)],
                marker_pattern_shape=["/" if is_small else "" for is_small in small],  # few answers: hatched
                text=[f"n={n}" + ("*" if is_small else "") for n, is_small in zip(rows["n"], small, strict=True)],
                textposition="outside",
                hovertemplate="%{x}<br>%{customdata:.2f} (%{text})<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        yaxis={"title": t("chart.indicator_mean", lang), "range": [1, 5.6], "tickvals": [1, 2, 3, 4, 5]},
        xaxis={"categoryorder": "array", "categoryarray": [_wrap(v, 22) for v in category_labels.values()]},
    )
    return _layout(fig, t("chart.indicator_title", lang), projector, height=480)


def indicator_heatmap(
    table: pd.DataFrame, category_labels: dict[str, str], sector_labels: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Sector × indicator category: the mean in colour, mean and n written in each cell."""
    categories = list(category_labels)
    sectors = sorted(set(table["sector"])) if not table.empty else []
    lookup = {(r.sector, r.category): (r.mean, r.n) for r in table.itertuples()}
    z = [[lookup.get((s, c), (None, 0))[0] for c in categories] for s in sectors]
    labels = [[f"{lookup[(s, c)][0]:.1f}<br>n={lookup[(s, c)][1]}" if (s, c) in lookup else "" for c in categories] for s in sectors]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(category_labels[c], 18) for c in categories],
            y=[plain(sector_labels.get(s, s)) for s in sectors],
            text=labels,
            texttemplate="%{text}",
            zmin=1,
            zmax=5,
            colorscale="Cividis",
            colorbar={"title": t("chart.indicator_mean", lang)},
        )
    )
    return _layout(fig, t("chart.heatmap_title", lang), projector, height=160 + 50 * max(len(sectors), 2))


def offences_chart(wide: pd.DataFrame, category_labels: dict[str, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """Reported offences per year and category – labelled as reported, not actual prevalence."""
    fig = go.Figure()
    for index, (key, label) in enumerate(category_labels.items()):
        if key in wide:
            fig.add_trace(
                go.Scatter(
                    x=wide["year"],
                    y=wide[key],
                    name=label,
                    mode="lines+markers",
                    line={"color": OKABE_ITO[index % len(OKABE_ITO)], "width": 3},
                )
            )
    fig.update_layout(xaxis={"title": t("chart.year", lang), "dtick": 1}, yaxis={"title": t("chart.reported", lang), "rangemode": "tozero"})
    return _layout(fig, t("chart.offences_title", lang), projector, height=440)


def ad_flow_chart(monthly: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Ads found per month and site (the flow over time)."""
    fig = go.Figure()
    for index, (site, rows) in enumerate(monthly.groupby("site", sort=True)):
        fig.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["ads_count"],
                name=plain(site),
                mode="lines+markers",
                line={"color": OKABE_ITO[index % len(OKABE_ITO)], "width": 3},
            )
        )
    fig.update_layout(
        xaxis={"title": t("chart.month", lang), "type": "category"}, yaxis={"title": t("chart.ads", lang), "rangemode": "tozero"}
    )
    return _layout(fig, t("chart.ads_title", lang), projector, height=420)


def influence_support_matrix(moves: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Influence (y) × support (x) with quadrants, labels, and arrows from the previous assessment."""
    fig = go.Figure()
    for x0, x1, y0, y1, key in (
        (0.5, 3, 3, 5.5, "chart.quadrant_convince"),
        (3, 5.5, 3, 5.5, "chart.quadrant_partners"),
        (0.5, 3, 0.5, 3, "chart.quadrant_watch"),
        (3, 5.5, 0.5, 3, "chart.quadrant_inform"),
    ):
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            line={"width": 0},
            fillcolor="rgba(0,114,178,0.06)" if key.endswith("partners") else "rgba(0,0,0,0.02)",
            layer="below",
        )
        fig.add_annotation(
            x=x0 + 0.05,
            y=y0 + 0.08,
            text=t(key, lang),
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"size": 11 if not projector else 14, "color": "#777777"},
        )
    for row in moves.itertuples():
        if pd.notna(row.previous_support) and not _same(row):
            fig.add_annotation(
                x=row.support,
                y=row.influence,
                ax=row.previous_support,
                ay=row.previous_influence,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowwidth=2,
                arrowcolor=OKABE_ITO[1],
                text="",
            )
    fig.add_trace(
        go.Scatter(
            x=list(moves["support"]),
            y=list(moves["influence"]),
            mode="markers+text",
            text=[plain(a) for a in moves["actor"]],
            cliponaxis=False,
            textposition=[_label_position(row.support, i) for i, row in enumerate(moves.itertuples())],
            textfont={"size": 16 if projector else 12},
            marker={"size": 14, "color": OKABE_ITO[0]},
            name=t("chart.latest", lang),
        )
    )
    fig.update_layout(
        xaxis={"title": t("chart.support", lang), "range": [0.5, 5.5], "dtick": 1},
        yaxis={"title": t("chart.influence", lang), "range": [0.5, 5.5], "dtick": 1},
        showlegend=False,
    )
    return _layout(fig, t("chart.matrix_title", lang), projector, height=560)


def _label_position(support: float, index: int) -> str:
    """Alternate labels above and below, and keep those near the right edge inside the chart."""
    vertical = "top" if index % 2 == 0 else "bottom"
    horizontal = "left" if support >= 4.5 else "right" if support <= 1.5 else "center"
    return f"{vertical} {horizontal}"


def _same(row: Any) -> bool:  # a row of DataFrame.itertuples()
    return row.previous_support == row.support and row.previous_influence == row.influence


def mindmap_tree(tree: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """The target-group map as a tree: the city, its groups, where they are, and the actors there."""
    colours = {"city": "#F5F5F5", "group": OKABE_ITO[0], "place": OKABE_ITO[4], "actor": OKABE_ITO[2]}
    fig = go.Figure(
        go.Treemap(
            ids=tree["id"],
            parents=tree["parent"],
            labels=[plain(x) for x in tree["label"]],
            marker={"colors": [colours[k] for k in tree["kind"]]},
            textinfo="label",
            textfont={"size": 20 if projector else 14},
            root={"color": "#F5F5F5"},
            tiling={"pad": 4},
            pathbar={"visible": True},
        )
    )
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return _layout(fig, t("chart.mindmap_title", lang), projector, height=560)


def levels_dumbbell(actors: pd.DataFrame, level_labels: dict[int, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """Collaboration level now and wanted per actor, joined by a line."""
    fig = go.Figure()
    names = [plain(a) for a in actors["actor"]]
    for row, name in zip(actors.itertuples(), names, strict=True):
        if pd.notna(row.current) and pd.notna(row.wanted):
            fig.add_trace(
                go.Scatter(
                    x=[row.current, row.wanted],
                    y=[name, name],
                    mode="lines",
                    line={"color": "#BBBBBB", "width": 4},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=actors["current"], y=names, mode="markers", name=t("answer.level_now", lang), marker={"size": 14, "color": OKABE_ITO[5]}
        )
    )
    fig.add_trace(
        go.Scatter(
            x=actors["wanted"],
            y=names,
            mode="markers",
            name=t("answer.level_wanted", lang),
            marker={"size": 14, "color": OKABE_ITO[2], "symbol": "diamond"},
        )
    )
    fig.update_layout(xaxis={"range": [0.5, 4.5], "tickvals": list(level_labels), "ticktext": list(level_labels.values())})
    return _layout(fig, t("chart.levels_title", lang), projector, height=160 + 40 * max(len(names), 3))


def _hide_small(values: Iterable[Any], threshold: int | None) -> list[int | None]:
    """Values as plotted: small counts left out (None) when a threshold applies (the wall, sharing)."""
    shown: list[int | None] = []
    for value in values:
        missing = value is None or pd.isna(value)
        shown.append(None if missing or (threshold and 0 < int(value) < threshold) else int(value))
    return shown


def statistics_lines(
    series: pd.DataFrame, labels: dict[str, str], lang: str = "sv", projector: bool = False, threshold: int | None = None
) -> go.Figure:
    """The four yearly series; preliminary years drawn with open markers and named in the axis."""
    years = [f"{y}*" if p else str(y) for y, p in zip(series["year"], series["preliminary"], strict=True)]
    fig = go.Figure()
    for index, (key, label) in enumerate(labels.items()):
        symbols = ["circle-open" if p else "circle" for p in series["preliminary"]]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=_hide_small(series[key], threshold),
                name=label,
                mode="lines+markers",
                connectgaps=False,
                line={"color": OKABE_ITO[index], "width": 3},
                marker={"size": 11, "symbol": symbols},
            )
        )
    fig.update_layout(
        xaxis={"title": t("chart.year_preliminary", lang), "type": "category"},
        yaxis={"title": t("chart.count", lang), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.25},
    )
    return _layout(fig, t("chart.statistics_title", lang), projector, height=480)


def statistics_funnel(
    row: Mapping[str, Any], labels: dict[str, str], lang: str = "sv", projector: bool = False, threshold: int | None = None
) -> go.Figure:
    """One year from incidents to long-term support (the series are independent counts)."""
    keys = list(labels)
    raw = [row[k] for k in keys]
    values = _hide_small(raw, threshold)
    # Horizontal bars, not a funnel: the four series are independent counts (support can exceed
    # incidents), so a funnel's narrowing shape would imply subsets the data does not have.
    fig = go.Figure(
        go.Bar(
            y=[labels[k] for k in keys],
            x=[v or 0 for v in values],
            orientation="h",
            text=[("–" if r is None or pd.isna(r) else f"<{threshold}") if v is None else v for r, v in zip(raw, values, strict=True)],
            textposition="outside",
            marker={"color": OKABE_ITO[: len(keys)]},
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, showlegend=False)
    title = t("chart.funnel_title", lang, year=f"{row['year']}{'*' if row['preliminary'] else ''}")
    return _layout(fig, title, projector, height=380)


def statistics_change(changes: pd.DataFrame, labels: dict[str, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """The change from the year before, per series (bars above zero: more than last year)."""
    fig = go.Figure()
    for index, (key, label) in enumerate(labels.items()):
        rows = changes[(changes["series"] == key) & changes["change"].notna()]
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in rows["year"]],
                y=rows["change"],
                name=label,
                marker_color=OKABE_ITO[index],
                text=[f"{int(c):+d}" for c in rows["change"]],
                textposition="outside",
            )
        )
    fig.update_layout(
        barmode="group",
        xaxis={"title": t("chart.year", lang), "type": "category"},
        yaxis={"title": t("chart.change", lang), "zeroline": True},
        legend={"orientation": "h", "y": -0.25},
    )
    return _layout(fig, t("chart.change_title", lang), projector, height=440)


def breakdown_bars(
    table: pd.DataFrame,
    category_labels: dict[str, str],
    title_key: str,
    lang: str = "sv",
    projector: bool = False,
    threshold: int | None = None,
) -> go.Figure:
    """Incidents per year, stacked by form of exploitation or by reporting sector."""
    fig = go.Figure()
    if threshold:
        from sff_core.statistics import hide_for_sharing

        table = hide_for_sharing(table, threshold)
    for index, (key, label) in enumerate(category_labels.items()):
        rows = table[table["category"] == key]
        if rows.empty:
            continue
        values = [
            None if threshold and hidden else int(v)
            for v, hidden in zip(rows["incidents"], rows["hidden"] if threshold else [False] * len(rows), strict=True)
        ]
        fig.add_trace(go.Bar(x=[str(y) for y in rows["year"]], y=values, name=label, marker_color=OKABE_ITO[index % len(OKABE_ITO)]))
    fig.update_layout(
        barmode="stack",
        xaxis={"title": t("chart.year", lang), "type": "category"},
        yaxis={"title": t("chart.incidents", lang)},
        legend={"orientation": "h", "y": -0.25},
    )
    return _layout(fig, t(title_key, lang), projector, height=440)
