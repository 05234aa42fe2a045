"""The outside actor's page (`?enkat=TOKEN`): the indicator survey form and nothing else."""

from __future__ import annotations

import secrets

import streamlit as st

from sff_core.audit import set_actor
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.indicators import link_by_token, survey_section
from sff_core.ui.context import engine, language, tr
from sff_core.ui.exercises.indicator_survey import SURVEY_PARAM, survey_form
from sff_core.ui.layout import show_error

SUBMISSION_KEY = "survey_submission_key"


def survey_page() -> None:
    lang = language()
    token = st.query_params.get(SURVEY_PARAM, "")
    st.markdown(f"### {tr('survey.outside_title')}")
    try:
        link, _ = link_by_token(engine(), token)
        set_actor(f"survey-link:{link.id}")
    except InputError as error:
        show_error(error)
        return
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
    st.markdown(text(section.intro, lang))
    st.caption(tr("survey.outside_help"))
    if survey_form(None, section, "out", token=token, submission_key=st.session_state[SUBMISSION_KEY], lang=lang):
        st.session_state["survey_done"] = True
        st.session_state.pop(SUBMISSION_KEY)
        st.rerun()
