"""Peringkat OPD — a league table with a transparent composite score and a 'why this rank' breakdown."""

import streamlit as st

from analytics.labels import COMPONENT_NAMES
from analytics.norms import COMPONENTS
from analytics.ranking import breakdown, league
from ui.page import compute, start
from ui.widgets import period_caption

view = start("Peringkat OPD")
table = compute(league, view, view.filters, view.scope, view.norms, view.today)
st.caption(period_caption(view.filters) + " · skor 0–100, bobot dan norma dari data/norma.toml")

mode = st.radio("Urutkan", ["semua", "sejenis"], horizontal=True, key="peringkat_mode",
                format_func={"semua": "Semua OPD bersama", "sejenis": "Di antara OPD sejenis "
                             "(dinas/badan vs kecamatan/kelurahan)"}.get)
rank, change = ("rank", "rank_change") if mode == "semua" else ("rank_group", "rank_group_change")
shown = table.sort_values(["group", rank] if mode == "sejenis" else [rank]) if len(table) else table
columns = {rank: "Peringkat", change: "Perubahan", "short_name": "OPD", "skor": "Skor",
           **{c: COMPONENT_NAMES[c] for c in COMPONENTS}, "posts": "Unggahan", "received": "Pengaduan"}
if mode == "sejenis":
    columns = {"group": "Kelompok", **columns}
frame = shown[list(columns)].rename(columns=columns)
if mode == "sejenis":
    frame["Kelompok"] = frame["Kelompok"].map({"dinas_badan": "Dinas, badan & setda",
                                               "kewilayahan": "Kecamatan & kelurahan"})
score = {c: st.column_config.ProgressColumn(c, min_value=0, max_value=100, format="%.0f")
         for c in ["Skor", *COMPONENT_NAMES.values()]}
st.dataframe(frame, hide_index=True, column_config={**score, "Perubahan": st.column_config.NumberColumn(
    format="%+d", help="Naik (+) atau turun (−) dibanding periode sebelumnya")})
st.caption("Komponen tanpa data (tanpa unggahan, pengaduan atau komentar) tidak dihitung, bukan dianggap 0.")

if len(shown):
    names = dict(zip(shown["opd_code"], shown["short_name"], strict=True))
    code = st.selectbox("Rincian skor untuk", list(names), format_func=names.get, key="peringkat_opd")
    row = shown.set_index("opd_code").loc[code].copy()
    row["opd_code"] = code
    st.subheader(f"Mengapa {row['short_name']} di peringkat {int(row[rank])}?")
    parts = breakdown(row, view.norms)
    parts["komponen"] = parts["komponen"].map(COMPONENT_NAMES)
    st.dataframe(parts.rename(columns={"komponen": "Komponen", "nilai": "Nilai (0–100)", "bobot": "Bobot",
                                       "sumbangan": "Sumbangan ke skor", "dasar": "Dasar perhitungan"}),
                 hide_index=True, column_config={"Nilai (0–100)": st.column_config.NumberColumn(format="%.0f"),
                                                 "Sumbangan ke skor": st.column_config.NumberColumn(format="%.1f")})
    st.page_link("pages/profil_opd.py", label=f"Profil {row['short_name']} →", query_params={"kode": code})
