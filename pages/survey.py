"""Enkät: the indicator survey for an outside actor with a link – that form and nothing else."""

from sff_core.ui.survey_page import survey_page

survey_page()
