import streamlit as st

st.write("Hello")  # noqa: E702 - the one-line baseline page for bench/page_render.py
