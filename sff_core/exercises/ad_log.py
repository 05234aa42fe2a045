"""Step 2 'Internet': the safe advertisement log – counts and flags per search occasion, never who."""

from __future__ import annotations

import pandas as pd

from sff_core.content import get_content
from sff_core.exercises.fields import texts_field
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.results import Block, Counts, FigureBlock, NoteBlock, Results, ResultsQuery, TableBlock


def ad_log_results(query: ResultsQuery) -> Results:
    """Advertisement flow per month and site, per search occasion, and the recurring advertisers."""
    from sff_core import ads

    lang = query.lang
    title = text(query.section.title, lang)
    observations = ads.load_observations(query.engine, query.workspace_id)
    if observations.empty:
        return Results(title, None, (), t("ads.empty", lang))
    monthly = ads.per_month(observations)
    occasions = ads.per_occasion(observations)
    origins, flags = get_content().labels("ad_origins", lang), get_content().labels("ad_flags", lang)
    columns = {
        "observed_on": t("ads.date", lang),
        "sites": t("ads.sites", lang),
        "ads_count": t("ads.count", lang),
        **{f"origin_{k}": v for k, v in origins.items()},
        **{f"flag_{k}": v for k, v in flags.items()},
    }
    blocks: list[Block] = [
        FigureBlock(
            "ad_flow_chart",
            (monthly, lang, query.projector),
            monthly,
            key="ads-chart",
            counts=Counts(("ads_count",)),
            shared_view=summed_per_month,  # drawn per site: shared only as the total per month
        ),
        TableBlock(
            occasions.rename(columns=columns),
            t("ads.per_occasion", lang),
            "annonser-per-soktillfalle",
            key="ad-occasions",
            counts=ad_counts(columns, origins),
        ),
        # a small count of recognised advertisers: the ad log's detail stays in the core group
        NoteBlock(t("ads.repeats", lang, n=ads.repeated_references(observations), days=ads.RETENTION_DAYS), internal_only=True),
    ]
    return Results(title, None, tuple(blocks))


def ad_log_sheets(query: ResultsQuery, shared: bool) -> list[tuple[str, pd.DataFrame]]:
    """The workbook's advertisement log: every search occasion per site – never outside the core group."""
    from sff_core import ads

    observations = ads.load_observations(query.engine, query.workspace_id)
    if shared or observations.empty:
        return []
    lang = query.lang
    origins, flags = get_content().labels("ad_origins", lang), get_content().labels("ad_flags", lang)
    table = observations.drop(columns=["id", "advertiser_hash"]).rename(
        columns={
            "observed_on": t("ads.date", lang),
            "site": t("ads.site", lang),
            "ads_count": t("ads.count", lang),
            **{f"origin_{k}": v for k, v in origins.items()},
            **{f"flag_{k}": v for k, v in flags.items()},
            "has_reference": t("workbook.col.has_reference", lang),
        }
    )
    return [(t("workbook.sheet.ads", lang), table)]


def summed_per_month(monthly: pd.DataFrame) -> pd.DataFrame:
    """The advertisement flow as it may be shared: summed over the sites (no site names)."""
    if "site" not in monthly.columns:
        return monthly
    return monthly.groupby("month", as_index=False, sort=True)[["ads_count", "occasions"]].sum()


def ad_counts(columns: dict[str, str], origins: dict[str, str]) -> Counts:
    """Per search occasion: ads, by origin and by flag are counts (the origins add up to the ads); the
    number of sites searched is the group's own work, not a count of people."""
    ads_column = columns["ads_count"]
    counted = tuple(v for k, v in columns.items() if k.startswith(("origin_", "flag_")))
    return Counts((ads_column, *counted), totals=((ads_column, tuple(origins.values())),))


EXERCISE = Exercise(
    name="ad_log",
    answered_as=None,
    fields={"warnings": texts_field},
    results=ad_log_results,
    workbook_sheets=ad_log_sheets,
)
