"""Step 2 'Hitta målgruppen / Hitta kontaktytan': the mind map as data.

The city is the centre; around it the vulnerable groups, where they are, and which actors
meet them there. Labels describe groups, places and organisations – never individuals.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from sff_core.errors import InputError
from sff_core.store.db import session_scope
from sff_core.store.models import MindmapNode, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import required_text

KINDS = ("group", "place", "actor")
ALLOWED_PARENTS = {"group": (None,), "place": ("group",), "actor": ("group", "place")}
NODE_COLUMNS = ["id", "parent_id", "kind", "label"]


def add_node(engine: Engine, workspace_id: int, kind: str, label: str, parent_id: int | None = None) -> int:
    """One node of the mind map under its parent."""
    return add_nodes(engine, workspace_id, kind, [label], parent_id)[0]


def add_nodes(engine: Engine, workspace_id: int, kind: str, labels: list[str], parent_id: int | None = None) -> list[int]:
    """A branch of nodes under one parent, all or none (one bad label adds nothing)."""
    if kind not in KINDS:
        raise InputError("not_allowed", field="kind", field_label="kind", value=kind)
    cleaned = [required_text(label, "label", 160) for label in labels]
    if not cleaned:
        raise InputError("required", field="label", field_label="label")
    with unit_of_work(engine, workspace_id) as uow:
        parent_kind = uow.owned(MindmapNode, parent_id, "unknown_node").kind if parent_id is not None else None
        if parent_kind not in ALLOWED_PARENTS[kind]:
            raise InputError("mindmap_parent", field="parent", kind=kind)
        return [
            uow.add(MindmapNode(workspace_id=workspace_id, parent_id=parent_id, kind=kind, label=label), "mindmap.add").id
            for label in cleaned
        ]


def remove_node(engine: Engine, workspace_id: int, node_id: int) -> None:
    """Remove a node and everything under it (soft), in one transaction."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(MindmapNode, node_id, "unknown_node")
        rows = uow.session.scalars(
            select(MindmapNode).where(MindmapNode.workspace_id == workspace_id, MindmapNode.deleted_at.is_(None))
        ).all()
        doomed, grew = {node_id}, True
        while grew:
            children = {r.id for r in rows if r.parent_id in doomed}
            grew = not children <= doomed
            doomed |= children
        for row in rows:
            if row.id in doomed:
                row.deleted_at = utcnow()
        uow.audit("mindmap.remove", id=node_id, removed=len(doomed))


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
