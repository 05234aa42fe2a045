"""The exercise registry's contract: every handler named in the content is registered on both sides,
every results builder runs, and an unknown handler or field is a content error naming file and key
(in the spirit of datasette's tests that every hook and setting is documented)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from sff_core.content import load_content
from sff_core.demo import DEMO_INTELLIGENCE_DAY, seed_demo
from sff_core.errors import ContentError
from sff_core.outputs.results import Results, ResultsQuery, build_results
from sff_core.registry import registered_names, type_of
from sff_core.workspaces import create_workspace
from tests.conftest import PROJECT_ROOT

CONTENT = load_content()
SECTIONS = [(step, section) for step in CONTENT.steps for section in step.sections]


def test_every_handler_and_shape_in_the_content_is_registered():
    named = {section.exercise_key for _, section in SECTIONS}
    assert named <= registered_names(), named - registered_names()


def test_every_handler_has_a_ui_entry_or_is_answered_generically():
    """A handler with no generic form has a tool or a form of its own; no entry is needed otherwise."""
    from sff_core.ui.exercises import ui_entries

    entries = ui_entries()
    for _, section in SECTIONS:
        if section.handler and type_of(section).answered_as is None:
            entry = entries.get(section.handler)
            assert entry is not None and (entry.tool or entry.form), section.key
    assert set(entries) <= registered_names()
    assert all(entry.name == name for name, entry in entries.items())


def test_a_ui_module_declares_its_entry_and_it_is_found(monkeypatch):
    import sff_core.ui.exercises as package
    from sff_core.ui.exercises import ExerciseUI, exercise_ui

    declared = ExerciseUI("readiness", form=print)
    monkeypatch.setattr(package, "_ENTRIES", {})
    monkeypatch.setattr(package.import_module(f"{package.__name__}.readiness"), "UI", declared, raising=False)
    assert exercise_ui("readiness") is declared  # discovered from its own module, no table
    assert exercise_ui("no_such_exercise") == ExerciseUI("no_such_exercise")  # generic: no hooks
    assert exercise_ui("swot").remote_panel is not None and exercise_ui("yes_no").remote_panel is None


def test_every_step_panel_the_content_names_is_drawn_by_its_exercises_ui():
    from sff_core.ui.exercises import exercise_ui

    named = [(step.key, name) for step in CONTENT.steps for name in (*step.panels, *step.tip_panels)]
    assert ("step6", "prerequisites") in named and ("step5", "collaboration_levels") in named
    assert all(exercise_ui(name).step_panel is not None for _, name in named), named


def test_live_capability_is_defined_once():
    from sff_core.live import is_live_capable

    for step, section in SECTIONS:
        assert is_live_capable(step.key, section.key) == type_of(section).can_run_live(section)
    assert type_of(CONTENT.section("step6", "swot")).can_run_live(CONTENT.section("step6", "swot"))  # a post-it board now
    assert CONTENT.section("step7", "utvecklingsnivaer").shape == "levels"


def test_steps_4_to_7_have_no_unbuilt_handlers_and_the_examples_load():
    from sff_core.ui.exercises import ui_entries

    for step in CONTENT.steps[4:]:  # a handler is named only once its tool is built (or the generic form answers it)
        for section in step.sections:
            if section.handler:
                assert section.handler in ui_entries() or type_of(section).answered_as, section.key
    role = CONTENT.section("step5", "rollbeskrivning") or next(s for s in CONTENT.step(5).sections if s.template_headings)
    assert role.example_title and "Helsingborg" in role.example_title["sv"] and len(role.template_headings) >= 3
    assert CONTENT.section("step6", "samverkansplan").example["sv"].startswith("Exempel: Samverkansplan")


@pytest.mark.postgresql  # the smoke run of every read path on PostgreSQL
@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "demo"])
def test_every_results_builder_returns_a_model(engine, seeded):
    workspace = (
        seed_demo(engine) if seeded else create_workspace(engine, "Tomstad", "Tomstad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    )
    for step, section in SECTIONS:
        for projector in (False, True):
            query = ResultsQuery(engine, workspace.id, step, section, DEMO_INTELLIGENCE_DAY, "sv", projector, workspace.city)
            results = build_results(query)
            assert isinstance(results, Results), section.key
            assert results.title and (results.blocks or results.empty_message), section.key
            for block in results.blocks:
                if hasattr(block, "build"):
                    block.build()  # every figure builds from its pure builder


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "data" / "content", target)
    return target


def _edit_section(target: Path, step: int, key: str, change) -> None:  # type: ignore[no-untyped-def]
    file = target / "steps" / f"step_{step}.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(next(s for s in raw["sections"] if s["key"] == key))
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def test_an_unregistered_handler_is_a_content_error(tmp_path):
    target = _copy_content(tmp_path)
    _edit_section(target, 6, "swot", lambda s: s.update(handler="swot_board"))
    with pytest.raises(ContentError) as caught:
        load_content(target)
    assert caught.value.file == "step_6.yaml" and caught.value.key == "sections.swot.handler"
    assert "swot_board" in str(caught.value)


def test_a_step_panel_of_no_exercise_is_a_content_error(tmp_path):
    target = _copy_content(tmp_path)
    file = target / "steps" / "step_7.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    file.write_text(yaml.safe_dump({**raw, "panels": ["prerequisites", "forutsattningar"]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"panels\[1\]") as caught:
        load_content(target)
    assert caught.value.file == "step_7.yaml" and "forutsattningar" in str(caught.value)


def test_a_field_the_exercise_type_does_not_take_is_a_content_error(tmp_path):
    target = _copy_content(tmp_path)
    _edit_section(target, 0, "staden", lambda s: s.update(warnings=[{"sv": "x", "en": "x"}]))
    with pytest.raises(ContentError, match=r"sections\.staden\.warnings"):
        load_content(target)


def test_a_broken_example_is_a_content_error(tmp_path):
    target = _copy_content(tmp_path)
    _edit_section(target, 6, "samverkansplan", lambda s: s.update(example={"sv": "bara svenska"}))
    with pytest.raises(ContentError, match=r"samverkansplan\.example\.en"):
        load_content(target)


def test_labelled_shows_each_options_label_and_an_unlabelled_option_as_itself():
    from sff_core.ui.layout import labelled

    show = labelled({"polis": "Polisen", 3: "tre"})
    assert show("polis") == "Polisen" and show(3) == "tre"
    assert show("okand") == "okand"
