"""Steps 6 and 7: the step's two work formats (workshops or meetings) with fördel, nackdel and lösning,
and the group's choice with its dates (sff_core/work_format.py)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sff_core import work_format
from sff_core.content import Step
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.store.concurrency import EditConflict
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import edit_form
from sff_core.ui.layout import show_error


def _parse_dates(raw: str) -> list[object]:
    out: list[object] = []
    for line in raw.replace(",", "\n").splitlines():
        value = line.strip()
        if not value:
            continue
        try:
            out.append(date.fromisoformat(value))
        except ValueError:
            raise InputError("format_bad_date", field="dates", value=value[:20]) from None
    return out


def format_panel(ctx: Context, step: Step) -> None:
    """The step's two formats with fördel, nackdel and lösning, and the group's choice with its dates."""
    if not step.formats or ctx.projector:
        return
    choice = work_format.get_choice(ctx.engine, ctx.workspace.id, step.key)
    titles = {f.key: text(f.title, ctx.lang) for f in step.formats}
    summary = ""
    if choice.alternative:
        dates = ", ".join(d.isoformat() for d in choice.dates) or "–"
        end = f" · {tr('format.chosen_end', date=choice.end_date.isoformat())}" if choice.end_date else ""
        summary = " – " + tr("format.chosen", title=titles.get(choice.alternative, choice.alternative), dates=dates) + end
    with st.expander(tr("format.title", n=step.number) + summary, expanded=choice.alternative is None):
        st.caption(tr("format.intro"))
        for column, option in zip(st.columns(len(step.formats)), step.formats, strict=True):
            with column, st.container(border=True):
                st.markdown(f"**{text(option.title, ctx.lang)}**")
                st.markdown(text(option.summary, ctx.lang))
                for name in ("pros", "cons", "remedy"):
                    st.markdown(f"*{tr(f'format.{name}')}:* {text(getattr(option, name), ctx.lang)}")
        _format_form(ctx, step, choice, titles)


@edit_form("work-format")
def _format_form(ctx: Context, step: Step, choice: work_format.FormatChoice, titles: dict[str, str]) -> None:
    key = f"format-{step.key}"
    loaded_key = f"loaded::{key}"
    if loaded_key not in st.session_state:
        st.session_state[loaded_key] = choice.fields()
    keys = list(titles)
    with st.form(key, enter_to_submit=False):
        picked = st.radio(
            tr("format.choose"),
            keys,
            index=keys.index(choice.alternative) if choice.alternative in keys else None,
            format_func=lambda k: titles[k],
            horizontal=True,
            key=f"{key}-alt",
        )
        raw = st.text_area(
            f"{tr('format.workshop_dates')} / {tr('format.meeting_dates')}",
            value="\n".join(d.isoformat() for d in choice.dates),
            help=tr("format.dates_help"),
            key=f"{key}-dates",
            height=100,
        )
        end = st.date_input(tr("format.end_date"), value=choice.end_date, format="YYYY-MM-DD", key=f"{key}-end")
        saved = st.form_submit_button(tr("format.save"), type="primary")
    if not saved:
        return
    try:
        work_format.save_choice(ctx.engine, ctx.workspace.id, step.key, picked, _parse_dates(raw), end, st.session_state[loaded_key])
    except EditConflict as conflict:
        st.session_state[loaded_key] = {**st.session_state[loaded_key], **{c.field: c.theirs for c in conflict.conflicts}}
        show_error(conflict)  # the form keeps what was typed; a second save writes it
        return
    except InputError as error:
        show_error(error)
        return
    st.session_state.pop(loaded_key, None)
    st.success(tr("format.saved"))
