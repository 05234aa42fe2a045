"""Nätverksstatistik: yearly series from the incident log and entered totals, breakdowns, sharing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from sff_core import statistics as stats
from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.tabular import ImportPreview
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form
from sff_core.ui.layout import (
    chart,
    figure,
    flash,
    labelled,
    plain_markdown,
    projector_exit_button,
    show_error,
    show_flash,
)
from sff_core.ui.workspaces_page import require_context
from sff_core.workspaces import set_small_count_threshold


def _labels(vocab: str, lang: str) -> dict[str, str]:
    return get_content().labels(vocab, lang)


def _source_label(row: Any) -> str:  # a row of DataFrame.itertuples()
    label = tr(f"statistics.source_{row.source}")
    return label + (f" ({tr('statistics.manual_too')})" if row.manual_too else "")


def series_table(ctx: Context, series: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    labels = stats.series_labels(ctx.lang, short=True)
    shown = stats.suppressed(series, list(stats.SERIES), threshold) if threshold else series.copy()
    shown["year"] = [f"{y}*" if p else str(y) for y, p in zip(series["year"], series["preliminary"], strict=True)]
    shown[tr("statistics.source")] = [_source_label(r) for r in series.itertuples()]
    return shown.drop(columns=["preliminary", "source", "manual_too"]).rename(columns={"year": tr("chart.year"), **labels})


def show_series(ctx: Context, series: pd.DataFrame, threshold: int | None) -> None:
    labels = stats.series_labels(ctx.lang, short=True)
    if series.empty:
        st.info(tr("statistics.empty"))
        return
    figure(
        chart("statistics_lines", series, labels, ctx.lang, ctx.projector, threshold),
        series_table(ctx, series, threshold),
        key="stat-lines",
    )
    if not ctx.projector:
        st.dataframe(series_table(ctx, series, threshold), hide_index=True, width="stretch")
    years = list(series["year"])
    chosen = st.selectbox(tr("statistics.funnel_year"), years, index=len(years) - 1, key="stat-funnel-year")
    row = series[series["year"] == chosen].iloc[0]
    left, right = st.columns(2)
    with left:
        figure(chart("statistics_funnel", row.to_dict(), labels, ctx.lang, ctx.projector, threshold), None, key="stat-funnel")
    if threshold:  # a change next to a hidden small count would give the count away: not on the wall
        return
    with right:
        changes = stats.change_from_previous(series)
        figure(
            chart("statistics_change", changes, labels, ctx.lang, ctx.projector),
            changes.assign(series=changes["series"].map(labels)),
            key="stat-change",
        )


def show_breakdowns(ctx: Context, threshold: int | None) -> None:
    forms = stats.breakdown(ctx.engine, ctx.workspace.id, "exploitation_form")
    if forms.empty:
        st.caption(tr("statistics.no_log"))
        return
    sectors = stats.breakdown(ctx.engine, ctx.workspace.id, "reporting_sector")
    left, right = st.columns(2)
    with left:
        figure(
            chart(
                "breakdown_bars", forms, _labels("exploitation_forms", ctx.lang), "chart.by_form_title", ctx.lang, ctx.projector, threshold
            ),
            _share(forms, threshold),
            key="stat-forms",
        )
    with right:
        figure(
            chart("breakdown_bars", sectors, _labels("sectors", ctx.lang), "chart.by_sector_title", ctx.lang, ctx.projector, threshold),
            _share(sectors, threshold),
            key="stat-sectors",
        )


def _share(table: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    return stats.suppressed(table, ["incidents", "persons"], threshold) if threshold else table


@adds_records
def incident_form(ctx: Context) -> None:
    forms, sectors = _labels("exploitation_forms", ctx.lang), _labels("sectors", ctx.lang)
    with st.form("incident"):
        st.warning(tr("statistics.no_personal_data"))
        left, middle, right = st.columns(3)
        occurred_on = left.date_input(tr("statistics.date"), value=date.today(), key="inc-date", format="YYYY-MM-DD")
        form = middle.selectbox(tr("statistics.form"), list(forms), format_func=labelled(forms), key="inc-form")
        sector = right.selectbox(tr("statistics.sector"), list(sectors), format_func=labelled(sectors), key="inc-sector")
        police = left.checkbox(tr("statistics.police"), key="inc-police")
        social = middle.checkbox(tr("statistics.social"), key="inc-social")
        counts = st.columns(4)
        persons = counts[0].number_input(tr("statistics.persons"), min_value=0, step=1, value=1, key="inc-persons")
        talks = counts[1].number_input(tr("statistics.conversations"), min_value=0, step=1, value=0, key="inc-talks")
        long_term = counts[2].number_input(tr("statistics.long_term"), min_value=0, step=1, value=0, key="inc-long")
        referrals = counts[3].number_input(tr("statistics.referrals"), min_value=0, step=1, value=0, key="inc-ref")
        note = st.text_input(tr("statistics.note"), key="inc-note", max_chars=300, help=tr("statistics.note_help"))
        if st.form_submit_button(tr("statistics.save_incident"), type="primary"):
            incident = stats.IncidentInput(
                occurred_on, form, sector, police, social, int(persons), int(talks), int(long_term), int(referrals), note
            )
            try:
                _, warnings = stats.record_incident(ctx.engine, ctx.workspace.id, incident)
            except InputError as error:
                show_error(error)
            else:
                _flash_with_warnings(tr("statistics.incident_saved"), warnings)


@edit_form("statistics-year")
def year_form(ctx: Context) -> None:
    """One year's totals, filled with what is stored for the chosen year: only what the person changed
    is saved (an empty field keeps the stored value), and *preliminär* stays unless it was changed."""
    labels = stats.series_labels(ctx.lang, short=True)
    year = int(
        st.number_input(
            tr("chart.year"), min_value=stats.FIRST_YEAR, max_value=date.today().year, step=1, value=date.today().year - 1, key="year-value"
        )
    )
    keys = {k: f"year-{k}-{year}" for k in (*stats.SERIES, "preliminary")}
    edit = RecordEdit(f"year-{year}", keys.values(), stats.stored_year(ctx.engine, ctx.workspace.id, year))
    with st.form(f"year-totals-{year}"):
        columns = st.columns(4)
        values = {
            key: column.number_input(labels[key], min_value=0, step=1, value=edit.loaded[key], key=keys[key])
            for column, key in zip(columns, stats.SERIES, strict=True)
        }
        preliminary = st.checkbox(tr("statistics.preliminary"), value=bool(edit.loaded["preliminary"]), key=keys["preliminary"])
        submitted = st.form_submit_button(tr("statistics.save_year"))

    def action(before: dict[str, Any]) -> None:
        typed = {k: None if v is None else int(v) for k, v in values.items()}
        warnings = stats.set_year(ctx.engine, ctx.workspace.id, year, typed, preliminary, loaded=before)
        if warnings:
            st.session_state["flash_warning"] = "\n".join(_warning_text(w) for w in warnings)

    edit.save(submitted, {**labels, "preliminary": tr("statistics.preliminary")}, action, tr("statistics.year_saved", year=year))


def import_form(ctx: Context) -> None:
    st.download_button(
        tr("statistics.template"), stats.template_csv(ctx.lang), "natverksstatistik_mall.csv", "text/csv", key="stat-template"
    )
    labels = {**stats.series_labels(ctx.lang, short=True), "preliminary": tr("statistics.preliminary")}
    import_with_preview(
        ctx,
        "stat",
        tr("statistics.import"),
        lambda data, name: stats.preview_years(ctx.engine, ctx.workspace.id, data, name),
        lambda preview: stats.apply_years(ctx.engine, ctx.workspace.id, preview),
        labels,
        tr("import_preview.series"),
        lambda preview, n: _flash_with_warnings(_applied_text(n), preview.warnings),
    )


# --- Import with a preview (shared with step 2's reported offences) --------------------------------


def pending_import_key(kind: str, workspace_id: int) -> str:
    """Where an uploaded file waits between reruns: {"name", "data"} and, once made, its "preview"."""
    return f"{kind}-import-{workspace_id}"


def import_with_preview(
    ctx: Context,
    kind: str,
    upload_label: str,
    preview: Callable[[bytes, str], ImportPreview],
    apply: Callable[[ImportPreview], int],
    labels: dict[str, str],
    label_header: str,
    on_applied: Callable[[ImportPreview, int], None] | None = None,
) -> None:
    """Upload → the table "Det här ändras" (old → new) → "Importera N ändringar"; only that button writes.

    The file's name and bytes stay in st.session_state (so reruns need no new upload) until imported
    or cancelled. The preview the user sees is what is applied: if someone else saved one of its
    cells in between, the service refuses and the preview is made again against what is stored now.
    """
    if ctx.projector:  # no editing on the wall
        return
    key = pending_import_key(kind, ctx.workspace.id)
    pending = st.session_state.get(key)
    if pending is None:
        _choose_file(kind, key, upload_label, preview)
        return
    refused = st.session_state.pop(f"{key}-refused", None)
    if refused is not None:
        show_error(refused)
        st.info(tr("import_preview.refreshed"))
    st.markdown(f"**{tr('import_preview.title')}**")
    st.caption(plain_markdown(tr("import_preview.file", name=str(pending["name"]))))
    if pending.get("preview") is None:
        try:
            pending["preview"] = preview(pending["data"], pending["name"])
        except InputError as error:
            show_error(error)
            _cancel_button(kind, key)
            return
    shown: ImportPreview = pending["preview"]
    if shown.changes:
        st.dataframe(preview_table(shown, labels, label_header), hide_index=True, width="stretch")
    else:
        st.info(tr("import_preview.nothing"))
    if shown.unchanged:
        st.caption(tr("import_preview.unchanged_one") if shown.unchanged == 1 else tr("import_preview.unchanged", n=shown.unchanged))
    st.caption(tr("import_preview.empty_cells"))
    left, right = st.columns(2)
    n = len(shown.changes)
    label = tr("import_preview.apply_one") if n == 1 else tr("import_preview.apply", n=n)
    if n and left.button(label, type="primary", key=f"{kind}-import-apply"):
        try:
            written = apply(shown)
        except InputError as error:
            if error.key != "import_stale":
                show_error(error)
                return
            pending.pop("preview", None)  # preview again against what is stored now, then show why
            st.session_state[f"{key}-refused"] = error
            st.rerun()
        else:
            st.session_state.pop(key, None)
            if on_applied is not None:
                on_applied(shown, written)
            else:
                flash(_applied_text(written))
    with right:
        _cancel_button(kind, key)


def _choose_file(kind: str, key: str, upload_label: str, preview: Callable[[bytes, str], ImportPreview]) -> None:
    round_key = f"{kind}-upload-round"  # a new uploader after each file taken, so it starts empty
    upload = st.file_uploader(upload_label, type=["csv", "xlsx"], key=f"{kind}-upload-{st.session_state.get(round_key, 0)}")
    if upload is None:
        return
    pending = {"name": upload.name, "data": upload.getvalue()}
    try:
        pending["preview"] = preview(pending["data"], pending["name"])
    except InputError as error:  # the uploader keeps the file; the user fixes it and uploads again
        show_error(error)
        return
    st.session_state[key] = pending
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
    st.rerun()


def _cancel_button(kind: str, key: str) -> None:
    if st.button(tr("import_preview.cancel"), key=f"{kind}-import-cancel"):
        st.session_state.pop(key, None)
        st.rerun()


def preview_table(preview: ImportPreview, labels: dict[str, str], label_header: str) -> pd.DataFrame:
    """The changes as a table: year, series/category, now, becomes (text, so every cell shows as written)."""
    return pd.DataFrame(
        [
            {
                tr("import_preview.year"): str(c.year),
                label_header: labels.get(c.key, c.key),
                tr("import_preview.now"): _shown_value(c.old),
                tr("import_preview.becomes"): _shown_value(c.new),
            }
            for c in preview.changes
        ],
        columns=[tr("import_preview.year"), label_header, tr("import_preview.now"), tr("import_preview.becomes")],
    )


def _shown_value(value: object) -> str:
    if value is None:
        return tr("import_preview.empty")
    if isinstance(value, bool):
        return tr("import_preview.flag_yes") if value else tr("import_preview.flag_no")
    return str(value)


def _applied_text(n: int) -> str:
    return tr("import_preview.applied_one") if n == 1 else tr("import_preview.applied", n=n)


def _flash_with_warnings(message: str, warnings: list[str]) -> None:
    if warnings:
        st.session_state["flash_warning"] = "\n".join(_warning_text(w) for w in warnings)
    flash(message)


def _warning_text(warning: str) -> str:
    year, _, key = warning.rpartition(": ")
    return (f"{year}: " if year else "") + tr(f"statistics.warn_{key}")


@edit_form("threshold")
def sharing(ctx: Context, series: pd.DataFrame) -> None:
    threshold = ctx.workspace.small_count_threshold
    edit = RecordEdit("threshold", ["stat-threshold"], {"small_count_threshold": threshold})
    with st.form("threshold"):
        value = st.number_input(
            tr("statistics.threshold"),
            min_value=1,
            max_value=20,
            step=1,
            value=edit.loaded["small_count_threshold"],
            key="stat-threshold",
            help=tr("statistics.threshold_help"),
        )
        submitted = st.form_submit_button(tr("statistics.save_threshold"))
    edit.save(
        submitted,
        {"small_count_threshold": tr("statistics.threshold")},
        lambda before: set_small_count_threshold(ctx.engine, ctx.workspace.id, int(value), loaded=before["small_count_threshold"]),
        tr("statistics.threshold_saved"),
    )
    if not series.empty:
        left, right = st.columns(2)
        left.download_button(
            tr("statistics.export_shared", n=threshold),
            stats.export_csv(series, threshold, ctx.lang),
            "natverksstatistik_delning.csv",
            "text/csv",
            key="stat-export-shared",
        )
        right.download_button(
            tr("statistics.export_internal"),
            stats.export_csv(series, None, ctx.lang),
            "natverksstatistik_intern.csv",
            "text/csv",
            key="stat-export-internal",
        )


def render() -> None:
    ctx = require_context()
    if ctx.projector:
        st.markdown(f"### {tr('statistics.title')}")
    else:
        st.title(tr("statistics.title"))
    show_flash()
    threshold = ctx.workspace.small_count_threshold if ctx.projector else None
    if ctx.projector:
        st.caption(tr("statistics.suppressed_on_wall", n=ctx.workspace.small_count_threshold))
    else:
        st.markdown(tr("statistics.intro"))
    series = stats.yearly_series(stats.load_manual(ctx.engine, ctx.workspace.id), stats.load_log_yearly(ctx.engine, ctx.workspace.id))
    show_series(ctx, series, threshold)
    st.subheader(tr("statistics.breakdowns"))
    show_breakdowns(ctx, threshold)
    if ctx.projector:
        projector_exit_button()
        return
    st.divider()
    if st.toggle(tr("statistics.log_toggle"), key="stat-log-open"):
        incident_form(ctx)
    if st.toggle(tr("statistics.year_toggle"), key="stat-year-open"):
        year_form(ctx)
        import_form(ctx)
    if st.toggle(tr("statistics.sharing_toggle"), key="stat-sharing-open"):
        sharing(ctx, series)
