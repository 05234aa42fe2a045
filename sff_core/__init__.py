"""Stad för stad – the domain: content, store and services. Imports no streamlit (except ui/)."""

from sff_core import registry  # noqa: E402, F401  (hands the exercise types to content: content.use_exercises)
