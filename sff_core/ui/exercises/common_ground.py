"""Step 6's common starting point on screen: a presenter view, one topic per wall screen.

The screens are the exercise's results model cut by its `screens` hook (sff_core/exercises/common_ground.py):
the wall draws the one the remote chose, the laptop the whole model with the wall's controls.
"""

from __future__ import annotations

from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.wall_screens import controls_for

# The step page, projector mode and the wall draw the model's screens generically; the remote walks them.
UI = ExerciseUI("common_ground", remote_panel=controls_for)
