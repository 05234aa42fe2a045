"""The only streamlit-aware part of sff_core: shared widgets, projector mode, page helpers."""
