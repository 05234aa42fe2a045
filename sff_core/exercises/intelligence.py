"""Step 2 'Underrättelse': the police members' shareable summary, kept as the group's notes and text answers."""

from __future__ import annotations

from sff_core.exercises.shapes import generic_results
from sff_core.exercises.spec import Exercise

# Its results are those of its shape: the text answers and the group's notes.
EXERCISE = Exercise(name="intelligence", answered_as="text", live=True, results=generic_results)
