"""Steg 1: Identifiera utgångspunkten (ice breaker cards, courage boards, scenarios, pre-mortem)."""

from sff_core.ui.step_page import render_step

render_step(1)
