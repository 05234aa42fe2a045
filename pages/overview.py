"""Översikt: the three phases and eight steps, each step's status, readiness and coverage."""

from sff_core.ui.overview_page import render

render()
