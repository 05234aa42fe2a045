from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.members import MemberInfo, add_member, core_group_coverage, list_members, remove_member, update_member
from sff_core.workspaces import create_workspace


def test_add_update_remove(engine, workspace):
    member = add_member(engine, workspace.id, "Anna", "Socialtjänsten", "socialtjanst", "Chef", "strategisk", "strategen")
    update_member(
        engine,
        workspace.id,
        member.id,
        "Anna A",
        "Socialtjänsten",
        "socialtjanst",
        "Chef",
        "bada",
        "strategen",
        child_youth_perspective=True,
    )
    members = list_members(engine, workspace.id)
    assert [(m.name, m.level, m.child_youth_perspective) for m in members] == [("Anna A", "bada", True)]
    remove_member(engine, workspace.id, member.id)
    assert list_members(engine, workspace.id) == []


@pytest.mark.parametrize(
    "name, sector, ptype, key",
    [
        ("  ", "polis", None, "required"),
        ("Bo", "brandkår", None, "not_allowed"),
        ("Bo", "polis", "trollkarlen", "not_allowed"),
    ],
)
def test_bad_member_input(engine, workspace, name, sector, ptype, key):
    with pytest.raises(InputError) as caught:
        add_member(engine, workspace.id, name, "Polisen", sector, personality_type=ptype)
    assert caught.value.key == key
    assert list_members(engine, workspace.id) == []


def test_member_of_another_workspace_cannot_be_changed(engine, workspace):
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    member = add_member(engine, other.id, "Bo", "Polisen", "polis")
    with pytest.raises(InputError, match="finns inte"):
        update_member(engine, workspace.id, member.id, "X", "Y", "polis")
    assert list_members(engine, other.id)[0].name == "Bo"


def _member(i, sector, level=None, ptype=None, organisation=None, child=False):
    return MemberInfo(i, f"M{i}", organisation or f"Org {i}", sector, "", level, ptype, child)


def test_coverage_of_an_empty_group():
    coverage = core_group_coverage([])
    assert coverage.ok_count == 0
    assert len(coverage.missing_personality_types) == 6


def test_coverage_of_a_complete_group():
    members = [
        _member(1, "socialtjanst", "strategisk", "visionaren"),
        _member(2, "socialtjanst", "operativ", "strategen"),
        _member(3, "polis", "bada", "saljaren"),
        _member(4, "ideburen", None, "lararen", child=True),
        _member(5, "skola", None, "vardaren"),
        _member(6, "bostadsbolag", None, "administratoren"),
    ]
    coverage = core_group_coverage(members)
    assert all(c.ok for c in coverage.checks), [c for c in coverage.checks if not c.ok]


def test_coverage_names_the_gaps():
    members = [_member(i, "socialtjanst", "operativ", organisation="Soc") for i in range(1, 10)]
    checks = {c.key: c for c in core_group_coverage(members).checks}
    assert not checks["size"].ok and checks["size"].params["n"] == 9
    assert not checks["organisations"].ok
    assert checks["sector_socialtjanst"].ok and not checks["sector_polis"].ok
    assert not checks["levels_socialtjanst"].ok
    assert not checks["child_youth"].ok


def test_coverage_message_names_the_levels_in_the_readers_words():
    members = [_member(1, "socialtjanst", "operativ")]
    checks = {c.key: c for c in core_group_coverage(members).checks}
    assert checks["levels_socialtjanst"].levels == ("operativ",)
    assert checks["levels_socialtjanst"].message_params({"operativ": "operational"}) == {"levels": "operational"}
    assert checks["levels_polis"].message_params({}) == {"levels": "–"}  # no member: no level
    assert checks["size"].message_params({}) == {"n": 1, "low": checks["size"].params["low"], "high": checks["size"].params["high"]}
