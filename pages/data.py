"""Data (Diskominfo admins): upload exports, load history and rejects, accounts to register, freshness,
registry and norms."""

import streamlit as st

from analytics.loads import freshness, load_history, rejects, unknown_accounts
from ui import admin as panel
from ui.db import warehouse_version
from ui.i18n import language, t
from ui.page import admit, compute, start


def tab_names() -> list[str]:
    """Upload, history, accounts to register, freshness, registry & norms — in the viewer's language."""
    return [t("Unggah"), t("Riwayat"), t("Akun belum terdaftar"), t("Kesegaran data"), t("Registri & norma")]


TABS = tab_names()
admit()  # admins only, also before the first load
if warehouse_version() is None:  # the first load happens here: no sidebar, no figures yet
    st.title(t("Data"))
    st.info(t("Gudang data belum ada. Unggah berkas ekspor pertama di tab **{}**.", TABS[0]))
    upload, registry = st.tabs([TABS[0], TABS[-1]])
    with upload:
        panel.upload()
    with registry:
        panel.registry()
    st.stop()

view = start("Data", deck=False)
st.caption(t("Saringan periode dan OPD di samping tidak berlaku di halaman ini: yang tampil adalah seluruh gudang "
             "data."))
upload, loads, unknown, fresh, registry = st.tabs(TABS)

with upload:
    panel.older_labels()
    st.markdown(t("Unggah ekspor platform dan data pengaduan. Tiap berkas dimuat seluruhnya atau tidak sama sekali; "
                  "baris yang bermasalah ditolak dengan alasannya, baris lain tetap dimuat."))
    panel.upload()

with loads:
    picked = panel.history(compute(load_history, view))
    if picked is not None:
        panel.rejects_table(compute(rejects, view, (picked,)), "adm_load_rejects",
                            t("baris_ditolak_{}.csv", picked))

with unknown:
    panel.unknown(compute(unknown_accounts, view))

with fresh:
    panel.fresh(compute(freshness, view, view.today, language()), view.today)

with registry:
    panel.registry()
