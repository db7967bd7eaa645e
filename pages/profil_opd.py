"""Profil OPD — everything about one OPD for the sekda's drill-down."""

import pandas as pd
import plotly.express as px
import streamlit as st

from analytics import activity, complaints, profile
from analytics.fmt import day, number, percent
from analytics.labels import CONTENT, PLATFORMS, topic
from ui.charts import CONTENT_COLORS, SENTIMENT_COLORS, style
from ui.page import compute, opd_names, start
from ui.widgets import period_caption

view = start("Profil OPD")
names = opd_names(view)
wanted = st.query_params.get("kode") or (view.filters.opd[0] if view.filters.opd else None)
codes = list(names)
code = st.selectbox("OPD", codes, index=codes.index(wanted) if wanted in codes else 0, format_func=names.get,
                    key="profil_kode")
st.query_params["kode"] = code
f = profile.one(view.filters, code)
span = f"{day(f.start)} – {day(f.end)}"
caption = f"Sumber: ekspor media sosial & pengaduan di gudang data Sorot, per {day(view.today)}"
st.caption(period_caption(f))

history = compute(profile.history, view, view.filters, view.scope, view.norms, view.today)
mine = history[history["opd_code"] == code]
if not len(mine):  # an OPD outside the sidebar's kind filter: its own figures
    mine = compute(profile.history, view, f, view.scope, view.norms, view.today)
now = mine.iloc[-1]
c = st.columns(5)
c[0].metric("Unggahan", number(now["posts"]), help="Dalam periode")
c[1].metric("Kinerja + layanan", percent((now["kinerja"] + now["layanan"]) / now["posts"]) if now["posts"] else "—")
c[2].metric("Pengaduan masuk", number(now["received"]))
c[3].metric("Ditanggapi sesuai SLA", percent(now["in_sla_share"]))
c[4].metric("Peringkat", str(int(now["rank"])), help="Di antara OPD yang dilihat (saringan jenis OPD)")

left, right = st.columns(2)
with left:
    st.markdown("**Akun dan unggahan terakhir**")
    acc = compute(activity.accounts, view, f, view.scope, f.end)
    acc["platform"] = acc["platform"].map(PLATFORMS)
    acc["last_day"] = acc["last_day"].map(day)
    st.dataframe(acc[["platform", "handle", "last_day", "days_since", "url"]].rename(columns={
        "platform": "Platform", "handle": "Akun", "last_day": "Terakhir", "days_since": "Hari", "url": "Profil"}),
        hide_index=True, column_config={"Profil": st.column_config.LinkColumn(display_text="buka")})
    weekly = compute(profile.weekly_posts, view, f, view.scope)
    if len(weekly):
        weekly["content_type"] = weekly["content_type"].map(CONTENT)
        fig = px.bar(weekly, x="week", y="posts", color="content_type",
                     color_discrete_map={CONTENT[k]: v for k, v in CONTENT_COLORS.items()},
                     labels={"week": "Pekan", "posts": "Unggahan", "content_type": "Jenis konten"})
        fig.add_hline(y=view.norms.posts_per_week, line_dash="dot", annotation_text="norma")
        st.plotly_chart(style(fig, f"Unggahan per pekan menurut jenis konten, {span}", caption))
with right:
    weekly_s = compute(profile.weekly_sentiment, view, f, view.scope)
    if len(weekly_s):
        fig = px.bar(weekly_s, x="week", y="n", color="sentiment", color_discrete_map=SENTIMENT_COLORS,
                     labels={"week": "Pekan", "n": "Komentar & mention", "sentiment": "Sentimen"})
        st.plotly_chart(style(fig, f"Sentimen komentar per pekan, {span}", caption))
    if len(mine):
        fig = px.line(mine, x="end", y="rank", markers=True, labels={"end": "Akhir periode", "rank": "Peringkat"})
        fig.update_yaxes(autorange="reversed")
        st.plotly_chart(style(fig, f"Riwayat peringkat (periode {view.filters.days} hari)", caption, height=240))
    st.caption(f"{number(now['comments_n'])} komentar; negatif {percent(now['negative_share'])}")

st.markdown("**Unggahan dengan keterlibatan tertinggi**")
top = compute(profile.top_posts, view, f, view.scope)
top["platform"] = top["platform"].map(PLATFORMS)
top["day"] = top["day"].map(day)
st.dataframe(top.rename(columns={"day": "Tanggal", "platform": "Platform", "content_type": "Jenis",
                                 "caption": "Keterangan", "views": "Tayangan", "engagements": "Keterlibatan",
                                 "permalink": "Tautan"}), hide_index=True,
             column_config={"Tautan": st.column_config.LinkColumn(display_text="buka")})

late = compute(complaints.overdue, view, f, view.scope, view.norms, view.today)
st.markdown(f"**Pengaduan lewat batas waktu ({len(late)})**")
if len(late):
    late = late.assign(topic=late["topic"].map(topic), received_day=pd.to_datetime(late["received_day"]).dt.date)
    st.dataframe(late[["complaint_id", "channel", "topic", "received_day", "age_days", "status", "permalink"]].rename(
        columns={"complaint_id": "Tiket", "channel": "Kanal", "topic": "Topik", "received_day": "Diterima",
                 "age_days": "Umur (hari kerja)", "status": "Status", "permalink": "Tautan"}),
        hide_index=True, column_config={"Tautan": st.column_config.LinkColumn(display_text="buka")})
