"""Arbetsytor: download the unlocked workspace as a backup, and restore one – as new, or replacing the unlocked one."""

from __future__ import annotations

import io

import streamlit

from sff_core.backup import count_rows, export_workspace, read_backup
from sff_core.store.db import get_engine
from sff_core.workspaces import find_by_slug, list_workspaces
from tests.app.conftest import assert_clean, page_text

PAGE = "pages/workspaces.py"


def test_the_unlocked_workspace_downloads_as_one_backup_file(open_app, demo_workspace, monkeypatch):
    # AppTest has no media server, so a deferred download is not served: keep what the page hands the button
    handed: dict[str, object] = {}
    real = streamlit.download_button

    def keep(label, data, *args, **kwargs):
        if kwargs.get("key") == "backup-download":
            handed.update(label=label, data=data, **kwargs)
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", keep)
    at = open_app(demo_workspace.id, PAGE)
    assert_clean(at)
    assert at.download_button(key="backup-download").label == "Ladda ner säkerhetskopia"
    assert "Säkerhetskopia" in page_text(at) and "Inloggningar följer inte med" in page_text(at)
    assert str(handed["file_name"]).startswith("stadforstad-exempelstad-") and handed["mime"] == "application/zip"
    assert handed["on_click"] == "ignore"  # a download does not run the page again
    before = count_rows(get_engine())["audit_event"]
    data = handed["data"]()  # what the browser gets when the button is clicked
    backup = read_backup(data)
    assert backup.city == "Exempelstad" and backup.counts["member"] == 6
    assert count_rows(get_engine())["audit_event"] == before + 1  # the export is in the log


def test_a_locked_page_offers_no_download(open_app, demo_workspace):
    at = open_app(None, PAGE)
    assert_clean(at)
    assert not [b for b in at.get("download_button") if b.key == "backup-download"]


def _upload(at, data: bytes, name: str = "exempelstad.zip"):
    return at.file_uploader(key="backup-upload-0").set_value((name, data, "application/zip")).run()


def test_a_locked_start_page_offers_no_restore_upload(open_app, demo_workspace):
    at = open_app(None, PAGE)  # a stranger at the start page: an upload is unpacked on the server
    assert_clean(at)
    assert not at.get("file_uploader")
    assert "Återställ" not in " ".join(e.label for e in at.expander)


def test_a_zip_bomb_upload_is_refused_within_tens_of_megabytes(open_app, demo_workspace, tmp_path):
    import tracemalloc
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("manifest.json", "{}")
        with archive.open("tables/member.json", "w", force_zip64=True) as handle:
            for _ in range(48):
                handle.write(b" " * (1024 * 1024))
    at = open_app(demo_workspace.id, PAGE)
    tracemalloc.start()
    try:
        at = _upload(at, bomb.getvalue(), "bomb.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_clean(at)
    assert "Inget återställdes" in page_text(at) and not [b for b in at.button if b.key == "backup-apply"]
    assert peak < 32 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MiB"


def test_restore_a_backup_as_a_new_workspace(open_app, demo_workspace):
    data = export_workspace(get_engine(), demo_workspace.id).data
    at = open_app(demo_workspace.id, PAGE)  # unlocked: a new workspace from a backup
    at = _upload(at, data)
    assert_clean(at)
    shown = page_text(at)
    assert "Filen innehåller arbetsytan Exempelstad (Exempelstads kommun)" in shown and "Inget återställdes" not in shown
    preview = at.dataframe[0].value
    assert dict(zip(preview["Innehåll"], preview["Rader"], strict=True))["Kärngruppens medlemmar"] == 6
    assert len(list_workspaces(get_engine())) == 1  # nothing written before the button
    assert at.radio(key="backup-mode").value == "new"
    at.button(key="backup-apply").click().run()
    assert_clean(at)
    shown = page_text(at)
    assert "Säkerhetskopian är återställd som en ny arbetsyta: Exempelstad (kopia) (kortnamn exempelstad-kopia)" in shown
    assert "SFF_HASH_KEY" in shown and "Lösenfrasen är densamma" in shown
    copy = find_by_slug(get_engine(), "exempelstad-kopia")
    assert copy is not None and copy.city == "Exempelstad (kopia)"
    assert at.file_uploader(key="backup-upload-1").value is None  # a fresh uploader for the next file


def test_a_damaged_file_shows_why_and_writes_nothing(open_app, demo_workspace):
    data = export_workspace(get_engine(), demo_workspace.id).data
    before = count_rows(get_engine())
    at = _upload(open_app(demo_workspace.id, PAGE), data[: len(data) // 2], "halv.zip")
    assert_clean(at)
    assert "Säkerhetskopian är skadad eller avkortad" in page_text(at) and "Inget återställdes" in page_text(at)
    assert not [b for b in at.button if b.key == "backup-apply"]
    assert count_rows(get_engine()) == before


def test_replacing_the_unlocked_workspace_needs_its_name(open_app, demo_workspace):
    engine = get_engine()
    from sff_core.members import add_member, list_members

    data = export_workspace(engine, demo_workspace.id).data
    add_member(engine, demo_workspace.id, "Efter Kopian", "Enheten", "polis")
    at = _upload(open_app(demo_workspace.id, PAGE), data)
    at.radio(key="backup-mode").set_value("replace").run()
    assert at.button(key="backup-apply").label == "Ersätt Exempelstad"
    at.text_input(key="backup-confirm").set_value("Exempel").run()
    at.button(key="backup-apply").click().run()
    assert_clean(at)
    assert "Skriv arbetsytans namn (Exempelstad) för att bekräfta" in page_text(at)
    assert "Efter Kopian" in [m.name for m in list_members(engine, demo_workspace.id)]  # refused: nothing replaced
    at.text_input(key="backup-confirm").set_value("Exempelstad").run()
    at.button(key="backup-apply").click().run()
    assert_clean(at)
    shown = page_text(at)
    assert "Arbetsytan Exempelstad är ersatt med säkerhetskopian" in shown and "Lås upp arbetsytan med lösenfrasen" in shown
    assert "Efter Kopian" not in [m.name for m in list_members(engine, demo_workspace.id)]
    assert "workspace_id" not in at.session_state  # locked: the backup's passphrase applies now
    assert len(list_workspaces(engine)) == 1


def test_replacing_with_another_citys_file_needs_a_confirmation(open_app, demo_workspace, empty_workspace):
    engine = get_engine()
    data = export_workspace(engine, demo_workspace.id).data
    at = _upload(open_app(empty_workspace.id, PAGE), data)
    at.radio(key="backup-mode").set_value("replace").run()
    at.text_input(key="backup-confirm").set_value("Tomstad").run()
    assert at.checkbox(key="backup-other-city").label.startswith("Filen gäller Exempelstad, inte Tomstad")
    at.button(key="backup-apply").click().run()
    assert_clean(at)
    assert "Säkerhetskopian gäller Exempelstad, inte Tomstad" in page_text(at) and "Inget återställdes" in page_text(at)
    assert find_by_slug(engine, "tomstad").city == "Tomstad"
    at.checkbox(key="backup-other-city").check().run()
    at.button(key="backup-apply").click().run()
    assert_clean(at)
    assert "Arbetsytan Tomstad är ersatt med säkerhetskopian" in page_text(at)
    assert find_by_slug(engine, "tomstad").city == "Exempelstad (kopia)"
