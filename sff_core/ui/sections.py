"""Generic exercise widgets: one form per content section, by shape, over the response store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.exercises import checklist_summary, postit_notes, text_answers, yes_no_summary
from sff_core.i18n import text
from sff_core.live import participant_labels
from sff_core.members import MemberInfo
from sff_core.responses import GROUP, NOTES_PROMPT, Answer, answers_for, load_responses, save_answers, session_dates
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import chart, figure, plain_markdown, show_error

SectionRenderer = Callable[[Context, Step, Section, date], None]


def respondent_names(ctx: Context, members: list[MemberInfo] | None = None) -> dict[str, str]:
    """Display names for every respondent (members, live participants, the group); once per run."""
    if "names" not in ctx.memo:
        names = participant_labels(ctx.engine, ctx.workspace.id, tr("live.anonymous"))
        names.update({m.respondent: m.name for m in ctx.members()})
        names[GROUP] = tr("answer.group")
        ctx.memo["names"] = names
    return dict(ctx.memo["names"])


def pick_respondent(ctx: Context, step: Step, section: Section, members: list[MemberInfo],
                    group_label: str = "answer.group") -> str | None:
    """Who answers: a member, or the group (as the section's `answered_by` allows)."""
    options: list[str] = []
    if section.answered_by in ("any", "members"):
        options += [m.respondent for m in members]
    if section.answered_by in ("any", "group"):
        options.append(GROUP)
    if not options:
        st.info(tr("answer.no_members"))
        return None
    names = respondent_names(ctx, members)
    names[GROUP] = tr(group_label)
    if len(options) == 1:
        return options[0]
    return st.selectbox(tr("answer.respondent"), options, format_func=lambda r: names.get(r, r),
                        key=f"respondent-{step.key}-{section.key}")


def _yes_no(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    current = None if stored is None or stored.value_bool is None else ("yes" if stored.value_bool else "no")
    choice = st.radio(text(prompt.text, tr_lang()), ["yes", "no"], index=None if current is None else
                      ["yes", "no"].index(current), format_func=lambda v: tr(f"answer.{v}"), horizontal=True,
                      key=key)
    interpretation = None
    if section.interpretation:
        label = text(section.extra.get("interpretation_label"), tr_lang()) or tr("answer.interpretation")
        interpretation = st.text_area(label, value=(stored.text if stored else "") or "", key=f"{key}-text",
                                      height=80)
    return Answer(value_bool=None if choice is None else choice == "yes", text=interpretation)


def _score(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    assert section.scale is not None
    values = list(range(section.scale.min, section.scale.max + 1))
    labels = {v: f"{v} – {text(section.scale.labels[v], tr_lang())}" if v in section.scale.labels else str(v)
              for v in values}
    st.markdown(f"**{text(prompt.text, tr_lang())}**")
    if prompt.help:
        st.caption(text(prompt.help, tr_lang()))
    current = stored.value_int if stored else None
    score = st.radio(tr("readiness.table_value"), values, index=values.index(current) if current in values else None,
                     format_func=lambda v: labels[v], horizontal=True, key=key, label_visibility="collapsed")
    comment = None
    if section.comment:
        comment = st.text_input(tr("answer.comment"), value=(stored.text if stored else "") or "", key=f"{key}-c")
    return Answer(value_int=score, text=comment)


def _text(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    value = st.text_area(text(prompt.text, tr_lang()), value=(stored.text if stored else "") or "", key=key,
                         help=text(prompt.help, tr_lang()) or None, height=100)
    return Answer(text=value)


def _checklist(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    checked = st.checkbox(text(prompt.text, tr_lang()), value=bool(stored and stored.value_bool), key=key)
    return Answer(value_bool=True if checked else None)


def _levels(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    values = [level["value"] for level in section.levels]
    labels = {level["value"]: f"{level['value']} – {text(level['label'], tr_lang())}" for level in section.levels}
    st.markdown(f"**{text(prompt.text, tr_lang())}**")
    left, right = st.columns(2)
    now = left.selectbox(tr("answer.level_now"), values, index=values.index(stored.value_int)
                         if stored and stored.value_int in values else None, format_func=labels.get, key=f"{key}-now",
                         placeholder=tr("app.choose"))
    wanted = right.selectbox(tr("answer.level_wanted"), values, index=values.index(stored.value_int2)
                             if stored and stored.value_int2 in values else None, format_func=labels.get,
                             key=f"{key}-wanted", placeholder=tr("app.choose"))
    return Answer(value_int=now, value_int2=wanted)


def _postits(section: Section, prompt, key: str, stored: Answer | None) -> Answer:  # type: ignore[no-untyped-def]
    value = st.text_area(text(prompt.text, tr_lang()), value=(stored.text if stored else "") or "", key=key,
                         help=tr("answer.postits_help"), height=120)
    return Answer(text=value)


WIDGETS = {"yes_no": _yes_no, "score": _score, "text": _text, "checklist": _checklist, "levels": _levels,
           "postits": _postits}


def tr_lang() -> str:
    from sff_core.ui.context import language

    return language()


def answer_form(ctx: Context, step: Step, section: Section, session_date: date,
                group_label: str = "answer.group", prompt_keys: list[str] | None = None) -> None:
    """The form for one respondent; on bad input the message shows and every typed value stays."""
    members = ctx.members()
    respondent = pick_respondent(ctx, step, section, members, group_label)
    if respondent is None:
        return
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, session_date)
    stored = answers_for(frame, respondent)
    widget = WIDGETS[section.shape]
    prefix = f"{step.key}-{section.key}-{respondent}-{session_date.isoformat()}"
    with st.form(f"form-{prefix}", clear_on_submit=False):
        if section.extra.get("statement_heading"):
            st.markdown(f"**{text(section.extra['statement_heading'], ctx.lang)}**")
        if section.shape in ("text", "postits") or section.interpretation:
            st.caption(tr("answer.personal_data_warning"))
        answers = {}
        group_titles = {g["key"]: g["title"] for g in section.groups}
        shown_group = None
        for prompt in section.prompts:
            if prompt_keys is not None and prompt.key not in prompt_keys:
                continue
            if prompt.group in group_titles and prompt.group != shown_group and section.shape != "postits":
                shown_group = prompt.group
                st.markdown(f"**{text(group_titles[prompt.group], ctx.lang)}**")
            answers[prompt.key] = widget(section, prompt, f"{prefix}-{prompt.key}", stored.get(prompt.key))
        submitted = st.form_submit_button(tr("answer.save"), type="primary")
    if submitted:
        try:
            saved = save_answers(ctx.engine, ctx.workspace.id, step.key, section.key, respondent, session_date,
                                 answers)
        except InputError as error:
            show_error(error)
        else:
            st.success(tr("answer.saved", n=saved))


def notes_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The group's notes on any exercise (the fallback for sections with no answer shape)."""
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, session_date)
    stored = answers_for(frame, GROUP).get(NOTES_PROMPT)
    key = f"notes-{step.key}-{section.key}-{session_date.isoformat()}"
    if ctx.projector:
        if stored and stored.text:
            st.text(stored.text)
        return
    with st.form(key):
        notes = st.text_area(tr("step.notes"), value=(stored.text if stored else "") or "", help=tr("step.notes_help"),
                             key=f"{key}-text", height=140)
        submitted = st.form_submit_button(tr("step.save_notes"))
    if submitted:
        try:
            save_answers(ctx.engine, ctx.workspace.id, step.key, section.key, GROUP, session_date,
                         {NOTES_PROMPT: Answer(text=notes)})
        except InputError as error:
            show_error(error)
        else:
            st.success(tr("answer.saved", n=1))


def results_date(ctx: Context, step: Step, section: Section, session_date: date) -> date | None:
    """The chosen work session if it has answers, else the latest one that has (said on screen)."""
    dates = session_dates(ctx.engine, ctx.workspace.id, step.key, section.key)
    if not dates or session_date in dates:
        return session_date if dates else None
    if not ctx.projector:
        st.caption(tr("answer.showing_date", date=dates[0].isoformat()))
    return dates[0]


def generic_results(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """What the group answered in this work session (or the latest one with answers), by shape."""
    shown = results_date(ctx, step, section, session_date)
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, shown) if shown else None
    if frame is not None:
        frame = frame[frame["prompt_key"] != NOTES_PROMPT]
    if frame is None or frame.empty:
        st.caption(tr("answer.no_answers"))
        return
    names = respondent_names(ctx)
    if section.shape == "yes_no" and section.answered_by != "group":
        summary = yes_no_summary(section, frame, ctx.lang)
        figure(chart("agreement_bars", summary, ctx.lang, ctx.projector), summary[["label", "yes", "no", "answered"]],
               key=f"chart-{step.key}-{section.key}")
    elif section.shape == "yes_no":
        st.dataframe(_yes_no_table(section, frame, ctx.lang), hide_index=True, width="stretch")
    elif section.shape == "checklist":
        checked, total = checklist_summary(section, frame)
        st.progress(checked / total if total else 0.0, text=tr("answer.checked", checked=checked, total=total))
    elif section.shape == "score":
        st.dataframe(_score_table(section, frame, ctx.lang), hide_index=True, width="stretch")
    elif section.shape == "levels":
        st.dataframe(_levels_table(section, frame, names, ctx.lang), hide_index=True, width="stretch")
    if section.shape in ("text", "score"):
        organisations = {m.respondent: f"{m.name} ({m.organisation})" for m in ctx.members()}
        show_text_answers(text_answers(section, frame, {**names, **organisations}, ctx.lang))
    elif section.shape == "postits":
        show_postits(postit_notes(section, frame, ctx.lang))


def show_postits(notes: pd.DataFrame) -> None:
    """Each note as its own card under its question (user text as plain text)."""
    for prompt, group in notes.groupby("prompt", sort=False):
        st.markdown(f"**{prompt}** ({len(group)})")
        columns = st.columns(3)
        for index, note in enumerate(group["note"]):
            with columns[index % 3].container(border=True):
                st.text(note)


def show_text_answers(table: pd.DataFrame) -> None:
    """Answers grouped under their question. User text goes through st.text: never markdown or HTML."""
    for prompt, answers in table.groupby("prompt", sort=False):
        st.markdown(f"**{prompt}**")
        for row in answers.itertuples():
            with st.container(border=True):
                st.caption(plain_markdown(f"{row.respondent} · {row.date}"))
                st.text(row.text)


def _yes_no_table(section: Section, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for prompt in section.prompts:
        mine = frame[frame["prompt_key"] == prompt.key]
        value = mine["value_bool"].dropna()
        answer = "–" if value.empty else (tr("answer.yes") if bool(value.iloc[0]) else tr("answer.no"))
        texts = [t for t in mine["text"] if isinstance(t, str) and t]
        rows.append({"": text(prompt.text, lang), tr("answer.yes") + "/" + tr("answer.no"): answer,
                     tr("answer.interpretation"): " ".join(texts)})
    return pd.DataFrame(rows)


def _score_table(section: Section, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for prompt in section.prompts:
        values = frame[frame["prompt_key"] == prompt.key]["value_int"].dropna()
        rows.append({tr("readiness.table_dimension"): text(prompt.text, lang),
                     tr("readiness.table_mean"): round(values.mean(), 2) if len(values) else None,
                     "n": len(values)})
    return pd.DataFrame(rows)


def _levels_table(section: Section, frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    return pd.DataFrame([{"": labels.get(r.prompt_key, r.prompt_key), tr("answer.respondent"): names.get(r.respondent, r.respondent),
                          tr("answer.level_now"): r.value_int, tr("answer.level_wanted"): r.value_int2}
                         for r in frame.itertuples()])
