"""Home: what the warehouse holds (until the briefing page lands)."""

import pandas as pd
import streamlit as st

from etl.status import summarize
from ui.db import cursor, warehouse_version
from ui.format import number


@st.cache_data(show_spinner=False)
def _summary(version: tuple[int, int] | None) -> dict | None:
    cur = cursor()
    return summarize(cur) if cur is not None else None


st.title("Sorot — data yang dimuat")
info = _summary(warehouse_version())
if info is None:
    st.warning("Gudang data belum ada. Jalankan `make run` atau `python -m etl load FOLDER`.")
    st.stop()

cols = st.columns(4)
cols[0].metric("OPD terdaftar", number(info["opd"]))
cols[1].metric("Postingan", number(sum(info["posts_by_platform"].values())))
cols[2].metric("Komentar & mention", number(info["comments"]))
cols[3].metric("Pengaduan", number(sum(info["complaints_by_channel"].values())))

left, right = st.columns(2)
left.subheader("Postingan per platform")
left.dataframe(pd.DataFrame(info["posts_by_platform"].items(), columns=["platform", "postingan"]),
               hide_index=True)
right.subheader("Pengaduan per kanal")
right.dataframe(pd.DataFrame(info["complaints_by_channel"].items(), columns=["kanal", "pengaduan"]),
                hide_index=True)

if info["unknown_accounts"]:
    st.subheader("Akun belum terdaftar")
    st.caption("Baris dari akun ini ditolak. Daftarkan di data/registry/akun.csv lalu muat ulang berkasnya.")
    unknown = pd.DataFrame(info["unknown_accounts"])
    st.dataframe(unknown.rename(columns={"account": "akun", "rows": "baris", "files": "berkas"}), hide_index=True)

LOAD_COLUMNS = {"load_id": "no", "file": "berkas", "format": "format", "rows_read": "baris dibaca",
                "rows_loaded": "dimuat", "rows_rejected": "ditolak", "rows_new": "baru", "outcome": "hasil",
                "message": "keterangan", "started_at": "mulai", "seconds": "detik"}
st.subheader("Riwayat muat")
loads = pd.DataFrame(info["loads"], columns=list(LOAD_COLUMNS))
st.dataframe(loads.rename(columns=LOAD_COLUMNS), hide_index=True)
