"""Step 2 'Hitta målgruppen / Hitta kontaktytan': the mind map as data.

The city is the centre; around it the vulnerable groups, where they are, and which actors
meet them there. Labels describe groups, places and organisations – never individuals.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from sff_core import audit
from sff_core.db import session_scope
from sff_core.errors import InputError
from sff_core.models import MindmapNode, utcnow
from sff_core.validation import required_text

KINDS = ("group", "place", "actor")
ALLOWED_PARENTS = {"group": (None,), "place": ("group",), "actor": ("group", "place")}
NODE_COLUMNS = ["id", "parent_id", "kind", "label"]


def add_node(engine: Engine, workspace_id: int, kind: str, label: str, parent_id: int | None = None) -> int:
    if kind not in KINDS:
        raise InputError("not_allowed", field="kind", field_label="kind", value=kind)
    label = required_text(label, "label", 160)
    with session_scope(engine) as session:
        parent_kind = None
        if parent_id is not None:
            parent = session.get(MindmapNode, parent_id)
            if parent is None or parent.workspace_id != workspace_id or parent.deleted_at is not None:
                raise InputError("unknown_node", field="parent")
            parent_kind = parent.kind
        if parent_kind not in ALLOWED_PARENTS[kind]:
            raise InputError("mindmap_parent", field="parent", kind=kind)
        row = MindmapNode(workspace_id=workspace_id, parent_id=parent_id, kind=kind, label=label)
        session.add(row)
        session.flush()
        audit.record(session, workspace_id, "mindmap.add", node_id=row.id)
        return row.id


def remove_node(engine: Engine, workspace_id: int, node_id: int) -> None:
    """Remove a node and everything under it (soft)."""
    nodes = load_nodes(engine, workspace_id)
    doomed = {node_id}
    grew = True
    while grew:
        children = set(nodes[nodes["parent_id"].isin(doomed)]["id"])
        grew = not children <= doomed
        doomed |= children
    with session_scope(engine) as session:
        for row in session.scalars(select(MindmapNode).where(MindmapNode.workspace_id == workspace_id, MindmapNode.id.in_(doomed))):
            row.deleted_at = utcnow()


def load_nodes(engine: Engine, workspace_id: int) -> pd.DataFrame:
    with session_scope(engine) as session:
        rows = session.execute(
            select(MindmapNode.id, MindmapNode.parent_id, MindmapNode.kind, MindmapNode.label)
            .where(MindmapNode.workspace_id == workspace_id, MindmapNode.deleted_at.is_(None))
            .order_by(MindmapNode.id)
        ).all()
    return pd.DataFrame(rows, columns=NODE_COLUMNS)


def hierarchy(nodes: pd.DataFrame, city: str) -> pd.DataFrame:
    """Pure: ids, parents and labels for a sunburst/treemap with the city at the centre."""
    rows = [{"id": "city", "parent": "", "label": city, "kind": "city"}]
    rows += [
        {"id": f"n{r.id}", "parent": f"n{int(r.parent_id)}" if pd.notna(r.parent_id) else "city", "label": r.label, "kind": r.kind}
        for r in nodes.itertuples()
    ]
    return pd.DataFrame(rows, columns=["id", "parent", "label", "kind"])
