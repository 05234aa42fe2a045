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
from sff_core.registry import registered_names, type_of
from sff_core.results import Results, ResultsQuery, build_results
from sff_core.workspaces import create_workspace
from tests.conftest import PROJECT_ROOT

CONTENT = load_content()
SECTIONS = [(step, section) for step in CONTENT.steps for section in step.sections]


def test_every_handler_and_shape_in_the_content_is_registered():
    named = {section.exercise_key for _, section in SECTIONS}
    assert named <= registered_names(), named - registered_names()


def test_every_handler_has_a_ui_entry_or_is_answered_generically():
    from sff_core.ui.exercises import EXERCISE_UI

    for _, section in SECTIONS:
        kind = type_of(section)
        if section.handler:
            assert section.handler in EXERCISE_UI or kind.answered_as, section.key
    assert set(EXERCISE_UI) <= registered_names()


def test_live_capability_is_defined_once():
    from sff_core.live import is_live_capable

    for step, section in SECTIONS:
        assert is_live_capable(step.key, section.key) == type_of(section).can_run_live(section)
    assert type_of(CONTENT.section("step6", "swot")).can_run_live(CONTENT.section("step6", "swot"))  # a post-it board now
    assert CONTENT.section("step7", "utvecklingsnivaer").shape == "levels"


def test_steps_4_to_7_have_no_unbuilt_handlers_and_the_examples_load():
    from sff_core.ui.exercises import EXERCISE_UI

    for step in CONTENT.steps[4:]:  # a handler is named only once its tool is built
        assert all(section.handler is None or section.handler in EXERCISE_UI for section in step.sections), step.key
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
