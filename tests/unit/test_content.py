import re
import shutil
from pathlib import Path

import pytest

from sff_core.config import CONTENT_DIR, PROJECT_ROOT
from sff_core.content import load_content
from sff_core.errors import ContentError
from sff_core.i18n import has_key, t
from sff_core.registry import type_of


def test_all_eight_steps_load_with_phases():
    content = load_content()
    assert [s.number for s in content.steps] == list(range(8))
    phases = {s.number: s.phase for s in content.steps}
    assert phases == {0: "start", 1: "utforska", 2: "utforska", 3: "utforska", 4: "utrusta", 5: "utrusta", 6: "utfora", 7: "utfora"}
    for step in content.steps:
        assert step.sections, step.key
        assert step.requirements["expected_result"], step.key


def test_step0_has_the_handbook_exercises():
    step = load_content().step(0)
    assert len(step.section("engagemang").prompts) == 7
    assert len(step.section("riktning").prompts) == 5
    assert step.section("riktning").interpretation
    assert len(step.section("staden").prompts) == 3
    redo = step.section("redo")
    assert redo.shape == "score" and (redo.scale.min, redo.scale.max) == (1, 5)
    assert [p.key for p in redo.prompts] == [
        "behov",
        "politisk_vilja",
        "organisatorisk_vilja",
        "deltagarnas_vilja",
        "perioden",
        "resurser",
        "hallbarhet",
    ]
    assert redo.scoring.threshold == 20 and redo.handler == "readiness"
    groups = {p.group for p in step.section("rekrytering").prompts}
    assert groups == {"basic", "desirable"}


def test_every_text_has_swedish_and_english():
    content = load_content()
    for step in content.steps:
        for section in step.sections:
            for prompt in section.prompts:
                assert prompt.text["sv"] and prompt.text["en"], (step.key, section.key, prompt.key)


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_broken_yaml_names_the_file(tmp_path):
    target = _copy_content(tmp_path)
    (target / "steps" / "step_3.yaml").write_text("key: step3\nnumber: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(target)
    assert caught.value.file == "step_3.yaml"
    assert "step_3.yaml" in str(caught.value)


def test_missing_english_names_the_file_and_key(tmp_path):
    target = _copy_content(tmp_path)
    path = target / "steps" / "step_0.yaml"
    original = path.read_text(encoding="utf-8")
    broken = original.replace('    title: {sv: "Riktning", en: "Direction"}', '    title: {sv: "Riktning"}')
    assert broken != original
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(target)
    assert caught.value.file == "step_0.yaml"
    assert caught.value.key == "sections.riktning.title.en"
    assert "Innehållsfilen step_0.yaml" in str(caught.value)


def test_unknown_shape_and_duplicate_key_are_rejected(tmp_path):
    target = _copy_content(tmp_path)
    path = target / "steps" / "step_0.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("shape: yes_no\n    answered_by: members", "shape: dartboard", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="engagemang.shape"):
        load_content(target)
    path.write_text(original.replace("- key: s02", "- key: s01", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="s01"):
        load_content(target)


def test_missing_step_file_is_reported(tmp_path):
    target = _copy_content(tmp_path)
    (target / "steps" / "step_5.yaml").unlink()
    with pytest.raises(ContentError, match=r"steg saknas: \[5\]"):
        load_content(target)


def test_every_ui_string_and_error_message_used_in_code_exists():
    pattern = re.compile(r"""\b(?:tr|t)\(\s*f?["']([a-z_]+\.[a-z_.]+)["']""")
    errors = re.compile(r"""InputError\(\s*["']([a-z_]+)["']""")
    used, error_keys = set(), set()
    for path in list((PROJECT_ROOT / "sff_core").rglob("*.py")) + list((PROJECT_ROOT / "pages").glob("*.py")) + [PROJECT_ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        used.update(pattern.findall(source))
        error_keys.update(errors.findall(source))
    assert len(used) > 100 and len(error_keys) > 20, "the scan found too few keys"
    assert sorted(k for k in used if not has_key(k)) == []
    assert sorted(k for k in error_keys if not has_key(f"error.{k}")) == []


def test_require_section_returns_it_or_names_the_file_and_key():
    content = load_content()
    assert content.require_section("step0", "redo") is content.step(0).section("redo")
    with pytest.raises(ContentError, match=r"step_2\.yaml.*sections\.finns_inte.*avsnittet saknas") as caught:
        content.require_section("step2", "finns_inte")
    assert (caught.value.file, caught.value.key) == ("step_2.yaml", "sections.finns_inte")
    with pytest.raises(ContentError, match="steget saknas"):
        content.require_section("step9", "redo")


def test_require_scale_returns_it_or_names_the_file_and_key():
    step = load_content().step(0)
    redo = step.section("redo")
    assert redo.require_scale() is redo.scale
    without = step.section("engagemang")
    assert without.scale is None
    with pytest.raises(ContentError, match=r"step_0\.yaml.*sections\.engagemang\.scale"):
        without.require_scale()


def test_vocabularies_are_typed_items():
    content = load_content()
    incidents = next(i for i in content.vocab["statistics_series"] if i.key == "incidents")
    assert incidents.short == {"sv": "Incidenter", "en": "Incidents"}
    assert all(i.description for i in content.vocab["personality_types"])
    assert content.labels("sectors", "en") and content.vocab_label("sectors", "polis") is not None


def test_a_broken_short_label_in_the_vocabulary_names_the_key(tmp_path):
    target = _copy_content(tmp_path)
    vocab = target / "vocab.yaml"
    vocab.write_text(
        vocab.read_text(encoding="utf-8").replace('short: {sv: "Incidenter", en: "Incidents"}', 'short: {sv: "Incidenter"}'),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"statistics_series\.incidents\.short\.en"):
        load_content(target)


# --- duplicate keys (issue 20, Low 14) ---------------------------------------------------------


def test_a_duplicate_key_is_refused_naming_the_file_and_key(tmp_path):
    target = _copy_content(tmp_path)
    path = target / "steps" / "step_3.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("phase: utforska\n", "phase: utforska\nphase: utrusta\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(target)
    assert (caught.value.file, caught.value.key) == ("step_3.yaml", "phase")
    assert "två gånger" in str(caught.value) and "rad 3" in str(caught.value) and "rad 4" in str(caught.value)


def test_a_duplicate_key_deep_inside_a_flow_mapping_is_refused(tmp_path):
    target = _copy_content(tmp_path)
    path = target / "steps" / "step_3.yaml"
    original = path.read_text(encoding="utf-8")
    duplicated = original.replace('en: "Activate possible collaboration partners"}', 'en: "Activate", en: "Other"}', 1)
    assert duplicated != original
    path.write_text(duplicated, encoding="utf-8")
    with pytest.raises(ContentError, match="'en'") as caught:
        load_content(target)
    assert caught.value.file == "step_3.yaml"


def test_every_yaml_reader_refuses_duplicates(tmp_path):
    from sff_core.yaml_files import read_yaml_file

    file = tmp_path / "dubbel.yaml"
    file.write_text("a:\n  b: 1\n  c: 2\n  b: 3\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_yaml_file(file)
    assert (caught.value.file, caught.value.key) == ("dubbel.yaml", "a.b")
    merged = tmp_path / "merge.yaml"  # a merge key overriding is YAML's own way, not a duplicate
    merged.write_text("base: &b {x: 1}\nuse:\n  <<: *b\n  x: 2\n", encoding="utf-8")
    assert read_yaml_file(merged)["use"] == {"x": 2}
    # nothing in sff_core reads YAML around the strict loader
    sources = [p for p in (PROJECT_ROOT / "sff_core").rglob("*.py") if p.name != "yaml_files.py"]
    loose = [p.name for p in sources if re.search(r"yaml\.(safe_load|load|full_load|unsafe_load)\b", p.read_text(encoding="utf-8"))]
    assert loose == []


def test_the_shipped_data_has_no_duplicate_keys():
    from sff_core.yaml_files import read_yaml_file

    files = sorted((PROJECT_ROOT / "data").rglob("*.yaml"))
    assert len(files) >= 12
    for file in files:
        read_yaml_file(file)
    # i18n.yaml held error.unknown_participant twice: a phone that was not recognised read the
    # network's "Organisationen finns inte bland nätverkets deltagare."
    assert "känner inte igen dig" in t("error.unknown_participant")
    assert "Organisationen" in t("error.unknown_network_participant")


def _places(raw: object, path: str) -> tuple[int, ...]:
    """A plugin-like field parser: a list of places 1..n."""
    if not isinstance(raw, list) or sorted(raw) != list(range(1, len(raw) + 1)):
        raise ContentError("data/content", path, "ska vara platserna 1..n")
    return tuple(raw)


def _with_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: object, extra: str = "places") -> Path:
    """The shipped content with step 0's `staden` answered by a plugin-like exercise taking `places`."""
    import yaml

    from sff_core import registry
    from sff_core.exercises.shapes import generic_results
    from sff_core.exercises.spec import Exercise

    monkeypatch.setitem(
        registry._types(), "ranking_test", Exercise("ranking_test", "text", results=generic_results, fields={"places": _places})
    )
    target = _copy_content(tmp_path)
    file = target / "steps" / "step_0.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    section = next(s for s in raw["sections"] if s["key"] == "staden")
    section.update({"handler": "ranking_test", extra: value})
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return target


def test_an_exercises_extra_fields_are_parsed_by_its_own_parsers(tmp_path, monkeypatch):
    content = load_content(_with_field(tmp_path, monkeypatch, [2, 1, 3]))
    section = content.section("step0", "staden")
    assert section is not None and section.extra == {"places": (2, 1, 3)}
    others = [s for step in content.steps for s in step.sections if s.key != "staden"]
    assert all(set(s.extra) <= set(type_of(s).fields) for s in others)  # only what each exercise declares
    assert {name for s in others for name in s.extra} >= {"plan_example", "routine_example"}  # the plan's and routine's own


def test_a_broken_extra_field_names_the_file_and_key(tmp_path, monkeypatch):
    with pytest.raises(ContentError) as caught:
        load_content(_with_field(tmp_path, monkeypatch, [1, 3]))
    assert (caught.value.file, caught.value.key) == ("step_0.yaml", "sections.staden.places")


def test_an_extra_field_the_exercise_does_not_declare_names_the_file_and_key(tmp_path, monkeypatch):
    with pytest.raises(ContentError) as caught:
        load_content(_with_field(tmp_path, monkeypatch, [1], extra="placings"))
    assert (caught.value.file, caught.value.key) == ("step_0.yaml", "sections.staden.placings")
    assert "places" in caught.value.problem  # the fields it does take
