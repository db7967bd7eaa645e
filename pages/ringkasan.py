"""Ringkasan Apel — one screen for the regent before Monday's assembly."""

import pandas as pd
import streamlit as st

from analytics.briefing import briefing
from analytics.fmt import day, number
from analytics.labels import source_name, topic
from ui.page import compute, start
from ui.widgets import figure_metric, period_caption

view = start("page_ringkasan")
b = compute(briefing, view, view.filters, view.scope, view.norms, view.today)
st.caption(period_caption(view.filters))

f = b.figures
cols = st.columns(6)
figure_metric(cols[0], "OPD aktif", f["active_share"], share=True,
              help="OPD yang mengunggah sedikitnya sekali dalam periode, dari semua OPD yang dilihat")
figure_metric(cols[1], "Unggahan", f["posts"])
figure_metric(cols[2], "Pengaduan masuk", f["received"])
figure_metric(cols[3], "Ditanggapi sesuai SLA", f["in_sla_share"], share=True)
figure_metric(cols[4], "Komentar negatif (7 hari)", f["negative_share"], share=True, lower_is_better=True,
              help="Porsi komentar & mention negatif 7 hari terakhir periode, dibanding 7 hari sebelumnya")
cols[5].metric("Pengaduan lewat batas", number(f["overdue"].value), help="Pengaduan terbuka yang melewati "
               "batas waktu tanggapan atau penyelesaian (hari kerja), kapan pun diterima")

left, right = st.columns([3, 2])
with left:
    st.markdown("**Poin bicara**")
    st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(b.points, 1)) or "Belum ada data untuk periode ini.")
with right:
    ranked = b.league[b.league["skor"].notna()]
    table = {"Peringkat": "rank", "OPD": "short_name", "Skor": "skor"}
    top, bottom = st.columns(2)
    top.markdown("**5 teratas**")
    top.dataframe(ranked.head(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                  column_config={"Skor": st.column_config.NumberColumn(format="%.0f")})
    bottom.markdown("**5 terbawah**")
    bottom.dataframe(ranked.tail(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                     column_config={"Skor": st.column_config.NumberColumn(format="%.0f")})
    st.page_link("pages/peringkat.py", label="Peringkat lengkap →")

a, b2, c = st.columns(3)
with a:
    st.markdown(f"**OPD pasif ({len(b.passive)})**")
    names = ", ".join(b.passive["short_name"].head(12))
    more = len(b.passive) - 12
    st.write(names + (f", dan {more} lainnya" if more > 0 else "") if len(b.passive) else "Tidak ada.")
    st.page_link("pages/opd_pasif.py", label="Alasan dan pengingat →")
with b2:
    st.markdown("**Topik pengaduan yang naik**")
    rising = pd.DataFrame({"Topik": b.rising["topic"].map(topic), "Sekarang": b.rising["now"],
                           "Sebelumnya": b.rising["before"], "Terbanyak di": b.rising["top_area"]}).head(5)
    st.dataframe(rising, hide_index=True) if len(rising) else st.write("Tidak ada topik yang naik.")
with c:
    st.markdown("**Kesegaran data**")
    for s in b.freshness.sort_values("days_behind", ascending=False, na_position="first").itertuples():
        when = f"terakhir {day(s.latest)}" if s.latest else "belum ada data"
        late = f" — {s.days_behind} hari lalu" if s.stale and s.latest else ""
        (st.warning if s.stale else st.caption)(f"{source_name(s.name)} ({s.source}): {when}{late}")
st.caption(f"Sumber: gudang data Sorot; skor dan ambang dari data/norma.toml. Data per {day(view.today)}.")
