"""Steg 1: the guide and every exercise from the content files."""

from sff_core.ui.step_page import render_step

render_step(1)
