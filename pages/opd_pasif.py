"""OPD Pasif — every passive OPD with its reasons, days since the last post per account, and a
polite WhatsApp-ready reminder to copy."""

from dataclasses import replace

import streamlit as st

from analytics.activity import accounts
from analytics.fmt import day
from analytics.labels import PLATFORMS
from analytics.opd import region_name
from analytics.passive import passive_opd, reminder
from ui.page import compute, start
from ui.widgets import period_caption

view = start("OPD Pasif")
n = view.norms
with st.expander("Ambang (ubah untuk tampilan ini; nilai bawaan di data/norma.toml)"):
    c = st.columns(4)
    norms = replace(
        n,
        passive_days=c[0].number_input("Tanpa unggahan ≥ hari", 1, 365, n.passive_days, key="ps_hari"),
        passive_posts_per_week=c[1].number_input("Unggahan per pekan <", 0.0, 50.0, float(n.passive_posts_per_week),
                                                 step=0.5, key="ps_pekan"),
        passive_ceremonial_share=c[2].slider("Seremonial ≥", 0.5, 1.0, float(n.passive_ceremonial_share), 0.05,
                                             key="ps_seremonial"),
        passive_overdue=c[3].number_input("Pengaduan lewat SLA ≥ (0 = abaikan)", 0, 1000, n.passive_overdue,
                                          key="ps_sla"),
    )
table = compute(passive_opd, view, view.filters, view.scope, norms, view.today)
acc = compute(accounts, view, view.filters, view.scope, view.filters.end)
st.caption(period_caption(view.filters))
st.metric("OPD pasif", len(table))
if not len(table):
    st.success("Tidak ada OPD pasif menurut ambang ini.")
    st.stop()

overview = table[["short_name", "kind", "posts", "days_since_last_post", "reasons"]].copy()
overview["reasons"] = overview["reasons"].map("; ".join)
st.dataframe(overview.rename(columns={"short_name": "OPD", "kind": "Jenis", "posts": "Unggahan",
                                      "days_since_last_post": "Hari sejak unggahan terakhir",
                                      "reasons": "Alasan"}), hide_index=True)

region = compute(region_name, view)
names = dict(zip(table["opd_code"], table["short_name"], strict=True))
code = st.selectbox("Rincian dan pengingat untuk", list(names), format_func=names.get, key="ps_opd")
row = table.set_index("opd_code").loc[code]
left, right = st.columns([2, 3])
with left:
    st.markdown(f"**Akun {row['short_name']}**")
    mine = acc[acc["opd_code"] == code].copy()
    mine["platform"] = mine["platform"].map(PLATFORMS)
    mine["last_day"] = mine["last_day"].map(day)
    st.dataframe(mine[["platform", "handle", "last_day", "days_since", "last_permalink"]].rename(columns={
        "platform": "Platform", "handle": "Akun", "last_day": "Unggahan terakhir", "days_since": "Hari",
        "last_permalink": "Tautan"}), hide_index=True,
        column_config={"Tautan": st.column_config.LinkColumn(display_text="buka")})
    for reason in row["reasons"]:
        st.markdown(f"- {reason}")
with right:
    st.markdown("**Pengingat WhatsApp** (salin dengan tombol di pojok kanan)")
    st.code(reminder(row["name"], row["reasons"], view.filters, region), language=None, wrap_lines=True)
