"""The event's checklist point 4: step 2's results as one screen for the projector, and its panel by the checklist.

On the wall (`/steg-5?projector=1&section=anordna_event&view=kartlaggning`) the snapshot takes the
whole 1280×720 screen: a heading, then four panels two by two – target groups and contact points,
the indicator averages, reported offences per year, ads per month – with no app controls.
"""

from __future__ import annotations

import streamlit as st

from sff_core.outputs import mapping_snapshot as snap
from sff_core.outputs.results import FigureBlock
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.common import wall_table
from sff_core.ui.layout import chart, figure, plain_markdown
from sff_core.ui.live import base_url
from sff_core.ui.report_download import document_panel

SNAPSHOT_VIEW = "kartlaggning"
VIEW_PARAM = "view"
SNAPSHOT_CSS = """
<style>
[data-testid="stMainBlockContainer"] {padding-top: 0.4rem !important; padding-bottom: 0 !important;}
[data-testid="stMainBlockContainer"] h3 {padding: 0 0 0.2rem 0 !important;}
[data-testid="stElementContainer"]:has(style) {display: none !important;}
</style>
"""


def snapshot_url(step_path: str, section_key: str) -> str:
    return f"{base_url()}/{step_path}?projector=1&section={section_key}&{VIEW_PARAM}={SNAPSHOT_VIEW}"


def snapshot_view(ctx: Context) -> None:
    """The snapshot on the wall (or, off the wall, as a preview at screen size)."""
    snapshot = snap.build_snapshot(ctx.engine, ctx.workspace.id, ctx.lang)
    if ctx.projector:
        st.markdown(SNAPSHOT_CSS, unsafe_allow_html=True)  # our own static style: a little more height for the panels
        st.markdown(f"### {plain_markdown(snap.snapshot_title(snapshot, ctx.lang))}")
    if snapshot.empty:
        st.info(tr("snapshot.empty"))
        return
    blocks = {b.key: b for b in snap.snapshot_blocks(snapshot, ctx.lang, ctx.projector) if isinstance(b, FigureBlock)}
    top_left, top_right = st.columns([2, 3])
    with top_left:
        _groups(ctx, snapshot)
        if snapshot.surveys:
            st.caption(snap.surveys_line(snapshot, ctx.lang))
        st.caption(tr("snapshot.footnote", threshold=snapshot.threshold))
    with top_right:
        _figure(blocks.get("snapshot-indicators"))
    bottom_left, bottom_right = st.columns(2)
    with bottom_left:
        _figure(blocks.get("snapshot-offences"))
    with bottom_right:
        _figure(blocks.get("snapshot-ads"))


def _groups(ctx: Context, snapshot: snap.Snapshot) -> None:
    """The target groups with their places and actors, as a table of plain text (the groups' own words)."""
    st.markdown(f"**{tr('snapshot.groups_title')}**")
    if not snapshot.target_groups:
        st.markdown("–")
        return
    table = snap.groups_table(snapshot, ctx.lang)
    if ctx.projector:
        wall_table(table)
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def _figure(block: FigureBlock | None) -> None:
    if block is not None:
        figure(chart(block.builder, *block.args), block.table, key=block.key)


def snapshot_panel(ctx: Context, step_path: str, section_key: str) -> None:
    """By the checklist: what point 4 gives, the wall link, the one-page document and a preview."""
    st.markdown(f"**{tr('snapshot.heading_point')}**")
    st.caption(tr("snapshot.intro"))
    st.link_button(tr("snapshot.open_wall"), snapshot_url(step_path, section_key), icon=":material/cast:")
    document_panel(
        ctx, "snapshot-doc", lambda _level: snap.snapshot_report(ctx.engine, ctx.workspace.id, ctx.lang), tr("snapshot.document")
    )
    if st.toggle(tr("snapshot.preview"), key="snapshot-preview"):
        snapshot_view(ctx)
