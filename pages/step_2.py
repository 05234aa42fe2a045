"""Steg 2: Kartlägg problembilden (mind map, mapping plan, statistics, ad log, indicator survey)."""

from sff_core.ui.step_page import render_step

render_step(2)
