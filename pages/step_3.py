"""Steg 3: Aktivera möjliga samverkansaktörer (levels of collaboration, actor analysis matrix)."""

from sff_core.ui.step_page import render_step

render_step(3)
