"""Arbetsytor: pick and unlock a workspace, create one, or create the demo workspace."""

from sff_core.ui.workspaces_page import render

render()
