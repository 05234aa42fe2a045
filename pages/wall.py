"""Väggen: what the room sees – the exercise, its timer and join code, its results; no controls."""

from sff_core.ui.room_page import wall_page

wall_page()
