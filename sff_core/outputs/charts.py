"""Pure chart builders: plain data in, a Plotly figure out (no database, no streamlit).

One colour-blind-safe palette (Okabe–Ito), Swedish labels by default, larger type for the
projector. Every chart's numbers are also available as a table from the same service.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from sff_core.i18n import t
from sff_core.readiness import ReadinessSummary

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GROUP_COLOUR = "#000000"
BAND_COLOUR = "rgba(0, 114, 178, 0.18)"
YES_COLOUR, NO_COLOUR = "#009E73", "#D55E00"
NOTE_COLOUR = "#555555"  # our own notes in a chart (quadrant names): grey, still 7:1 on white

# The wall (projector mode, 1280×720): no text below 18 px, every chart within the screen under the
# page's heading. The builders cannot see how wide they are drawn, so they plan for the narrowest
# place they are drawn on the wall: the whole width (~1216 px), or half of it beside another chart.
WALL_MIN_FONT = 18
WALL_FONT = 20
WALL_TITLE_FONT = 26
WALL_MAX_HEIGHT = 560
WALL_WIDTH, WALL_HALF_WIDTH = 1216, 590
SCREEN_FONT, SCREEN_TITLE_FONT = 14, 20
MIN_STACKED_HEIGHT = 380  # a stacked bar chart never shrinks to a strip
MIN_STACKED_PLOT = 220  # ... nor its plot area


def _fonts(projector: bool) -> tuple[int, int]:
    """Body and title size: the wall's, or the screen's."""
    return (WALL_FONT, WALL_TITLE_FONT) if projector else (SCREEN_FONT, SCREEN_TITLE_FONT)


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a line's width in px (Source Sans/Arial average ~0.55 em per character)."""
    return max((len(line) for line in text.split("<br>")), default=0) * size * 0.55


def _legend_plan(entries: Sequence[str], size: int, width: float) -> tuple[dict[str, str], float]:
    """A horizontal legend in `width` px: the entries' names as shown, and its height.

    Plotly puts every entry on one row while they fit; otherwise it gives each the widest one's width,
    so one long name makes a column of them all. Names longer than half the width are then broken into
    two lines, so that at least two entries share a row.
    """
    if not entries:
        return {}, 0.0
    widths = [_text_width(e, size) + 45 for e in entries]
    names = {e: e for e in entries}
    if sum(widths) > width and max(widths) > width / 2:
        chars = max(int((width / 2 - 45) / (size * 0.55)), 8)
        names = {e: _wrap(e, chars) if "<br>" not in e else e for e in entries}
        widths = [_text_width(n, size) + 45 for n in names.values()]
    lines = [n.count("<br>") + 1 for n in names.values()]
    columns = len(entries) if sum(widths) <= width else max(int(width // max(widths)), 1)
    rows = [max(lines[i : i + columns]) for i in range(0, len(entries), columns)]
    return names, sum(n * size * 1.3 + 4 for n in rows) + 8


def _title_lines(title: str, size: int, width: int, lines: int = 3) -> str:
    """A chart title broken into lines that fit `width` px (Plotly never wraps a title itself)."""
    return _wrap(title, max(int(width / (size * 0.5)), 12), lines=lines)


def _layout(
    fig: go.Figure,
    title: str | None,
    projector: bool,
    height: int = 480,
    legend: Sequence[str] | None = None,
    width: int = WALL_WIDTH,
    subtitle: str | None = None,
) -> go.Figure:
    """Fonts, title and legend, the same in every chart.

    The legend (its entries' names in `legend`) sits in a band of its own between the title and the
    plot area, so it can never cover an axis title, a tick label or the plot; the top margin is
    reserved for the title's lines and the legend's rows as they wrap in `width` px. On the wall every
    text is at least WALL_MIN_FONT px, and the height grows by what the title and legend take.
    """
    base, title_size = _fonts(projector)
    title_text = _title_lines(title, title_size, width) if title else ""
    lines = title_text.count("<br>") + 1
    # Plotly lifts a title of several lines by 0.7 em above its anchor: anchor it that much lower
    title_anchor = 8 + (0.7 * title_size if lines > 1 else 0)
    title_height = 8 + lines * title_size * 1.3 + 10 if title else 8
    subtitle_text = _title_lines(subtitle, base, width, lines=2) if subtitle and title else ""
    if subtitle_text:
        title_height += 28 + (subtitle_text.count("<br>") + 1) * base * 1.15
    names, legend_height = _legend_plan(legend or [], base, width - 120)  # the plot area's width
    for trace in fig.data:
        if trace.name in names:
            trace.name = names[trace.name]
    top = int(title_height + legend_height + 10)
    height = height + max(top - 70, 0)
    fig.update_layout(
        title={
            "text": title_text,
            "font": {"size": title_size},
            "subtitle": {"text": subtitle_text, "font": {"size": base}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - title_anchor / height,
            "yanchor": "top",
            "yref": "container",
        },
        font={"size": base, "family": "Source Sans Pro, Arial, sans-serif"},
        height=height,
        margin={"l": 40, "r": 40, "t": top, "b": 40},
        showlegend=bool(legend),
        legend={
            "font": {"size": base},
            "orientation": "h",
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - title_height / height,
            "yanchor": "top",
            "yref": "container",
            "itemsizing": "constant",
            "traceorder": "normal",
        },
        paper_bgcolor="white",
        hoverlabel={"font": {"size": base}},
    )
    axis = {"tickfont": {"size": base}, "title": {"font": {"size": base}, "standoff": 12}, "automargin": True}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    if projector:  # Plotly may shrink a bar's text to fit the bar: never below the wall's minimum
        fig.update_layout(uniformtext={"minsize": WALL_MIN_FONT, "mode": "show"})
    return fig


def plain(label: str) -> str:
    """User text as a chart label: Plotly reads a subset of HTML, so escape it."""
    return html.escape(label, quote=False)


def _closed(values: list) -> list:
    return values + values[:1]


RADAR_WALL_HEIGHT = 480  # under the wall's heading and the live answer count, within 720 px
RADAR_WALL_WIDTH = 700  # the chart's column beside the verdict (3/5 of the wall)
RADAR_SIDE_ROOM = 0.18  # of the width on each side of the circle's box, for the names beside it


def _radar_label(label: str, index: int, count: int) -> str:
    """A dimension's name at its spoke: the names at the sides are wrapped narrow (they take width) and
    those near the top and bottom kept on one line (they take height, which the wall lacks)."""
    sideways = abs(math.sin(2 * math.pi * index / max(count, 1)))
    return _wrap(label, 14 if sideways > 0.5 else 34, lines=3)


def readiness_radar(
    summary: ReadinessSummary, labels: dict[str, str], names: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Every respondent's polygon, the min–max band per dimension and the group's values."""
    count = len(summary.dimensions)
    theta = _closed([_radar_label(labels.get(d.key, d.key), i, count) for i, d in enumerate(summary.dimensions)])
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
                line={"width": 2 if projector else 1.5, "color": OKABE_ITO[index % (len(OKABE_ITO) - 1)]},
                opacity=0.75,
            )
        )
    group_values = [d.value for d in summary.dimensions]
    if any(v is not None for v in group_values):
        name = _group_name(summary, lang)
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
    between_first_two = 90 - 180 / max(count, 1)  # radial ticks between two spokes
    base, _ = _fonts(projector)
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 5],
                "tickvals": [1, 2, 3, 4, 5],
                "angle": between_first_two,
                "tickfont": {"size": WALL_MIN_FONT if projector else 11},
            },
            "angularaxis": {"direction": "clockwise", "tickfont": {"size": base}},
        },
    )
    # The circle takes the height and the names beside it the width; the legend has a band of its own
    # under it (never on a name). On the wall the page's heading names the chart, so no title, and each
    # person's line is named in the legend only when names are shown: "Person 1 … 6" would take rows
    # of the height and tell the room nothing.
    if projector and _anonymous(summary.respondents, names, lang):
        for trace in fig.data:
            if trace.name not in (t("chart.band", lang), _group_name(summary, lang)):
                trace.showlegend = False
    entries = [trace.name for trace in fig.data if trace.showlegend is not False]
    height = RADAR_WALL_HEIGHT if projector else 560
    fig = _layout(fig, None if projector else t("chart.readiness_title", lang), projector, height=height)
    legend_font = WALL_MIN_FONT if projector else base
    shown_names, legend_height = _legend_plan(entries, legend_font, RADAR_WALL_WIDTH - 20)
    for trace in fig.data:
        trace.name = shown_names.get(trace.name, trace.name)
    top = 10 if projector else int(fig.layout.margin.t)
    label_height = base * 1.3 + 12  # one line of a name above and below the circle
    plot_height = height - top - legend_height
    fig.update_layout(
        height=height,
        showlegend=bool(entries),
        margin={"l": 10, "r": 10, "t": top, "b": int(legend_height)},
        polar_domain={"x": [RADAR_SIDE_ROOM, 1 - RADAR_SIDE_ROOM], "y": [label_height / plot_height, 1 - label_height / plot_height]},
        legend={"font": {"size": legend_font}, "y": 0, "yanchor": "bottom", "yref": "container", "x": 0.01, "xref": "container"},
    )
    return fig


def _group_name(summary: ReadinessSummary, lang: str) -> str:
    return t("chart.group_consensus" if summary.uses_consensus else "chart.group_mean", lang)


def _anonymous(respondents: Sequence[str], names: dict[str, str], lang: str) -> bool:
    """True when the wall shows the people as "Person 1, 2 …" (names hidden), not by name."""
    shown = {names.get(r, r) for r in respondents}
    return bool(shown) and all(any(name == t("answer.person_n", lang, n=n) for n in range(1, len(names) + 1)) for name in shown)


def agreement_bars(summary: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Yes/no per statement, stacked horizontally (a frame from exercises.yes_no_summary)."""
    labels = [_wrap(label, 60) for label in summary["label"]]
    base, _ = _fonts(projector)
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
                textfont={"size": base},
            ),
            go.Bar(
                y=labels,
                x=summary["no"],
                name=t("answer.no", lang),
                orientation="h",
                marker_color=NO_COLOUR,
                text=summary["no"],
                textposition="inside",
                textfont={"size": base},
            ),
        ]
    )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, xaxis={"title": t("chart.respondents", lang), "dtick": 1})
    row = 60 if not projector else 2 * base * 1.2 + 8  # two lines of a statement per bar
    height = max(MIN_STACKED_HEIGHT, int(120 + row * len(labels)))
    legend = [t("answer.yes", lang), t("answer.no", lang)]
    return _layout(fig, t("chart.agreement_title", lang), projector, height=height, legend=legend)


def personality_bars(counts: dict[str, int], labels: dict[str, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """How many core-group members have each personality type; missing types stand out."""
    keys = list(counts)
    colours = [OKABE_ITO[0] if counts[k] else "#BBBBBB" for k in keys]
    base, _ = _fonts(projector)
    fig = go.Figure(
        go.Bar(
            y=[labels.get(k, k) for k in keys],
            x=[counts[k] for k in keys],
            orientation="h",
            marker_color=colours,
            text=[counts[k] for k in keys],
            textposition="outside",
            textfont={"size": base},
            cliponaxis=False,
        )
    )
    fig.update_layout(xaxis={"title": t("chart.members", lang), "dtick": 1, "rangemode": "tozero"}, yaxis={"autorange": "reversed"})
    return _layout(fig, t("chart.personality_title", lang), projector, height=340 if not projector else 100 + 48 * len(keys))


def _wrap(label: str, width: int, lines: int = 2) -> str:
    """Break a long label into at most `lines` lines for the chart (Plotly wraps on <br>); the rest is "…".

    Lines break between words and after a slash ("exploatering/människoexploatering").
    """
    wrapped, line = [], ""
    for word in label.split():
        parts = word.replace("/", "/\n").split("\n")
        for index, part in enumerate(parts):
            glue = "" if index else " "  # the pieces of a word split at its slashes join without a space
            if line and len(line) + len(glue) + len(part) > width:
                wrapped.append(line)
                line = part
            else:
                line = f"{line}{glue}{part}" if line else part
    wrapped.append(line)
    shown = wrapped[:lines]
    if len(wrapped) > lines:
        shown[-1] += " …"
    return "<br>".join(shown)


SMALL_N = 3  # fewer answers than this in a bar: hatched and starred (an average of one or two says little)


def indicator_bars(
    table: pd.DataFrame, category_labels: dict[str, str], sector_labels: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Indicator averages by sector: one group per category, one bar per sector, n on each bar.

    On the wall a bar is ~30 px wide: its label is the bare count ("2*"), which fits at 18 px without
    touching its neighbours' (the note under the title says what it counts), and the category names
    are wrapped horizontally, never rotated.
    """
    base, _ = _fonts(projector)
    wrap = 16 if projector else 22
    names = {c: _wrap(category_labels.get(c, c), wrap, lines=4) for c in set(table["category"]) | set(category_labels)}
    fig = go.Figure()
    for index, (sector, rows) in enumerate(table.groupby("sector", sort=True)):
        small = [int(n) < SMALL_N for n in rows["n"]]
        labels = [("" if projector else "n=") + f"{n}" + ("*" if is_small else "") for n, is_small in zip(rows["n"], small, strict=True)]
        fig.add_trace(
            go.Bar(
                x=[names[c] for c in rows["category"]],
                y=rows["mean"] - 1,  # bars rise from the scale's floor, 1, not from 0
                base=1,
                customdata=rows["mean"],
                name=plain(sector_labels.get(sector, sector)),
                marker_color=OKABE_ITO[index % len(OKABE_ITO)],
                marker_pattern_shape=["/" if is_small else "" for is_small in small],  # few answers: hatched
                text=labels,
                textposition="outside",
                textfont={"size": WALL_MIN_FONT if projector else 12},
                constraintext="none",  # never shrunk to the bar's width
                cliponaxis=False,
                hovertemplate="%{x}<br>%{customdata:.2f} (n=%{text})<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        bargap=0.15,
        bargroupgap=0.05,
        yaxis={"title": t("chart.indicator_mean", lang), "range": [1, 5.4], "tickvals": [1, 2, 3, 4, 5]},
        xaxis={"categoryorder": "array", "categoryarray": [names[c] for c in category_labels], "tickangle": 0},
    )
    legend = [plain(sector_labels.get(s, s)) for s in sorted(set(table["sector"]))]
    note = t("chart.indicator_n_note", lang, n=SMALL_N)
    return _layout(fig, t("chart.indicator_title", lang), projector, height=440 if projector else 480, legend=legend, subtitle=note)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of an 'rgb(r, g, b)' or '#rrggbb' colour."""
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(c)) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for text)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(background: str) -> str:
    """Black or white, whichever contrasts more with the background."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#FFFFFF") else "#FFFFFF"


HEAT_SCALE = "Cividis"


def indicator_heatmap(
    table: pd.DataFrame, category_labels: dict[str, str], sector_labels: dict[str, str], lang: str = "sv", projector: bool = False
) -> go.Figure:
    """Sector × indicator category: the mean in colour, mean and n written in each cell.

    The numbers are written in black or white, whichever contrasts more with their cell's colour;
    the category names are wrapped (never rotated or cut), and on the wall the map fits the screen.
    """
    categories = list(category_labels)
    sectors = sorted(set(table["sector"])) if not table.empty else []
    lookup = {(r.sector, r.category): (r.mean, r.n) for r in table.itertuples()}
    z = [[lookup.get((s, c), (None, 0))[0] for c in categories] for s in sectors]
    labels = [[f"{lookup[(s, c)][0]:.1f}<br>n={lookup[(s, c)][1]}" if (s, c) in lookup else "" for c in categories] for s in sectors]
    base, _ = _fonts(projector)
    one_line = projector and len(sectors) > 6  # many sectors: mean and n on one line, so the rows fit the wall
    shown = [[cell.replace("<br>", " · ") for cell in row] for row in labels] if one_line else labels
    x = [_wrap(category_labels[c], 13 if projector else 18, lines=4) for c in categories]
    y = [_wrap(plain(sector_labels.get(s, s)), 16 if projector else 24) for s in sectors]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=labels,
            hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
            zmin=1,
            zmax=5,
            colorscale=HEAT_SCALE,
            xgap=3,
            ygap=3,
            showscale=not projector,  # on the wall every cell has its number written: no colour bar to read
            colorbar={
                "title": {"text": t("chart.indicator_mean", lang), "font": {"size": base}},
                "tickfont": {"size": base},
                "tickvals": [1, 2, 3, 4, 5],
                "thickness": 18,
            },
        )
    )
    for row, sector in enumerate(sectors):  # the cells' numbers, each in the colour that contrasts with its cell
        for column, category in enumerate(categories):
            if (sector, category) not in lookup:
                continue
            value = lookup[(sector, category)][0]
            cell = sample_colorscale(HEAT_SCALE, [(min(max(value, 1), 5) - 1) / 4])[0]
            fig.add_annotation(
                x=x[column], y=y[row], text=shown[row][column], showarrow=False, font={"size": base, "color": readable_on(cell)}
            )
    fig.update_layout(
        xaxis={"tickangle": 0, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False, "ticklabelstandoff": 6},
        plot_bgcolor="white",
    )
    row_height = (1 if one_line else 2) * base * 1.25 + 14  # the mean and n in each cell
    height = int(90 + 4 * base * 1.3 + row_height * max(len(sectors), 2))
    return _layout(fig, t("chart.heatmap_title", lang), projector, height=min(height, WALL_MAX_HEIGHT - 40) if projector else height)


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
    legend = [trace.name for trace in fig.data]
    return _layout(fig, t("chart.offences_title", lang), projector, height=400 if projector else 440, legend=legend)


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
    legend = [trace.name for trace in fig.data]
    return _layout(fig, t("chart.ads_title", lang), projector, height=400 if projector else 420, legend=legend)


MOVE_COLOUR = OKABE_ITO[1]  # the earlier assessment and the arrow from it: orange; the latest: blue, numbered


def _spread(points: Sequence[tuple[float, float]], step: float = 0.22) -> list[tuple[float, float]]:
    """Points that share a place are set side by side, so no number hides another."""
    placed: list[tuple[float, float]] = []
    seen: dict[tuple[float, float], int] = {}
    counts: dict[tuple[float, float], int] = {}
    for point in points:
        counts[point] = counts.get(point, 0) + 1
    for x, y in points:
        index = seen.get((x, y), 0)
        seen[(x, y)] = index + 1
        offset = (index - (counts[(x, y)] - 1) / 2) * step
        placed.append((x + offset, y))
    return placed


def influence_support_matrix(moves: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Influence (y) × support (x) with quadrants; each actor a numbered point, named in the legend beside
    the chart (a number can be matched to its point, a free label could not); an open circle at the
    earlier assessment and an arrow from it to the latest, both explained in the legend."""
    base, _ = _fonts(projector)
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
            y=y1 - 0.05 if y0 == 3 else y0 + 0.05,
            text=_wrap(t(key, lang), 40, lines=2),
            showarrow=False,
            xanchor="left",
            align="left",
            yanchor="top" if y0 == 3 else "bottom",
            font={"size": WALL_MIN_FONT if projector else 11, "color": NOTE_COLOUR},
        )
    rows = list(moves.itertuples())
    now = _spread([(float(r.support), float(r.influence)) for r in rows])
    moved = [(r, (x, y)) for r, (x, y) in zip(rows, now, strict=True) if pd.notna(r.previous_support) and not _same(r)]
    taken = set(now)  # an earlier place under another actor's number: set just below it, so the arrow's start shows
    earlier = [
        (p[0], p[1] - 0.25) if p in taken else p
        for p in _spread([(float(r.previous_support), float(r.previous_influence)) for r, _ in moved])
    ]
    marker_size = 34 if projector else 24
    for (_, (x, y)), (x0, y0) in zip(moved, earlier, strict=True):
        fig.add_annotation(
            x=x,
            y=y,
            ax=x0,
            ay=y0,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=3,
            arrowsize=1.2,
            arrowwidth=2.5,
            arrowcolor=MOVE_COLOUR,
            standoff=marker_size / 2 + 1,  # the head stops at the numbered point's edge
            startstandoff=7,
            text="",
        )
    fig.add_trace(  # the earlier assessments: open circles where the arrows start
        go.Scatter(
            x=[x0 for x0, _ in earlier],
            y=[y0 for _, y0 in earlier],
            mode="markers",
            marker={"size": 14, "symbol": "circle-open", "color": MOVE_COLOUR, "line": {"width": 3}},
            name=t("chart.previous", lang),
            legendrank=1,
            showlegend=bool(moved),
            hoverinfo="skip",
        )
    )
    if moved:  # the arrow in the legend: a line in its colour, named "earlier → latest"
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                line={"color": MOVE_COLOUR, "width": 2.5},
                marker={"symbol": "triangle-right", "size": 12, "color": MOVE_COLOUR},
                name=t("chart.moved", lang),
                legendrank=2,
            )
        )
    for number, (row, (x, y)) in enumerate(zip(rows, now, strict=True), start=1):
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers+text",
                text=[str(number)],
                textposition="middle center",
                textfont={"size": base, "color": "#FFFFFF"},
                marker={"size": marker_size, "color": OKABE_ITO[0], "line": {"width": 1.5, "color": "#FFFFFF"}},
                name=f"{number}  {plain(row.actor)}",
                legendgroup="latest",
                legendgrouptitle={"text": t("chart.latest", lang), "font": {"size": base}},
                legendrank=10 + number,
                cliponaxis=False,
                hovertemplate=f"{plain(row.actor)}<br>%{{x:.0f}} / %{{y:.0f}}<extra></extra>",
            )
        )
    fig.update_layout(
        xaxis={"title": t("chart.support", lang), "range": [0.5, 5.5], "dtick": 1, "showgrid": False, "zeroline": False},
        yaxis={"title": t("chart.influence", lang), "range": [0.5, 5.5], "dtick": 1, "showgrid": False, "zeroline": False},
    )
    fig = _layout(fig, t("chart.matrix_title", lang), projector, height=WALL_MAX_HEIGHT - 20 if projector else 560)
    # The key beside the plot, one actor a line: a vertical legend right of the plot area, which
    # Plotly keeps clear of the axes and their titles by widening the right margin.
    fig.update_layout(
        showlegend=True,
        legend={
            "orientation": "v",
            "x": 1.02,
            "xref": "paper",
            "xanchor": "left",
            "y": 1,
            "yref": "paper",
            "yanchor": "top",
            "traceorder": "grouped",
            "tracegroupgap": 8,
            "itemsizing": "trace",
        },
    )
    return fig


def _same(row: Any) -> bool:  # a row of DataFrame.itertuples()
    return row.previous_support == row.support and row.previous_influence == row.influence


MINDMAP_KINDS = {"group": ("square", OKABE_ITO[0]), "place": ("diamond", OKABE_ITO[4]), "actor": ("circle", OKABE_ITO[2])}
MINDMAP_INDENT_PX = 34  # each level of the tree one step to the right


def _branches(tree: pd.DataFrame) -> list[list[tuple[str, int]]]:
    """The tree depth first, one list of (id, depth) rows per branch from the city (a target group)."""
    ids = set(tree["id"])
    root = next((i for i, k in zip(tree["id"], tree["kind"], strict=True) if k == "city"), "")
    children: dict[str, list[str]] = {}
    for node, parent in zip(tree["id"], tree["parent"], strict=True):
        if node != root:
            children.setdefault(parent if parent in ids else root, []).append(node)
    branches, seen = [], {root}
    for top in children.get(root, []):
        rows, stack = [], [(top, 0)]
        while stack:
            node, depth = stack.pop()
            if node in seen:  # a loop in the parents would never end: each node once
                continue
            seen.add(node)
            rows.append((node, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(node, [])))
        branches.append(rows)
    return branches


def _columns(sizes: list[int], capacity: int) -> list[list[int]]:
    """Branches (their row counts, in order) into as few columns as hold `capacity` rows each, as even as
    possible; a branch is never split (one longer than a column gets a column of its own)."""

    def pack(limit: int) -> list[list[int]]:
        columns: list[list[int]] = [[]]
        for index, size in enumerate(sizes):
            if columns[-1] and sum(sizes[i] for i in columns[-1]) + size > limit:
                columns.append([])
            columns[-1].append(index)
        return columns

    count = len(pack(max(capacity, max(sizes, default=1))))
    limit = max(sizes, default=1)
    while len(pack(limit)) > count:
        limit += 1
    return pack(limit)


def mindmap_tree(tree: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """The target-group map as an indented tree: each target group with the places and actors under it,
    every node the same size on a row of the same height (nothing in the chart looks like a quantity).
    Branches are set in columns so that the tree fits the wall; the city is named in the title."""
    base, _ = _fonts(projector)
    labels = dict(zip(tree["id"], tree["label"], strict=True))
    kinds = dict(zip(tree["id"], tree["kind"], strict=True))
    city = next((labels[i] for i in tree["id"] if kinds[i] == "city"), "")
    branches = _branches(tree)
    kinds_shown = [k for k in MINDMAP_KINDS if k in set(kinds.values())]
    legend = [t(f"mindmap.kind_{k}", lang) for k in kinds_shown]
    title = t("chart.mindmap_title", lang) + (f" – {plain(city)}" if city else "")
    line_height = base * 1.25
    plan = _layout(go.Figure(), title, projector, height=0, legend=legend)  # what the title and legend take
    top = int(plan.layout.margin.t)
    capacity_rows = int((WALL_MAX_HEIGHT - top - 20) // (line_height + 12)) if projector else 16
    columns = _columns([len(b) for b in branches], capacity_rows)
    column_px = (WALL_WIDTH - 40) / max(len(columns), 1)
    deepest = max((d for b in branches for _, d in b), default=0)
    chars = max(int((column_px - 40 - MINDMAP_INDENT_PX * deepest) / (base * 0.55)), 10)
    texts = {i: _wrap(plain(labels[i]), chars) for b in branches for i, _ in b}
    lines = 2 if any("<br>" in text for text in texts.values()) else 1
    row_px = lines * line_height + 12  # every row the same height
    rows_shown = max((sum(len(branches[i]) for i in column) for column in columns), default=1)
    indent = MINDMAP_INDENT_PX / column_px  # in column widths: the x axis runs one unit per column
    position: dict[str, tuple[float, float]] = {}
    for number, column in enumerate(columns):
        row = 0
        for branch in (branches[i] for i in column):
            for node, depth in branch:
                position[node] = (number + depth * indent, -row)
                row += 1
    fig = go.Figure()
    link_x: list[float | None] = []
    link_y: list[float | None] = []
    parents = dict(zip(tree["id"], tree["parent"], strict=True))
    for node, (x, y) in position.items():  # an elbow from the parent down its left side to the child
        if parents.get(node) in position:
            px, py = position[parents[node]]
            link_x += [px, px, x, None]
            link_y += [py, y, y, None]
    fig.add_trace(go.Scatter(x=link_x, y=link_y, mode="lines", line={"color": "#9A9A9A", "width": 2}, hoverinfo="skip", showlegend=False))
    for kind in kinds_shown:
        nodes = [n for n in position if kinds[n] == kind]
        symbol, colour = MINDMAP_KINDS[kind]
        fig.add_trace(
            go.Scatter(
                x=[position[n][0] for n in nodes],
                y=[position[n][1] for n in nodes],
                mode="markers+text",
                text=[texts[n] for n in nodes],
                textposition="middle right",
                textfont={"size": base, "color": "#222222"},
                marker={"symbol": symbol, "size": 18 if projector else 14, "color": colour, "line": {"width": 1, "color": "#FFFFFF"}},
                name=t(f"mindmap.kind_{kind}", lang),
                cliponaxis=False,
                hoverinfo="text",
            )
        )
    hidden = {"visible": False, "fixedrange": True}
    fig.update_layout(
        xaxis={**hidden, "range": [-0.03, len(columns)]},
        yaxis={**hidden, "range": [-rows_shown + 0.5, 0.5]},
        plot_bgcolor="white",
    )
    fig = _layout(fig, title, projector, height=int(70 + rows_shown * row_px + 10), legend=legend)  # _layout adds the title's excess
    fig.update_layout(margin={"l": 20, "r": 20, "b": 10})
    return fig


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
    legend = [t("answer.level_now", lang), t("answer.level_wanted", lang)]
    row = 46 if projector else 40
    return _layout(fig, t("chart.levels_title", lang), projector, height=140 + row * max(len(names), 3), legend=legend)


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
    )
    legend = [trace.name for trace in fig.data]
    return _layout(fig, t("chart.statistics_title", lang), projector, height=440 if projector else 480, legend=legend)


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
            textfont={"size": _fonts(projector)[0]},
            cliponaxis=False,
            marker={"color": OKABE_ITO[: len(keys)]},
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed", "ticklabelstandoff": 6}, xaxis={"rangemode": "tozero"})
    title = t("chart.funnel_title", lang, year=f"{row['year']}{'*' if row['preliminary'] else ''}")
    return _layout(fig, title, projector, height=380, width=WALL_HALF_WIDTH)


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
                textfont={"size": _fonts(projector)[0]},
                cliponaxis=False,
            )
        )
    fig.update_layout(
        barmode="group",
        xaxis={"title": t("chart.year", lang), "type": "category"},
        yaxis={"title": t("chart.change", lang), "zeroline": True},
    )
    legend = [trace.name for trace in fig.data]
    fig = _layout(fig, t("chart.change_title", lang), projector, height=440, legend=legend, width=WALL_HALF_WIDTH)
    if projector:  # ~10 px per bar beside another chart: a label that would need shrinking is left out (the axis reads)
        fig.update_layout(uniformtext={"minsize": WALL_MIN_FONT, "mode": "hide"})
    return fig


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
    )
    legend = [trace.name for trace in fig.data]
    # a stacked bar chart keeps a plot area of its own however many rows its legend takes
    return _layout(
        fig,
        t(title_key, lang),
        projector,
        height=max(MIN_STACKED_HEIGHT, 70 + MIN_STACKED_PLOT + 100),
        legend=legend,
        width=WALL_HALF_WIDTH,
    )


def invitation_funnel(counts: Mapping[str, int], labels: Mapping[str, str], lang: str = "sv", projector: bool = False) -> go.Figure:
    """The event's invitations: invited → followed up or answered → answered → yes to the network.

    Each stage is a subset of the one before (see events.funnel_counts), so a funnel is honest here.
    """
    keys = [k for k in labels if k in counts]
    fig = go.Figure(
        go.Funnel(
            y=[labels[k] for k in keys],
            x=[int(counts[k]) for k in keys],
            textinfo="value+percent initial",
            textfont={"size": _fonts(projector)[0]},
            marker={"color": OKABE_ITO[: len(keys)]},
            connector={"line": {"color": NOTE_COLOUR, "width": 1}},
        )
    )
    return _layout(fig, t("network.funnel_title", lang), projector, height=380, width=WALL_HALF_WIDTH)


# --- Step 5: the mapping snapshot shared at the start-up event (sff_core/outputs/mapping_snapshot.py) ---------

SNAPSHOT_HEIGHT = 200  # the two series under the indicators and the target groups, on the 1280×720 wall
SNAPSHOT_INDICATOR_HEIGHT = 335


def snapshot_indicators(means: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Indicator averages over every answered survey, one bar per category, rising from the scale's floor (1).

    `means` has the columns label, mean and n; the scale's ends are named on the axis.
    """
    base, _ = _fonts(projector)
    labels = [_wrap(plain(str(label)), 34) for label in means["label"]]
    decimal = "," if lang == "sv" else "."
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[float(m) - 1 for m in means["mean"]],
            base=1,
            orientation="h",
            marker_color=OKABE_ITO[0],
            text=[f"{float(m):.1f}".replace(".", decimal) for m in means["mean"]],
            textposition="outside",
            textfont={"size": base},
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    ends = [t("snapshot.scale_low", lang), "3", t("snapshot.scale_high", lang)]  # the scale's ends named, 2 and 4 gridlines only
    fig.update_layout(
        xaxis={"range": [1, 5.45], "tickvals": [1, 3, 5], "ticktext": ends, "title": None, "dtick": 1},
        yaxis={"autorange": "reversed", "ticklabelstandoff": 6},
        bargap=0.3,
    )
    lines = sum(label.count("<br>") + 1 for label in labels)
    height = SNAPSHOT_INDICATOR_HEIGHT if projector else max(SNAPSHOT_HEIGHT, 110 + lines * int(base * 1.6))
    return _layout(fig, t("snapshot.indicators_title", lang), projector, height=height, width=WALL_HALF_WIDTH)


def snapshot_series(
    x: Sequence[str], values: Sequence[int | None], title: str, threshold: int, lang: str = "sv", projector: bool = False
) -> go.Figure:
    """A count over time as bars (reported offences per year, ads per month), each with its number written;
    a count the sharing rule hides (None) is left out and written as "<threshold"."""
    base, _ = _fonts(projector)
    fig = go.Figure(
        go.Bar(
            x=list(x),
            y=[v or 0 for v in values],
            marker_color=OKABE_ITO[2],
            text=[f"<{threshold}" if v is None else str(v) for v in values],
            textposition="outside",
            textfont={"size": base},
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    top = max((v for v in values if v is not None), default=0)
    fig.update_layout(
        xaxis={"type": "category", "title": None},
        yaxis={"rangemode": "tozero", "range": [0, max(top, threshold) * 1.25], "showticklabels": False, "showgrid": False},
        bargap=0.3,
    )
    fig = _layout(fig, title, projector, height=SNAPSHOT_HEIGHT, width=WALL_HALF_WIDTH)
    if projector:
        fig.update_layout(uniformtext={"minsize": WALL_MIN_FONT, "mode": "hide"})
    return fig


# --- Step 7: ambition levels now and wanted, and the routine as a flowchart ----------------------------

AMBITION_NOW_COLOUR, AMBITION_WANTED_COLOUR = OKABE_ITO[5], OKABE_ITO[2]
PRIORITY_FILLS = {"akut": "#FBE3D6", "inom_dygn": "#FCEFD2", "planerat": "#DCEBF7"}  # light tints; black text on each ≥ 12:1


def ambition_distribution(counts: pd.DataFrame, subtitle: str, lang: str = "sv", projector: bool = False) -> go.Figure:
    """How many placed the city at each development level now and wanted (counts: level, label, now,
    wanted). The gap (medians and means, n) is the subtitle, so the wall shows it with the bars."""
    base, _ = _fonts(projector)
    per_level = (WALL_WIDTH - 160) / max(len(counts), 1)
    chars = max(int(per_level / (base * 0.55)), 8)
    ticks = [_wrap(f"{row.level} {plain(str(row.label))}", chars, lines=3) for row in counts.itertuples()]
    fig = go.Figure()
    for column, name, colour in (
        ("now", t("answer.level_now", lang), AMBITION_NOW_COLOUR),
        ("wanted", t("answer.level_wanted", lang), AMBITION_WANTED_COLOUR),
    ):
        values = [int(v) for v in counts[column]]
        fig.add_trace(
            go.Bar(
                x=ticks,
                y=values,
                name=name,
                marker={"color": colour},
                text=[str(v) if v else "" for v in values],
                textposition="outside",
                textfont={"size": base},
                cliponaxis=False,
                hoverinfo="skip" if projector else None,
            )
        )
    top = max([int(v) for v in counts["now"]] + [int(v) for v in counts["wanted"]] + [1])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(title={"text": t("ambition.chart_count", lang)}, range=[0, top * 1.25 + 0.5], dtick=max(1, math.ceil(top / 5)))
    legend = [t("answer.level_now", lang), t("answer.level_wanted", lang)]
    height = 280 if projector else 420  # on the wall the per-organisation table fits under it
    return _layout(fig, t("ambition.chart_title", lang), projector, height=height, legend=legend, subtitle=subtitle)


FLOW_GAP = 0.07  # of a column's width: the room for the arrow between two boxes
FLOW_SCREEN_WIDTH = 760  # the laptop's main column (and an expander in it) is narrower than the wall


def _flow_grid(count: int) -> tuple[int, int]:
    """Columns and rows of the flowchart: one row up to five steps, else rows of up to four."""
    if count <= 5:
        return max(count, 1), 1
    columns = 4
    return columns, math.ceil(count / columns)


def _box_lines(value: str, chars: int, lines: int) -> list[str]:
    """A box's text in lines of at most `chars` characters; a longer word (a mailbox) is broken
    after '@' or '.', else cut, so it never runs over the box's edge."""
    if not value:
        return []
    words: list[str] = []
    for word in value.split():
        while len(word) > chars:
            cut = max(word.rfind("@", 0, chars), word.rfind(".", 0, chars))
            cut = cut + 1 if cut > 0 else chars
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    return _wrap(plain(" ".join(words)), chars, lines=lines).split("<br>")


def routine_flowchart(steps: pd.DataFrame, title: str, lang: str = "sv", projector: bool = False) -> go.Figure:
    """The routine's steps as numbered boxes joined by arrows, the responsible actor, contact and
    priority in each (steps: number, title, actor, contact, priority, priority_label). Rows of up to
    four boxes when there are more than five steps; on the wall every text is at least 18 px."""
    base, _ = _fonts(projector)
    size = max(base - (2 if len(steps) > 3 else 0), WALL_MIN_FONT if projector else 11)
    columns, rows = _flow_grid(len(steps))
    width = WALL_WIDTH if projector else FLOW_SCREEN_WIDTH
    box_px = (width - 80) / columns * (1 - 2 * FLOW_GAP)
    chars = max(int(box_px / (size * 0.56)), 8)
    texts: list[str] = []
    heights: list[int] = []
    for row in steps.itertuples():
        head = _box_lines(f"{row.number}. {row.title}", chars, 2)
        actor = _box_lines(f"{t('routine.who', lang)}: {row.actor or '–'}", chars, 3)
        contact = _box_lines(f"{t('routine.contact_short', lang)}: {row.contact}", chars, 4) if row.contact else []
        priority = _box_lines(str(row.priority_label), chars, 1)
        lines = [f"<b>{line}</b>" for line in head] + actor + contact + [f"<i>{line}</i>" for line in priority]
        texts.append("<br>".join(lines))
        heights.append(len(lines))
    line_px = size * 1.3
    row_px = max(heights or [1]) * line_px + 48  # the box's text and a margin inside its border
    fig = go.Figure()
    for index, (row, label) in enumerate(zip(steps.itertuples(), texts, strict=True)):
        column, line = index % columns, index // columns
        x0, x1 = column + FLOW_GAP, column + 1 - FLOW_GAP
        y0, y1 = line + 0.06, line + 0.94
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            line={"color": "#333333", "width": 2},
            fillcolor=PRIORITY_FILLS.get(str(row.priority), "#EEEEEE"),
            layer="below",
        )
        fig.add_annotation(
            x=column + 0.5, y=line + 0.5, text=label, showarrow=False, font={"size": size, "color": "#000000"}, align="center"
        )
        if index + 1 < len(steps):
            nxt, nline = (index + 1) % columns, (index + 1) // columns
            if nline == line:
                start, end = (x1, line + 0.5), (nxt + FLOW_GAP, line + 0.5)
            else:  # down to the next row's first box
                start, end = (column + 0.5, y1), (nxt + 0.5, nline + 0.06)
            fig.add_annotation(
                x=end[0],
                y=end[1],
                ax=start[0],
                ay=start[1],
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowsize=1.4,
                arrowwidth=3,
                arrowcolor="#333333",
                text="",
            )
    fig.update_xaxes(range=[0, columns], visible=False, fixedrange=True)
    fig.update_yaxes(range=[rows, 0], visible=False, fixedrange=True)
    height = int(rows * row_px) + 110  # _layout keeps 110 px of this for the margins (title band and bottom)
    fig = _layout(
        fig, plain(title) if title else None, projector, height=min(height, WALL_MAX_HEIGHT - 60) if projector else height, width=width
    )
    fig.update_layout(plot_bgcolor="white", hovermode=False)
    return fig


# --- Step 6: the collaboration plan's follow-up (actual against target per delmål) ---------------------------

PLAN_TARGET_COLOUR, PLAN_ACTUAL_COLOUR = "#000000", OKABE_ITO[0]


def plan_follow_up_chart(scorecard: pd.DataFrame, lang: str = "sv", projector: bool = False) -> go.Figure:
    """Per delmål a small chart over the plan years: the actual as bars, the target as a dashed line.

    `scorecard` is sff_core.plan.scorecard_frame's table. A year without a value has no bar (or no
    target point): missing is never drawn as 0. Delmål with neither targets nor actuals are left out.
    """
    from plotly.subplots import make_subplots

    shown = scorecard[scorecard["target"].notna() | scorecard["actual"].notna()]
    numbers = list(dict.fromkeys(shown["number"]))
    base, _ = _fonts(projector)
    count = max(len(numbers), 1)
    columns = min(count, 3)
    rows = math.ceil(count / columns)
    width = WALL_WIDTH // columns
    titles = []
    for number in numbers:
        goal = scorecard[scorecard["number"] == number].iloc[0]
        unit = f" ({goal['unit']})" if goal["unit"] else ""
        label = t("plan.chart_goal", lang, n=number) + ": " + str(goal["goal"]) + unit
        titles.append(_wrap(plain(label), max(int(width / (base * 0.55)), 14), lines=2))
    title_band = int(2 * base * 1.3 + 10)  # each small chart's title: two lines above its plot
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles or None, vertical_spacing=0.36 if rows > 1 else 0.1)
    for index, number in enumerate(numbers):
        goal_rows = scorecard[scorecard["number"] == number]
        years = [str(y) for y in goal_rows["calendar_year"]]
        row, column = index // columns + 1, index % columns + 1
        actual = [None if pd.isna(v) else float(v) for v in goal_rows["actual"]]
        target = [None if pd.isna(v) else float(v) for v in goal_rows["target"]]
        fig.add_trace(
            go.Bar(
                x=years,
                y=actual,
                name=t("plan.chart_actual", lang),
                marker_color=PLAN_ACTUAL_COLOUR,
                text=[f"{v:g}" if v is not None else "" for v in actual],
                textposition="inside",
                insidetextanchor="start",  # at the bar's foot, clear of the target line
                textfont={"size": base, "color": "#FFFFFF"},
                showlegend=index == 0,
                legendgroup="actual",
            ),
            row=row,
            col=column,
        )
        fig.add_trace(
            go.Scatter(
                x=years,
                y=target,
                name=t("plan.chart_target", lang),
                mode="lines+markers",
                connectgaps=False,
                line={"color": PLAN_TARGET_COLOUR, "width": 3, "dash": "dash"},
                marker={"size": 11, "symbol": "diamond"},
                showlegend=index == 0,
                legendgroup="target",
            ),
            row=row,
            col=column,
        )
        fig.update_xaxes(type="category", row=row, col=column)
        fig.update_yaxes(rangemode="tozero", row=row, col=column)
    fig.update_annotations(font={"size": base})
    height = (230 if projector else 260) * rows + (40 if rows > 1 else 0)
    legend = [t("plan.chart_actual", lang), t("plan.chart_target", lang)] if numbers else None
    height = min(height, WALL_MAX_HEIGHT - 120) if projector else height
    fig = _layout(fig, t("plan.chart_title", lang), projector, height=height, legend=legend)
    # Room under the legend for the first row's titles (Plotly sets them above the plot area); the
    # title and legend keep their place from the top, which _layout gave as fractions of the height.
    before, after = fig.layout.height, fig.layout.height + title_band
    fig.update_layout(
        margin={**fig.layout.margin.to_plotly_json(), "t": fig.layout.margin.t + title_band},
        height=after,
        title_y=1 - (1 - fig.layout.title.y) * before / after,
        legend_y=1 - (1 - fig.layout.legend.y) * before / after,
        plot_bgcolor="white",
        bargap=0.35,
    )
    fig.update_yaxes(gridcolor="#DDDDDD")
    return fig
