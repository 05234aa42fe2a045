"""Pure chart builders: plain data in, a Plotly figure out (no database, no streamlit).

One colour-blind-safe palette (Okabe–Ito), Swedish labels by default, larger type for the
projector. Every chart's numbers are also available as a table from the same service.
"""

from __future__ import annotations

import html

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


def readiness_radar(summary: ReadinessSummary, labels: dict[str, str], names: dict[str, str],
                    lang: str = "sv", projector: bool = False) -> go.Figure:
    """Every respondent's polygon, the min–max band per dimension and the group's values."""
    theta = _closed([_wrap(labels.get(d.key, d.key), 18) for d in summary.dimensions])
    fig = go.Figure()
    if summary.respondents:
        highs = _closed([d.high or 0 for d in summary.dimensions])
        lows = _closed([d.low or 0 for d in summary.dimensions])
        fig.add_trace(go.Scatterpolar(r=highs, theta=theta, mode="lines", line={"width": 0},
                                      name=t("chart.band_max", lang), showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatterpolar(r=lows, theta=theta, mode="lines", line={"width": 0}, fill="tonext",
                                      fillcolor=BAND_COLOUR, name=t("chart.band", lang), hoverinfo="skip"))
    for index, respondent in enumerate(summary.respondents):
        fig.add_trace(go.Scatterpolar(
            r=_closed([d.scores.get(respondent) for d in summary.dimensions]), theta=theta,
            mode="lines+markers", name=plain(names.get(respondent, respondent)), connectgaps=True,
            line={"width": 1.5, "color": OKABE_ITO[index % (len(OKABE_ITO) - 1)]}, opacity=0.75))
    group_values = [d.value for d in summary.dimensions]
    if any(v is not None for v in group_values):
        name = t("chart.group_consensus" if summary.uses_consensus else "chart.group_mean", lang)
        fig.add_trace(go.Scatterpolar(r=_closed([round(v, 2) if v is not None else None for v in group_values]),
                                      theta=theta, mode="lines+markers", name=name, connectgaps=True,
                                      line={"width": 4, "color": GROUP_COLOUR}, marker={"size": 9}))
    between_first_two = 90 - 180 / max(len(summary.dimensions), 1)  # radial ticks between two spokes
    fig.update_layout(polar={"radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5], "angle": between_first_two,
                                            "tickfont": {"size": 11}},
                             "angularaxis": {"direction": "clockwise"}},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0})
    fig = _layout(fig, t("chart.readiness_title", lang), projector, height=560)
    fig.update_layout(margin={"l": 90, "r": 90, "t": 60, "b": 30})
    if projector:  # the wall: the page heading names the chart; the legend goes beside it
        fig.update_layout(title=None, height=540, margin={"l": 10, "r": 10, "t": 40, "b": 40},
                          polar_domain={"x": [0.2, 0.68]},
                          legend={"orientation": "v", "x": 0.8, "xanchor": "left", "y": 1, "yanchor": "top",
                                  "font": {"size": 15}},
                          font={"size": 17})
    return fig


def agreement_bars(summary, lang: str = "sv", projector: bool = False) -> go.Figure:  # type: ignore[no-untyped-def]
    """Yes/no per statement, stacked horizontally (a frame from exercises.yes_no_summary)."""
    labels = [_wrap(label, 60) for label in summary["label"]]
    fig = go.Figure([
        go.Bar(y=labels, x=summary["yes"], name=t("answer.yes", lang), orientation="h",
               marker_color=YES_COLOUR, text=summary["yes"], textposition="inside"),
        go.Bar(y=labels, x=summary["no"], name=t("answer.no", lang), orientation="h",
               marker_color=NO_COLOUR, text=summary["no"], textposition="inside"),
    ])
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"},
                      xaxis={"title": t("chart.respondents", lang), "dtick": 1})
    return _layout(fig, t("chart.agreement_title", lang), projector, height=120 + 60 * len(labels))


def personality_bars(counts: dict[str, int], labels: dict[str, str], lang: str = "sv",
                     projector: bool = False) -> go.Figure:
    """How many core-group members have each personality type; missing types stand out."""
    keys = list(counts)
    colours = [OKABE_ITO[0] if counts[k] else "#BBBBBB" for k in keys]
    fig = go.Figure(go.Bar(y=[labels.get(k, k) for k in keys], x=[counts[k] for k in keys], orientation="h",
                           marker_color=colours, text=[counts[k] for k in keys], textposition="outside"))
    fig.update_layout(xaxis={"title": t("chart.members", lang), "dtick": 1, "rangemode": "tozero"},
                      yaxis={"autorange": "reversed"})
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
