"""Two browsers, one record: only changed fields are saved, and nothing is overwritten silently.

The scenarios of the hostile-user report, on SQLite and PostgreSQL: two forms loaded on the same
answers; A saves field 1, B (loaded earlier) saves field 2 – both stay; B changing field 1 too is
a conflict that writes nothing; and the same rule for members, the mapping plan, actor levels,
tasks and workspace settings. Threads race two writers on one answer: exactly one wins.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from sff_core import mapping, stakeholders
from sff_core.members import add_member, list_members, member_fields, update_member
from sff_core.responses import GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.store.concurrency import EditConflict, merge
from sff_core.workspaces import get_workspace, update_workspace, workspace_fields

DAY = date(2026, 10, 6)


def _stored(engine, workspace_id, section="staden"):
    return answers_for(load_responses(engine, workspace_id, "step0", section, DAY), GROUP)


def test_merge_keeps_unchanged_fields_and_reports_real_conflicts():
    loaded = {"a": 1, "b": 2, "c": 3}
    writes, conflicts = merge(loaded, {"a": 1, "b": 20, "c": 30}, {"a": 10, "b": 2, "c": 33})
    assert writes == {"b": 20}  # a: not changed here (the other's 10 stays); c: changed by both
    assert [(c.field, c.loaded, c.theirs, c.mine) for c in conflicts] == [("c", 3, 33, 30)]
    writes, conflicts = merge(loaded, {"a": 10}, {"a": 10})  # both typed the same: nothing to do
    assert writes == {} and conflicts == []
    assert merge(None, {"a": 5}, {"a": 1}) == ({"a": 5}, [])  # no snapshot: scripts write all


def test_a_second_browser_no_longer_erases_an_answer(engine, workspace):
    """The reported defect: B, loaded before A saved, saves field 2 – field 1 must survive."""
    loaded_by_both = _stored(engine, workspace.id)  # nothing yet
    form_a = {"mojligheter": Answer(text="A:s svar"), "utmaningar": Answer(), "unika_mojligheter": Answer()}
    form_b = {"mojligheter": Answer(), "utmaningar": Answer(text="B:s svar"), "unika_mojligheter": Answer()}
    a = save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, form_a, loaded=loaded_by_both)
    b = save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, form_b, loaded=loaded_by_both)
    assert (a.saved, b.saved) == (1, 1)
    stored = _stored(engine, workspace.id)
    assert stored["mojligheter"].text == "A:s svar" and stored["utmaningar"].text == "B:s svar"


def test_changing_the_same_answer_is_a_conflict_that_writes_nothing(engine, workspace):
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="först")})
    loaded = _stored(engine, workspace.id)
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="A ändrade")}, loaded=loaded)
    with pytest.raises(EditConflict) as caught:
        save_answers(
            engine,
            workspace.id,
            "step0",
            "staden",
            GROUP,
            DAY,
            {"mojligheter": Answer(text="B ändrade"), "unika_mojligheter": Answer(text="B:s nya")},
            loaded=loaded,
        )
    conflict = caught.value.conflicts[0]
    assert (conflict.field, conflict.theirs.text, conflict.mine.text) == ("mojligheter", "A ändrade", "B ändrade")
    assert "Någon annan" in str(caught.value)
    stored = _stored(engine, workspace.id)
    assert stored["mojligheter"].text == "A ändrade" and "unika_mojligheter" not in stored  # all or nothing
    # B chooses to keep theirs: saving against what is stored now goes through
    now = _stored(engine, workspace.id)
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="B ändrade")}, loaded=now)
    assert _stored(engine, workspace.id)["mojligheter"].text == "B ändrade"


def test_clearing_a_field_someone_else_changed_is_a_conflict(engine, workspace):
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="först")})
    loaded = _stored(engine, workspace.id)
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="nytt")})
    with pytest.raises(EditConflict):
        save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer()}, loaded=loaded)
    assert _stored(engine, workspace.id)["mojligheter"].text == "nytt"


def test_an_unchanged_form_saves_nothing(engine, workspace):
    save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text="x")})
    loaded = _stored(engine, workspace.id)
    result = save_answers(
        engine,
        workspace.id,
        "step0",
        "staden",
        GROUP,
        DAY,
        {"mojligheter": Answer(text="x  "), "unika_mojligheter": Answer(text="  ")},
        loaded=loaded,
    )
    assert (result.saved, result.unchanged) == (0, 2)


def test_two_writers_racing_on_one_answer_one_wins_the_other_is_told(engine, workspace):
    loaded = _stored(engine, workspace.id)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        try:
            save_answers(engine, workspace.id, "step0", "staden", GROUP, DAY, {"mojligheter": Answer(text=f"svar {n}")}, loaded=loaded)
            outcomes.append(f"saved {n}")
        except EditConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("saved")]
    assert len(winners) == 1 and outcomes.count("conflict") == 7
    assert _stored(engine, workspace.id)["mojligheter"].text == "svar " + winners[0].split()[1]


def test_member_edits_merge_and_conflict(engine, workspace):
    member = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst", role="Samordnare")
    loaded = member_fields(member)
    update_member(engine, workspace.id, member.id, "Anna", "Soc", "socialtjanst", role="Chef", loaded=loaded)
    # B, loaded before, changes the organisation only: A's role stays
    update_member(engine, workspace.id, member.id, "Anna", "Socialtjänsten", "socialtjanst", role="Samordnare", loaded=loaded)
    saved = list_members(engine, workspace.id)[0]
    assert (saved.role, saved.organisation) == ("Chef", "Socialtjänsten")
    with pytest.raises(EditConflict) as caught:
        update_member(engine, workspace.id, member.id, "Anna", "Soc", "socialtjanst", role="Handläggare", loaded=loaded)
    assert {c.field for c in caught.value.conflicts} == {"role"}  # organisation untouched by this form
    assert list_members(engine, workspace.id)[0].role == "Chef"


def test_mapping_plan_notes_and_choices_merge(engine, workspace):
    loaded = mapping.get_mapping_plan(engine, workspace.id)
    mapping.save_mapping_plan(engine, workspace.id, [], "traff", None, "A:s anteckning", loaded=loaded)
    plan = mapping.save_mapping_plan(engine, workspace.id, [], None, "presentation", "", loaded=loaded)
    assert (plan.contact_method, plan.report_format, plan.notes) == ("traff", "presentation", "A:s anteckning")
    with pytest.raises(EditConflict):
        mapping.save_mapping_plan(engine, workspace.id, [], None, None, "B skriver över", loaded=loaded)
    assert mapping.get_mapping_plan(engine, workspace.id).notes == "A:s anteckning"


def test_actor_levels_and_task_status_refuse_silent_overwrites(engine, workspace):
    actor = stakeholders.add_actor(engine, workspace.id, "Hotell Centrum", "naringsliv")
    loaded = stakeholders.level_fields(actor)
    stakeholders.set_levels(engine, workspace.id, actor.id, 1, None, "", loaded=loaded)
    stakeholders.set_levels(engine, workspace.id, actor.id, None, 3, "", loaded=loaded)
    current = stakeholders.list_actors(engine, workspace.id)[0]
    assert (current.current_level, current.wanted_level) == (1, 3)
    with pytest.raises(EditConflict):
        stakeholders.set_levels(engine, workspace.id, actor.id, 2, None, "", loaded=loaded)

    task = mapping.add_task(engine, workspace.id, "Kartlägg hotell")
    mapping.set_task_status(engine, workspace.id, task.id, "doing", loaded_status="todo")
    with pytest.raises(EditConflict):
        mapping.set_task_status(engine, workspace.id, task.id, "done", loaded_status="todo")
    assert mapping.list_tasks(engine, workspace.id)[0].status == "doing"


def test_workspace_settings_merge(engine, workspace):
    loaded = workspace_fields(workspace)
    update_workspace(engine, workspace.id, "Ystad", "Ystads kommun", workspace.period_start, workspace.period_end, "sv", loaded=loaded)
    update_workspace(engine, workspace.id, "Ystad", "Ystad", workspace.period_start, date(2027, 6, 1), "sv", loaded=loaded)
    saved = get_workspace(engine, workspace.id)
    assert (saved.municipality, saved.period_end) == ("Ystads kommun", date(2027, 6, 1))


def test_merge_set_applies_each_persons_marks_to_what_is_stored():
    from sff_core.store.concurrency import merge_set

    assert merge_set(["a"], ["a", "b"], ["a", "c"]) == ["a", "b", "c"]  # B's new mark next to A's
    assert merge_set(["a", "b"], ["b"], ["a", "b", "c"]) == ["b", "c"]  # B unmarks a; c (someone else's) stays
    assert merge_set(None, ["x"], ["a"]) == ["x"]  # no snapshot: the person's set


def test_event_checklist_and_candidate_in_two_forms(engine, workspace):
    from sff_core import events
    from sff_core.candidates import list_candidates, save_candidate
    from sff_core.content import get_content

    event = events.save_event(engine, workspace.id, "Nätverksträff", DAY, "Stadshuset", "Starta nätverket")
    loaded = {f: getattr(event, f) for f in ("title", "event_date", "venue", "purpose", "length_minutes", "speakers", "startup_date")}
    common = {"title": event.title, "event_date": event.event_date, "length_minutes": None, "speakers": "", "startup_date": None}
    a = {**common, "venue": event.venue, "purpose": "Bilda nätverk"}  # A changes the purpose
    b = {**common, "venue": "Rådhuset", "purpose": event.purpose}  # B, from the same start, the venue
    events.save_event(engine, workspace.id, **a, event_id=event.id, loaded=loaded)
    events.save_event(engine, workspace.id, **b, event_id=event.id, loaded=loaded)
    stored = events.latest_event(engine, workspace.id)  # B changed only the venue: A's purpose stays
    assert (stored.venue, stored.purpose) == ("Rådhuset", "Bilda nätverk")

    key = events.checklist_keys()[0]
    item = {"owner": "", "deadline": None, "status": "todo"}
    events.save_check_item(engine, workspace.id, event.id, key, "Samordnaren", None, "todo", loaded=item)
    events.save_check_item(engine, workspace.id, event.id, key, "", None, "doing", loaded=item)
    point = events.checklist(engine, workspace.id, event.id)[0]
    assert (point.owner, point.deadline, point.status) == ("Samordnaren", None, "doing")
    with pytest.raises(EditConflict):
        events.save_check_item(engine, workspace.id, event.id, key, "Polisen", None, "todo", loaded=item)

    cand = save_candidate(engine, workspace.id, "Kim", "Kommunen", "socialtjanst", None, [], "idea", "")
    before = {"name": "Kim", "organisation": "Kommunen", "sector": "socialtjanst", "personality_type": None}
    before |= {"checks": [], "status": "idea", "note": ""}
    first, second = (p.key for p in get_content().require_section("step0", "rekrytering").prompts[:2])
    save_candidate(engine, workspace.id, "Kim", "Kommunen", "socialtjanst", None, [first], "idea", "", candidate_id=cand.id, loaded=before)
    save_candidate(engine, workspace.id, "Kim", "Kommunen", "socialtjanst", None, [second], "yes", "", candidate_id=cand.id, loaded=before)
    saved = list_candidates(engine, workspace.id)[0]
    assert (sorted(saved.checks), saved.status) == (sorted([first, second]), "yes")


def test_spara_aret_keeps_preliminary_unless_changed(engine, workspace):
    from sff_core import statistics as stats

    stats.set_year(engine, workspace.id, 2025, {"incidents": 5}, preliminary=True, today=DAY)
    stats.set_year(engine, workspace.id, 2025, {"persons": 4}, today=DAY)  # the form did not touch preliminär
    assert stats.stored_year(engine, workspace.id, 2025)["preliminary"] is True
    loaded = stats.stored_year(engine, workspace.id, 2025)
    stats.set_year(engine, workspace.id, 2025, {"persons": 6}, preliminary=True, today=DAY, loaded=loaded)
    with pytest.raises(EditConflict):
        stats.set_year(engine, workspace.id, 2025, {"persons": 7}, preliminary=True, today=DAY, loaded=loaded)
    assert stats.stored_year(engine, workspace.id, 2025) == {**loaded, "persons": 6}
