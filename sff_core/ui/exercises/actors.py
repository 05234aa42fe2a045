"""Possible collaboration actors (step 3): the add form shared by the levels and the analysis."""

from __future__ import annotations

import streamlit as st

from sff_core import stakeholders
from sff_core.content import get_content
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.layout import labelled, run_action


def sector_labels(lang: str) -> dict[str, str]:
    return get_content().labels("sectors", lang)


@adds_records
def actor_form(ctx: Context, where: str) -> None:
    sectors = sector_labels(ctx.lang)
    with st.form(f"actor-add-{where}"):
        st.caption(tr("actors.no_individuals"))
        left, right = st.columns(2)
        name = left.text_input(tr("actors.name"), key=f"actor-name-{where}", max_chars=160)
        sector = right.selectbox(tr("core.sector"), list(sectors), format_func=labelled(sectors), key=f"actor-sector-{where}")
        if st.form_submit_button(tr("actors.add")):
            run_action(lambda: stakeholders.add_actor(ctx.engine, ctx.workspace.id, name, sector), tr("actors.added", name=name.strip()))
