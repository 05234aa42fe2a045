from sff_core.__main__ import main
from sff_core.store.db import get_engine
from sff_core.workspaces import list_workspaces


def test_init_seed_and_create(sqlite_url, capsys):
    assert main(["init-db"]) == 0
    assert main(["seed-demo"]) == 0
    assert "exempelstad" in capsys.readouterr().out
    assert main(["seed-demo"]) == 0
    assert "finns redan" in capsys.readouterr().out
    assert main(["create-workspace", "--city", "Lund", "--start", "2026-01-01", "--end", "2026-04-01", "--passphrase", "hemlig fras"]) == 0
    assert "12–18" in capsys.readouterr().out
    assert sorted(w.city for w in list_workspaces(get_engine())) == ["Exempelstad", "Lund"]


def test_bad_input_exits_2_with_a_message(sqlite_url, capsys):
    assert main(["create-workspace", "--city", "Lund", "--start", "2026-05-01", "--end", "2026-01-01", "--passphrase", "hemlig fras"]) == 2
    assert "Perioden slutar" in capsys.readouterr().err
    assert main(["create-workspace", "--city", "Lund", "--start", "maj", "--end", "2026-01-01", "--passphrase", "hemlig fras"]) == 2
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_validate_content(capsys):
    assert main(["validate-content"]) == 0
    assert "8 steg" in capsys.readouterr().out


def test_export_and_import_a_workspace(sqlite_url, tmp_path, capsys):
    from sff_core.backup import count_rows

    tmp_path = tmp_path / "filer"
    tmp_path.mkdir()

    assert main(["seed-demo"]) == 0
    out = tmp_path / "exempelstad.zip"
    assert main(["export", "--workspace", "exempelstad", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert out.is_file() and f"Säkerhetskopian av Exempelstad är sparad i {out}" in said
    assert [p.name for p in tmp_path.iterdir()] == ["exempelstad.zip"]  # no temporary file left beside it
    assert main(["import", str(out)]) == 0
    said = capsys.readouterr().out
    assert "återställd som en ny arbetsyta: Exempelstad (kopia) (kortnamn exempelstad-kopia)" in said
    assert "SFF_HASH_KEY" in said and "Lösenfrasen" in said
    assert main(["import", str(out), "--as-new", "arkivet"]) == 0
    assert "kortnamn arkivet" in capsys.readouterr().out
    rows = count_rows(get_engine())
    assert main(["import", str(out), "--replace", "exempelstad"]) == 0
    assert "Arbetsytan Exempelstad är ersatt med säkerhetskopian" in capsys.readouterr().out
    after = count_rows(get_engine())
    assert after == rows  # the same rows again; in the log the restore's line stands where the export's was
    assert sorted(w.slug for w in list_workspaces(get_engine())) == ["arkivet", "exempelstad", "exempelstad-kopia"]
    # another city's file replaces a workspace only with --confirm-other-city (issue 20, Medium 7)
    from datetime import date

    from sff_core.workspaces import create_workspace

    create_workspace(get_engine(), "Lund", "Lunds kommun", date(2026, 1, 1), date(2027, 3, 1), "lunds fras")
    rows = count_rows(get_engine())
    assert main(["import", str(out), "--replace", "lund"]) == 2
    assert "gäller Exempelstad, inte Lund" in capsys.readouterr().err and count_rows(get_engine()) == rows
    assert main(["import", str(out), "--replace", "lund", "--confirm-other-city"]) == 0
    assert "Arbetsytan Lund är ersatt med säkerhetskopian" in capsys.readouterr().out


def test_export_and_import_refuse_bad_input_with_exit_2_and_write_nothing(sqlite_url, tmp_path, capsys):
    from sff_core.backup import count_rows

    tmp_path = tmp_path / "filer"
    tmp_path.mkdir()

    assert main(["seed-demo"]) == 0
    good = tmp_path / "good.zip"
    assert main(["export", "--workspace", "exempelstad", "--out", str(good)]) == 0
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[:3000])
    capsys.readouterr()
    before = count_rows(get_engine())
    cases = [
        (["export", "--workspace", "finns-inte", "--out", str(tmp_path / "x.zip")], "Det finns ingen arbetsyta med kortnamnet finns-inte."),
        (["export", "--workspace", "exempelstad", "--out", str(tmp_path / "saknas" / "x.zip")], "mappen finns inte"),
        (["export", "--workspace", "exempelstad"], "Kommandot skrivs så här: python -m sff_core export --workspace SLUG --out FILE.zip"),
        (["import", str(truncated)], "skadad eller avkortad"),
        (["import", str(tmp_path / "finns-inte.zip")], "finns inte eller går inte att läsa"),
        (["import", str(good), "--replace", "finns-inte"], "Det finns ingen arbetsyta med kortnamnet finns-inte."),
        (["import", str(good), "--as-new", "Fel Namn"], 'Kortnamnet "Fel Namn" går inte att använda'),
        (["import", str(good), "--as-new", "exempelstad"], "Kortnamnet exempelstad används redan"),
        (["import", str(good), "--as-new", "--replace", "exempelstad"], "Kommandot skrivs så här"),
        (["import"], "Kommandot skrivs så här"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("Fel: ") and captured.err.count("\n") == 1, (argv, captured)
        assert message in captured.err, (argv, captured.err)
    assert count_rows(get_engine()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.zip", "truncated.zip"]


def test_validate_content_reports_a_duplicate_key_in_swedish(tmp_path, monkeypatch, capsys):
    import shutil

    from sff_core.config import CONTENT_DIR

    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    survey = target / "survey_link.yaml"  # a file the steps' loader does not read
    survey.write_text(survey.read_text(encoding="utf-8") + "title: {sv: Dubbel, en: Double}\n", encoding="utf-8")
    monkeypatch.setenv("SFF_CONTENT_DIR", str(target))
    assert main(["validate-content"]) == 2
    said = capsys.readouterr().err
    assert "survey_link.yaml" in said and "'title'" in said and "två gånger" in said
