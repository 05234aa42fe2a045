"""Om Stad för stad: what the app is for, credits to the handbook's author and publishers."""

import streamlit as st

from sff_core.ui.context import tr

st.title(tr("about.title"))
st.markdown(tr("about.body"))
st.info(tr("about.credit"))
st.markdown(tr("about.data"))
