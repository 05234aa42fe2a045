"""Page chrome: projector styling, sidebar controls, error display, figure + table."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sff_core.config import LANGUAGES
from sff_core.errors import InputError
from sff_core.outputs import charts
from sff_core.outputs.spreadsheet import csv_bytes
from sff_core.ui.context import language, projector_on, set_projector, tr
from sff_core.ui.text import plain

# Our own static markup only (no user text ever goes through unsafe_allow_html). On the wall the root
# size is 1.3 × 16 px = 20.8 px, so 0.9rem ≈ 18.7 px is the smallest text; a headline number (metric)
# is clearly larger than its label (2.6rem ≈ 54 px against 1.1rem ≈ 23 px); tables wrap their
# headers and cells instead of scrolling sideways.
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none !important;}
[data-testid="stElementContainer"]:has(iframe[srcdoc*="document.cookie"]) {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 0.6rem 2rem !important;}
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.3rem !important;}
h1 {font-size: 2.6rem !important;} h2 {font-size: 2.1rem !important;} h3 {font-size: 1.8rem !important;}
h4 {font-size: 1.5rem !important;}
[data-testid="stCode"] code {font-size: 2.1rem !important; letter-spacing: 0.06em;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 2.6rem !important; line-height: 1.15 !important;}
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {font-size: 1.1rem !important;}
[data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stTable"] [data-testid="stMarkdownContainer"] p {
  font-size: 0.9rem !important;}
[data-testid="stTable"] th, [data-testid="stTable"] td {padding: 0.3rem 0.4rem !important; vertical-align: top;}
[data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stTable"] p {
  white-space: normal !important; overflow-wrap: break-word !important;}
</style>
"""


K = TypeVar("K", bound=Hashable)


def labelled(labels: Mapping[K, str]) -> Callable[[K], str]:
    """A widget's `format_func` that shows each option's label (an option without one shows as itself)."""
    return lambda option: labels.get(option, str(option))


def apply_chrome() -> None:
    """Projector CSS when on; the language and projector controls in the sidebar."""
    if projector_on():
        st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)  # our own static style (a constant), never user text
        return
    with st.sidebar:
        lang = st.radio(
            tr("app.language"),
            list(LANGUAGES),
            index=LANGUAGES.index(language()),
            format_func=lambda v: "Svenska" if v == "sv" else "English",
            horizontal=True,
            key="lang_choice",
        )
        if lang != language():
            st.session_state["lang"] = lang
            st.query_params["lang"] = lang
            st.rerun()
        if st.toggle(tr("app.projector"), value=False, help=tr("app.projector_help"), key="projector_toggle"):
            set_projector(True)
            st.rerun()


def projector_exit_button() -> None:
    """In projector mode the sidebar is hidden; this small button leaves the mode."""
    if projector_on() and st.button(tr("app.projector_exit"), key="projector_exit", type="tertiary"):
        set_projector(False)
        st.session_state["projector_toggle"] = False
        st.rerun()


def show_error(error: InputError) -> None:
    """The Swedish (or English) message; escaped, since it may quote what the user typed."""
    st.error(plain_markdown(error.message(language())), icon="⚠️")


@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_figure(builder: str, *args: Any, **kwargs: Any) -> go.Figure:
    """A chart builder's figure, cached on its inputs.

    Builders are pure, so equal inputs give equal figures; a rerun with unchanged data (every
    widget click, every live refresh) then skips building and validating the figure again.
    The figure is shared, never mutated: st.plotly_chart only reads it (`to_dict()` copies).
    A Figure, not its JSON, because st.plotly_chart re-validates a plain dict from scratch.
    """
    return getattr(charts, builder)(*args, **kwargs)


def chart(builder: str, *args: Any, **kwargs: Any) -> go.Figure:
    """Build a chart with the named pure builder in sff_core.outputs.charts (cached)."""
    return _cached_figure(builder, *args, **kwargs)


def figure(fig: go.Figure | dict[str, Any], table: pd.DataFrame | None = None, key: str | None = None) -> None:
    """A chart, and the same numbers as a table on request (not on the wall).

    The table is only built when asked for: a collapsed expander would still serialise it on
    every rerun.
    """
    # On the wall no toolbar and no hover boxes: the room sees the chart, not the tool.
    config = {"displayModeBar": False, "staticPlot": True} if projector_on() else {"displaylogo": False}
    st.plotly_chart(fig, width="stretch", key=key, config=config)
    if table is not None and not projector_on() and st.toggle(tr("chart.table"), key=f"table-{key}"):
        st.dataframe(table, hide_index=True, width="stretch")


def data_table(frame: pd.DataFrame, key: str, filename: str | None = None) -> None:
    """A table of user text, with the app's own CSV download (formulas neutralised) off the wall.

    Streamlit's toolbar export is switched off in .streamlit/config.toml (it would write
    `=HYPERLINK(…)` as a live formula); this button is the way a table leaves the app.
    """
    st.dataframe(_dashes_for_missing(frame), hide_index=True, width="stretch")
    if filename and not projector_on() and not frame.empty:
        st.download_button(
            tr("table.download"),
            csv_bytes(frame),
            file_name=f"{filename}.csv",
            mime="text/csv",
            key=f"download-{key}",
            type="tertiary",
            icon=":material/download:",
        )


def _dashes_for_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A missing value in a column of mixed cells (a number or "<3") as "–", not the grid's "None"."""
    mixed = [c for c in frame.columns if frame[c].dtype == object and frame[c].isna().any()]
    if not mixed:
        return frame
    shown = frame.copy()
    for column in mixed:
        shown[column] = shown[column].map(lambda v: "–" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return shown


# User text safe wherever Streamlit reads Markdown: the one escaping function (sff_core/ui/text.py),
# under the name its many callers know.
plain_markdown = plain


FLASH_KEY = "flash"


def run_action(action: Callable[[], object], done: str) -> bool:
    """Run a service call; on bad input show the Swedish message (the form keeps what was typed),
    else flash `done` and draw the page again. False when refused."""
    try:
        action()
    except InputError as error:
        show_error(error)
        return False
    flash(done)
    return True


def flash(message: str) -> None:
    """A success message shown after the rerun that refreshes the page's tables."""
    st.session_state[FLASH_KEY] = message
    st.rerun()


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:  # messages name what the user saved: shown as typed, never as Markdown
        st.success(plain_markdown(message))
    warning = st.session_state.pop("flash_warning", None)
    if warning:
        st.warning(plain_markdown(warning))
