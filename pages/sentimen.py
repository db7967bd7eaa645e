"""Tren Sentimen: shares and net sentiment per day/week by OPD, platform, topic or channel; spikes and their texts."""

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analytics import sentiment_trends as tr
from analytics.labels import CHANNELS, PLATFORMS, TOPICS
from ui.charts import NEGATIVE, NEUTRAL, SENTIMENT_COLORS, style
from ui.filters import url_choice
from ui.format import day, number, percent
from ui.page import compute, opd_names, start
from ui.widgets import change_metric

view = start("Tren Sentimen")
f, names = view.filters, opd_names(view)
SOURCE = {"komentar": "Komentar & mention", "pengaduan": "Pengaduan"}
BY = {"": "Tanpa rincian", "opd": "OPD", "platform": "Platform", "topik": "Topik", "kanal": "Kanal"}
SENTI = {"positive": "Positif", "negative": "Negatif", "neutral": "Netral"}
TEXT_COLUMNS = ("day", "platform", "channel", "topic", "opd_code", "sentiment", "confidence", "author", "text",
                "permalink", "kind")
LABELS = {"opd_code": names, "platform": PLATFORMS, "topic": TOPICS, "channel": CHANNELS, "sentiment": SENTI}


left, mid, right = st.columns([2, 2, 1])
source = url_choice(left.segmented_control, "Sumber", list(SOURCE), "komentar", "sumber", format_func=SOURCE.get,
              required=True)
by = url_choice(mid.selectbox, "Rinci menurut", ["", *tr.BREAKDOWNS[source]], "", "rinci", format_func=BY.get) or None
grain = url_choice(right.radio, "Skala", list(tr.GRAINS), "hari" if f.days <= 31 else "pekan", "skala", horizontal=True,
             format_func={"hari": "Harian", "pekan": "Mingguan"}.get)
what, span = SOURCE[source].lower(), tr.week_label(f.start, f.end)
loaded = compute(tr.updated, view, source)
caption = f"Sumber: {what} yang dimuat; diperbarui {day(loaded)} {loaded:%H.%M %Z}" if loaded else f"Sumber: {what}"
if source == "pengaduan" and f.platforms:
    st.caption("Saringan platform tidak berlaku untuk pengaduan.")

# Headline: the last 7 days of the period against the 7 days before.
head = compute(tr.headline, view, f, view.scope, source)
now, before = head["this"], head["previous"] or {}
spikes = compute(tr.spikes, view, f, view.scope, view.norms, source)
cols = st.columns(4)
change_metric(cols[0], "Porsi negatif pekan ini", percent(now["negative_share"], 1), now["negative_share"],
              before.get("negative_share"), scale=100, decimals=1, unit=" poin", color="inverse")
change_metric(cols[1], "Sentimen bersih pekan ini", number(now["net"], 2), now["net"], before.get("net"), decimals=2)
change_metric(cols[2], f"{source.capitalize()} pekan ini", number(now["total"]), now["total"], before.get("total"),
              color="off")
cols[3].metric("Lonjakan negatif", number(len(spikes)), help="Pekan berlonjakan dalam periode, semua OPD dan per OPD")
st.caption(f"Pekan ini = 7 hari terakhir periode ({tr.week_label(now['start'], now['end'])}), dibandingkan dengan "
           "7 hari sebelumnya. Sentimen bersih = (positif − negatif) ÷ jumlah, dari −1 sampai +1.")

# Trend: shares and net sentiment, or the negative share per group with a table of every group.
rows = compute(tr.trend, view, f, view.scope, source, grain, by)
unit = "hari" if grain == "hari" else "pekan"
if rows.empty:
    st.info(f"Tidak ada {what} dalam periode dan saringan ini.")
elif by is None:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for s, label in SENTI.items():
        fig.add_bar(x=rows["end"], y=rows[f"{s}_share"], name=label, marker_color=SENTIMENT_COLORS[s],
                    customdata=rows["total"], hovertemplate="%{y:.1%} dari %{customdata} teks")
    fig.add_scatter(x=rows["end"], y=rows["net"], name="Sentimen bersih", mode="lines+markers",
                    line={"color": "#000000"}, secondary_y=True)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(tickformat=".0%", range=[0, 1], secondary_y=False)
    fig.update_xaxes(tickformat="%d/%m")
    fig.update_yaxes(range=[-1, 1], title_text="sentimen bersih", secondary_y=True)
    st.plotly_chart(style(fig, f"Porsi sentimen {what} per {unit}, {span}", caption, height=380))
else:
    col = tr.COLUMN[by]
    table = compute(tr.summary, view, f, view.scope, source, by)
    table[col] = [LABELS[col].get(g, g or "Tidak diketahui") for g in table[col]]
    rows[col] = [LABELS[col].get(g, g or "Tidak diketahui") for g in rows[col]]
    fig = go.Figure()
    for g in table[col].head(5):
        part = rows[rows[col] == g]
        fig.add_scatter(x=part["end"], y=part["negative_share"], name=g, mode="lines+markers")
    fig.update_yaxes(tickformat=".0%").update_xaxes(tickformat="%d/%m")
    st.plotly_chart(style(fig, f"Porsi negatif {what} per {unit} menurut {BY[by]} (5 terbesar), {span}",
                          caption, height=420))
    pct = lambda v: percent(v, 1)  # noqa: E731
    labels = {col: BY[by], "total": "jumlah", "positive_share": "positif", "negative_share": "negatif",
              "neutral_share": "netral", "net": "sentimen bersih"}
    st.dataframe(table[list(labels)].rename(columns=labels).style.format(
        {"jumlah": number, "positif": pct, "negatif": pct, "netral": pct, "sentimen bersih": lambda v: number(v, 2)},
        na_rep="—"), hide_index=True)

# Spikes: the rule in words, the weekly negative share against its threshold, the list.
n = view.norms
st.subheader("Lonjakan negatif")
st.markdown(f"Sebuah pekan ditandai **lonjakan** bila porsi {what} negatifnya lebih tinggi dari rata-rata "
            f"{n.baseline_weeks} pekan sebelumnya ditambah {number(n.spike_sd, 1)} kali simpangan bakunya. "
            f"Pekan dengan kurang dari {n.spike_min_comments} {what} tidak dinilai dan tidak dipakai sebagai "
            f"pembanding; pekan dengan kurang dari {tr.MIN_BASELINE} pekan pembanding juga tidak dinilai. "
            "Dihitung untuk seluruh tampilan dan untuk tiap OPD.")
weeks = compute(tr.weekly_judged, view, f, view.scope, view.norms, source)
if not weeks.empty:
    fig = go.Figure()
    fig.add_scatter(x=weeks["end"], y=weeks["negative_share"], name="Porsi negatif", mode="lines+markers",
                    line={"color": NEGATIVE})
    fig.add_scatter(x=weeks["end"], y=weeks["threshold"], name="Ambang lonjakan", mode="lines",
                    line={"color": NEUTRAL, "dash": "dash"})
    hit = weeks[weeks["spike"]]
    fig.add_scatter(x=hit["end"], y=hit["negative_share"], name="Lonjakan", mode="markers",
                    marker={"color": NEGATIVE, "size": 14, "symbol": "triangle-up"})
    fig.update_yaxes(tickformat=".0%").update_xaxes(tickformat="%d/%m")
    st.plotly_chart(style(fig, f"Porsi negatif per pekan dan ambang lonjakan, {span}", caption, height=380))
if spikes.empty:
    st.success("Tidak ada lonjakan negatif dalam periode ini.")
else:
    st.dataframe(tr.spike_list(spikes, names), hide_index=True)

# The texts behind a week and OPD (the newest spike's by default).
st.subheader(f"Isi {what}")
ends = sorted({w.isoformat() for w in weeks["end"]}, reverse=True) or [f.end.isoformat()]
marked = {d.isoformat() for d in spikes["end"]}
first = spikes.iloc[0] if len(spikes) else None
c1, c2, c3 = st.columns(3)
week = url_choice(c1.selectbox, "Pekan", ends, first["end"].isoformat() if first is not None else ends[0], "pekan",
            format_func=lambda e: tr.week_label(*tr.week_span(e)) + (" ⚠" if e in marked else ""))
opd = url_choice(c2.selectbox, "OPD", ["", *names], (first["opd_code"] or "") if first is not None else "", "teks_opd",
           format_func=lambda c: names.get(c, "Semua OPD"))
chosen = url_choice(c3.segmented_control, "Sentimen", list(SENTI), ["negative"], "teks_sentimen", format_func=SENTI.get,
              selection_mode="multi") or list(SENTI)
first_day, last_day = tr.week_span(week)
found, total = compute(tr.texts, view, f, view.scope, source, first_day, last_day, opd or None,
                       tuple(s for s in SENTI if s in chosen))
st.caption(f"{number(total)} {what} pada {tr.week_label(first_day, last_day)}"
           + (f"; ditampilkan {number(len(found))} terbaru" if total > len(found) else "")
           + ". Nama akun dan data pribadi (nomor telepon, NIK, email) disamarkan.")
for column in set(LABELS) & set(found.columns):
    found[column] = [LABELS[column].get(v, v) for v in found[column]]
found["confidence"] = (found["confidence"] * 100).round()
st.dataframe(found, hide_index=True, column_order=[c for c in TEXT_COLUMNS if c in found], column_config={
    "day": st.column_config.DateColumn("tanggal", format="DD/MM/YYYY"), "platform": "platform", "kind": "jenis",
    "channel": "kanal", "topic": "topik", "opd_code": "OPD", "sentiment": "sentimen", "author": "akun",
    "confidence": st.column_config.NumberColumn("yakin", format="%.0f%%", help="Keyakinan pengklasifikasi"),
    "text": st.column_config.TextColumn("teks", width="large"),
    "permalink": st.column_config.LinkColumn("tautan", display_text="buka")})
