"""Edit forms for shared records (members, actors, plans, tasks, workspaces): two browsers, one record.

A form remembers the values it was loaded with; the service saves only the fields the person
changed and raises EditConflict when someone else saved one of them meanwhile. Then this panel
shows both values and lets the person choose; what they typed stays in the form's widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import streamlit as st

from sff_core.errors import InputError
from sff_core.store.concurrency import Conflict, EditConflict, merge
from sff_core.ui.context import tr
from sff_core.ui.layout import flash, plain_markdown, show_error

F = TypeVar("F", bound=Callable[..., Any])

# Every function that draws a form (st.form) says what the form does: it edits stored records
# (`edit_form`, each name walked by tests/app/test_concurrent_forms.py with two browsers) or it only
# adds new records or runs an action (`adds_records`). The test refuses a form that says neither.
EDIT_FORMS: dict[str, str] = {}


def edit_form(*names: str) -> Callable[[F], F]:
    """Register the edit forms a function draws; each must save through RecordEdit or a three-way merge."""

    def register(function: F) -> F:
        for name in names:
            EDIT_FORMS[name] = f"{function.__module__}.{function.__qualname__}"
        return function

    return register


def adds_records(function: F) -> F:
    """Mark a function whose forms only add new records or run an action (never change a stored one)."""
    return function


def _shown(value: Any) -> str:
    if value is None or value == "" or value == () or value == []:
        return tr("conflict.empty")
    if isinstance(value, bool):
        return tr("answer.yes") if value else tr("answer.no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class RecordEdit:
    """The loaded snapshot of one edit form, and its pending conflict if any."""

    def __init__(self, form_key: str, widget_keys: Iterable[str], current: dict[str, Any]) -> None:
        self.form_key = form_key
        self.widget_keys = list(widget_keys)
        base_key = self._base_key
        if base_key not in st.session_state or not any(k in st.session_state for k in self.widget_keys):
            st.session_state[base_key] = dict(current)  # the widgets are (re)created from `current`
        self.loaded: dict[str, Any] = dict(st.session_state[base_key])

    @property
    def _base_key(self) -> str:
        return f"loaded::{self.form_key}"

    @property
    def _conflict_key(self) -> str:
        return f"conflict::{self.form_key}"

    def snapshot(self, submitted: bool, labels: dict[str, str], shown: Callable[[str, Any], str] | None = None) -> dict[str, Any] | None:
        """What to save against: the loaded values on submit, the stored ones when the person chose
        to overwrite after a conflict; None when there is nothing to save. Draws the conflict panel."""
        if submitted:
            st.session_state.pop(self._conflict_key, None)
            return self.loaded
        conflicts: list[Conflict] | None = st.session_state.get(self._conflict_key)
        if not conflicts:
            return None
        show = shown or (lambda _field, value: _shown(value))
        with st.container(border=True):
            st.warning(tr("conflict.intro", n=len(conflicts)), icon="⚠️")
            for conflict in conflicts:
                st.markdown(f"**{plain_markdown(labels.get(conflict.field, conflict.field))}**")
                left, right = st.columns(2)
                left.caption(tr("conflict.theirs"))
                left.text(show(conflict.field, conflict.theirs))
                right.caption(tr("conflict.mine"))
                right.text(show(conflict.field, conflict.mine))
            mine, theirs = st.columns(2)
            if mine.button(tr("conflict.use_mine"), key=f"{self._conflict_key}-mine", type="primary"):
                st.session_state.pop(self._conflict_key, None)
                return {**self.loaded, **{c.field: c.theirs for c in conflicts}}
            if theirs.button(tr("conflict.keep_theirs"), key=f"{self._conflict_key}-theirs"):
                self.reset()
                st.rerun()
        return None

    def save(
        self,
        submitted: bool,
        labels: dict[str, str],
        action: Callable[[dict[str, Any]], object],
        done: str,
        shown: Callable[[str, Any], str] | None = None,
    ) -> None:
        """The whole save of an edit form: `action(loaded)` calls the service with the snapshot to
        save against. A conflict draws the side-by-side panel, bad input the Swedish message (what
        was typed stays in the widgets), success the flash `done` on a fresh form."""
        loaded = self.snapshot(submitted, labels, shown)
        if loaded is None:
            return
        try:
            action(loaded)
        except EditConflict as error:
            self.conflict(error)
        except InputError as error:
            show_error(error)
        else:
            self.saved()
            flash(done)

    def conflict(self, error: EditConflict) -> None:
        """Remember the conflict and draw the page again with the panel (typed values stay)."""
        st.session_state[self._conflict_key] = error.conflicts
        st.rerun()

    def saved(self) -> None:
        """After a successful save the form is filled afresh from the store on the next run, so it
        shows the record as saved, other people's changes included."""
        self.reset()

    def reset(self) -> None:
        """Forget typed values and the snapshot: the form shows what is stored now."""
        for key in self.widget_keys:
            st.session_state.pop(key, None)
        st.session_state.pop(self._base_key, None)
        st.session_state.pop(self._conflict_key, None)


def merged_on(loaded: dict[str, Any], typed: dict[str, Any], current: dict[str, Any]) -> dict[str, Any] | None:
    """The person's changes (typed vs loaded) applied to what is stored now (`current`, read in this run);
    EditConflict when someone else changed one of those fields; None when the person changed nothing."""
    writes, conflicts = merge(loaded, typed, current)
    if conflicts:
        raise EditConflict(conflicts)
    return {**current, **writes} if writes else None


@edit_form("role-status", "routine-status", "plan-status")
def status_form(
    key: str,
    statuses: dict[str, str],
    labels: tuple[str, str, str],
    current: dict[str, Any],
    save: Callable[[str, date | None, str], object],
    done: str,
) -> None:
    """A document's status (utkast / överenskommelse) and the date it was agreed, as one edit form.

    `labels` are the status's, the date's and the button's; `save(status, agreed_on, loaded_status)`
    calls the service, which refuses a status someone else changed since `loaded_status`. Only what the
    person changed is saved: a date changed by someone else while this person changed the status stays.
    """
    edit = RecordEdit(key, [f"{key}-value", f"{key}-date"], current)
    with st.form(key, enter_to_submit=False):
        left, right = st.columns(2)
        status = left.segmented_control(
            labels[0], list(statuses), default=edit.loaded["status"], format_func=lambda s: statuses.get(s, s), key=f"{key}-value"
        )
        agreed_on = right.date_input(labels[1], value=edit.loaded["agreed_on"], key=f"{key}-date", format="YYYY-MM-DD")
        submitted = st.form_submit_button(labels[2]) and bool(status)

    def action(before: dict[str, Any]) -> None:
        values = merged_on(before, {"status": status, "agreed_on": agreed_on}, current)
        if values is not None:
            loaded_status = before["status"] if values["status"] != current["status"] else current["status"]
            save(values["status"], values["agreed_on"], loaded_status)

    edit.save(
        submitted,
        {"status": labels[0], "agreed_on": labels[1]},
        action,
        done,
        shown=lambda field, value: statuses.get(value, str(value)) if field == "status" else _shown(value),
    )
