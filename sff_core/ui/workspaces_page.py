"""Arbetsytor: pick and unlock a workspace (throttled per client), edit its settings, create one or the demo;
and the gate of every workspace page (`require_context`: unlock here when no workspace is unlocked)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sff_core.backup import Backup, backup_file_name, export_workspace, max_content_mb, read_backup, restore, result_lines, same_city
from sff_core.config import LANGUAGES
from sff_core.demo import DEMO_PASSPHRASE, seed_demo
from sff_core.errors import InputError
from sff_core.i18n import has_key
from sff_core.store import audit
from sff_core.ui.browser import known_browser_cookie, remember_known_browser
from sff_core.ui.context import NEXT_PAGE_KEY, Context, client_key, current_workspace, engine, language, lock, projector_on, tr, unlock
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.layout import flash, labelled, plain_markdown, show_error, show_flash
from sff_core.workspaces import WorkspaceInfo, create_workspace, list_workspaces, unlock_workspace, update_workspace, workspace_fields


def require_context() -> Context:
    """The context for a workspace page; stops the page when no workspace is unlocked."""
    workspace = current_workspace()
    if workspace is None:  # a deep link or a reload: unlock here, then this very page opens
        show_flash()
        st.markdown(f"### {tr('workspace.unlock_here')}")
        workspaces = list_workspaces(engine())
        if workspaces:
            unlock_form(workspaces, next_page=None)
        else:
            st.info(tr("workspace.none_yet"))
        st.stop()
    return Context(engine(), workspace, language(), projector_on())


@edit_form("workspace-settings")
def render() -> None:
    st.title(tr("workspace.title"))
    st.caption(tr("app.tagline"))
    show_flash()
    current = current_workspace()
    workspaces = list_workspaces(engine())

    if current is not None:
        st.success(
            tr("workspace.period", start=current.period_start, end=current.period_end, months=f"{current.period_months:.0f}")
            + f" – {plain_markdown(current.city)}"
        )
        if st.button(tr("app.lock"), key="lock"):
            lock()
            st.rerun()
        with st.expander(tr("workspace.settings")):
            edit = RecordEdit(
                "workspace-settings", ["ws-city", "ws-municipality", "ws-start", "ws-end", "ws-lang"], workspace_fields(current)
            )
            with st.form("workspace-settings", enter_to_submit=False):
                city = st.text_input(tr("workspace.city"), value=edit.loaded["city"], key="ws-city")
                municipality = st.text_input(tr("workspace.municipality"), value=edit.loaded["municipality"], key="ws-municipality")
                start = st.date_input(
                    tr("workspace.period_start"),
                    value=edit.loaded["period_start"],
                    format="YYYY-MM-DD",
                    key="ws-start",
                    min_value=date(2000, 1, 1),
                    max_value=date(2100, 12, 31),
                )
                end = st.date_input(
                    tr("workspace.period_end"),
                    value=edit.loaded["period_end"],
                    format="YYYY-MM-DD",
                    key="ws-end",
                    min_value=date(2000, 1, 1),
                    max_value=date(2100, 12, 31),
                )
                lang = st.selectbox(
                    tr("workspace.language"), list(LANGUAGES), index=LANGUAGES.index(edit.loaded["language"]), key="ws-lang"
                )
                submitted = st.form_submit_button(tr("workspace.save"))
            labels = {
                "city": tr("workspace.city"),
                "municipality": tr("workspace.municipality"),
                "period_start": tr("workspace.period_start"),
                "period_end": tr("workspace.period_end"),
                "language": tr("workspace.language"),
            }
            edit.save(
                submitted,
                labels,
                lambda loaded: update_workspace(engine(), current.id, city, municipality, start, end, lang, loaded=loaded),
                tr("workspace.saved"),
            )
        backup_download(current)

    if workspaces:
        st.markdown(tr("workspace.intro") if current is None else f"**{tr('workspace.switch')}**")
        unlock_form(workspaces, next_page="pages/overview.py")
    else:
        st.info(tr("workspace.none_yet"))

    if not any(w.is_demo for w in workspaces) and st.button(tr("workspace.create_demo"), key="create-demo"):
        seed_demo(engine())
        st.session_state["demo_created"] = True
        st.rerun()
    if st.session_state.get("demo_created"):
        st.success(tr("workspace.demo_created", passphrase=DEMO_PASSPHRASE))

    with st.expander(tr("workspace.create_title"), expanded=not workspaces):
        with st.form("create-workspace"):
            city = st.text_input(tr("workspace.city"), key="new-city")
            municipality = st.text_input(tr("workspace.municipality"), key="new-municipality")
            today = date.today()
            start = st.date_input(tr("workspace.period_start"), value=today, key="new-start", format="YYYY-MM-DD")
            end = st.date_input(tr("workspace.period_end"), value=date(today.year + 1, today.month, 1), key="new-end", format="YYYY-MM-DD")
            lang = st.selectbox(
                tr("workspace.language"), list(LANGUAGES), key="new-lang", format_func=lambda v: "Svenska" if v == "sv" else "English"
            )
            passphrase = st.text_input(tr("workspace.new_passphrase"), type="password", key="new-passphrase")
            create = st.form_submit_button(tr("workspace.create"))
        if create:
            try:
                created = create_workspace(engine(), city, municipality, start, end, passphrase, language=lang)
            except InputError as error:
                show_error(error)
            else:
                unlock(created.id)
                st.session_state["flash"] = tr("workspace.created", city=created.city)
                if created.period_outside_recommendation:
                    st.session_state["flash_warning"] = tr("workspace.period_warning", months=f"{created.period_months:.0f}")
                st.session_state[NEXT_PAGE_KEY] = "pages/core_group.py"
                st.rerun()
    if current is not None:  # a stranger at the start page never reaches the upload (issue 20)
        restore_backup(current)
    else:  # below the facilitator's login: people in the room join with the code
        participant_code_form()
        st.page_link("pages/about.py", label=tr("nav.about"), icon=":material/info:")


@adds_records
def participant_code_form() -> None:
    """People in the room who opened the short address without the QR code type the code here."""
    with st.container(border=True), st.form("participant-code", enter_to_submit=True):
        st.markdown(f"**{tr('live.have_code')}**")
        code = st.text_input(tr("live.code"), max_chars=12, key="start-code", placeholder="ABC 234")
        if st.form_submit_button(tr("live.join"), type="primary"):
            st.query_params["join"] = code
            st.rerun()


@adds_records
def unlock_form(workspaces: list[WorkspaceInfo], next_page: str | None) -> None:
    """Pick a workspace and give the passphrase; then go to `next_page`, or stay on this page (a deep link)."""
    with st.form("unlock"):
        names = {w.id: w.city + (" (demo)" if w.is_demo else "") for w in workspaces}
        chosen = st.selectbox(tr("workspace.pick"), list(names), format_func=labelled(names), key="unlock-pick")
        passphrase = st.text_input(tr("workspace.passphrase"), type="password", key="unlock-passphrase")
        submitted = st.form_submit_button(tr("workspace.unlock"), type="primary")
    if submitted:
        try:
            unlocked = unlock_workspace(engine(), chosen, passphrase, client=client_key(), proof=known_browser_cookie())
        except InputError as error:
            show_error(error)
        else:
            unlock(unlocked.id)
            remember_known_browser(unlocked.id)  # this browser is counted on its own from now on (issue 20, Medium 9)
            if "lang" not in st.query_params:  # the workspace's language, unless the user chose one
                st.session_state["lang"] = unlocked.language
            if next_page:
                st.session_state[NEXT_PAGE_KEY] = next_page
            st.rerun()


def backup_download(current: WorkspaceInfo) -> None:
    """The unlocked workspace as one file; built when the button is clicked, not on every run."""
    with st.expander(tr("backup.title")):
        st.caption(tr("backup.intro"))
        store, actor, workspace_id = engine(), audit.current_actor(), current.id

        def build() -> bytes:  # runs in its own thread when clicked: who acts is carried over
            with audit.acting_as(actor):
                return export_workspace(store, workspace_id).data

        st.download_button(
            tr("backup.download"),
            data=build,
            file_name=backup_file_name(current.slug, date.today()),
            mime="application/zip",
            key="backup-download",
            on_click="ignore",
            icon=":material/download:",
        )


RESTORE_KEY = "backup-pending"
RESTORE_ROUND_KEY = "backup-upload-round"


def restore_backup(current: WorkspaceInfo) -> None:
    """Upload a backup, see what it holds, then restore it as a new workspace or – typing its name –
    in place of the unlocked one. Only for an unlocked workspace (or the command line): an upload is
    unpacked on the server. The whole file is checked on upload, against the size caps as it is
    unpacked, and nothing is written before the button."""
    pending: Backup | None = st.session_state.get(RESTORE_KEY)
    with st.expander(tr("backup.restore_title"), expanded=pending is not None):
        st.caption(tr("backup.restore_intro"))
        if pending is None:
            round_no = st.session_state.get(RESTORE_ROUND_KEY, 0)  # a fresh uploader after each file taken
            upload = st.file_uploader(tr("backup.upload"), type=["zip"], key=f"backup-upload-{round_no}", max_upload_size=max_content_mb())
            if upload is None:
                return
            try:
                st.session_state[RESTORE_KEY] = read_backup(upload)  # read in place, not copied
            except InputError as error:
                show_error(error)
                return
            st.session_state[RESTORE_ROUND_KEY] = round_no + 1
            st.rerun()
            return
        _restore_preview(pending)
        labels = {"new": tr("backup.mode_new"), "replace": tr("backup.mode_replace", city=plain_markdown(current.city))}
        mode = st.radio(tr("backup.mode"), ["new", "replace"], format_func=labelled(labels), key="backup-mode")
        confirm, other_city = "", False
        if mode == "replace":
            confirm = st.text_input(tr("backup.confirm", city=plain_markdown(current.city)), key="backup-confirm")
            if not same_city(pending.workspace, {"city": current.city, "municipality": current.municipality}):
                other_city = st.checkbox(
                    tr("backup.confirm_other_city", city=plain_markdown(pending.city), target=plain_markdown(current.city)),
                    key="backup-other-city",
                )
        left, right = st.columns(2)
        label = tr("backup.restore_replace", city=plain_markdown(current.city)) if mode == "replace" else tr("backup.restore_new")
        if left.button(label, key="backup-apply", type="primary"):
            try:
                if mode == "replace":
                    result = restore(engine(), pending, replace=current.slug, confirm=confirm, other_city=other_city)
                else:
                    result = restore(engine(), pending)
            except InputError as error:
                show_error(error)
            else:
                st.session_state.pop(RESTORE_KEY, None)
                lines = result_lines(result, language())
                if result.replaced is not None:
                    lock()  # the restored passphrase applies from now on
                    lines.append(tr("backup.unlock_again"))
                flash("  \n".join(lines))
        if right.button(tr("backup.cancel"), key="backup-cancel"):
            st.session_state.pop(RESTORE_KEY, None)
            st.rerun()


def _restore_preview(backup: Backup) -> None:
    workspace = backup.workspace
    st.markdown(
        plain_markdown(
            tr(
                "backup.preview",
                city=backup.city,
                municipality=workspace["municipality"],
                created=backup.created_at.replace("T", " ").removesuffix("+00:00") + " UTC",
                version=backup.app_version,
                rows=backup.total_rows,
            )
        )
    )
    counts = [(name, n) for name, n in backup.counts.items() if n and name != "workspace"]
    st.dataframe(
        pd.DataFrame(
            [(tr(f"backup.tables.{name}") if has_key(f"backup.tables.{name}") else name, n) for name, n in counts],
            columns=[tr("backup.content"), tr("backup.rows")],
        ),
        hide_index=True,
    )
