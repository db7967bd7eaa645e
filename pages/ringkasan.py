"""Ringkasan Apel — one screen for the regent before Monday's assembly."""

import pandas as pd
import streamlit as st

from analytics.briefing import briefing, with_data
from analytics.labels import source_name, topic
from analytics.metrics import metric
from ui.format import EMPTY, day
from ui.i18n import language, t
from ui.page import compute, start
from ui.widgets import metric_tile, period_caption

view = start("Ringkasan Apel")
b = compute(briefing, view, view.filters, view.scope, view.norms, view.today, language())
st.caption(period_caption(view.filters))

f = b.figures
cols = st.columns(6)
since = {"delta_description": t("vs periode lalu")}
metric_tile(cols[0], "active_opd_share", f["active_share"].value, f["active_share"].previous, **since)
metric_tile(cols[1], "posts", f["posts"].value, f["posts"].previous, **since)
metric_tile(cols[2], "complaints_received", f["received"].value, f["received"].previous, **since)
metric_tile(cols[3], "complaints_in_sla_share", f["in_sla_share"].value, f["in_sla_share"].previous, **since)
metric_tile(cols[4], "negative_share_7d", f["negative_share"].value, f["negative_share"].previous,
            delta_description=t("vs 7 hari sebelumnya"))
metric_tile(cols[5], "complaints_overdue", f["overdue"].value, f["overdue"].previous,
            delta_description=t("{} hari lalu", view.filters.days))

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t('Poin bicara')}**")
    st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(b.points, 1)) or t("Belum ada data untuk periode ini."))
with right:
    ranked = with_data(b.league)
    table = {t("Peringkat"): "rank", "OPD": "short_name", t("Skor"): "skor"}
    top, bottom = st.columns(2)
    top.markdown(f"**{t('5 teratas')}**")
    top.dataframe(ranked.head(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                  column_config={t("Skor"): st.column_config.NumberColumn(format="%.0f")})
    bottom.markdown(f"**{t('5 terbawah')}**")
    bottom.dataframe(ranked.tail(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                     column_config={t("Skor"): st.column_config.NumberColumn(format="%.0f")})
    st.page_link("pages/peringkat.py", label=t("Peringkat lengkap →"))

a, b2, c = st.columns(3)
with a:
    st.markdown(f"**{metric('passive_opd').label_in(language())} ({len(b.passive)})**",
                help=metric("passive_opd").help(language()))
    names = ", ".join(b.passive["short_name"].head(12))
    more = len(b.passive) - 12
    st.write(names + (t(", dan {} lainnya").format(more) if more > 0 else "") if len(b.passive) else t("Tidak ada."))
    st.page_link("pages/opd_pasif.py", label=t("Alasan dan pengingat →"))
with b2:
    st.markdown(f"**{t('Topik pengaduan yang naik')}**")
    rising = pd.DataFrame({t("Topik"): b.rising["topic"].map(lambda c: topic(c, language())),
                           t("Sekarang"): b.rising["now"], t("Sebelumnya"): b.rising["before"],
                           t("Terbanyak di"): b.rising["top_area"]}).head(5)
    if len(rising):  # an if statement, not an expression: Streamlit's magic would print the value
        st.dataframe(rising, hide_index=True, placeholder=EMPTY)
    else:
        st.write(t("Tidak ada topik yang naik."))
with c:
    st.markdown(f"**{t('Kesegaran data')}**")
    for s in b.freshness.sort_values("days_behind", ascending=False, na_position="first").itertuples():
        when = t("terakhir {}").format(day(s.latest)) if s.latest else t("belum ada data")
        late = t(" — {} hari lalu").format(s.days_behind) if s.stale and s.latest else ""
        (st.warning if s.stale else st.caption)(f"{source_name(s.name, language())} ({t(s.source)}): {when}{late}")
st.caption(t("Sumber: gudang data Sorot; skor dan ambang dari data/norma.toml. Data per {}.").format(day(view.today)))
