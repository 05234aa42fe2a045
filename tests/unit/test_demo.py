from sff_core.candidates import list_candidates
from sff_core.demo import FIRST_SESSION, SECOND_SESSION, seed_demo
from sff_core.members import core_group_coverage, list_members
from sff_core.progress import step_statuses
from sff_core.readiness import CONTINUE, NOT_READY, readiness_summary
from sff_core.responses import load_responses
from sff_core.workspaces import unlock_workspace


def test_demo_workspace_tells_its_story(engine):
    workspace = seed_demo(engine)
    assert workspace is not None and workspace.is_demo
    assert unlock_workspace(engine, workspace.id, "exempelstad").city == "Exempelstad"
    members = list_members(engine, workspace.id)
    assert len(members) == 6 and all("Exempel" in m.name for m in members)
    first = readiness_summary(engine, workspace.id, FIRST_SESSION)
    second = readiness_summary(engine, workspace.id, SECOND_SESSION)
    assert first.verdict == NOT_READY and first.total <= 20
    assert second.verdict == CONTINUE and second.uses_consensus and second.total > 20
    assert "resurser" in first.weakest
    assert len(load_responses(engine, workspace.id, "step0", "engagemang")) == 6 * 7
    assert len(list_candidates(engine, workspace.id)) == 3
    coverage = core_group_coverage(members)
    assert 0 < coverage.ok_count < len(coverage.checks)
    assert step_statuses(engine, workspace.id, ["step0", "step1", "step2"]) == {"step0": "done", "step1": "done", "step2": "in_progress"}


def test_seeding_twice_changes_nothing(engine):
    assert seed_demo(engine) is not None
    assert seed_demo(engine) is None
