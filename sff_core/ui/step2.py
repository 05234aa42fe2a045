"""Step 2's bespoke parts: mind map, mapping plan and tasks, public statistics, intelligence,
the safe advertisement log and the indicator survey (with its outside-actor link)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pandas as pd
import streamlit as st

from sff_core import ads, indicators, mapping, mindmap, offences
from sff_core.concurrency import EditConflict
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.responses import ACK_PROMPT, GROUP, Answer, answers_for, load_responses, save_answers
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit
from sff_core.ui.layout import chart, data_table, figure, flash, plain_markdown, show_error
from sff_core.ui.live import base_url
from sff_core.ui.statistics_page import import_with_preview
from sff_core.ui.step_page import StepParts, render_answerable

SURVEY_PARAM = "enkat"


def _labels(vocab: str, lang: str) -> dict[str, str]:
    return {item["key"]: text(item["label"], lang) for item in get_content().vocab[vocab]}


# --- Mind map -----------------------------------------------------------------------------------

def _node_options(nodes: pd.DataFrame, kinds: tuple[str, ...]) -> dict[int, str]:
    labels = dict(zip(nodes["id"], nodes["label"], strict=True))
    parents = dict(zip(nodes["id"], nodes["parent_id"], strict=True))
    options = {}
    for row in nodes[nodes["kind"].isin(kinds)].itertuples():
        parent = parents.get(row.id)
        prefix = f"{labels[int(parent)]} › " if pd.notna(parent) else ""
        options[int(row.id)] = prefix + row.label
    return options


def mindmap_chart(ctx: Context, nodes: pd.DataFrame, where: str) -> None:
    if nodes.empty:
        st.caption(tr("mindmap.empty"))
        return
    tree = mindmap.hierarchy(nodes, ctx.workspace.city)
    figure(chart("mindmap_tree", tree, ctx.lang, ctx.projector), tree[["label", "kind"]], key=f"mindmap-{where}")


def target_group_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    nodes = mindmap.load_nodes(ctx.engine, ctx.workspace.id)
    if not ctx.projector:
        suggestions = [text(s, ctx.lang) for s in section.extra.get("suggestions", [])]
        with st.form("mindmap-group"):
            st.caption(tr("mindmap.no_individuals"))
            picked = st.multiselect(tr("mindmap.suggested_groups"), suggestions, key="mm-suggested", placeholder=tr("app.choose"))
            own = st.text_input(tr("mindmap.own_group"), key="mm-own-group", max_chars=160)
            if st.form_submit_button(tr("mindmap.add_groups")):
                _add_nodes(ctx, "group", [*picked, own] if own.strip() else picked, None)
        groups = _node_options(nodes, ("group",))
        if groups:
            with st.form("mindmap-place"):
                parent = st.selectbox(tr("mindmap.group"), list(groups), format_func=groups.get, key="mm-place-parent")
                place = st.text_input(tr("mindmap.place"), key="mm-place", max_chars=160, help=tr("mindmap.place_help"))
                if st.form_submit_button(tr("mindmap.add_place")):
                    _add_nodes(ctx, "place", [place], parent)
    if nodes.empty:
        st.caption(tr("mindmap.empty"))
    else:
        st.caption(plain_markdown(tr("mindmap.see_below", groups=", ".join(nodes[nodes["kind"] == "group"]["label"]))))


def contact_point_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    nodes = mindmap.load_nodes(ctx.engine, ctx.workspace.id)
    if not ctx.projector:
        parents = _node_options(nodes, ("group", "place"))
        if not parents:
            st.info(tr("mindmap.groups_first"))
        else:
            suggestions = [text(s, ctx.lang) for s in section.extra.get("suggestions", [])]
            with st.form("mindmap-actor"):
                parent = st.selectbox(tr("mindmap.where"), list(parents), format_func=parents.get, key="mm-actor-parent")
                picked = st.multiselect(tr("mindmap.suggested_actors"), suggestions, key="mm-actor-suggested", placeholder=tr("app.choose"))
                own = st.text_input(tr("mindmap.own_actor"), key="mm-own-actor", max_chars=160)
                if st.form_submit_button(tr("mindmap.add_actors")):
                    _add_nodes(ctx, "actor", [*picked, own] if own.strip() else picked, parent)
        removable = _node_options(nodes, ("group", "place", "actor"))
        if removable:
            with st.expander(tr("mindmap.remove_title")):
                chosen = st.selectbox(tr("mindmap.remove_pick"), list(removable), format_func=removable.get, key="mm-remove")
                if st.button(tr("mindmap.remove"), key="mm-remove-button"):
                    mindmap.remove_node(ctx.engine, ctx.workspace.id, chosen)
                    flash(tr("mindmap.removed"))
    mindmap_chart(ctx, nodes, section.key)


def _add_nodes(ctx: Context, kind: str, labels: list[str], parent: int | None) -> None:
    try:
        if not labels:
            raise InputError("required", field="label", field_label="label")
        for label in labels:
            mindmap.add_node(ctx.engine, ctx.workspace.id, kind, label, parent)
    except InputError as error:
        show_error(error)
    else:
        flash(tr("mindmap.added", n=len(labels)))


# --- Mapping plan and tasks ------------------------------------------------------------------------

def mapping_plan_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    plan = mapping.get_plan(ctx.engine, ctx.workspace.id)
    categories = {p.key: text(p.text, ctx.lang) for p in section.prompts}
    methods = {m["key"]: text(m["label"], ctx.lang) for m in section.extra.get("contact_methods", [])}
    formats = {f["key"]: text(f["label"], ctx.lang) for f in section.extra.get("report_formats", [])}
    if plan.categories:
        st.markdown(f"**{tr('mapping.chosen')}:** " + ", ".join(categories[c] for c in plan.categories))
        st.markdown(f"**{tr('mapping.contact_method')}:** {methods.get(plan.contact_method or '', '–')} · "
                    f"**{tr('mapping.report_format')}:** {formats.get(plan.report_format or '', '–')}")
        if plan.notes:
            st.text(plan.notes)
    if ctx.projector:
        return
    edit = RecordEdit("mapping-plan", ["mp-categories", "mp-method", "mp-format", "mp-notes"], asdict(plan))
    with st.form("mapping-plan", enter_to_submit=False):
        chosen = st.multiselect(tr("mapping.categories"), list(categories), default=list(plan.categories),
                                format_func=categories.get, key="mp-categories",
                                placeholder=tr("app.choose"))
        method_keys, format_keys = list(methods), list(formats)
        method = st.radio(tr("mapping.contact_method"), method_keys, format_func=methods.get, key="mp-method",
                          index=method_keys.index(plan.contact_method) if plan.contact_method in method_keys else None)
        report = st.radio(tr("mapping.report_format"), format_keys, format_func=formats.get, key="mp-format",
                          index=format_keys.index(plan.report_format) if plan.report_format in format_keys else None)
        notes = st.text_area(tr("candidates.note"), value=plan.notes, key="mp-notes")
        submitted = st.form_submit_button(tr("mapping.save"), type="primary")
    labels = {"categories": tr("mapping.categories"), "contact_method": tr("mapping.contact_method"),
              "report_format": tr("mapping.report_format"), "notes": tr("candidates.note")}
    names = {**categories, **methods, **formats}

    def shown(field: str, value: object) -> str:
        if isinstance(value, tuple | list):
            return ", ".join(names.get(v, v) for v in value) or tr("conflict.empty")
        return names.get(value, value) if isinstance(value, str) and value else (value or tr("conflict.empty"))

    loaded = edit.snapshot(submitted, labels, shown)
    if loaded is not None:
        try:
            mapping.save_plan(ctx.engine, ctx.workspace.id, chosen, method, report, notes,
                              loaded=mapping.PlanInfo(**loaded))
        except EditConflict as conflict:
            edit.conflict(conflict)
        except InputError as error:
            show_error(error)
        else:
            edit.saved()
            flash(tr("mapping.saved"))


def tasks_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    tasks = mapping.list_tasks(ctx.engine, ctx.workspace.id)
    categories = {p.key: text(p.text, ctx.lang)
                  for p in (get_content().section(step.key, "kartlaggning_plan") or section).prompts}
    statuses = _labels("task_statuses", ctx.lang)
    if tasks:
        data_table(pd.DataFrame([{tr("tasks.task"): t.title, tr("tasks.category"): categories.get(t.category or "", "–"),
                                  tr("tasks.owner"): t.owner, tr("tasks.deadline"): t.deadline,
                                  tr("tasks.status"): statuses[t.status]} for t in tasks]), "tasks", "uppgifter")
    else:
        st.caption(tr("tasks.empty"))
    if ctx.projector:
        return
    with st.form("task-add"):
        title = st.text_input(tr("tasks.task"), key="task-title", max_chars=200)
        left, middle, right = st.columns(3)
        category = left.selectbox(tr("tasks.category"), [None, *categories], key="task-category",
                                  format_func=lambda k: categories.get(k, "–") if k else "–")
        owner = middle.text_input(tr("tasks.owner"), key="task-owner", max_chars=120)
        deadline = right.date_input(tr("tasks.deadline"), value=None, key="task-deadline", format="YYYY-MM-DD")
        if st.form_submit_button(tr("tasks.add")):
            try:
                mapping.add_task(ctx.engine, ctx.workspace.id, title, owner, deadline, category)
            except InputError as error:
                show_error(error)
            else:
                flash(tr("tasks.added"))
    if tasks:
        names = {t.id: t.title for t in tasks}
        task_id = st.selectbox(tr("tasks.task"), list(names), format_func=names.get, key="task-pick")
        task = next(t for t in tasks if t.id == task_id)
        edit = RecordEdit(f"task-{task_id}", [f"task-status-{task_id}"], {"status": task.status})
        with st.form(f"task-status-form-{task_id}"):
            status = st.segmented_control(tr("tasks.status"), list(statuses), format_func=statuses.get,
                                          default=edit.loaded["status"], key=f"task-status-{task_id}")
            submitted = st.form_submit_button(tr("tasks.update")) and bool(status)
        loaded = edit.snapshot(submitted, {"status": tr("tasks.status")}, lambda _f, v: statuses.get(v, str(v)))
        if loaded is not None:
            try:
                mapping.set_task_status(ctx.engine, ctx.workspace.id, task_id, status, loaded_status=loaded["status"])
            except EditConflict as conflict:
                edit.conflict(conflict)
            except InputError as error:
                show_error(error)
            else:
                edit.saved()
                flash(tr("tasks.updated"))
    render_answerable(ctx, step, section, session_date, StepParts())


# --- Public statistics -----------------------------------------------------------------------------

def public_statistics_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    labels = {p.key: text(p.text, ctx.lang) for p in section.prompts}
    wide = offences.wide_table(offences.load_counts(ctx.engine, ctx.workspace.id))
    if wide.empty:
        st.caption(tr("offences.empty"))
    else:
        figure(chart("offences_chart", wide, labels, ctx.lang, ctx.projector), wide.rename(columns=labels),
               key="offences-chart")
        st.caption(tr("offences.caveat"))
    if ctx.projector or not st.toggle(tr("offences.enter_toggle"), key="offences-open"):
        return
    with st.form("offences-year"):
        year = st.number_input(tr("offences.year"), min_value=1990, max_value=date.today().year, step=1,
                               value=date.today().year - 1, key="off-year")
        counts = {key: st.number_input(label, min_value=0, step=1, value=None, key=f"off-{key}")
                  for key, label in labels.items()}
        if st.form_submit_button(tr("offences.save")):
            try:
                offences.set_counts(ctx.engine, ctx.workspace.id, int(year),
                                    {k: None if v is None else int(v) for k, v in counts.items()})
            except InputError as error:
                show_error(error)
            else:
                flash(tr("offences.saved", year=int(year)))
    template = pd.DataFrame(columns=["år", *[labels[k] for k in labels]]).to_csv(index=False, sep=";")
    st.download_button(tr("offences.template"), template.encode("utf-8-sig"), "anmalda_brott_mall.csv", "text/csv",
                       key="off-template")
    import_with_preview(ctx, "off", tr("offences.import"),
                        lambda data, name: offences.preview_counts(ctx.engine, ctx.workspace.id, data, name),
                        lambda preview: offences.apply_counts(ctx.engine, ctx.workspace.id, preview),
                        labels, tr("import_preview.category"))


# --- Underrättelse (intelligence) ------------------------------------------------------------------

def intelligence_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    st.info(tr("intelligence.marker"))
    render_answerable(ctx, step, section, session_date, StepParts())


# --- The advertisement log -------------------------------------------------------------------------

def ad_log_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    acknowledged = answers_for(load_responses(ctx.engine, ctx.workspace.id, step.key, section.key), GROUP)
    if not any(a.value_bool for key, a in acknowledged.items() if key == ACK_PROMPT):
        st.warning("\n".join(f"- {text(w, ctx.lang)}" for w in section.extra.get("warnings", [])))
        if not ctx.projector and st.button(tr("ads.acknowledge"), key="ads-ack", type="primary"):
            save_answers(ctx.engine, ctx.workspace.id, step.key, section.key, GROUP, session_date,
                         {ACK_PROMPT: Answer(value_bool=True)})
            st.rerun()
        return
    with st.expander(tr("ads.warnings_again")):
        st.markdown("\n".join(f"- {text(w, ctx.lang)}" for w in section.extra.get("warnings", [])))
    observations = ads.load_observations(ctx.engine, ctx.workspace.id)
    _ad_summaries(ctx, observations)
    if not ctx.projector and st.toggle(tr("ads.log_toggle"), key="ads-log-open"):
        _ad_form(ctx)


def _ad_summaries(ctx: Context, observations: pd.DataFrame) -> None:
    if observations.empty:
        st.caption(tr("ads.empty"))
        return
    monthly = ads.per_month(observations)
    figure(chart("ad_flow_chart", monthly, ctx.lang, ctx.projector), monthly, key="ads-chart")
    occasions = ads.per_occasion(observations)
    origins, flags = _labels("ad_origins", ctx.lang), _labels("ad_flags", ctx.lang)
    columns = {"observed_on": tr("ads.date"), "sites": tr("ads.sites"), "ads_count": tr("ads.count"),
               **{f"origin_{k}": v for k, v in origins.items()}, **{f"flag_{k}": v for k, v in flags.items()}}
    st.markdown(f"**{tr('ads.per_occasion')}**")
    data_table(occasions.rename(columns=columns), "ad-occasions", "annonser-per-soktillfalle")
    st.caption(tr("ads.repeats", n=ads.repeated_references(observations), days=ads.RETENTION_DAYS))


def _ad_form(ctx: Context) -> None:
    origins, flags = _labels("ad_origins", ctx.lang), _labels("ad_flags", ctx.lang)
    key_available = ads.hash_key() is not None
    if st.session_state.pop("ad-clear-reference", False):
        st.session_state["ad-reference"] = ""  # the reference is never kept, not even in the form
    with st.form("ad-observation"):
        st.caption(tr("ads.no_personal_data"))
        left, right = st.columns(2)
        observed_on = left.date_input(tr("ads.date"), value=date.today(), key="ad-date", format="YYYY-MM-DD")
        site = right.text_input(tr("ads.site"), key="ad-site", max_chars=120)
        count = st.number_input(tr("ads.count"), min_value=0, step=1, value=0, key="ad-count")
        origin_columns = st.columns(len(origins))
        origin_counts = {k: column.number_input(label, min_value=0, step=1, value=0, key=f"ad-origin-{k}")
                         for column, (k, label) in zip(origin_columns, origins.items(), strict=True)}
        flag_values = {k: st.checkbox(label, key=f"ad-flag-{k}") for k, label in flags.items()}
        reference = st.text_input(tr("ads.reference"), key="ad-reference", type="password", disabled=not key_available,
                                  help=tr("ads.reference_help" if key_available else "ads.reference_no_key"))
        if st.form_submit_button(tr("ads.save"), type="primary"):
            observation = ads.Observation(observed_on, site, int(count), {k: int(v) for k, v in origin_counts.items()},
                                          flag_values, reference or None)
            try:
                ads.record_observation(ctx.engine, ctx.workspace.id, observation)
            except InputError as error:
                show_error(error)
            else:
                st.session_state["ad-clear-reference"] = True
                flash(tr("ads.saved"))


# --- The indicator survey --------------------------------------------------------------------------

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
            sectors = _labels("sectors", ctx.lang)
            data_table(surveys.assign(sector=surveys["sector"].map(sectors))[
                ["organisation", "sector", "surveyed_on", "method", "source"]], "surveys", "indikatorenkater")


def indicator_results(ctx: Context, surveys: pd.DataFrame) -> None:
    section = indicators.survey_section()
    category_labels = {g["key"]: text(g["title"], ctx.lang) for g in section.groups}
    table = indicators.averages_by_sector(surveys)
    st.markdown(f"**{tr('survey.count', n=len(surveys))}**")
    if table.empty:
        st.caption(tr("answer.no_answers"))
        return
    sectors = _labels("sectors", ctx.lang)
    shown = table.assign(category=table["category"].map(category_labels), sector=table["sector"].map(sectors))
    figure(chart("indicator_bars", table, category_labels, sectors, ctx.lang, ctx.projector), shown,
           key="indicator-bars")
    figure(chart("indicator_heatmap", table, category_labels, sectors, ctx.lang, ctx.projector), None,
           key="indicator-heat")


def survey_form(ctx: Context | None, section: Section, key_prefix: str, token: str | None = None,
                submission_key: str | None = None, lang: str = "sv") -> bool:
    """The survey itself (facilitator entry, or an outside actor through a link). True when saved."""
    lang = ctx.lang if ctx else lang
    assert section.scale is not None
    sectors = _labels("sectors", lang)
    unknown = text(section.extra.get("unknown_option"), lang) or "Vet ej"
    scale = [*range(section.scale.min, section.scale.max + 1), 0]
    label_of = {v: (f"{v} – {text(section.scale.labels[v], lang)}" if v in section.scale.labels else str(v)) for v in scale}
    label_of[0] = unknown
    groups = {g["key"]: text(g["title"], lang) for g in section.groups}
    with st.form(f"survey-{key_prefix}"):
        organisation = st.text_input(tr("core.organisation"), key=f"{key_prefix}-org", max_chars=160)
        sector = st.selectbox(tr("core.sector"), list(sectors), format_func=sectors.get, key=f"{key_prefix}-sector")
        surveyed_on = st.date_input(tr("survey.date"), value=date.today(), key=f"{key_prefix}-date", format="YYYY-MM-DD")
        method = "digitalt_formular"
        if token is None:
            methods = {m: tr(f"survey.method_{m}") for m in indicators.METHODS}
            method = st.radio(tr("survey.method"), list(methods), format_func=methods.get, key=f"{key_prefix}-method",
                              horizontal=True)
        answers: dict[str, int | None] = {}
        current_group = None
        for prompt in section.prompts:
            if prompt.group != current_group:
                current_group = prompt.group
                st.markdown(f"**{groups.get(current_group or '', '')}**")
            choice = st.radio(text(prompt.text, lang), scale, index=None, format_func=label_of.get, horizontal=True,
                              key=f"{key_prefix}-{prompt.key}")
            if choice is not None:
                answers[prompt.key] = None if choice == 0 else int(choice)
        submitted = st.form_submit_button(tr("survey.submit"), type="primary")
    if not submitted:
        return False
    try:
        if token is not None:
            indicators.submit_via_link(_engine(ctx), token, organisation, sector, surveyed_on, answers,
                                       submission_key or "")
        else:
            assert ctx is not None
            indicators.save_survey(ctx.engine, ctx.workspace.id, organisation, sector, surveyed_on, method, answers,
                                   submission_key=submission_key)
    except InputError as error:
        show_error(error)
        return False
    return True


def _engine(ctx: Context | None):  # type: ignore[no-untyped-def]
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


PARTS = StepParts(sections={
    "hitta_malgruppen": target_group_section, "hitta_kontaktytan": contact_point_section,
    "kartlaggning_plan": mapping_plan_section, "offentligt_material": public_statistics_section,
    "underrattelse": intelligence_section, "internet": ad_log_section, "branscher_kontaktytor": indicator_section,
    "vem_gor_vad": tasks_section,
})
