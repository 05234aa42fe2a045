"""Documents of their own made from exercises' results (the role descriptions and the flyer of step 5).

Part of the outputs wing: it builds `Report`s from results blocks, so the services it reads
(`coordination`) never import documents, results or sharing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from sff_core import coordination
from sff_core.exercises.network_role import flyer_blocks, role_blocks
from sff_core.i18n import text
from sff_core.outputs.report import Report, ReportPart
from sff_core.outputs.results import Results
from sff_core.outputs.sharing import INTERNAL, SharingLevel
from sff_core.privacy.name_scrub import without_names
from sff_core.workspaces import get_workspace


def role_report(engine: Engine, workspace_id: int, kind: str, lang: str = "sv", sharing: SharingLevel | None = None) -> Report:
    """The role description as a document of its own (render it with report_render.render: Word, PDF, HTML)."""
    title = text(coordination.role_section(kind).title, lang)
    results = Results(title, None, tuple(role_blocks(engine, workspace_id, kind, lang)))
    city = get_workspace(engine, workspace_id).city
    level = sharing or INTERNAL
    made = Report(title, city, level, lang, datetime.now(), (ReportPart(title, 1, (), results),), f"rollbeskrivning-{kind}")
    return without_names(engine, workspace_id, made, level, lang)


def flyer_report(engine: Engine, workspace_id: int, lang: str = "sv", sharing: SharingLevel | None = None) -> Report:
    """The event's flyer (the handbook's example headings with the city's own text), ready for Word or PDF."""
    city = get_workspace(engine, workspace_id).city
    title = text(coordination.role_section(coordination.FLYER).template_headings[0].text, lang)
    results = Results(title, None, tuple(flyer_blocks(engine, workspace_id, lang)))
    level = sharing or INTERNAL
    made = Report(title, city, level, lang, datetime.now(), (ReportPart(city, 1, (), results),), "flyer")
    return without_names(engine, workspace_id, made, level, lang)
