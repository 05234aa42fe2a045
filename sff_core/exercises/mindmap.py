"""Step 2 'Hitta målgruppen' and 'Hitta kontaktytan': the one mind map of groups, places and actors."""

from __future__ import annotations

from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, FigureBlock, Results, ResultsQuery


def mindmap_results(query: ResultsQuery) -> Results:
    """The mind map as a tree chart, with its nodes as the table (labels the group chose, no counts)."""
    from sff_core import mindmap

    title = text(query.section.title, query.lang)
    nodes = mindmap.load_nodes(query.engine, query.workspace_id)
    if nodes.empty:
        return Results(title, None, (), t("mindmap.empty", query.lang))
    tree = mindmap.hierarchy(nodes, query.city or "–")
    kinds = {k: t(f"mindmap.kind_{k}", query.lang) for k in ("group", "place", "actor")}
    table = nodes.assign(kind=nodes["kind"].map(kinds))[["kind", "label"]].rename(
        columns={"kind": t("mindmap.kind", query.lang), "label": t("mindmap.label", query.lang)}
    )
    chart = FigureBlock("mindmap_tree", (tree, query.lang, query.projector), table, key=f"mindmap-{query.section.key}", counts=NO_COUNTS)
    return Results(title, None, (chart,))


EXERCISE = Exercise(name="mindmap", answered_as=None, lists_prompts=True, results=mindmap_results)
