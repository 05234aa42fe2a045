"""Generic exercise widgets: one form per content section, by shape, over the response store."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core.content import Prompt, Section, Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.live import participant_labels
from sff_core.members import MemberInfo
from sff_core.responses import GROUP, NOTES_PROMPT, Answer, answers_for, load_responses, save_answers
from sff_core.store.concurrency import EditConflict
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import edit_form
from sff_core.ui.exercises import exercise_ui
from sff_core.ui.exercises.spec import AnswerWidget
from sff_core.ui.layout import flash, labelled, plain_markdown, show_error


def respondent_names(ctx: Context, members: list[MemberInfo] | None = None) -> dict[str, str]:
    """Display names for every respondent (members, live participants, the group); once per run."""
    if "names" not in ctx.memo:
        names = participant_labels(ctx.engine, ctx.workspace.id, tr("live.anonymous"))
        names.update({m.respondent: m.name for m in ctx.members()})
        names[GROUP] = tr("answer.group")
        ctx.memo["names"] = names
    return dict(ctx.memo["names"])


def pick_respondent(ctx: Context, step: Step, section: Section, members: list[MemberInfo], group_label: str = "answer.group") -> str | None:
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
    return st.selectbox(tr("answer.respondent"), options, format_func=lambda r: names.get(r, r), key=f"respondent-{step.key}-{section.key}")


def _yes_no(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    current = None if stored is None or stored.value_bool is None else ("yes" if stored.value_bool else "no")
    choice = st.radio(
        text(prompt.text, tr_lang()),
        ["yes", "no"],
        index=None if current is None else ["yes", "no"].index(current),
        format_func=lambda v: tr(f"answer.{v}"),
        horizontal=True,
        key=key,
    )
    interpretation = None
    if section.interpretation:
        label = text(section.interpretation_label, tr_lang()) or tr("answer.interpretation")
        interpretation = st.text_area(label, value=(stored.text if stored else "") or "", key=f"{key}-text", height=80)
    return Answer(value_bool=None if choice is None else choice == "yes", text=interpretation)


def _score(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    scale = section.require_scale()
    values = list(range(scale.min, scale.max + 1))
    labels = {v: f"{v} – {text(scale.labels[v], tr_lang())}" if v in scale.labels else str(v) for v in values}
    st.markdown(f"**{text(prompt.text, tr_lang())}**")
    if prompt.help:
        st.caption(text(prompt.help, tr_lang()))
    current = stored.value_int if stored else None
    score = st.radio(
        tr("readiness.table_value"),
        values,
        index=values.index(current) if current in values else None,
        format_func=lambda v: labels[v],
        horizontal=True,
        key=key,
        label_visibility="collapsed",
    )
    comment = None
    if section.comment:
        comment = st.text_input(tr("answer.comment"), value=(stored.text if stored else "") or "", key=f"{key}-c")
    return Answer(value_int=score, text=comment)


def _text(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    value = st.text_area(
        text(prompt.text, tr_lang()),
        value=(stored.text if stored else "") or "",
        key=key,
        help=text(prompt.help, tr_lang()) or None,
        height=100,
    )
    return Answer(text=value)


def _checklist(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    checked = st.checkbox(text(prompt.text, tr_lang()), value=bool(stored and stored.value_bool), key=key)
    return Answer(value_bool=True if checked else None)


def _levels(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    values = [level.value for level in section.levels]
    labels = {level.value: f"{level.value} – {text(level.label, tr_lang())}" for level in section.levels}
    st.markdown(f"**{text(prompt.text, tr_lang())}**")
    left, right = st.columns(2)
    now = left.selectbox(
        tr("answer.level_now"),
        values,
        index=values.index(stored.value_int) if stored and stored.value_int in values else None,
        format_func=labelled(labels),
        key=f"{key}-now",
        placeholder=tr("app.choose"),
    )
    wanted = right.selectbox(
        tr("answer.level_wanted"),
        values,
        index=values.index(stored.value_int2) if stored and stored.value_int2 in values else None,
        format_func=labelled(labels),
        key=f"{key}-wanted",
        placeholder=tr("app.choose"),
    )
    return Answer(value_int=now, value_int2=wanted)


def _postits(section: Section, prompt: Prompt, key: str, stored: Answer | None) -> Answer:
    value = st.text_area(
        text(prompt.text, tr_lang()), value=(stored.text if stored else "") or "", key=key, help=tr("answer.postits_help"), height=120
    )
    return Answer(text=value)


WIDGETS: dict[str, AnswerWidget] = {
    "yes_no": _yes_no,
    "score": _score,
    "text": _text,
    "checklist": _checklist,
    "levels": _levels,
    "postits": _postits,
}


def widget_for(section: Section, workspace_id: int) -> AnswerWidget:
    """The answer widget of a section, on the laptop and the phone: the exercise's own (its UI entry's
    `widget`, e.g. step 7's ambition levels also ask for the organisation), or its shape's."""
    own = exercise_ui(section.exercise_key).widget
    return own(section, workspace_id) if own is not None else WIDGETS[section.shape]


def tr_lang() -> str:
    from sff_core.ui.context import language

    return language()


@edit_form("answers")
def answer_form(
    ctx: Context, step: Step, section: Section, session_date: date, group_label: str = "answer.group", prompt_keys: list[str] | None = None
) -> None:
    """The form for one respondent; on bad input the message shows and every typed value stays.

    Only the prompts the person changed are saved; when someone else saved one of them since
    this form was loaded, nothing is written and the person chooses (see `conflict_panel`).
    """
    members = ctx.members()
    respondent = pick_respondent(ctx, step, section, members, group_label)
    if respondent is None:
        return
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, session_date)
    stored = answers_for(frame, respondent)
    widget = widget_for(section, ctx.workspace.id)
    prefix = f"{step.key}-{section.key}-{respondent}-{session_date.isoformat()}"
    loaded = form_baseline(prefix, stored)
    with st.form(f"form-{prefix}", clear_on_submit=False, enter_to_submit=False):
        if section.statement_heading:
            st.markdown(f"**{text(section.statement_heading, ctx.lang)}**")
        if section.shape in ("text", "postits") or section.interpretation:
            st.caption(tr("answer.personal_data_warning"))
        answers = {}
        group_titles = {g.key: g.title for g in section.groups}
        shown_group = None
        for prompt in section.prompts:
            if prompt_keys is not None and prompt.key not in prompt_keys:
                continue
            if prompt.group in group_titles and prompt.group != shown_group and section.shape != "postits":
                shown_group = prompt.group
                st.markdown(f"**{text(group_titles[prompt.group], ctx.lang)}**")
            answers[prompt.key] = widget(section, prompt, f"{prefix}-{prompt.key}", loaded.get(prompt.key))
        submitted = st.form_submit_button(tr("answer.save"), type="primary")
    save = SaveCall(ctx, step, section, respondent, session_date, prefix)
    if submitted:
        save(answers, loaded)
    conflict_panel(save)


def form_baseline(prefix: str, stored: dict[str, Answer]) -> dict[str, Answer]:
    """The stored answers as this form's widgets were first filled with.

    Kept while the form's widgets live in the session; when they are created afresh (first
    visit, after another page) the baseline is taken again from what is stored now.
    """
    key = f"loaded::{prefix}"
    if key not in st.session_state or not any(str(k).startswith(f"{prefix}-") for k in st.session_state):
        st.session_state[key] = dict(stored)
    return dict(st.session_state[key])


def reset_form(prefix: str) -> None:
    """Forget the form's widgets and baseline, so it shows what is stored now."""
    for key in [k for k in st.session_state if str(k).startswith(f"{prefix}-")]:
        del st.session_state[key]
    st.session_state.pop(f"loaded::{prefix}", None)


class SaveCall:
    """Saves one respondent's answers and remembers a conflict for the person to resolve."""

    def __init__(self, ctx: Context, step: Step, section: Section, respondent: str, session_date: date, prefix: str) -> None:
        self.ctx, self.step, self.section = ctx, step, section
        self.respondent, self.session_date, self.prefix = respondent, session_date, prefix

    @property
    def conflict_key(self) -> str:
        return f"conflict::{self.prefix}"

    def __call__(self, answers: dict[str, Answer], loaded: dict[str, Answer]) -> bool:
        try:
            result = save_answers(
                self.ctx.engine,
                self.ctx.workspace.id,
                self.step.key,
                self.section.key,
                self.respondent,
                self.session_date,
                answers,
                loaded=loaded,
            )
        except EditConflict as conflict:
            st.session_state[self.conflict_key] = (conflict.conflicts, answers, loaded)
            return False
        except InputError as error:
            show_error(error)
            return False
        st.session_state.pop(self.conflict_key, None)
        reset_form(self.prefix)  # the next run fills the form from the store: everyone's answers
        flash(tr("answer.saved", n=result.saved) if result.saved else tr("answer.nothing_changed"))
        return True


def conflict_panel(save: SaveCall) -> None:
    """Someone else saved some of these answers meanwhile: show both and let the person choose."""
    pending = st.session_state.get(save.conflict_key)
    if not pending:
        return
    conflicts, answers, loaded = pending
    with st.container(border=True):
        st.warning(tr("conflict.intro", n=len(conflicts)), icon="⚠️")
        for conflict in conflicts:
            prompt = save.section.prompt(conflict.field)
            label = text(prompt.text, save.ctx.lang) if prompt else tr("step.notes")
            st.markdown(f"**{plain_markdown(label)}**")
            left, right = st.columns(2)
            left.caption(tr("conflict.theirs"))
            left.text(describe_answer(save.section, conflict.theirs))
            right.caption(tr("conflict.mine"))
            right.text(describe_answer(save.section, conflict.mine))
        keep_mine, keep_theirs = st.columns(2)
        if keep_mine.button(tr("conflict.use_mine"), key=f"{save.conflict_key}-mine", type="primary"):
            now_loaded = {**loaded, **{c.field: c.theirs for c in conflicts}}
            if save(answers, now_loaded):
                st.rerun()
        if keep_theirs.button(tr("conflict.keep_theirs"), key=f"{save.conflict_key}-theirs"):
            rest = {k: v for k, v in answers.items() if k not in {c.field for c in conflicts}}
            if save(rest, loaded):
                reset_form(save.prefix)
                st.rerun()


def describe_answer(section: Section, answer: Answer | None) -> str:
    """An answer as plain text for the conflict panel (shown with st.text, never as Markdown)."""
    if answer is None or answer.is_empty():
        return tr("conflict.empty")
    parts: list[str] = []
    if answer.value_bool is not None:
        parts.append(tr("answer.yes") if answer.value_bool else tr("answer.no"))
    if answer.value_int is not None:
        parts.append(f"{tr('answer.level_now')}: {answer.value_int}" if section.shape == "levels" else str(answer.value_int))
    if answer.value_int2 is not None:
        parts.append(f"{tr('answer.level_wanted')}: {answer.value_int2}")
    if answer.text:
        parts.append(answer.text)
    return " · ".join(parts)


@edit_form("notes")
def notes_form(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    """The group's notes on any exercise (the fallback for sections with no answer shape)."""
    frame = load_responses(ctx.engine, ctx.workspace.id, step.key, section.key, session_date)
    stored = answers_for(frame, GROUP)
    if ctx.projector:
        if stored.get(NOTES_PROMPT) and stored[NOTES_PROMPT].text:
            st.text(stored[NOTES_PROMPT].text)
        return
    prefix = f"notes-{step.key}-{section.key}-{session_date.isoformat()}"
    loaded = {k: v for k, v in form_baseline(prefix, stored).items() if k == NOTES_PROMPT}
    with st.form(prefix, enter_to_submit=False):
        baseline = loaded.get(NOTES_PROMPT)
        notes = st.text_area(
            tr("step.notes"), value=(baseline.text if baseline else "") or "", help=tr("step.notes_help"), key=f"{prefix}-text", height=140
        )
        submitted = st.form_submit_button(tr("step.save_notes"))
    save = SaveCall(ctx, step, section, GROUP, session_date, prefix)
    if submitted:
        save({NOTES_PROMPT: Answer(text=notes)}, loaded)
    conflict_panel(save)
