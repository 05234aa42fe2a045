"""Small helpers shared by the exercise modules."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from sff_core.content import get_content
from sff_core.ui.layout import data_table, plain_markdown


def vocab_labels(vocab: str, lang: str) -> dict[str, str]:
    return get_content().labels(vocab, lang)


def node_options(nodes: pd.DataFrame, kinds: tuple[str, ...]) -> dict[int, str]:
    labels = dict(zip(nodes["id"], nodes["label"], strict=True))
    parents = dict(zip(nodes["id"], nodes["parent_id"], strict=True))
    options = {}
    for row in nodes[nodes["kind"].isin(kinds)].itertuples():
        parent = parents.get(row.id)
        prefix = f"{labels[int(parent)]} › " if parent is not None and pd.notna(parent) else ""
        options[int(row.id)] = prefix + row.label
    return options


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _wall_cell(value: object) -> str:
    """A cell as the wall shows it: escaped (shown as typed), "–" when empty, a date never broken at its hyphens."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):  # a mean or median the Swedish way: 2, 2,5, 3,57
        return f"{value:g}".replace(".", ",")
    shown = str(value)
    if ISO_DATE.fullmatch(shown):
        return shown.replace("-", "\u2011")  # non-breaking hyphens
    return plain_markdown(shown).replace("\n", "  \n")  # a cell's lines stay lines (the plan's activities per year)


def short_header(label: str) -> str:
    """A column's name on the wall: without its explanation in brackets ("Tredjepartsformuleringar")."""
    return label.split(" (", 1)[0]


def wall_table(table: pd.DataFrame) -> None:
    """A table on the wall: an HTML table with short headers that wrap (the projector CSS sets 18 px or
    more), so it fits 1280 px without scrolling sideways; a data grid would scroll sideways and draw its
    text in a canvas at ~14 px. st.table reads Markdown, so every header and cell is escaped (shown as typed)."""
    shown = table.map(_wall_cell)
    shown.columns = [plain_markdown(short_header(str(c))) for c in table.columns]
    st.table(shown, hide_index=True)


def table_here(table: pd.DataFrame, key: str, filename: str, projector: bool) -> None:
    """The exercise's table: on the wall as `wall_table`, on the screen as a data grid with the CSV download."""
    if projector:
        wall_table(table)
    else:
        data_table(table, key, filename)
