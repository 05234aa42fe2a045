"""Step 5, the event's checklist point 4 "Förbered er för att dela kartläggningsarbetet": step 2's results
as one page to project at the start-up event, and to hand out.

The handbook: the mapping is probably not finished by then, but the event is a chance to give a
snapshot (ögonblicksbild) that raises the participants' understanding and opens for more
information. The room is outside the core group, so the snapshot always follows the sharing rule
(sff_core.outputs.sharing): counts under the workspace's threshold are hidden, the advertisement flow is
summed over sites (no site names), the indicator averages are pooled over every answered survey
(a sector with one or two answers would show one organisation's answers), and the offences are
totals per year. Built from step 2's own services; nothing here imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

from sff_core.i18n import t, text
from sff_core.outputs.report import Report, ReportPart
from sff_core.outputs.results import Block, Counts, FigureBlock, NoteBlock, PlainTextBlock, Results
from sff_core.outputs.sharing import sharing_level
from sff_core.privacy.name_scrub import without_names

MAX_GROUPS = 6  # target groups listed on the page (the rest counted)


@dataclass(frozen=True)
class TargetGroup:
    label: str  # the group's own words (user text: shown as text, never markup)
    places: int
    actors: int


@dataclass(frozen=True)
class Snapshot:
    city: str
    made_on: date
    threshold: int
    target_groups: tuple[TargetGroup, ...]
    indicators: pd.DataFrame  # label, mean, n: categories answered in at least `threshold` surveys
    surveys: int  # indicator surveys with any answer
    offences: pd.DataFrame  # year, total (None: hidden)
    ads: pd.DataFrame  # month, ads (None: hidden)

    @property
    def empty(self) -> bool:
        return not self.target_groups and self.indicators.empty and self.offences.empty and self.ads.empty


# --- Pure parts ------------------------------------------------------------------------------------


def target_groups(nodes: pd.DataFrame) -> tuple[TargetGroup, ...]:
    """Each target group of the step 2 map with the places and actors under it (at any depth)."""
    if nodes.empty:
        return ()
    parents = {int(r.id): (None if pd.isna(r.parent_id) else int(r.parent_id)) for r in nodes.itertuples()}
    kinds = {int(r.id): r.kind for r in nodes.itertuples()}

    def top(node: int) -> int:
        seen = {node}
        while parents.get(node) is not None and parents[node] in kinds and parents[node] not in seen:
            node = parents[node]  # type: ignore[assignment]
            seen.add(node)
        return node

    counts: dict[int, dict[str, int]] = {}
    for node, kind in kinds.items():
        root = top(node)
        if node != root and kinds.get(root) == "group":
            counts.setdefault(root, {"place": 0, "actor": 0})
            if kind in ("place", "actor"):
                counts[root][kind] += 1
    labels = {int(r.id): str(r.label) for r in nodes.itertuples()}
    return tuple(
        TargetGroup(labels[node], counts.get(node, {}).get("place", 0), counts.get(node, {}).get("actor", 0))
        for node, kind in kinds.items()
        if kind == "group" and parents.get(node) is None
    )


def pooled_indicator_means(scores: pd.DataFrame, category_labels: dict[str, str], threshold: int) -> pd.DataFrame:
    """Per indicator category the mean of the surveys' category averages over every sector, with n.

    A category answered in fewer than `threshold` surveys is left out (its mean would show one or two
    organisations' answers).
    """
    answered = scores.dropna(subset=["average"]) if not scores.empty else scores
    rows = []
    for key, label in category_labels.items():
        values = answered[answered["category"] == key]["average"] if not answered.empty else pd.Series(dtype=float)
        if len(values) >= max(threshold, 1):
            rows.append({"label": label, "mean": round(float(values.mean()), 2), "n": int(len(values))})
    return pd.DataFrame(rows, columns=["label", "mean", "n"])


def hidden_counts(values: list[int | None], threshold: int) -> list[int | None]:
    """Counts as they may be shown outside the core group: 1 to threshold-1 become None (hidden)."""
    return [None if v is None or pd.isna(v) or 0 < int(v) < threshold else int(v) for v in values]


def offence_totals(counts: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Reported offences per year over every category (small totals hidden)."""
    if counts.empty:
        return pd.DataFrame(columns=["year", "total"])
    totals = counts.groupby("year", as_index=False)["count"].sum().sort_values("year")
    return pd.DataFrame(
        {"year": totals["year"].astype(int), "total": pd.Series(hidden_counts([int(v) for v in totals["count"]], threshold), dtype=object)}
    )


def ad_totals(monthly: pd.DataFrame, threshold: int, months: int = 12) -> pd.DataFrame:
    """Ads found per month over every site (no site names), the latest `months` months; small counts hidden."""
    if monthly.empty:
        return pd.DataFrame(columns=["month", "ads"])
    totals = monthly.groupby("month", as_index=False)["ads_count"].sum().sort_values("month").tail(months)
    return pd.DataFrame(
        {"month": list(totals["month"]), "ads": pd.Series(hidden_counts([int(v) for v in totals["ads_count"]], threshold), dtype=object)}
    )


# --- From the store --------------------------------------------------------------------------------


def build_snapshot(engine: Engine, workspace_id: int, lang: str = "sv", today: date | None = None) -> Snapshot:
    """Step 2's results as they stand, at the sharing level for outside the core group."""
    from sff_core import ads, indicators, mindmap, offences
    from sff_core.workspaces import get_workspace

    workspace = get_workspace(engine, workspace_id)
    threshold = workspace.small_count_threshold
    surveys = indicators.load_surveys(engine, workspace_id)
    scores = indicators.survey_scores(surveys) if not surveys.empty else pd.DataFrame(columns=["survey_id", "category", "average"])
    answered = scores.dropna(subset=["average"])
    category_labels = {g.key: text(g.title, lang) for g in indicators.survey_section().groups}
    return Snapshot(
        city=workspace.city,
        made_on=today or date.today(),
        threshold=threshold,
        target_groups=target_groups(mindmap.load_nodes(engine, workspace_id)),
        indicators=pooled_indicator_means(scores, category_labels, threshold),
        surveys=int(answered["survey_id"].nunique()) if not answered.empty else 0,
        offences=offence_totals(offences.load_counts(engine, workspace_id), threshold),
        ads=ad_totals(ads.per_month(ads.load_observations(engine, workspace_id)), threshold),
    )


def group_line(group: TargetGroup, lang: str) -> str:
    """`label – 2 platser · 3 aktörer` (the label is user text)."""
    places = t("snapshot.places_one" if group.places == 1 else "snapshot.places", lang, n=group.places)
    actors = t("snapshot.actors_one" if group.actors == 1 else "snapshot.actors", lang, n=group.actors)
    return f"{group.label} – {places} · {actors}"


def groups_table(snapshot: Snapshot, lang: str) -> pd.DataFrame:
    """Target groups with their places and actors (the first MAX_GROUPS, then how many more)."""
    shown = snapshot.target_groups[:MAX_GROUPS]
    rows = [
        {t("snapshot.group", lang): g.label, t("snapshot.places_column", lang): g.places, t("snapshot.actors_column", lang): g.actors}
        for g in shown
    ]
    if len(snapshot.target_groups) > len(shown):
        more = t("snapshot.more_groups", lang, n=len(snapshot.target_groups) - len(shown))
        rows.append({t("snapshot.group", lang): more, t("snapshot.places_column", lang): None, t("snapshot.actors_column", lang): None})
    return pd.DataFrame(rows)


def surveys_line(snapshot: Snapshot, lang: str) -> str:
    shown = f"<{snapshot.threshold}" if 0 < snapshot.surveys < snapshot.threshold else str(snapshot.surveys)
    return t("snapshot.surveys", lang, n=shown)


def snapshot_blocks(snapshot: Snapshot, lang: str, projector: bool = False) -> list[Block]:
    """The snapshot as results blocks (the wall draws the same data in its four panels; documents render these)."""
    blocks: list[Block] = []
    if snapshot.target_groups:
        lines = [f"- {group_line(g, lang)}" for g in snapshot.target_groups]
        blocks.append(PlainTextBlock("\n".join(lines), t("snapshot.groups_title", lang)))
    if not snapshot.indicators.empty:
        mean = t("chart.indicator_mean", lang)
        table = snapshot.indicators.rename(columns={"label": t("snapshot.category", lang), "mean": mean})
        counts = Counts(("n",), follows=((mean, "n"),))  # pooled: only categories with n at the threshold or above
        blocks.append(
            FigureBlock("snapshot_indicators", (snapshot.indicators, lang, projector), table, key="snapshot-indicators", counts=counts)
        )
        blocks.append(NoteBlock(surveys_line(snapshot, lang)))
    if not snapshot.offences.empty:
        years = [str(y) for y in snapshot.offences["year"]]
        values = list(snapshot.offences["total"])
        shown_years = [int(y) for y in snapshot.offences["year"]]  # numbers stay numbers in tables and workbooks
        table = pd.DataFrame({t("chart.year", lang): shown_years, t("chart.reported", lang): _shown(values, snapshot.threshold)})
        args = (years, values, t("snapshot.offences_title", lang), snapshot.threshold, lang, projector)
        reported = Counts((t("chart.reported", lang),))  # hidden already ("<N"); declared so a shared build checks it
        blocks.append(FigureBlock("snapshot_series", args, table, key="snapshot-offences", counts=reported))
    if not snapshot.ads.empty:
        months = list(snapshot.ads["month"])
        values = list(snapshot.ads["ads"])
        table = pd.DataFrame({t("chart.month", lang): months, t("chart.ads", lang): _shown(values, snapshot.threshold)})
        args = (months, values, t("snapshot.ads_title", lang), snapshot.threshold, lang, projector)
        blocks.append(FigureBlock("snapshot_series", args, table, key="snapshot-ads", counts=Counts((t("chart.ads", lang),))))
    if blocks:
        blocks.append(NoteBlock(t("snapshot.footnote", lang, threshold=snapshot.threshold)))
    return blocks


def _shown(values: list[int | None], threshold: int) -> list[int | str]:
    """A hidden count as "<N", a shown one as the number it is."""
    return [f"<{threshold}" if v is None else int(v) for v in values]


def snapshot_title(snapshot: Snapshot, lang: str) -> str:
    return t("snapshot.title", lang, city=snapshot.city, date=snapshot.made_on.isoformat())


def snapshot_results(engine: Engine, workspace_id: int, lang: str = "sv", projector: bool = False) -> Results:
    snapshot = build_snapshot(engine, workspace_id, lang)
    return Results(snapshot_title(snapshot, lang), None, tuple(snapshot_blocks(snapshot, lang, projector)), t("snapshot.empty", lang))


def snapshot_report(engine: Engine, workspace_id: int, lang: str = "sv") -> Report:
    """The snapshot as a one-page document (Word, PDF, HTML through sff_core.outputs.report_render), always
    at the level for sharing outside the core group."""
    snapshot = build_snapshot(engine, workspace_id, lang)
    results = Results(snapshot_title(snapshot, lang), None, tuple(snapshot_blocks(snapshot, lang)), t("snapshot.empty", lang))
    part = ReportPart(t("snapshot.heading", lang), 1, (), results)
    sharing = sharing_level(engine, workspace_id, True)
    made = Report(snapshot_title(snapshot, lang), snapshot.city, sharing, lang, datetime.now(), (part,), "kartlaggning-ogonblicksbild")
    return without_names(engine, workspace_id, made, sharing, lang)
