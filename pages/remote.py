"""Fjärrkontroll: the facilitator drives the wall – agenda, next, live activity, code, timer, instructions."""

from sff_core.ui.room_page import remote_page

remote_page()
