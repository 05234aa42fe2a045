"""Stad för stad – the domain: content, store and services. Imports no streamlit (except ui/)."""
