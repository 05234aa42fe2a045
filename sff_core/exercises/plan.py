"""Step 6's collaboration plan: vision, delmål with yearly targets, the year grid, the follow-up.

The laptop, reports and the plan document (sff_core/outputs/plan_results.py) show the whole plan; on the
wall (`projector`) the model is the wall's: the vision and the delmål, each delmål's activities per
year on a screen of its own, then the follow-up chart – and the exercise's `screens` hook cuts it
into those screens, so the wall, the laptop's screen controls and the remote count the same.
"""

from __future__ import annotations

from typing import Any

from sff_core import plan
from sff_core.exercises.spec import Exercise
from sff_core.i18n import t, text
from sff_core.outputs.plan_results import goals_table, grid_table, plan_blocks, scorecard_counts, scorecard_table, vision_blocks
from sff_core.outputs.results import NO_COUNTS, Block, FigureBlock, Results, ResultsQuery, TableBlock
from sff_core.outputs.wall_screens import pack

GRID_ROW_KEY = "plan-grid-row"  # one delmål's activities per year: a wall screen of its own
WALL_CHART_KEY = "plan-chart-wall"


def wall_blocks(query: ResultsQuery) -> list[Block]:
    """The plan as the wall shows it: the vision and the delmål (without the SWOT column), each delmål's
    row of the year grid, the follow-up chart (its numbers, with the actuals declared as counts)."""
    engine, workspace_id, lang = query.engine, query.workspace_id, query.lang
    info, goals = plan.get_plan(engine, workspace_id), plan.list_goals(engine, workspace_id)
    if not info.stored and not goals:
        return []
    blocks: list[Block] = list(vision_blocks(info, lang))
    if not goals:
        return blocks
    table = goals_table(info, goals, {}, lang, {}).drop(columns=[t("plan.col_swot", lang)], errors="ignore")
    blocks.append(TableBlock(table, t("plan.goals", lang), key="plan-goals", counts=NO_COUNTS))
    grid = grid_table(info, goals, plan.list_activities(engine, workspace_id), lang)
    goal_column = t("plan.col_goal", lang)
    for index in range(len(grid)):
        row = grid.iloc[[index]]
        title = f"{goal_column} {row[goal_column].iloc[0]}"
        blocks.append(TableBlock(row.drop(columns=[goal_column]).reset_index(drop=True), title, key=GRID_ROW_KEY, counts=NO_COUNTS))
    frame = plan.scorecard(engine, workspace_id)
    if (frame["target"].notna() | frame["actual"].notna()).any():
        numbers = scorecard_table(frame, lang)
        title = t("plan.wall_follow_up", lang)
        blocks.append(FigureBlock("plan_follow_up_chart", (frame, lang, True), numbers, WALL_CHART_KEY, title, scorecard_counts(lang)))
    return blocks


def plan_results(query: ResultsQuery) -> Results:
    title = text(query.section.title, query.lang)
    blocks = wall_blocks(query) if query.projector else plan_blocks(query.engine, query.workspace_id, query.lang)
    if not blocks:
        return Results(title, None, (), t("plan.empty", query.lang))
    return Results(title, None, tuple(blocks))


def _paged_alone(block: Block) -> bool:
    """A delmål's row of the year grid or the chart: a screen of its own."""
    return isinstance(block, FigureBlock) or (isinstance(block, TableBlock) and block.key == GRID_ROW_KEY)


def plan_screens(results: Results) -> list[Results]:
    """Pure: the wall's screens – the vision and the delmål packed, each delmål's year grid on a screen
    of its own (split if still too tall), the follow-up chart alone."""
    if results.empty:
        return [results]
    rows = [b for b in results.blocks if isinstance(b, TableBlock) and b.key == GRID_ROW_KEY]
    charts = [b for b in results.blocks if isinstance(b, FigureBlock)]
    head: list[Block] = [b for b in results.blocks if not _paged_alone(b)]
    screens = pack(head, results.title) if head else []
    for row in rows:
        screens += pack([row], row.title or "")
    shown = [Results(screen.title, results.shown_date, screen.blocks) for screen in screens]
    return shown + [Results(chart.title or results.title, results.shown_date, (chart,)) for chart in charts]


def example_field(raw: Any, path: str) -> Any:
    """TRANSITION (issue 21): content.py still reads `plan_example` typed (content._plan_example) until
    sections carry the exercise's parsed fields; the value passes through here unchanged."""
    return raw


EXERCISE = Exercise(
    name="plan",
    answered_as=None,
    lists_prompts=True,
    fields={"plan_example": example_field},
    results=plan_results,
    screens=plan_screens,
)
