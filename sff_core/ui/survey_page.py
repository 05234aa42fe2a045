"""The outside actor's page (`?enkat=TOKEN`): the indicator survey, written for whoever received the link."""

from __future__ import annotations

import secrets

import streamlit as st

from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.indicators import receiver_texts, survey_invitation, survey_section
from sff_core.store.audit import set_actor
from sff_core.ui.context import engine, language, tr
from sff_core.ui.exercises.indicator_survey import SURVEY_PARAM, survey_form
from sff_core.ui.layout import plain_markdown, show_error

SUBMISSION_KEY = "survey_submission_key"
# Our own static markup only (no user text): on a phone the survey starts near the top and ends at
# its button, without the empty band Streamlit keeps above and below a page for its chat input.
PHONE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3rem !important; padding-bottom: 2rem !important;}
</style>"""


def survey_page() -> None:
    lang = language()
    st.html(PHONE_CSS)
    token = st.query_params.get(SURVEY_PARAM, "")
    try:
        invitation = survey_invitation(engine(), token)
        set_actor(f"survey-link:{invitation.link.id}")
    except InputError as error:
        st.markdown(f"### {tr('survey.outside_title')}")
        show_error(error)
        return
    texts = receiver_texts()
    st.markdown(f"### {text(texts.title, lang)}")
    section = survey_section()
    if st.session_state.get("survey_done"):
        st.success(tr("survey.thanks"))
        if st.button(tr("survey.another")):
            st.session_state.pop("survey_done")
            st.session_state[SUBMISSION_KEY] = secrets.token_hex(16)
            st.rerun()
        return
    # One key per filled-in form, kept in this session (never taken from the URL, which can be
    # reloaded or forwarded): a double-tap stores the answers once.
    st.session_state.setdefault(SUBMISSION_KEY, secrets.token_hex(16))
    # Who asks, why, how the answers are used: the city and municipality are the workspace's (user
    # text, so escaped); the rest is content.
    intro = text(texts.intro, lang).format(
        place=plain_markdown(invitation.place), city=plain_markdown(invitation.city), n=len(section.prompts)
    )
    st.markdown(intro)
    saved = survey_form(
        None,
        section,
        "out",
        token=token,
        submission_key=st.session_state[SUBMISSION_KEY],
        lang=lang,
        sector=invitation.link.sector,
    )
    if saved:
        st.session_state["survey_done"] = True
        st.session_state.pop(SUBMISSION_KEY)
        st.rerun()
