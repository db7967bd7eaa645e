"""Peringkat OPD — a league table with a transparent composite score and a 'why this rank' breakdown."""

import streamlit as st

from analytics.activity import covered
from analytics.context import KIND_NAMES
from analytics.labels import COMPONENT_NAMES, named
from analytics.metrics import metric
from analytics.norms import COMPONENTS
from analytics.ranking import breakdown, league
from ui.exports import buttons, page_deck_button
from ui.filters import url_choice
from ui.format import EMPTY, number, number1
from ui.i18n import language, t
from ui.page import compute, heading, start
from ui.widgets import period_caption, show

view = start("Peringkat OPD")
lang = language()
components = named(COMPONENT_NAMES, lang)
table = compute(league, view, view.filters, view.scope, view.norms, view.today)
st.caption(period_caption(view.filters) + t(" · skor 0–100, bobot dan norma dari data/norma.toml"))
if not compute(covered, view, view.filters):
    st.warning(t("Belum ada data unggahan untuk periode ini: aktivitas dan kualitas konten tidak bisa dinilai."))

mode = url_choice(st.radio, t("Urutkan"), ["semua", "sejenis"], "semua", "urut", key="peringkat_mode", horizontal=True,
                  format_func=lambda m: t("Semua OPD bersama") if m == "semua" else
                  t("Di antara OPD sejenis (dinas/badan vs kecamatan/kelurahan)"))
rank, change = ("rank", "rank_change") if mode == "semua" else ("rank_group", "rank_group_change")
shown = table.sort_values(["group", rank] if mode == "sejenis" else [rank]) if len(table) else table
head = {key: metric(figure).header(lang) for key, figure in
        {"rank": "rank", "skor": "score", "posts": "posts", "received": "complaints_received"}.items()}
columns = {rank: head["rank"], change: t("Perubahan"), "short_name": "OPD", "skor": head["skor"],
           **{c: components[c] for c in COMPONENTS}, "posts": head["posts"], "received": head["received"]}
if mode == "sejenis":
    columns = {"group": t("Kelompok"), **columns}
frame = shown[list(columns)].rename(columns=columns)
if mode == "sejenis":
    frame[t("Kelompok")] = frame[t("Kelompok")].map(lambda g: t(KIND_NAMES[g]))
score = {c: st.column_config.ProgressColumn(c, min_value=0, max_value=100, format="%.0f")
         for c in [head["skor"], *components.values()]}


def _pick() -> None:
    """A row picked in the table opens its breakdown below."""
    rows = st.session_state["peringkat_table"].selection.rows
    if rows:
        st.session_state["peringkat_opd"] = shown["opd_code"].iloc[rows[0]]


st.dataframe(frame, hide_index=True, key="peringkat_table", on_select=_pick, selection_mode="single-row",
             placeholder=EMPTY, column_config={**score, t("Perubahan"): st.column_config.NumberColumn(
                 format="%+d", help=t("Naik (+) atau turun (−) dibanding periode sebelumnya"))})
buttons(frame, dict(zip(frame, frame)), dict.fromkeys(score, number), "peringkat_table")  # as shown: progress 0–100
st.caption(t("Komponen tanpa data (tanpa unggahan, pengaduan atau komentar) tidak dihitung, bukan dianggap 0. "
             "Pilih satu baris untuk rinciannya."))

names = dict(zip(shown["opd_code"], shown["short_name"], strict=True))
code = names and url_choice(st.selectbox, t("Rincian skor untuk"), list(names), next(iter(names)), "rinci_opd",
                            key="peringkat_opd", invalid=None, index=None, format_func=names.get,
                            placeholder=t("Pilih OPD"))
if code:  # None: the link asked for an OPD not in the table (said above) — no other OPD in its place
    row = shown.set_index("opd_code").loc[code].copy()
    row["opd_code"] = code
    heading(t("Mengapa {name} di peringkat {rank}?", name=row["short_name"], rank=int(row[rank])))
    parts = breakdown(row, view.norms, lang)
    parts["komponen"] = parts["komponen"].map(components)
    show(parts, {"komponen": t("Komponen"), "nilai": t("Nilai (0–100)"), "bobot": t("Bobot"),
                 "sumbangan": t("Sumbangan ke skor"), "dasar": t("Dasar perhitungan")},
         {"nilai": number, "sumbangan": number1}, key="peringkat_parts")
    st.page_link("pages/profil_opd.py", label=t("Profil {} →", row["short_name"]), query_params={"kode": code})
page_deck_button()  # the sidebar's deck of all the page drew
