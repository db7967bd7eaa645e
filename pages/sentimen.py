"""Tren Sentimen: shares and net sentiment per day/week by OPD, platform, topic or channel; spikes and their texts.

Clicking a point of the trend or spike chart picks the week (and sentiment, OPD) of the texts table below
(``analytics.sentiment_trends.drill``); the same pickers are ordinary widgets kept in the URL.
"""

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from analytics import labels as lb
from analytics import sentiment_trends as tr
from analytics.labels import CHANNELS, PLATFORMS, SENTIMENTS, TOPICS, UNKNOWN, named
from ui import sentiment_charts as charts
from ui.charts import style
from ui.drill import clickable
from ui.exports import page_deck_button
from ui.filters import url_choice
from ui.format import moment, number, percent
from ui.i18n import language, t
from ui.page import compute, heading, opd_names, start
from ui.widgets import metric_tile, percent1, show

view = start("Tren Sentimen")
f, names, lang = view.filters, opd_names(view), language()
SOURCE = {"komentar": t("Komentar & mention"), "pengaduan": t("Pengaduan")}
HEADLINE = {"komentar": {"negative_share": "negative_share_7d", "net": "net_sentiment_7d", "total": "comments_7d"},
            "pengaduan": {"negative_share": "complaint_negative_share_7d", "net": "complaint_net_sentiment_7d",
                          "total": "complaints_7d"}}
TEXTS = {"komentar": t("Isi komentar & mention"), "pengaduan": t("Isi pengaduan")}
BY = {"": t("Tanpa rincian"), "opd": t("OPD"), "platform": t("Platform"), "topik": t("Topik"), "kanal": t("Kanal")}
GRAIN = {"hari": t("Harian"), "pekan": t("Mingguan")}
SENTI = named(SENTIMENTS, lang)
KINDS = {"komentar": t("komentar"), "balasan": t("balasan"), "mention": t("mention")}
TEXT_LABELS = {"day": t("tanggal"), "platform": t("platform"), "channel": t("kanal"), "topic": t("topik"),
               "opd_code": t("OPD"), "sentiment": t("sentimen"), "confidence": t("yakin"), "author": t("akun"),
               "text": t("teks"), "permalink": t("tautan"), "kind": t("jenis")}
LABELS = {"opd_code": names, "platform": PLATFORMS, "topic": named(TOPICS, lang), "channel": named(CHANNELS, lang),
          "sentiment": SENTI | named(lb.TO_CHECK, lang), "kind": KINDS}


def pick(point: dict[str, Any]) -> None:
    """A clicked chart point sets the texts' pickers (before the rerun draws them)."""
    for name, value in tr.drill(point, f.end).items():
        st.session_state[f"url_{name}"] = value


def readable(column: str, codes) -> list[str]:
    """Codes as names; a missing code (a complaint without OPD) as "Tidak diketahui"."""
    return [t(UNKNOWN) if pd.isna(g) or not g else LABELS[column].get(g, g) for g in codes]


left, mid, right = st.columns([2, 2, 1])
source = url_choice(left.segmented_control, t("Sumber"), list(SOURCE), "komentar", "sumber", format_func=SOURCE.get,
                    required=True)
by = url_choice(mid.selectbox, t("Rinci menurut"), ["", *tr.BREAKDOWNS[source]], "", "rinci",
                format_func=BY.get) or None
grain = url_choice(right.radio, t("Skala"), list(tr.GRAINS), "hari" if f.days <= 31 else "pekan", "skala",
                   horizontal=True, format_func=GRAIN.get)
what, span = SOURCE[source].lower(), tr.week_label(f.start, f.end, lang)
loaded = compute(tr.updated, view, source)
caption = (t("Sumber: {what} yang dimuat; diperbarui {when}", what=what, when=moment(loaded))
           if loaded else t("Sumber: {what}", what=what))
if source == "pengaduan" and f.platforms:
    st.caption(t("Saringan platform tidak berlaku untuk pengaduan."))

# Headline: the last 7 days of the period against the 7 days before.
head = compute(tr.headline, view, f, view.scope, source)
now, before = head["this"], head["previous"] or {}
spikes = compute(tr.spikes, view, f, view.scope, view.norms, source)
cols = st.columns(4)
for col, (key, figure) in zip(cols, HEADLINE[source].items(), strict=False):
    metric_tile(col, figure, now[key], before.get(key), delta_description=t("vs 7 hari sebelumnya"))
metric_tile(cols[3], "negative_spikes", len(spikes), compare=False)
st.caption(t("7 hari terakhir periode: {}, dibandingkan dengan 7 hari sebelumnya. Sentimen bersih = "
             "(positif − negatif) ÷ jumlah, dari −1 sampai +1.", tr.week_label(now["start"], now["end"], lang)))

# Trend: shares and net sentiment, or the negative share per group with a table of every group.
rows = compute(tr.trend, view, f, view.scope, source, grain, by)
if rows.empty:
    st.info(t("Tidak ada {what} dalam periode dan saringan ini.", what=what))
elif by is None:
    fig = charts.shares(rows, SENTI)
    title = (t("Porsi sentimen {what} per hari, {span}", what=what, span=span) if grain == "hari"
             else t("Porsi sentimen {what} per pekan, {span}", what=what, span=span))
    clickable(style(fig, title, caption, height=380), "klik_tren", pick)
else:
    col = tr.COLUMN[by]
    table = compute(tr.summary, view, f, view.scope, source, by)
    top = table[col].head(5)
    fig = charts.negative_by_group(rows, col, list(top), readable(col, top), by == "opd")
    title = (t("Porsi negatif {what} per hari menurut {by} (5 terbesar), {span}", what=what, by=BY[by], span=span)
             if grain == "hari" else
             t("Porsi negatif {what} per pekan menurut {by} (5 terbesar), {span}", what=what, by=BY[by], span=span))
    clickable(style(fig, title, caption, height=420), "klik_tren", pick)
    table[col] = readable(col, table[col])
    labels = {col: BY[by], "total": t("jumlah"), "positive_share": t("positif"), "negative_share": t("negatif"),
              "neutral_share": t("netral"), "net": t("sentimen bersih")}
    formats = {"total": number, "positive_share": percent1, "negative_share": percent1, "neutral_share": percent1,
               "net": partial(number, decimals=2)}
    show(table, labels, formats, key="st_summary")

# Spikes: the rule in words, the weekly negative share against its threshold, the list.
n = view.norms
heading(t("Lonjakan negatif"))
st.markdown(t("Sebuah pekan ditandai **lonjakan** bila porsi {what} negatifnya lebih tinggi dari rata-rata "
              "{weeks} pekan sebelumnya ditambah {sd} kali simpangan bakunya. Pekan dengan kurang dari {least} "
              "{what} tidak dinilai dan tidak dipakai sebagai pembanding; pekan dengan kurang dari {baseline} "
              "pekan pembanding juga tidak dinilai. Dihitung untuk seluruh tampilan dan untuk tiap OPD.",
              what=what, weeks=n.baseline_weeks, sd=number(n.spike_sd, 1), least=n.spike_min_comments,
              baseline=tr.MIN_BASELINE))
weeks = compute(tr.weekly_judged, view, f, view.scope, view.norms, source)
if not weeks.empty:
    fig = charts.spikes(weeks)
    clickable(style(fig, t("Porsi negatif per pekan dan ambang lonjakan, {span}", span=span), caption, height=380),
              "klik_lonjakan", pick)
if spikes.empty:
    st.success(t("Tidak ada lonjakan negatif dalam periode ini."))
else:
    show(tr.spike_table(spikes, names, lang), {c: t(h) for c, h in tr.SPIKE_HEADERS.items()},
         {"negative_share": percent1, "total": number}, key="st_spikes")

heading(TEXTS[source])  # the texts behind a week and OPD (the newest spike's by default)
ends = [e.isoformat() for e in tr.week_ends(f.start, f.end)]
marked = {d.isoformat() for d in spikes["end"]}
first = spikes.iloc[0] if len(spikes) else None
c1, c2, c3 = st.columns(3)
week = url_choice(c1.selectbox, t("Pekan"), ends, first["end"].isoformat() if first is not None else ends[0], "pekan",
                  format_func=lambda e: tr.week_label(*tr.week_span(e), lang) + (" ⚠" if e in marked else ""))
opd = url_choice(c2.selectbox, t("OPD"), ["", *names], (first["opd_code"] or "") if first is not None else "",
                 "teks_opd", format_func=lambda c: names.get(c, t("Semua OPD")), invalid="")  # not another OPD
chosen = url_choice(c3.segmented_control, t("Sentimen"), list(SENTI), ["negative"], "teks_sentimen",
                    format_func=SENTI.get, selection_mode="multi") or list(SENTI)
first_day, last_day = tr.week_span(week)
found, total = compute(tr.texts, view, f, view.scope, source, first_day, last_day, opd or None,
                       tuple(s for s in SENTI if s in chosen))
st.caption(t("{n} {what} pada {week}", n=number(total), what=what, week=tr.week_label(first_day, last_day, lang))
           + (t("; ditampilkan {} terbaru", number(len(found))) if total > len(found) else "")
           + t(". Nama akun dan data pribadi (nomor telepon, NIK, email) disamarkan."))
if unsure := lb.to_check(found["sentiment"]):  # labels below lb.REVIEW_BELOW
    st.caption(t("{n} label diberikan dengan keyakinan di bawah {p}: ditandai «{mark}» (kira-kira separuh label "
                 "seperti itu benar).", n=number(unsure), p=percent(lb.REVIEW_BELOW), mark=t(lb.TO_CHECK[lb.CHECK])))
found = found.assign(**{c: [LABELS[c].get(v, v) for v in found[c]] for c in set(LABELS) & set(found.columns)})
show(found, {c: label for c, label in TEXT_LABELS.items() if c in found}, {"confidence": percent}, key="st_texts",
     column_config={TEXT_LABELS["confidence"]: st.column_config.Column(help=t("Keyakinan pengklasifikasi")),
                    TEXT_LABELS["text"]: st.column_config.TextColumn(width="large"),
                    TEXT_LABELS["permalink"]: st.column_config.LinkColumn(display_text=t("buka"))})
page_deck_button()  # the sidebar's deck of all the page drew
