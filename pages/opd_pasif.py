"""OPD Pasif — every passive OPD with its reasons, days since the last post per account, and a
polite WhatsApp-ready reminder to copy (in Indonesian, as it is sent)."""

from dataclasses import replace

import streamlit as st

from analytics.activity import accounts, covered
from analytics.labels import PLATFORMS
from analytics.opd import region_name
from analytics.passive import passive_and_slow, reminder
from ui.exports import page_deck_button
from ui.filters import url_choice, url_number
from ui.i18n import language, t
from ui.page import compute, heading, start
from ui.widgets import metric_tile, period_caption, show

view = start("OPD Pasif")
n = view.norms
THRESHOLDS = ("hari", "per_pekan", "seremonial", "lambat")  # in the URL; a link with one opens them
with st.expander(t("Ambang (ubah untuk tampilan ini; nilai bawaan di data/norma.toml)"),
                 expanded=any(name in st.query_params for name in THRESHOLDS)):
    c = st.columns(4)
    norms = replace(
        n,
        passive_days=url_number(c[0].number_input, t("Tanpa unggahan ≥ hari"), 1, 365, n.passive_days, "hari",
                                key="ps_hari"),
        passive_posts_per_week=url_number(c[1].number_input, t("Unggahan per pekan <"), 0.0, 50.0,
                                          float(n.passive_posts_per_week), "per_pekan", step=0.5, key="ps_pekan"),
        passive_ceremonial_share=url_number(c[2].slider, t("Seremonial ≥"), 0.5, 1.0, float(n.passive_ceremonial_share),
                                            "seremonial", step=0.05, key="ps_seremonial"),
        passive_overdue=url_number(c[3].number_input, t("Lambat: pengaduan lewat batas ≥ (0 = abaikan)"), 0, 1000,
                                   n.passive_overdue, "lambat", key="ps_sla"),
    )
table, slow = compute(passive_and_slow, view, view.filters, view.scope, norms, view.today, language())
acc = compute(accounts, view, view.filters, view.scope, view.filters.end)
st.caption(period_caption(view.filters))
if not compute(covered, view, view.filters):
    st.info(t("Belum ada data unggahan untuk periode ini: tidak ada OPD yang bisa dinilai."))
    st.stop()
left, right = st.columns(2)
metric_tile(left, "passive_opd", len(table), compare=False)
metric_tile(right, "slow_opd", len(slow), compare=False)
if len(slow):
    right.caption(t("Lambat menanggapi pengaduan (dinilai terpisah dari unggahan): {}").format(", ".join(
        f"{name} ({late})" for name, late in zip(slow["short_name"], slow["overdue"], strict=True))))
if not len(table):
    st.success(t("Tidak ada OPD pasif menurut ambang ini."))
    st.stop()


def _pick(rows: list[int]) -> None:
    """A row picked in the table opens its accounts and reminder below."""
    if rows:
        st.session_state["ps_opd"] = table["opd_code"].iloc[rows[0]]


overview = table[["short_name", "kind", "posts", "days_since_last_post", "reasons"]].copy()
overview["reasons"] = overview["reasons"].map("; ".join)
show(overview, {"short_name": "OPD", "kind": t("Jenis"), "posts": t("Unggahan"),
                "days_since_last_post": t("Hari sejak unggahan terakhir"), "reasons": t("Alasan")},
     key="ps_table", selection_mode="single-row", column_config={
         t("Hari sejak unggahan terakhir"): st.column_config.Column(help=t("— = belum pernah mengunggah"))},
     on_select=lambda: _pick(st.session_state["ps_table"].selection.rows))
st.caption(t("Pilih satu baris untuk akun dan pengingatnya."))


region = compute(region_name, view)
names = dict(zip(table["opd_code"], table["short_name"], strict=True))
code = url_choice(st.selectbox, t("Rincian dan pengingat untuk"), list(names), next(iter(names)), "rinci_opd",
                  key="ps_opd", invalid=None, index=None, format_func=names.get, placeholder=t("Pilih OPD"))
if code is None:  # the link asked for an OPD that is not passive (said above): no other OPD in its place
    st.stop()
row = table.set_index("opd_code").loc[code]
left, right = st.columns([2, 3])
with left:
    heading(t("**Akun {}**", row["short_name"]), bold=True)
    mine = acc[acc["opd_code"] == code].copy()
    mine["platform"] = mine["platform"].map(PLATFORMS)
    link = t("Tautan")
    show(mine, {"platform": "Platform", "handle": t("Akun"), "last_day": t("Unggahan terakhir"),
                "days_since": t("Hari"), "last_permalink": link}, key="ps_accounts",
         column_config={link: st.column_config.LinkColumn(display_text=t("buka"))})
    for reason in row["reasons"]:
        st.markdown(f"- {reason}")
with right:
    heading(t("**Pengingat WhatsApp** (salin dengan tombol di pojok kanan)"), bold=True)
    st.code(reminder(row["name"], row["reasons_id"], view.filters, region), language=None, wrap_lines=True)
page_deck_button()  # the sidebar's deck of all the page drew
