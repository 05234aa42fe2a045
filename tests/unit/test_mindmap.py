from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.mindmap import add_node, hierarchy, load_nodes, remove_node
from sff_core.workspaces import create_workspace


def test_city_groups_places_actors(engine, workspace):
    group = add_node(engine, workspace.id, "group", "Ensamkommande unga")
    place = add_node(engine, workspace.id, "place", "Fritidsgårdar", group)
    add_node(engine, workspace.id, "actor", "Fältassistenter", place)
    add_node(engine, workspace.id, "actor", "Elevhälsan", group)
    tree = hierarchy(load_nodes(engine, workspace.id), "Ystad")
    assert tree.loc[0].tolist() == ["city", "", "Ystad", "city"]
    parents = dict(zip(tree["label"], tree["parent"], strict=True))
    assert parents["Ensamkommande unga"] == "city"
    assert parents["Fritidsgårdar"] == f"n{group}" and parents["Fältassistenter"] == f"n{place}"
    remove_node(engine, workspace.id, group)
    assert load_nodes(engine, workspace.id).empty


def test_wrong_parent_or_empty_label(engine, workspace):
    group = add_node(engine, workspace.id, "group", "Papperslösa")
    with pytest.raises(InputError, match="Fel plats"):
        add_node(engine, workspace.id, "place", "Centrum")
    with pytest.raises(InputError, match="Fel plats"):
        add_node(engine, workspace.id, "group", "Under en grupp", group)
    with pytest.raises(InputError, match="tomt"):
        add_node(engine, workspace.id, "actor", "  ", group)
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    with pytest.raises(InputError, match="finns inte"):
        add_node(engine, other.id, "place", "Centrum", group)
    assert len(load_nodes(engine, workspace.id)) == 1
