"""Delta: the only page a participant with a join code sees (phone layout, no sidebar)."""

from sff_core.ui.live import participant_page

participant_page()
