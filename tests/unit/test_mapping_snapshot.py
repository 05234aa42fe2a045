"""Step 5, checklist point 4: the one-page snapshot of step 2's results (sff_core/outputs/mapping_snapshot.py)."""

import io
from datetime import date

import pandas as pd

from sff_core import mindmap, offences
from sff_core.outputs import charts
from sff_core.outputs import mapping_snapshot as snap
from sff_core.outputs.results import FigureBlock


def test_target_groups_count_places_and_actors_at_any_depth():
    nodes = pd.DataFrame(
        [
            {"id": 1, "parent_id": None, "kind": "group", "label": "Unga"},
            {"id": 2, "parent_id": 1, "kind": "place", "label": "Skolan"},
            {"id": 3, "parent_id": 2, "kind": "actor", "label": "Elevhälsan"},
            {"id": 4, "parent_id": 2, "kind": "actor", "label": "Fritidsgården"},
            {"id": 5, "parent_id": None, "kind": "group", "label": "Hemlösa"},
        ]
    )
    assert snap.target_groups(nodes) == (snap.TargetGroup("Unga", 1, 2), snap.TargetGroup("Hemlösa", 0, 0))
    assert snap.target_groups(nodes.iloc[0:0]) == ()


def test_indicator_means_are_pooled_and_a_category_with_few_surveys_is_left_out():
    scores = pd.DataFrame(
        [{"survey_id": i, "category": "a", "average": v} for i, v in enumerate([1.0, 2.0, 3.0, 4.0], start=1)]
        + [{"survey_id": 1, "category": "b", "average": 5.0}, {"survey_id": 2, "category": "b", "average": 4.0}]
        + [{"survey_id": 3, "category": "b", "average": None}]
    )
    means = snap.pooled_indicator_means(scores, {"a": "A", "b": "B"}, threshold=3)
    assert means.to_dict("records") == [{"label": "A", "mean": 2.5, "n": 4}]  # B has two answers: hidden


def test_small_counts_are_hidden_and_sites_summed():
    counts = pd.DataFrame({"year": [2024, 2024, 2025], "category": ["x", "y", "x"], "count": [1, 1, 7]})
    assert snap.offence_totals(counts, 3).to_dict("records") == [{"year": 2024, "total": None}, {"year": 2025, "total": 7}]
    monthly = pd.DataFrame({"month": ["2026-01", "2026-01", "2026-02"], "site": ["A", "B", "A"], "ads_count": [2, 4, 0], "occasions": 1})
    assert snap.ad_totals(monthly, 3).to_dict("records") == [{"month": "2026-01", "ads": 6}, {"month": "2026-02", "ads": 0}]
    assert "site" not in snap.ad_totals(monthly, 3).columns  # no site names on the page


def test_the_series_chart_writes_a_hidden_count_as_under_the_threshold():
    fig = charts.snapshot_series(["2024", "2025"], [None, 7], "Anmälda", 3, "sv", True)
    assert list(fig.data[0].text) == ["<3", "7"] and list(fig.data[0].y) == [0, 7]
    assert fig.layout.font.size >= charts.WALL_MIN_FONT


def test_empty_workspace_gives_an_empty_snapshot(engine, workspace):
    snapshot = snap.build_snapshot(engine, workspace.id, "sv")
    assert snapshot.empty and snap.snapshot_blocks(snapshot, "sv") == []
    assert snap.snapshot_results(engine, workspace.id).empty_message


def test_snapshot_from_the_store_and_as_a_document(engine, workspace):
    group = mindmap.add_node(engine, workspace.id, "group", "Unga")
    place = mindmap.add_node(engine, workspace.id, "place", "Skolan", group)
    mindmap.add_node(engine, workspace.id, "actor", "Elevhälsan", place)
    offences.set_counts(engine, workspace.id, 2024, {"koppleri": 2}, today=date(2026, 6, 1))
    offences.set_counts(engine, workspace.id, 2025, {"koppleri": 4, "kop_av_sexuell_tjanst": 5}, today=date(2026, 6, 1))
    snapshot = snap.build_snapshot(engine, workspace.id, "sv", today=date(2026, 6, 1))
    assert snapshot.target_groups == (snap.TargetGroup("Unga", 1, 1),)
    assert snapshot.offences.to_dict("records") == [{"year": 2024, "total": None}, {"year": 2025, "total": 9}]
    blocks = snap.snapshot_blocks(snapshot, "sv", projector=True)
    figures = [b for b in blocks if isinstance(b, FigureBlock)]
    assert [f.key for f in figures] == ["snapshot-offences"]
    assert "<3" in figures[0].table.iloc[:, 1].tolist()
    for figure in figures:
        figure.build()
    report = snap.snapshot_report(engine, workspace.id, "sv")
    assert report.sharing.shared and len(report.parts) == 1

    from docx import Document

    from sff_core.outputs import report_render

    data = report_render.render_docx(report)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Målgrupper och kontaktytor" in text and "Unga" in text
