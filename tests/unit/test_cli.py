from sff_core.__main__ import main
from sff_core.db import get_engine
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
