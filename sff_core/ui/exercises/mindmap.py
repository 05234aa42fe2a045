"""Step 2 'Hitta målgruppen / Hitta kontaktytan': adding groups, places and actors to the mind map.

The mind map itself is the results model (sff_core/exercises/mindmap.py), drawn below the forms.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import mindmap
from sff_core.content import Section, Step
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.common import node_options
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, labelled, run_action
from sff_core.ui.results_view import model_view


@adds_records
def target_group_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    nodes = mindmap.load_nodes(ctx.engine, ctx.workspace.id)
    if not ctx.projector:
        suggestions = [text(s, ctx.lang) for s in section.suggestions]
        with st.form("mindmap-group"):
            st.caption(tr("mindmap.no_individuals"))
            picked = st.multiselect(tr("mindmap.suggested_groups"), suggestions, key="mm-suggested", placeholder=tr("app.choose"))
            own = st.text_input(tr("mindmap.own_group"), key="mm-own-group", max_chars=160)
            if st.form_submit_button(tr("mindmap.add_groups")):
                _add_nodes(ctx, "group", [*picked, own] if own.strip() else picked, None)
        groups = node_options(nodes, ("group",))
        if groups:
            with st.form("mindmap-place"):
                parent = st.selectbox(tr("mindmap.group"), list(groups), format_func=labelled(groups), key="mm-place-parent")
                place = st.text_input(tr("mindmap.place"), key="mm-place", max_chars=160, help=tr("mindmap.place_help"))
                if st.form_submit_button(tr("mindmap.add_place")):
                    _add_nodes(ctx, "place", [place], parent)


@adds_records
def contact_point_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    nodes = mindmap.load_nodes(ctx.engine, ctx.workspace.id)
    if not ctx.projector:
        parents = node_options(nodes, ("group", "place"))
        if not parents:
            st.info(tr("mindmap.groups_first"))
        else:
            suggestions = [text(s, ctx.lang) for s in section.suggestions]
            with st.form("mindmap-actor"):
                parent = st.selectbox(tr("mindmap.where"), list(parents), format_func=labelled(parents), key="mm-actor-parent")
                picked = st.multiselect(tr("mindmap.suggested_actors"), suggestions, key="mm-actor-suggested", placeholder=tr("app.choose"))
                own = st.text_input(tr("mindmap.own_actor"), key="mm-own-actor", max_chars=160)
                if st.form_submit_button(tr("mindmap.add_actors")):
                    _add_nodes(ctx, "actor", [*picked, own] if own.strip() else picked, parent)
        removable = node_options(nodes, ("group", "place", "actor"))
        if removable:
            with st.expander(tr("mindmap.remove_title")):
                chosen = st.selectbox(tr("mindmap.remove_pick"), list(removable), format_func=labelled(removable), key="mm-remove")
                if st.button(tr("mindmap.remove"), key="mm-remove-button"):
                    mindmap.remove_node(ctx.engine, ctx.workspace.id, chosen)
                    flash(tr("mindmap.removed"))


def _add_nodes(ctx: Context, kind: str, labels: list[str], parent: int | None) -> None:
    # the whole branch or nothing
    run_action(lambda: mindmap.add_nodes(ctx.engine, ctx.workspace.id, kind, labels, parent), tr("mindmap.added", n=len(labels)))


def mindmap_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The same mind map, seen from the target groups or from the contact points."""
    if section.key == "hitta_kontaktytan":
        contact_point_section(ctx, step, section, session_date)
    else:
        target_group_section(ctx, step, section, session_date)
    model_view(ctx, step, section, session_date)  # the mind map: the results model, as /vagg draws it


UI = ExerciseUI(name="mindmap", tool=mindmap_section)
