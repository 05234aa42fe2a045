"""Step 2 'Branscher och kontaktytor': the indicator survey, by the facilitator or through a link."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from sff_core import indicators
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import adds_records
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import data_table, labelled, run_action, show_error
from sff_core.ui.live import base_url
from sff_core.ui.results_view import model_view

SURVEY_PARAM = "enkat"


def survey_link_url(token: str) -> str:
    return f"{base_url()}/?{SURVEY_PARAM}={token}"


def indicator_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The averages (the results model, as /vagg draws it), then entering surveys, links and the surveys entered."""
    model_view(ctx, step, section, session_date)
    if ctx.projector:
        return
    surveys = indicators.load_surveys(ctx.engine, ctx.workspace.id)
    if st.toggle(tr("survey.enter_title"), key="survey-enter"):
        survey_form(ctx, section, key_prefix="fac")
    if st.toggle(tr("survey.links_title"), key="survey-links"):
        _links(ctx)
    if not surveys.empty and st.toggle(tr("survey.list_title", n=len(surveys)), key="survey-list"):
        with st.container(border=True):
            sectors = vocab_labels("sectors", ctx.lang)
            data_table(
                surveys.assign(sector=surveys["sector"].map(sectors))[["organisation", "sector", "surveyed_on", "method", "source"]],
                "surveys",
                "indikatorenkater",
            )


UNKNOWN = 0  # the "vet ej" choice of the compact scale; stored as None


def sector_choices(lang: str) -> dict[str, str]:
    """Sectors by label (the receiver looks for their trade by name), "Annan" last."""
    labels = vocab_labels("sectors", lang)
    return dict(sorted(labels.items(), key=lambda item: (item[0] == "annan", item[1].casefold())))


@adds_records
def survey_form(
    ctx: Context | None,
    section: Section,
    key_prefix: str,
    token: str | None = None,
    submission_key: str | None = None,
    lang: str = "sv",
    sector: str | None = None,
) -> bool:
    """The survey itself (facilitator entry, or an outside actor through a link). True when saved.

    `sector` is preselected (a link made for hotels); without one nobody's sector is assumed.
    Through a link the receiver sees the statements written for them (data/content/survey_link.yaml),
    and no date or method: those are the core group's. Each statement is one compact row (1–5, Vet ej).
    """
    lang = ctx.lang if ctx else lang
    receiver = token is not None
    texts = indicators.receiver_texts()
    scale = section.require_scale()
    sectors = sector_choices(lang)
    unknown = text(section.extra.get("unknown_option"), lang) or "Vet ej"
    choices = [*range(scale.min, scale.max + 1), UNKNOWN]
    label_of = {v: str(v) for v in choices} | {UNKNOWN: unknown}
    groups = {} if receiver else {g.key: g.title for g in section.groups}  # the receiver's statements stand alone
    with st.form(f"survey-{key_prefix}"):
        if receiver:
            organisation = st.text_input(
                tr("survey.receiver_organisation"),
                key=f"{key_prefix}-org",
                max_chars=160,
                placeholder=tr("survey.receiver_organisation_placeholder"),
            )
        else:
            organisation = st.text_input(tr("core.organisation"), key=f"{key_prefix}-org", max_chars=160)
        keys = list(sectors)
        chosen_sector = st.selectbox(
            tr("survey.sector"),
            keys,
            index=keys.index(sector) if sector in sectors else None,
            format_func=labelled(sectors),
            placeholder=tr("survey.sector_placeholder"),
            key=f"{key_prefix}-sector",
        )
        surveyed_on: date | None = date.today()
        method = "digitalt_formular"
        if not receiver:
            surveyed_on = st.date_input(tr("survey.date"), value=date.today(), key=f"{key_prefix}-date", format="YYYY-MM-DD")
            methods = {m: tr(f"survey.method_{m}") for m in indicators.METHODS}
            method = st.radio(
                tr("survey.method"), list(methods), format_func=labelled(methods), key=f"{key_prefix}-method", horizontal=True
            )
        hint = text(texts.scale_hint, lang)
        st.markdown(f"**{text(texts.question, lang)}**  \n{hint}" if receiver else hint)
        answers: dict[str, int | None] = {}
        current_group = None
        for prompt in section.prompts:
            if prompt.group != current_group and groups:
                current_group = prompt.group
                st.caption(text(groups.get(current_group or ""), lang).upper())
            statement = texts.statements[prompt.key] if receiver else prompt.text
            choice = st.segmented_control(
                text(statement, lang),
                choices,
                format_func=labelled(label_of),
                help=None if receiver else text(prompt.help, lang) or None,
                key=f"{key_prefix}-{prompt.key}",
            )
            if choice is not None:
                answers[prompt.key] = None if choice == UNKNOWN else int(choice)
        feedback = st.container()  # an error shows right above the button the person just pressed
        submitted = st.form_submit_button(tr("survey.submit"), type="primary")
    if not submitted:
        return False
    try:
        if token is not None:
            indicators.submit_via_link(_engine(ctx), token, organisation, chosen_sector, surveyed_on, answers, submission_key or "")
        else:
            if ctx is None:
                raise RuntimeError("survey_form needs a facilitator's context or a survey link's token")
            indicators.save_survey(
                ctx.engine, ctx.workspace.id, organisation, chosen_sector, surveyed_on, method, answers, submission_key=submission_key
            )
    except InputError as error:
        with feedback:
            show_error(error)
        return False
    return True


def _engine(ctx: Context | None) -> Engine:
    from sff_core.ui.context import engine

    return ctx.engine if ctx else engine()


@adds_records
def _links(ctx: Context) -> None:
    from sff_core.live import qr_png

    sectors = sector_choices(ctx.lang)
    for link in indicators.list_links(ctx.engine, ctx.workspace.id):
        url = survey_link_url(link.token)
        left, right = st.columns([1, 3])
        left.image(qr_png(url, scale=4), width="content")
        with right:
            st.text(link.label or tr("survey.link"))
            st.caption(tr("survey.link_for", sector=sectors.get(link.sector, link.sector)) if link.sector else tr("survey.link_no_sector"))
            st.code(url, language=None)
            label = "survey.deactivate" if link.active else "survey.activate"
            if st.button(tr(label), key=f"link-toggle-{link.id}"):
                indicators.set_link_active(ctx.engine, ctx.workspace.id, link.id, not link.active)
                st.rerun()
    with st.form("survey-link"):
        label = st.text_input(tr("survey.link_label"), key="link-label", max_chars=160)
        sector = st.selectbox(
            tr("survey.link_sector"),
            list(sectors),
            index=None,
            format_func=labelled(sectors),
            placeholder=tr("survey.link_sector_none"),
            key="link-sector",
        )
        if st.form_submit_button(tr("survey.create_link")):
            run_action(lambda: indicators.create_link(ctx.engine, ctx.workspace.id, label, sector), tr("survey.link_created"))


UI = ExerciseUI(name="indicator_survey", tool=indicator_section)
