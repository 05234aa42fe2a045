"""Stad för stad – the router: page config, language, access gate, navigation."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sff_core.content import get_content
from sff_core.errors import ContentError
from sff_core.i18n import text
from sff_core.store.audit import set_actor
from sff_core.ui.browser import write_known_browser_cookie
from sff_core.ui.context import (
    NEXT_PAGE_KEY,
    PROJECTOR_KEY,
    current_workspace,
    language,
    projector_on,
    resume_unlock,
    tr,
    write_session_cookie,
)
from sff_core.ui.layout import apply_chrome, plain_markdown

PAGE_ICON = str(Path(__file__).parent / "static" / "page_icon.png")  # our own drawing (issue 14)
participant_session = "join" in st.query_params  # a join link: the participant page and nothing else
survey_session = "enkat" in st.query_params  # an outside actor's survey link: the survey and nothing else
# Who acts in this run, for the audit log: the facilitator's browser session, a participant, a survey link.
set_actor(
    "participant"
    if participant_session
    else "survey-link"
    if survey_session
    else "facilitator:" + st.session_state.setdefault("actor_tag", secrets.token_hex(4))
)
if urlsplit(st.context.url or "").path.rstrip("/").endswith("/vagg"):
    st.session_state[PROJECTOR_KEY] = True  # the wall is always in projector mode, whatever its address says
st.set_page_config(
    page_title="Stad för stad",
    page_icon=PAGE_ICON,  # served by the app itself: a :material/…: icon here made every browser ask Google's fonts
    layout="centered" if participant_session or survey_session else "wide",
    initial_sidebar_state="collapsed" if projector_on() or participant_session or survey_session else "auto",
)

try:
    content = get_content()
except ContentError as error:
    st.error(f"{tr('app.content_broken')}: {error}")
    st.stop()

lang = language()


def run_guarded(navigation: StreamlitPage) -> None:
    """Run the page; an unexpected error shows a plain message, never a traceback (and is logged)."""
    try:
        navigation.run()
    except Exception:
        logging.getLogger("stadforstad").exception("page failed")
        st.error(tr("app.error_unexpected"))


if participant_session:
    participate = st.Page("pages/participate.py", title=tr("live.participant_title"), url_path="delta", default=True)
    run_guarded(st.navigation([participate], position="hidden"))
    st.stop()
if survey_session:
    survey = st.Page("pages/survey.py", title=tr("survey.outside_title"), url_path="enkat", default=True)
    run_guarded(st.navigation([survey], position="hidden"))
    st.stop()
workspaces_page = st.Page("pages/workspaces.py", title=tr("nav.workspaces"), icon=":material/key:", url_path="arbetsytor")
about_page = st.Page("pages/about.py", title=tr("nav.about"), icon=":material/info:", url_path="om")
privacy_page = st.Page("pages/privacy.py", title=tr("privacy.nav"), icon=":material/shield_person:", url_path="personuppgifter")
resume_unlock()  # a reload or a new session of an unlocked browser: no passphrase again (on the wall)
workspace = current_workspace()

step_pages: dict[str, list] = {}
for phase in content.phases:
    step_pages[text(phase.title, lang)] = [
        st.Page(f"pages/step_{n}.py", title=f"{tr('nav.step', n=n)}: {text(content.step(n).title, lang)}", url_path=f"steg-{n}")
        for n in phase.steps
    ]
process_pages = [
    st.Page("pages/overview.py", title=tr("nav.overview"), icon=":material/explore:", url_path="oversikt", default=workspace is not None),
    st.Page("pages/core_group.py", title=tr("nav.core_group"), icon=":material/groups:", url_path="karngruppen"),
    st.Page("pages/statistics.py", title=tr("nav.statistics"), icon=":material/monitoring:", url_path="statistik"),
    st.Page("pages/remote.py", title=tr("nav.remote"), icon=":material/settings_remote:", url_path="fjarrkontroll"),
    st.Page("pages/wall.py", title=tr("nav.wall"), icon=":material/cast:", url_path="vagg", visibility="hidden"),
]
if workspace is None:  # every page is registered, so a deep link asks for the passphrase and then opens that page
    workspaces_page = st.Page("pages/workspaces.py", title=tr("nav.workspaces"), icon=":material/key:", url_path="arbetsytor", default=True)
    pages = {tr("nav.start"): [workspaces_page, about_page, privacy_page], tr("nav.process"): process_pages, **step_pages}
else:
    pages = {tr("nav.process"): process_pages, **step_pages, tr("app.workspace"): [workspaces_page, privacy_page, about_page]}

hide_navigation = projector_on() or workspace is None  # locked: only the start page, no list of pages
navigation = st.navigation(pages, position="hidden" if hide_navigation else "sidebar", expanded=True)
if workspace is not None and not projector_on():
    st.sidebar.caption(f"{tr('app.workspace')}: {plain_markdown(workspace.city)}")
next_page = st.session_state.pop(NEXT_PAGE_KEY, None)
if next_page and workspace is not None:
    st.switch_page(next_page, query_params=st.query_params.to_dict())  # keeps ?lang= and the like

write_session_cookie()
write_known_browser_cookie()  # after an unlock: the proof that keeps a stranger's guesses from locking this browser out
apply_chrome()  # projector styling, language and projector controls: once, for every page
run_guarded(navigation)
