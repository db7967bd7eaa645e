"""Pengaduan: who answers complaints on time (per OPD, channel, topic × kecamatan), what is overdue now.

The trend chart and the topic × kecamatan heatmap drill down: a click sets the pickers of "Rincian pengaduan".
"""

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import complaint_trends as ct
from analytics.metrics import metric
from ui import complaint_charts as charts
from ui import links
from ui.charts import style
from ui.drill import clickable, custom
from ui.exports import page_deck_button
from ui.filters import url_choice
from ui.format import day, day_range, moment, number
from ui.i18n import language, t
from ui.page import compute, heading, start
from ui.widgets import metric_columns, metric_tile, show

view = start("Pengaduan")
lang = language()
f, args = view.filters, (view.filters, view.scope, view.norms, view.today)
LINK = st.column_config.LinkColumn(t("Tautan"), display_text=t("buka"))
PERIOD = day_range(f.start, f.end)
updated = compute(ct.updated_at, view)
SOURCE = t("Sumber: pengaduan semua kanal") + (
    t(" · diperbarui {}", moment(updated)) if updated else "")


LATE_SHOWN = 1000  # rows of the overdue list drawn in the page (all of them in the downloads)
DETAILS_SHOWN = 500  # rows of "Rincian pengaduan" drawn in the page, the newest (all of them in the downloads)


FIGURES = {"received": "complaints_received", "in_sla_share": "complaints_in_sla_share",
           "median_response_days": "complaints_median_response_days",
           "median_resolution_days": "complaints_median_resolution_days",
           "resolution_rate": "complaints_resolution_rate", "overdue": "complaints_overdue"}
LABELS, FORMATS, HELP = metric_columns(FIGURES)
LIST = {t("Tautan"): LINK}  # dates as everywhere ("4 Des 2026"): ui.widgets.show


h = compute(ct.headline, view, *args)
now, prev, since = h["now"], h["previous"] or {}, t("vs periode lalu")
cols = st.columns(4)
for col, key in zip(cols, ("complaints_received", "complaints_in_sla_share", "complaints_median_response_days")):
    metric_tile(col, key, now[metric(key).column], prev.get(metric(key).column), delta_description=since)
metric_tile(cols[3], "complaints_overdue", h["overdue"], h["overdue_before"],
            delta_description=t("vs {} hari lalu", f.days), border=True)

with st.expander(t("Cara menghitung hari kerja dan batas waktu (SLA)")):
    st.markdown(ct.sla_rules(view.norms, lang))

heading(t("Perlu perhatian: {} pengaduan lewat batas", number(h["overdue"])))
st.caption(t("Semua pengaduan terbuka yang lewat batas hari ini, tidak tergantung periode; yang tertua di atas."))
late_args = (replace(f, start=view.today, end=view.today), *args[1:])  # any period
late = compute(ct.overdue_list, view, *late_args, LATE_SHOWN, lang)
if h["overdue"] > LATE_SHOWN:
    st.caption(t("Tabel memuat {shown} yang tertua dari {total}; unduh semuanya di bawah.",
                 shown=number(LATE_SHOWN), total=number(h["overdue"])))
show(late, {
            "channel_label": t("Kanal"), "complaint_id": t("Tiket"), "short_name": t("OPD"),
            "topic_label": t("Topik"), "kecamatan": t("Kecamatan"), "received_day": t("Diterima"),
            "age_days": t("Umur (hari kerja)"), "norm": t("Norma terlewati"), "permalink": t("Tautan")},
     key="pg_late", column_config=LIST, height=300, title=t("Pengaduan lewat batas"), source=SOURCE,
     period=t("Terbuka dan lewat batas pada {}", day(view.today)),
     export=lambda: compute(ct.overdue_list, view, *late_args, None, lang))  # every row, not only those shown

heading(t("Kinerja per OPD, {}", PERIOD))
opd = compute(ct.opd_sla, view, *args, lang)
names = {c: n for c, n in zip(opd["opd_code"], opd["short_name"], strict=True) if isinstance(c, str)}


def pick(table: str, target: str, values: pd.Series) -> None:
    rows = st.session_state[table].selection.rows
    st.session_state[target] = values.iloc[rows[0]] if rows and isinstance(values.iloc[rows[0]], str) else None


show(opd, {"short_name": t("OPD"), **LABELS}, FORMATS,
     key="pg_opd_table", on_select=lambda: pick("pg_opd_table", "pg_opd", opd["opd_code"]),
     selection_mode="single-row", column_config=HELP, source=SOURCE)
st.caption((t("{} pengaduan belum didisposisikan ke OPD aktif: dihitung di total, tidak di tabel ini. ",
              number(now["unassigned"])) if now["unassigned"] else "")
           + t("Pilih satu baris untuk melihat pengaduannya di bagian Rincian. ") + SOURCE)

weekly = ct.bucket_size(f) == "week"
tr = compute(ct.trend, view, f, view.scope)
points = ct.bucket_choices(f, tr["period"], lang)  # the chart picker's choices: one per point of each line


def on_trend(point: dict) -> None:
    st.session_state["pg_bucket"] = ct.trend_pick(custom(point, 0), custom(point, 1), points)


fig = charts.incoming_and_resolved(tr, points)
title = (t("Pengaduan masuk dan selesai per pekan (mulai Senin), {}", PERIOD) if weekly
         else t("Pengaduan masuk dan selesai per hari, {}", PERIOD))
clickable(style(fig, title, SOURCE + (t(" · pekan pertama/terakhir bisa tidak penuh") if weekly else ""), height=380),
          "pg_trend_chart", on_trend)

heading(t("Per kanal, {}", PERIOD))
ch = compute(ct.per_channel, view, *args, lang)
CHANNEL = ("received", "in_sla_share", "median_response_days", "overdue")
show(ch, {"label": t("Kanal"), **{c: LABELS[c] for c in CHANNEL}}, {c: FORMATS[c] for c in CHANNEL},
     key="pg_channel_table", on_select=lambda: pick("pg_channel_table", "pg_channel", ch["channel"]),
     selection_mode="single-row", column_config=HELP, source=SOURCE)
ta = compute(ct.topic_area, view, f, view.scope, lang)
topics, areas = sorted(ta["topic"].unique()), sorted(ta["kecamatan"].unique())
grid = ct.topic_grid(ta)


def on_cell(point: dict) -> None:
    st.session_state["pg_topic"], st.session_state["pg_kecamatan"] = ct.cell_pick(
        custom(point, 0), custom(point, 1), topics, areas)


heat = charts.topic_by_area(grid)
clickable(style(heat, t("Pengaduan per topik dan kecamatan, {}", PERIOD), height=200 + 26 * len(grid)),
          "pg_heat_chart", on_cell)
st.caption(SOURCE + t(" · kecamatan dicocokkan dengan daftar wilayah; yang tidak cocok: {}", t("Tidak diketahui")))

heading(t("Rincian pengaduan, {}", PERIOD))
choices = {"pg_opd": ("rinci_opd", t("OPD"), list(names), names.get, str),  # key: URL name, label, choices, …
           "pg_channel": ("kanal", t("Kanal"), list(ch["channel"]), lambda c: ct.channel_label(c, lang), str),
           "pg_topic": ("topik", t("Topik"), topics, str, links.topic_code(lang)),
           "pg_kecamatan": ("kecamatan", t("Kecamatan"), areas, str, links.area_code(lang)),
           "pg_bucket": ("titik", t("Titik grafik"), list(points), points.get, links.bucket_code)}
picked = [url_choice(col.selectbox, label, options, None, name, key=key, to_url=code, format_func=fmt,
                     index=None, placeholder=t("Semua ({})", label))  # URL: ?rinci_opd=DLH&titik=masuk:2026-11-09
          for col, (key, (name, label, options, fmt, code)) in zip(st.columns(5), choices.items(), strict=True)]
rows = compute(ct.details, view, *args, *picked, lang)
st.caption(t("{} pengaduan. Identitas pelapor tidak pernah ditampilkan.", number(len(rows))))
if len(rows) > DETAILS_SHOWN:
    st.caption(t("Tabel memuat {shown} yang terbaru dari {total}; unduh semuanya di bawah.",
                 shown=number(DETAILS_SHOWN), total=number(len(rows))))
show(rows.head(DETAILS_SHOWN), {
            "complaint_id": t("Tiket"), "channel_label": t("Kanal"), "short_name": t("OPD"), "topic": t("Topik"),
            "kecamatan": t("Kecamatan"), "received_day": t("Diterima"), "first_response_day": t("Ditanggapi"),
            "resolved_day": t("Selesai"), "status_label": t("Status"), "response_days": t("Hari s.d. tanggapan"),
            "response_norm": t("Norma tanggapan"), "sla": t("SLA tanggapan"), "permalink": t("Tautan")},
     key="pg_details", column_config=LIST, height=360, source=SOURCE, export=lambda: rows)
page_deck_button()  # the sidebar's deck of all the page drew
