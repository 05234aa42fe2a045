"""Kärngruppen: members with organisation, sector, role, competence and personality type."""

from sff_core.ui.core_group_page import render

render()
