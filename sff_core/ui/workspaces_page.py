"""Arbetsytor: pick and unlock a workspace (throttled per client), edit its settings, create one or the demo."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.concurrency import EditConflict
from sff_core.config import LANGUAGES
from sff_core.demo import DEMO_PASSPHRASE, seed_demo
from sff_core.errors import InputError
from sff_core.ui.context import NEXT_PAGE_KEY, client_key, current_workspace, engine, lock, tr, unlock
from sff_core.ui.edits import RecordEdit
from sff_core.ui.layout import labelled, plain_markdown, show_error, show_flash
from sff_core.workspaces import WorkspaceInfo, create_workspace, list_workspaces, unlock_workspace, update_workspace, workspace_fields


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
            loaded = edit.snapshot(submitted, labels)
            if loaded is not None:
                try:
                    update_workspace(engine(), current.id, city, municipality, start, end, lang, loaded=loaded)
                except EditConflict as conflict:
                    edit.conflict(conflict)
                except InputError as error:
                    show_error(error)
                else:
                    edit.saved()
                    st.session_state["flash"] = tr("workspace.saved")
                    st.rerun()

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
    if current is None:  # below the facilitator's login: people in the room join with the code
        participant_code_form()
        st.page_link("pages/about.py", label=tr("nav.about"), icon=":material/info:")


def participant_code_form() -> None:
    """People in the room who opened the short address without the QR code type the code here."""
    with st.container(border=True), st.form("participant-code", enter_to_submit=True):
        st.markdown(f"**{tr('live.have_code')}**")
        code = st.text_input(tr("live.code"), max_chars=12, key="start-code", placeholder="ABC 234")
        if st.form_submit_button(tr("live.join"), type="primary"):
            st.query_params["join"] = code
            st.rerun()


def unlock_form(workspaces: list[WorkspaceInfo], next_page: str | None) -> None:
    """Pick a workspace and give the passphrase; then go to `next_page`, or stay on this page (a deep link)."""
    with st.form("unlock"):
        names = {w.id: w.city + (" (demo)" if w.is_demo else "") for w in workspaces}
        chosen = st.selectbox(tr("workspace.pick"), list(names), format_func=labelled(names), key="unlock-pick")
        passphrase = st.text_input(tr("workspace.passphrase"), type="password", key="unlock-passphrase")
        submitted = st.form_submit_button(tr("workspace.unlock"), type="primary")
    if submitted:
        try:
            unlocked = unlock_workspace(engine(), chosen, passphrase, client=client_key())
        except InputError as error:
            show_error(error)
        else:
            unlock(unlocked.id)
            if "lang" not in st.query_params:  # the workspace's language, unless the user chose one
                st.session_state["lang"] = unlocked.language
            if next_page:
                st.session_state[NEXT_PAGE_KEY] = next_page
            st.rerun()
