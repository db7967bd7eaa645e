"""Ringkasan Apel — one screen for the regent before Monday's assembly."""

import streamlit as st

from analytics.briefing import HEADLINE, briefing, with_data
from analytics.labels import source_name, topic
from analytics.metrics import metric
from analytics.opd import region_name
from reports.digest import LIMIT, compose
from ui.exports import pack_buttons
from ui.format import day, number, styled
from ui.i18n import language, t
from ui.page import compute, start
from ui.widgets import metric_tile, period_caption

view = start("Ringkasan Apel", deck=False)
b = compute(briefing, view, view.filters, view.scope, view.norms, view.today, language())
st.caption(period_caption(view.filters))

f = b.figures
# Six figures of a fixed width in a row that wraps: 3 + 3 on a 1366 px laptop, 2 a row at 1024 px, 1 on a phone —
# never a label cut short ("Lewat batas kini (semua periode)" needs ~220 px).
row, W = st.container(horizontal=True, gap="small"), 260
for key, figure, basis in HEADLINE:
    metric_tile(row, figure, f[key].value, f[key].previous, delta_description=t(basis, view.filters.days), width=W)

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t('Poin bicara')}**")
    st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(b.points, 1)) or t("Belum ada data untuk periode ini."))
with right:
    ranked = with_data(b.league)
    if view.scope.opd is not None:  # an OPD head: their own place among all, never another OPD's name
        st.markdown(f"**{t('Posisi OPD Anda')}**")
        for r in ranked.itertuples():
            st.markdown(t("{name}: peringkat {rank} dari {n} OPD, skor {score}", name=r.short_name, rank=r.rank,
                          n=r.ranked_of, score=metric("score").format(r.skor, language())))
        st.caption(t("Peringkat di antara semua OPD; nama OPD lain tidak ditampilkan untuk akun OPD.") if len(ranked)
                   else t("Belum ada OPD dengan data dalam periode ini."))
    score = metric("score").header(language())
    table = {"rank": metric("rank").header(language()), "short_name": "OPD", "skor": score}
    parts = ((t("5 teratas"), ranked.head(5)), (t("5 terbawah"), ranked.tail(5))) if view.scope.opd is None else ()
    for title, part in parts:
        st.markdown(f"**{title}**")  # st.table: names wrap, never cut (st.dataframe cuts them at this width)
        if len(part):
            st.table(styled(part[list(table)].rename(columns=table), {score: number}), hide_index=True,
                     border="horizontal")
        else:
            st.caption(t("Belum ada OPD dengan data dalam periode ini."))
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
    rising = [t("**{topic}**: {before} → {now}", topic=topic(r.topic, language()), before=number(r.before),
                now=number(r.now)) + (t(", terbanyak di {}", r.top_area) if isinstance(r.top_area, str) else "")
              for r in b.rising.head(5).itertuples()]  # a list, not a table: it wraps on any screen
    st.markdown("\n".join(f"- {line}" for line in rising) or t("Tidak ada topik yang naik."))
with c:
    st.markdown(f"**{t('Kesegaran data')}**")
    for s in b.freshness.sort_values("days_behind", ascending=False, na_position="first").itertuples():
        when = t("terakhir {}").format(day(s.latest)) if s.latest else t("belum ada data")
        late = t(" — {} hari lalu").format(s.days_behind) if s.stale and s.latest else ""
        (st.warning if s.stale else st.caption)(f"{source_name(s.name, language())} ({t(s.source)}): {when}{late}")
with st.expander(t("Ringkasan untuk WhatsApp")):  # the same briefing as above, as text to paste in a group
    text = compose(b, compute(region_name, view), view.filters, language())
    st.code(text, language=None, wrap_lines=True)  # Streamlit's copy button sits on the box
    st.caption(t("{n} karakter (batas {limit}); tombol salin di pojok kanan atas kotak.", n=number(len(text)),
                 limit=number(LIMIT)))
pack_buttons()  # the same briefing as slides, PDF and workbook, made on click
st.caption(t("Sumber: gudang data Sorot; skor dan ambang dari data/norma.toml. Data per {}.").format(day(view.today)))
