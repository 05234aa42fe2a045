"""Personuppgifter, the tools part (issue 14): access and erasure for one person, the retention setting.

`render(ctx)` is called by the register's page (pages/privacy.py) in its own part of the page. The
facilitator picks a person (core-group members, named live participants) or types a name, sees what
is stored and downloads it (art. 15), or erases the person after typing the name again. The name the
facilitator typed lives only in this browser session's widgets; the service logs the pseudonym only.
An erasure that leaves something to check by hand (a first name alone, a table not cleaned) says so with
the list, never a plain "Klart" (issue 20).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sff_core.errors import InputError
from sff_core.outputs import report_render
from sff_core.privacy import erasure, housekeeping, names
from sff_core.ui.context import Context, tr
from sff_core.ui.layout import flash, labelled, plain_markdown, show_error, show_flash

PICK_KEY = "privacy-tools-person"
TYPED_KEY = "privacy-tools-typed"
CONFIRM_KEY = "privacy-tools-confirm"
ALIASES_KEY = "privacy-tools-aliases"
REPORT_KEY = "privacy-tools-access-report"
DOCUMENT_KEY = "privacy-tools-access-docx"
RETENTION_KEY = "privacy-tools-retention"
GENERATION_KEY = "privacy-tools-generation"  # grows with every erasure: the name's widgets start empty
REMAINS_KEY = "privacy-tools-remains"  # what the last erasure could not erase or decide, until dismissed


def _key(base: str) -> str:
    """A widget key of the current generation (after an erasure the browser's old widget values are dropped)."""
    generation = int(st.session_state.get(GENERATION_KEY, 0))
    return base if generation == 0 else f"{base}-{generation}"


def render(ctx: Context) -> None:
    """The whole tools part: housekeeping due today, the person, access, erasure, retention."""
    housekeeping.run_if_due(ctx.engine, ctx.workspace.id)
    st.markdown(f"**{tr('privacy_tools.title')}**")  # the register page gives this part its heading
    if ctx.projector:  # one person's data is never shown to the room
        st.info(tr("privacy_tools.not_on_projector"), icon=":material/visibility_off:")
        return
    show_flash()
    _show_remains()
    st.caption(tr("privacy_tools.intro"))
    name, aliases = _choose_person(ctx)
    _access(ctx, name, aliases)
    _erase(ctx, name, aliases)
    _retention(ctx)


def _choose_person(ctx: Context) -> tuple[str, list[str]]:
    people = erasure.people(ctx.engine, ctx.workspace.id)
    labels = {p.name: f"{p.name} ({tr('privacy_tools.' + p.kind)}{', ' + p.detail if p.detail else ''})" for p in people}
    left, right = st.columns(2)
    picked = left.selectbox(
        tr("privacy_tools.pick"), list(labels), index=None, format_func=labelled(labels), placeholder=tr("app.choose"), key=_key(PICK_KEY)
    )
    typed = right.text_input(
        tr("privacy_tools.typed"), key=_key(TYPED_KEY), max_chars=erasure.MAX_NAME_LENGTH, help=tr("privacy_tools.typed_help")
    )
    aliases = st.text_input(tr("privacy_tools.aliases"), key=_key(ALIASES_KEY), max_chars=400, help=tr("privacy_tools.aliases_help"))
    return names.normal(typed or picked or ""), [a for a in (aliases or "").split(",") if a.strip()]


def _access(ctx: Context, name: str, aliases: list[str]) -> None:
    if st.button(tr("privacy_tools.access_button"), key="privacy-tools-access", icon=":material/manage_search:"):
        if not name:
            st.warning(tr("privacy_tools.access_none"))
        else:
            try:
                made = erasure.access_report(ctx.engine, ctx.workspace.id, name, lang=ctx.lang, aliases=aliases)
                st.session_state[REPORT_KEY] = made
                st.session_state[DOCUMENT_KEY] = report_render.render(erasure.access_document(made, ctx.lang), "docx")
            except InputError as error:
                st.session_state.pop(REPORT_KEY, None)
                st.session_state.pop(DOCUMENT_KEY, None)
                show_error(error)
    report = st.session_state.get(REPORT_KEY)
    if report and names.same_name(report["person"], name):
        _show_report(report)


def _show_report(report: dict[str, object]) -> None:
    stored = list(report["stored"])  # type: ignore[call-overload]
    contributions = list(report["contributions"])  # type: ignore[call-overload]
    st.markdown(f"**{plain_markdown(tr('privacy_tools.access_heading', name=str(report['person']), count=len(stored)))}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "where": s["where"],
                    "kind": s.get("kind_label") or tr("privacy_tools.kind_text"),
                    "value": _short(s["value"]),
                    "purpose": s.get("purpose", ""),
                    "when": _day(s["when"]),
                }
                for s in stored
            ],
            columns=["where", "kind", "value", "purpose", "when"],
        ).rename(columns=_columns()),
        hide_index=True,
        width="stretch",
    )
    if contributions:
        st.markdown(f"**{tr('privacy_tools.contributions_heading', count=len(contributions))}**")
        st.dataframe(
            pd.DataFrame(
                [{"what": c["what"], "value": _short(c["value"]), "when": _day(c["when"])} for c in contributions],
                columns=["what", "value", "when"],
            ).rename(columns=_columns()),
            hide_index=True,
            width="stretch",
        )
    possible = list(report.get("possible") or [])  # type: ignore[call-overload]
    if possible:
        st.markdown(f"**{tr('privacy_tools.possible_heading', count=len(possible))}**")
        st.dataframe(
            pd.DataFrame([{"where": p["where"], "value": _short(p["value"])} for p in possible], columns=["where", "value"]).rename(
                columns=_columns()
            ),
            hide_index=True,
            width="stretch",
        )
    outside = list(report.get("outside") or [])  # type: ignore[call-overload]
    if outside:
        st.caption(tr("privacy_tools.outside_note", count=len(outside)))
    left, right = st.columns(2)
    left.download_button(
        tr("privacy_tools.download"),
        erasure.access_json(report),
        file_name="registerutdrag.json",
        mime="application/json",
        key="privacy-tools-download",
        icon=":material/download:",
    )
    document = st.session_state.get(DOCUMENT_KEY)
    if document:
        right.download_button(
            tr("privacy_tools.download_docx"),
            document,
            file_name="registerutdrag.docx",
            mime=report_render.MEDIA_TYPES["docx"],
            key="privacy-tools-download-docx",
            icon=":material/description:",
        )


def _columns() -> dict[str, str]:
    return {c: tr(f"privacy_tools.col_{c}") for c in ("where", "kind", "value", "purpose", "when", "what", "remains")}


def _day(when: object) -> str:
    return str(when or "")[:10]  # the day is what a person asks about; the exact time is in the file


def _short(value: object, width: int = 200) -> str:
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _erase(ctx: Context, name: str, aliases: list[str]) -> None:
    with st.expander(tr("privacy_tools.erase_heading"), icon=":material/person_remove:"):
        st.warning(tr("privacy_tools.erase_warning"))
        confirm = st.text_input(tr("privacy_tools.confirm"), key=_key(CONFIRM_KEY), max_chars=erasure.MAX_NAME_LENGTH)
        if not st.button(tr("privacy_tools.erase_button"), key="privacy-tools-erase", type="primary", icon=":material/delete_forever:"):
            return
        try:
            if not name or not names.same_name(confirm, name):
                raise InputError("erasure_confirm" if name else "erasure_empty", field="confirm")
            result = erasure.erase_person(ctx.engine, ctx.workspace.id, name, aliases)
        except InputError as error:
            show_error(error)
            return
        for key in (PICK_KEY, TYPED_KEY, CONFIRM_KEY, ALIASES_KEY):
            st.session_state.pop(_key(key), None)  # the name leaves this browser session too
        st.session_state.pop(REPORT_KEY, None)
        st.session_state.pop(DOCUMENT_KEY, None)
        st.session_state[GENERATION_KEY] = int(st.session_state.get(GENERATION_KEY, 0)) + 1
        if result.complete:
            st.session_state.pop(REMAINS_KEY, None)
            flash(tr("privacy_tools.erased", pseudonym=result.pseudonym, fields=result.fields))
        st.session_state[REMAINS_KEY] = {
            "message": tr("privacy_tools.erased_partly", pseudonym=result.pseudonym, fields=result.fields, count=len(result.unresolved)),
            "rows": [{"remains": tr(f"privacy_tools.remains_{u.kind}"), "where": u.where, "value": u.excerpt} for u in result.unresolved],
        }
        st.rerun()


def _show_remains() -> None:
    """What the last erasure could not erase or decide: stays on the page until dismissed."""
    remains = st.session_state.get(REMAINS_KEY)
    if not remains:
        return
    st.warning(plain_markdown(remains["message"]), icon=":material/rule:")
    st.dataframe(
        pd.DataFrame(remains["rows"], columns=["remains", "where", "value"]).rename(columns=_columns()), hide_index=True, width="stretch"
    )
    if st.button(tr("privacy_tools.remains_dismiss"), key="privacy-tools-remains-dismiss"):
        st.session_state.pop(REMAINS_KEY, None)
        st.rerun()


def _retention(ctx: Context) -> None:
    st.markdown(f"**{tr('privacy_tools.retention_heading')}**")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    days = left.number_input(
        tr("privacy_tools.retention_days"),
        min_value=erasure.MIN_RETENTION_DAYS,
        max_value=erasure.MAX_RETENTION_DAYS,
        value=erasure.retention_days(ctx.engine, ctx.workspace.id),
        step=1,
        key=RETENTION_KEY,
    )
    if right.button(tr("privacy_tools.retention_save"), key="privacy-tools-retention-save"):
        try:
            saved = erasure.set_retention_days(ctx.engine, ctx.workspace.id, int(days))
        except InputError as error:
            show_error(error)
        else:
            flash(tr("privacy_tools.retention_saved", days=saved))
    st.caption(tr("privacy_tools.retention_note"))
