"""Sorot — entry point and router (streamlit run dashboard.py)."""

import streamlit as st

from ui.i18n import t

st.set_page_config(page_title="Sorot", page_icon="🔦", layout="wide")

PAGES = [
    st.Page("pages/ringkasan.py", title=t("page_ringkasan"), icon="📋", url_path="", default=True),
    st.Page("pages/peringkat.py", title=t("page_peringkat"), icon="🏆", url_path="peringkat"),
    st.Page("pages/opd_pasif.py", title=t("page_pasif"), icon="💤", url_path="opd-pasif"),
    st.Page("pages/sentimen.py", title=t("page_sentimen"), icon="💬", url_path="sentimen"),
    st.Page("pages/pengaduan.py", title=t("page_pengaduan"), icon="📮", url_path="pengaduan"),
    st.Page("pages/profil_opd.py", title=t("page_profil"), icon="🏛️", url_path="profil-opd"),
    st.Page("pages/data.py", title=t("page_data"), icon="🗄️", url_path="data"),
]

st.navigation(PAGES).run()
