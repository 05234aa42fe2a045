"""Personuppgifter: the register of what the app stores about people, and the erasure and access tools."""

from sff_core.ui.privacy_page import render

render()
