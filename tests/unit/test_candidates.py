import pytest

from sff_core.candidates import checklist_groups, list_candidates, promote_candidate, remove_candidate, save_candidate
from sff_core.errors import InputError
from sff_core.members import list_members


def test_candidate_against_the_checklists(engine, workspace):
    groups = checklist_groups()
    assert groups["basic"] == ["b01", "b02", "b03"] and groups["desirable"] == ["d01", "d02", "d03"]
    saved = save_candidate(
        engine, workspace.id, "Hanna", "Ungdomsmottagningen", "region_halsa", "vardaren", ["b01", "b02", "b03", "d02"], "yes"
    )
    assert saved.meets(groups["basic"]) and not saved.meets(groups["desirable"])
    updated = save_candidate(
        engine, workspace.id, "Hanna", "Ungdomsmottagningen", "region_halsa", "vardaren", ["b01"], "contacted", candidate_id=saved.id
    )
    assert updated.checks == ("b01",)
    assert len(list_candidates(engine, workspace.id)) == 1


def test_promote_and_remove(engine, workspace):
    saved = save_candidate(engine, workspace.id, "Hanna", "UM", "region_halsa", "vardaren", [], "yes")
    member = promote_candidate(engine, workspace.id, saved.id)
    assert member.personality_type == "vardaren"
    assert [m.name for m in list_members(engine, workspace.id)] == ["Hanna"]
    remove_candidate(engine, workspace.id, saved.id)
    assert list_candidates(engine, workspace.id) == []


def test_bad_candidate_input(engine, workspace):
    with pytest.raises(InputError, match="tomt"):
        save_candidate(engine, workspace.id, "", "UM", "region_halsa", None, [])
    with pytest.raises(InputError):
        save_candidate(engine, workspace.id, "Hanna", "UM", "region_halsa", None, ["x99"])
    assert list_candidates(engine, workspace.id) == []


def test_a_candidate_joins_the_core_group_once(engine, workspace):
    saved = save_candidate(engine, workspace.id, "Hanna", "UM", "region_halsa", None, [], "yes")
    promote_candidate(engine, workspace.id, saved.id)
    with pytest.raises(InputError, match="finns redan i kärngruppen"):
        promote_candidate(engine, workspace.id, saved.id)
    assert len(list_members(engine, workspace.id)) == 1
