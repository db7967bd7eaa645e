"""Sorot — entry point and router (streamlit run dashboard.py)."""

import streamlit as st

st.set_page_config(page_title="Sorot", page_icon="🔦", layout="wide")

PAGES = [
    st.Page("pages/beranda.py", title="Beranda", icon="🏠", default=True),
]

st.navigation(PAGES).run()
