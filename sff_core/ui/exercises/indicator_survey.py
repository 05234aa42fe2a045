"""Step 2 'Branscher och kontaktytor': the indicator survey, by the facilitator or through a link."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from sff_core import indicators
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.ui.context import Context, tr
from sff_core.ui.exercises.common import vocab_labels
from sff_core.ui.layout import chart, data_table, figure, flash, labelled, show_error
from sff_core.ui.live import base_url

SURVEY_PARAM = "enkat"


def survey_link_url(token: str) -> str:
    return f"{base_url()}/?{SURVEY_PARAM}={token}"


def indicator_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    surveys = indicators.load_surveys(ctx.engine, ctx.workspace.id)
    indicator_results(ctx, surveys)
    if ctx.projector:
        return
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


def indicator_results(ctx: Context, surveys: pd.DataFrame) -> None:
    section = indicators.survey_section()
    category_labels = {g.key: text(g.title, ctx.lang) for g in section.groups}
    table = indicators.averages_by_sector(surveys)
    st.markdown(f"**{tr('survey.count', n=len(surveys))}**")
    if table.empty:
        st.caption(tr("answer.no_answers"))
        return
    sectors = vocab_labels("sectors", ctx.lang)
    shown = table.assign(category=table["category"].map(category_labels), sector=table["sector"].map(sectors))
    figure(chart("indicator_bars", table, category_labels, sectors, ctx.lang, ctx.projector), shown, key="indicator-bars")
    figure(chart("indicator_heatmap", table, category_labels, sectors, ctx.lang, ctx.projector), None, key="indicator-heat")


def survey_form(
    ctx: Context | None, section: Section, key_prefix: str, token: str | None = None, submission_key: str | None = None, lang: str = "sv"
) -> bool:
    """The survey itself (facilitator entry, or an outside actor through a link). True when saved."""
    lang = ctx.lang if ctx else lang
    scale = section.require_scale()
    sectors = vocab_labels("sectors", lang)
    unknown = text(section.unknown_option, lang) or "Vet ej"
    choices = [*range(scale.min, scale.max + 1), 0]  # 0: the "vet ej" choice
    label_of = {v: (f"{v} – {text(scale.labels[v], lang)}" if v in scale.labels else str(v)) for v in choices}
    label_of[0] = unknown
    groups = {g.key: text(g.title, lang) for g in section.groups}
    with st.form(f"survey-{key_prefix}"):
        organisation = st.text_input(tr("core.organisation"), key=f"{key_prefix}-org", max_chars=160)
        sector = st.selectbox(tr("core.sector"), list(sectors), format_func=labelled(sectors), key=f"{key_prefix}-sector")
        surveyed_on = st.date_input(tr("survey.date"), value=date.today(), key=f"{key_prefix}-date", format="YYYY-MM-DD")
        method = "digitalt_formular"
        if token is None:
            methods = {m: tr(f"survey.method_{m}") for m in indicators.METHODS}
            method = st.radio(
                tr("survey.method"), list(methods), format_func=labelled(methods), key=f"{key_prefix}-method", horizontal=True
            )
        answers: dict[str, int | None] = {}
        current_group = None
        for prompt in section.prompts:
            if prompt.group != current_group:
                current_group = prompt.group
                st.markdown(f"**{groups.get(current_group or '', '')}**")
            choice = st.radio(
                text(prompt.text, lang),
                choices,
                index=None,
                format_func=labelled(label_of),
                horizontal=True,
                key=f"{key_prefix}-{prompt.key}",
            )
            if choice is not None:
                answers[prompt.key] = None if choice == 0 else int(choice)
        submitted = st.form_submit_button(tr("survey.submit"), type="primary")
    if not submitted:
        return False
    try:
        if token is not None:
            indicators.submit_via_link(_engine(ctx), token, organisation, sector, surveyed_on, answers, submission_key or "")
        else:
            if ctx is None:
                raise RuntimeError("survey_form needs a facilitator's context or a survey link's token")
            indicators.save_survey(
                ctx.engine, ctx.workspace.id, organisation, sector, surveyed_on, method, answers, submission_key=submission_key
            )
    except InputError as error:
        show_error(error)
        return False
    return True


def _engine(ctx: Context | None) -> Engine:
    from sff_core.ui.context import engine

    return ctx.engine if ctx else engine()


def _links(ctx: Context) -> None:
    from sff_core.live import qr_png

    for link in indicators.list_links(ctx.engine, ctx.workspace.id):
        url = survey_link_url(link.token)
        left, right = st.columns([1, 3])
        left.image(qr_png(url, scale=4), width="content")
        with right:
            st.text(link.label or tr("survey.link"))
            st.code(url, language=None)
            label = "survey.deactivate" if link.active else "survey.activate"
            if st.button(tr(label), key=f"link-toggle-{link.id}"):
                indicators.set_link_active(ctx.engine, ctx.workspace.id, link.id, not link.active)
                st.rerun()
    with st.form("survey-link"):
        label = st.text_input(tr("survey.link_label"), key="link-label", max_chars=160)
        if st.form_submit_button(tr("survey.create_link")):
            indicators.create_link(ctx.engine, ctx.workspace.id, label)
            flash(tr("survey.link_created"))
