"""Steg 0: Borde vi börja? Hur börjar vi? (with the readiness radar and core-group recruiting)."""

from sff_core.ui.step_page import render_step

render_step(0)
