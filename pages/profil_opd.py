"""Profil OPD — everything about one OPD for the sekda's drill-down; every chart opens the rows behind it."""

from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import streamlit as st

from analytics import activity, complaints, profile
from analytics import sentiment_trends as tr
from analytics.labels import COMPONENT_NAMES, CONTENT, PLATFORMS, SENTIMENTS, TO_CHECK, named, source_name, topic
from analytics.metrics import metric
from analytics.ranking import breakdown
from ui.charts import CONTENT_COLORS, SENTIMENT_COLORS, style
from ui.drill import clickable, custom
from ui.exports import page_deck_button
from ui.filters import url_choice
from ui.format import day, day_range, number, number1
from ui.i18n import language, t
from ui.page import compute, deck_subject, heading, opd_names, start
from ui.widgets import metric_tile, opd_from_url, period_caption, show

view = start("Profil OPD")
lang = language()
content, sentiments = named(CONTENT | TO_CHECK, lang), named(SENTIMENTS | TO_CHECK, lang)  # unsure: «Perlu dicek»
names = opd_names(view)
code = opd_from_url(names, view.filters.opd[0] if view.filters.opd else None)
f = profile.one(view.filters, code)
deck_subject(names[code])
span = day_range(f.start, f.end)
caption = t("Sumber: ekspor media sosial & pengaduan di gudang data Sorot, per {}", day(view.today))
st.caption(period_caption(f))
LINK = st.column_config.LinkColumn(t("Tautan"), display_text=t("buka"))
weeks = ["", *(m.isoformat() for m in profile.mondays(f))]


def week_name(iso: str) -> str:
    return f"{day(date.fromisoformat(iso))} – {day(date.fromisoformat(iso) + timedelta(days=6))}" if iso else t(
        "Seluruh periode")


def pick(**values: str) -> None:
    """A click on a chart: the pickers of its table below take the clicked values."""
    st.session_state.update(values)


history = compute(profile.history, view, view.filters, view.scope, view.norms, view.today)
mine = history[history["opd_code"] == code]
if not len(mine):  # an OPD outside the sidebar's kind filter: its own figures
    mine = compute(profile.history, view, f, view.scope, view.norms, view.today)
now = mine.iloc[-1]
c = st.columns(5)
for col, (key, figure) in zip(c, {"posts": "posts", "quality_share": "content_quality_share",
                                  "received": "complaints_received", "in_sla_share": "complaints_in_sla_share",
                                  "rank": "rank"}.items(), strict=True):
    metric_tile(col, figure, now[key], compare=False)

left, right = st.columns(2)
with left:
    heading(t("**Akun dan unggahan terakhir**"), bold=True)
    acc = compute(activity.accounts, view, f, view.scope, f.end)
    acc["platform"] = acc["platform"].map(PLATFORMS)
    show(acc, {"platform": "Platform", "handle": t("Akun"), "last_day": t("Terakhir"), "days_since": t("Hari"),
               "url": t("Profil")}, key="pf_accounts",
         column_config={t("Profil"): st.column_config.LinkColumn(display_text=t("buka"))})
    weekly = compute(profile.weekly_posts, view, f, view.scope)
    if len(weekly):
        weekly = weekly.assign(code=weekly["content_type"], iso=pd.to_datetime(weekly["week"]).dt.strftime("%Y-%m-%d"),
                               content_type=weekly["content_type"].map(content))
        fig = px.bar(weekly, x="week", y="posts", color="content_type", custom_data=["iso", "code"],
                     color_discrete_map={content[k]: v for k, v in CONTENT_COLORS.items()},
                     labels={"week": t("Pekan"), "posts": t("Unggahan"), "content_type": t("Jenis konten")})
        fig.add_hline(y=view.norms.posts_per_week, line_dash="dot", annotation_text=t("norma"))
        clickable(style(fig, t("Unggahan per pekan menurut jenis konten, {}", span), caption), "pf_posts_chart",
                  lambda p: pick(pf_week=custom(p, 0), pf_content=custom(p, 1)), hint="")
with right:
    weekly_s = compute(profile.weekly_sentiment, view, f, view.scope)
    if len(weekly_s):
        weekly_s = weekly_s.assign(code=weekly_s["sentiment"], sentiment=weekly_s["sentiment"].map(sentiments),
                                   iso=pd.to_datetime(weekly_s["week"]).dt.strftime("%Y-%m-%d"))
        fig = px.bar(weekly_s, x="week", y="n", color="sentiment", custom_data=["iso", "code"],
                     color_discrete_map={sentiments[k]: v for k, v in SENTIMENT_COLORS.items()},
                     labels={"week": t("Pekan"), "n": t("Komentar & mention"), "sentiment": t("Sentimen")})
        clickable(style(fig, t("Sentimen komentar per pekan, {}", span), caption), "pf_sentiment_chart",
                  lambda p: pick(pf_cweek=custom(p, 0), pf_sentiment=custom(p, 1)), hint="")
    ends = [e.isoformat() for e in mine["end"]]
    fig = px.line(mine.assign(iso=ends), x="end", y="rank", markers=True, custom_data=["iso"],
                  labels={"end": t("Akhir periode"), "rank": t("Peringkat")})
    fig.update_yaxes(autorange="reversed")
    clickable(style(fig, t("Riwayat peringkat (periode {} hari)", view.filters.days), caption, height=240),
              "pf_rank_chart", lambda p: pick(pf_rank_end=custom(p, 0)), hint="")
    st.caption(t("{} komentar; negatif {}", number(now["comments_n"]), metric("negative_share").format(
        now["negative_share"], lang)))
st.caption(t("Klik batang, titik atau sel grafik untuk melihat data di baliknya."))

# The rows behind the charts: posts, comments, the score of a period.
heading(t("**Unggahan, keterlibatan tertinggi dulu**"), bold=True)
a, b = st.columns(2)
week = url_choice(a.selectbox, t("Pekan"), weeks, "", "pekan", key="pf_week", format_func=week_name)  # in the URL
kind = url_choice(b.selectbox, t("Jenis konten"), ["", *CONTENT], "", "konten", key="pf_content",
                  format_func=lambda k: content.get(k, t("Semua")))
posts = compute(profile.top_posts, view, profile.week(f, date.fromisoformat(week)) if week else f, view.scope,
                10 if not (week or kind) else 200, kind or None)
posts = posts.assign(platform=posts["platform"].map(PLATFORMS), content_type=posts["content_type"].map(content))
show(posts, {"day": t("Tanggal"), "platform": "Platform", "content_type": t("Jenis"), "caption": t("Keterangan"),
             "views": t("Tayangan"), "engagements": t("Keterlibatan"), "permalink": t("Tautan")},
     key="pf_posts", column_config={t("Tautan"): LINK})

heading(t("**Komentar & mention** (nama akun dan data pribadi disamarkan)"), bold=True)
a, b = st.columns(2)
cweek = url_choice(a.selectbox, t("Pekan"), weeks, "", "pekan_komentar", key="pf_cweek", format_func=week_name)
feel = url_choice(b.selectbox, t("Sentimen"), ["", *SENTIMENTS], "", "sentimen", key="pf_sentiment",
                  format_func=lambda s: sentiments.get(s, t("Semua")))
span_c = profile.week(f, date.fromisoformat(cweek)) if cweek else f
said, total = compute(tr.texts, view, f, view.scope, "komentar", span_c.start, span_c.end, code,
                      (feel,) if feel else tuple(SENTIMENTS))
st.caption(t("{} teks; ditampilkan {} terbaru", number(total), number(len(said))))
said = said.assign(sentiment=said["sentiment"].map(sentiments), platform=said["platform"].map(PLATFORMS))
show(said, {"day": t("Tanggal"), "platform": "Platform", "sentiment": t("Sentimen"), "author": t("Akun"),
            "text": t("Teks"), "permalink": t("Tautan")}, key="pf_texts", column_config={t("Tautan"): LINK})

heading(t("**Skor per komponen pada periode yang berakhir**"), bold=True)
end = url_choice(st.selectbox, t("Akhir periode"), ends[::-1], ends[-1], "akhir", key="pf_rank_end",
                 format_func=lambda e: day(date.fromisoformat(e)))
then = mine[[e == end for e in ends]].iloc[0]
parts = breakdown(then, view.norms, lang).assign(komponen=lambda d: d["komponen"].map(named(COMPONENT_NAMES, lang)))
show(parts, {"komponen": t("Komponen"), "nilai": t("Nilai (0–100)"), "bobot": t("Bobot"),
             "sumbangan": t("Sumbangan ke skor"), "dasar": t("Dasar perhitungan")},
     {"nilai": number, "sumbangan": number1}, key="pf_score_parts")

late = compute(complaints.overdue, view, f, view.scope, view.norms, view.today)
heading(t("**Pengaduan lewat batas waktu ({})**", len(late)), bold=True)
if len(late):
    late = late.assign(topic=late["topic"].map(lambda c: topic(c, lang)),
                       channel=late["channel"].map(lambda c: source_name(c, lang)),
                       received_day=pd.to_datetime(late["received_day"]).dt.date)
    show(late, {"complaint_id": t("Tiket"), "channel": t("Kanal"), "topic": t("Topik"), "received_day": t("Diterima"),
                "age_days": t("Umur (hari kerja)"), "status": "Status", "permalink": t("Tautan")},
         key="pf_overdue", column_config={t("Tautan"): LINK})
page_deck_button()  # the sidebar's deck of all the page drew
