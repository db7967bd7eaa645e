"""Pengaduan: who answers complaints on time (per OPD, channel, topic × kecamatan), what is overdue now."""

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import complaint_trends as ct
from ui.charts import NEGATIVE, POSITIVE, style
from ui.format import day, number, percent
from ui.page import compute, start
from ui.widgets import change_metric, number1, percent1, show

view = start("Pengaduan")
f, args = view.filters, (view.filters, view.scope, view.norms, view.today)
LINK = st.column_config.LinkColumn("Tautan", display_text="buka")
PERIOD = f"{day(f.start)} – {day(f.end)}"
updated = compute(ct.updated_at, view)
SOURCE = "Sumber: pengaduan semua kanal" + (f" · diperbarui {day(updated)} {updated:%H.%M}" if updated else "")


LATE_SHOWN = 1000  # rows of the overdue list drawn in the page (all of them in the CSV)


HELP = {k: st.column_config.NumberColumn(help=v) for k, v in {
    "Median tanggapan": "Median hari kerja sejak diterima s.d. tanggapan pertama",
    "Median selesai": "Median hari kerja sejak diterima s.d. selesai",
    "Lewat batas kini": "Pengaduan terbuka yang lewat batas hari ini, kapan pun masuknya"}.items()}
LIST = {"Tautan": LINK, **{c: st.column_config.DateColumn(c, format="DD/MM/YYYY") for c in ("Diterima", "Ditanggapi",
                                                                                            "Selesai")}}


h = compute(ct.headline, view, *args)
now, prev, since = h["now"], h["previous"] or {}, "vs periode lalu"
cols = st.columns(4)
change_metric(cols[0], "Pengaduan masuk", number(now["received"]), now["received"], prev.get("received"),
              color="off", delta_description=since)
change_metric(cols[1], "Ditanggapi sesuai SLA", percent(now["in_sla_share"], 1), now["in_sla_share"],
              prev.get("in_sla_share"), scale=100, decimals=1, unit=" poin", delta_description=since,
              help="Porsi pengaduan masuk yang mendapat tanggapan pertama dalam batas norma.")
change_metric(cols[2], "Median tanggapan", number(now["median_response_days"], 1), now["median_response_days"],
              prev.get("median_response_days"), decimals=1, unit=" hari", color="inverse", delta_description=since,
              help="Hari kerja sejak diterima sampai tanggapan pertama (median).")
change_metric(cols[3], "Lewat batas kini", number(h["overdue"]), h["overdue"], h["overdue_before"], color="inverse",
              delta_description=f"{f.days} hari lalu", border=True,
              help="Pengaduan terbuka yang melewati batas tanggapan atau penyelesaian hari ini, kapan pun masuknya.")

with st.expander("Cara menghitung hari kerja dan batas waktu (SLA)"):
    n = view.norms
    st.markdown(
        "Hari kerja tidak menghitung Sabtu, Minggu, libur nasional dan cuti bersama (`data/kalender/libur.csv`, "
        "sesuai SKB). Umur pengaduan = hari kerja sejak diterima. Norma dari `data/norma.toml`: tanggapan pertama "
        f"{n.first_response_days} hari kerja"
        + "".join(f"; kanal {k}: {v}" for k, v in n.response_by_channel.items())
        + "".join(f"; topik {ct.topic_label(k)}: {v}" for k, v in n.response_by_topic.items())
        + " (berlaku yang paling ketat). Penyelesaian menurut kompleksitas: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in n.resolution_days.items())
        + " hari kerja. *Lewat batas* = belum selesai/ditutup/ditolak dan belum ditanggapi melewati batas "
          "tanggapan atau belum diselesaikan melewati batas penyelesaian.")

st.subheader(f"Perlu perhatian: {number(h['overdue'])} pengaduan lewat batas")
st.caption("Semua pengaduan terbuka yang lewat batas hari ini, tidak tergantung periode; yang tertua di atas.")
late_args = (replace(f, start=view.today, end=view.today), *args[1:])  # any period
late = compute(ct.overdue_list, view, *late_args, LATE_SHOWN)
if h["overdue"] > LATE_SHOWN:
    st.caption(f"Tabel memuat {number(LATE_SHOWN)} yang tertua dari {number(h['overdue'])}; unduh semuanya di bawah.")
st.download_button("Unduh semua (CSV)", lambda: compute(ct.overdue_list, view, *late_args).to_csv(index=False),
                   "pengaduan_lewat_batas.csv", "text/csv", key="pg_late_csv", on_click="ignore")
show(late, {
            "channel_label": "Kanal", "complaint_id": "Tiket", "short_name": "OPD", "topic_label": "Topik",
            "kecamatan": "Kecamatan", "received_day": "Diterima", "age_days": "Umur (hari kerja)",
            "norm": "Norma terlewati", "permalink": "Tautan"},
     key="pg_late", column_config=LIST, height=300)

st.subheader(f"Kinerja per OPD, {PERIOD}")
opd = compute(ct.opd_sla, view, *args)
names = {c: n for c, n in zip(opd["opd_code"], opd["short_name"], strict=True) if isinstance(c, str)}


def pick(table: str, target: str, values: pd.Series) -> None:
    rows = st.session_state[table].selection.rows
    st.session_state[target] = values.iloc[rows[0]] if rows and isinstance(values.iloc[rows[0]], str) else None


show(opd, {"short_name": "OPD", "received": "Masuk", "in_sla_share": "Sesuai SLA", "median_response_days":
           "Median tanggapan", "median_resolution_days": "Median selesai", "resolution_rate": "Tingkat selesai",
           "overdue": "Lewat batas kini"},
     {"received": number, "in_sla_share": percent1, "median_response_days": number1,
      "median_resolution_days": number1, "resolution_rate": percent1, "overdue": number},
     key="pg_opd_table", on_select=lambda: pick("pg_opd_table", "pg_opd", opd["opd_code"]),
     selection_mode="single-row", column_config=HELP)
outside = now["received"] - int(opd["received"].sum())
st.caption((f"{number(outside)} pengaduan belum didisposisikan ke OPD aktif: dihitung di total, tidak di tabel ini. "
            if outside > 0 else "") + "Pilih satu baris untuk melihat pengaduannya di bagian Rincian. " + SOURCE)

weekly = ct.bucket_size(f) == "week"
tr = compute(ct.trend, view, f, view.scope)
fig = go.Figure([go.Scatter(x=tr["period"], y=tr["received"], name="Masuk", line={"color": NEGATIVE}),
                 go.Scatter(x=tr["period"], y=tr["resolved"], name="Selesai", line={"color": POSITIVE})])
ticks = tr["period"][:: max(1, len(tr) // 8)]
fig.update_xaxes(tickvals=ticks, ticktext=[day(t)[:-5] for t in ticks])
st.plotly_chart(style(fig, f"Pengaduan masuk dan selesai per {'pekan (mulai Senin)' if weekly else 'hari'}, {PERIOD}",
                      SOURCE + (" · pekan pertama/terakhir bisa tidak penuh" if weekly else ""), height=380))

st.subheader(f"Per kanal, {PERIOD}")
ch = compute(ct.per_channel, view, *args)
show(ch, {"label": "Kanal", "received": "Masuk", "in_sla_share": "Sesuai SLA", "median_response_days":
          "Median tanggapan", "overdue": "Lewat batas kini"},
     {"received": number, "in_sla_share": percent1, "median_response_days": number1, "overdue": number},
     key="pg_channel_table", on_select=lambda: pick("pg_channel_table", "pg_channel", ch["channel"]),
     selection_mode="single-row", column_config=HELP)
ta = compute(ct.topic_area, view, f, view.scope)
grid = ta.pivot_table(index="topic", columns="kecamatan", values="n", aggfunc="sum", fill_value=0)
heat = go.Figure(go.Heatmap(z=grid.values, x=list(grid.columns), y=list(grid.index), colorscale="Blues",
                            texttemplate="%{z}", hovertemplate="%{y} · %{x}: %{z}<extra></extra>"))
heat.update_xaxes(tickangle=-40, tickvals=list(grid.columns)).update_yaxes(autorange="reversed")
st.plotly_chart(style(heat, f"Pengaduan per topik dan kecamatan, {PERIOD}", height=200 + 26 * len(grid)))
st.caption(SOURCE + " · kecamatan dicocokkan dengan daftar wilayah; yang tidak cocok: Tidak diketahui")

st.subheader(f"Rincian pengaduan, {PERIOD}")
choices = {"pg_opd": ("OPD", list(names), names.get),
           "pg_channel": ("Kanal", list(ch["channel"]), ct.channel_label),
           "pg_topic": ("Topik", sorted(ta["topic"].unique()), str),
           "pg_kecamatan": ("Kecamatan", sorted(ta["kecamatan"].unique()), str)}
picked = []
for col, (key, (label, options, fmt)) in zip(st.columns(4), choices.items(), strict=True):
    if st.session_state.get(key) not in options:  # nothing chosen yet, or gone after a filter change
        st.session_state[key] = None
    picked.append(col.selectbox(label, options, format_func=fmt, key=key, placeholder=f"Semua ({label})"))
pick_opd, pick_ch, pick_topic, pick_kec = picked
rows = compute(ct.details, view, *args, pick_opd, pick_ch, pick_topic, pick_kec)
rows["channel"] = rows["channel"].map(ct.channel_label)
rows["status"] = rows["status"].map(ct.STATUS_LABELS).fillna(rows["status"])
st.caption(f"{number(len(rows))} pengaduan. Identitas pelapor tidak pernah ditampilkan.")
show(rows, {"complaint_id": "Tiket", "channel": "Kanal", "short_name": "OPD", "topic": "Topik",
            "kecamatan": "Kecamatan", "received_day": "Diterima", "first_response_day": "Ditanggapi",
            "resolved_day": "Selesai", "status": "Status", "response_days": "Hari s.d. tanggapan",
            "response_norm": "Norma tanggapan", "sla": "SLA tanggapan", "permalink": "Tautan"},
     key="pg_details", column_config=LIST, height=360)
