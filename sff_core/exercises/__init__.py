"""The exercises: one module per exercise type, each declaring one `Exercise` (see `spec.py`).

Every module in this package that defines `EXERCISE` (or `EXERCISES`, a tuple, for a family such as
the generic answer shapes) is an exercise plugin. The app's own exercises register exactly as a new
one would: add a module here (and its content, i18n strings and a test), nothing else. The
Streamlit side mirrors this folder: `sff_core/ui/exercises/<same name>.py` declares its `ExerciseUI`
when the exercise needs more than the generic form and results view.
"""
