"""Ringkasan Apel — one screen for the regent before Monday's assembly."""

import pandas as pd
import streamlit as st

from analytics.briefing import briefing
from analytics.fmt import day, number
from analytics.labels import source_name, topic
from ui.i18n import language, t
from ui.page import compute, start
from ui.widgets import figure_metric, period_caption

view = start("page_ringkasan")
b = compute(briefing, view, view.filters, view.scope, view.norms, view.today, language())
st.caption(period_caption(view.filters))

f = b.figures
cols = st.columns(6)
figure_metric(cols[0], t("m_active"), f["active_share"], share=True, help=t("m_active_help"))
figure_metric(cols[1], t("m_posts"), f["posts"])
figure_metric(cols[2], t("m_received"), f["received"])
figure_metric(cols[3], t("m_in_sla"), f["in_sla_share"], share=True)
figure_metric(cols[4], t("m_negative"), f["negative_share"], share=True, lower_is_better=True,
              help=t("m_negative_help"))
cols[5].metric(t("m_overdue"), number(f["overdue"].value), help=t("m_overdue_help"))

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t('talking_points')}**")
    st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(b.points, 1)) or t("no_data_period"))
with right:
    ranked = b.league[b.league["skor"].notna()]
    table = {t("rank"): "rank", "OPD": "short_name", t("score"): "skor"}
    top, bottom = st.columns(2)
    top.markdown(f"**{t('top5')}**")
    top.dataframe(ranked.head(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                  column_config={t("score"): st.column_config.NumberColumn(format="%.0f")})
    bottom.markdown(f"**{t('bottom5')}**")
    bottom.dataframe(ranked.tail(5)[list(table.values())].set_axis(list(table), axis=1), hide_index=True,
                     column_config={t("score"): st.column_config.NumberColumn(format="%.0f")})
    st.page_link("pages/peringkat.py", label=t("full_ranking"))

a, b2, c = st.columns(3)
with a:
    st.markdown(f"**{t('page_pasif')} ({len(b.passive)})**")
    names = ", ".join(b.passive["short_name"].head(12))
    more = len(b.passive) - 12
    st.write(names + (t("and_more").format(more) if more > 0 else "") if len(b.passive) else t("none"))
    st.page_link("pages/opd_pasif.py", label=t("reasons_link"))
with b2:
    st.markdown(f"**{t('rising_topics')}**")
    rising = pd.DataFrame({t("topic"): b.rising["topic"].map(topic), t("now"): b.rising["now"],
                           t("before"): b.rising["before"], t("most_in"): b.rising["top_area"]}).head(5)
    st.dataframe(rising, hide_index=True) if len(rising) else st.write(t("no_rising"))
with c:
    st.markdown(f"**{t('freshness')}**")
    for s in b.freshness.sort_values("days_behind", ascending=False, na_position="first").itertuples():
        when = t("last").format(day(s.latest)) if s.latest else t("no_data")
        late = t("days_ago").format(s.days_behind) if s.stale and s.latest else ""
        (st.warning if s.stale else st.caption)(f"{source_name(s.name)} ({s.source}): {when}{late}")
st.caption(t("briefing_source").format(day(view.today)))
