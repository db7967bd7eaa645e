"""Ringkasan Apel, Peringkat OPD, OPD Pasif and Profil OPD on the sample warehouse (AppTest).

Every figure checked here is recomputed independently in plain SQL from the staging views
(working days counted from ref_holiday, not from the app's calendar mart).
"""

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import logged_in
from tests.english import leftover_indonesian

ROOT = Path(__file__).resolve().parent.parent
START, END = "2026-10-22", "2026-11-20"  # a 30-day custom period ending on the sample's last day
URL = {"periode": "kustom", "dari": START, "sampai": END}
WEIGHTS = {"aktivitas": 25, "kualitas": 20, "keterlibatan": 15, "responsivitas": 20, "sentimen": 10, "cakupan": 10}

pytestmark = pytest.mark.xdist_group("sample")

LOCAL = "CAST(timezone('Asia/Jakarta', {}) AS DATE)"
WORKDAYS = """(SELECT count(*) FROM range({a} + INTERVAL 1 DAY, {b} + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
               WHERE isodow(d) < 6 AND CAST(d AS DATE) NOT IN (SELECT day FROM ref_holiday))"""
RESPONSE_NORM = ("least(3, CASE WHEN channel = '112' THEN 1 ELSE 3 END, "
                 "CASE WHEN topic IN ('banjir_drainase', 'kesehatan') THEN 2 ELSE 3 END)")
RESOLUTION_NORM = ("CASE complexity WHEN 'ringan' THEN 2 WHEN 'normatif' THEN 5 WHEN 'tanpa_audit' THEN 14 "
                   "WHEN 'audit' THEN 60 ELSE 14 END")


@pytest.fixture
def app(sample_db, monkeypatch):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", END)

    def open_page(page: str | None = None, **params: str) -> AppTest:
        at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
        for k, v in {**URL, **params}.items():
            at.query_params[k] = v
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_page


def overdue_sql(con) -> int:
    today = f"DATE '{END}'"
    sql = f"""SELECT count(*) FROM (
        SELECT *, {WORKDAYS.format(a=LOCAL.format('received_at'), b=today)} AS age FROM stg_complaint
        WHERE status NOT IN ('selesai', 'ditutup', 'ditolak'))
        WHERE (first_response_at IS NULL AND age > {RESPONSE_NORM})
           OR (resolved_at IS NULL AND age > {RESOLUTION_NORM})"""
    return con.execute(sql).fetchall()[0][0]


def components_sql(con, start: str = START, end: str = END) -> dict[str, dict[str, float | None]]:
    """The six components and the score per OPD, from the staging views."""
    period = f"BETWEEN DATE '{start}' AND DATE '{end}'"
    weeks = ((date.fromisoformat(end) - date.fromisoformat(start)).days + 1) / 7
    rows = con.execute(f"""
        WITH p AS (SELECT opd_code, count(*) AS posts,
                     count(*) FILTER (WHERE content_type IN ('kinerja', 'layanan')) AS good,
                     count(*) FILTER (WHERE content_type IN ('kinerja', 'layanan', 'seremonial')) AS judged,
                     sum(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) AS eng,
                     sum(coalesce(reach, views)) AS reach
                   FROM stg_post WHERE {LOCAL.format('published_at')} {period} GROUP BY 1),
        c0 AS (SELECT *, status NOT IN ('selesai', 'ditutup', 'ditolak') AND resolved_at IS NULL AS open,
                 {WORKDAYS.format(a=LOCAL.format('received_at'), b=f"DATE '{END}'")} AS age,
                 first_response_at IS NOT NULL AND {WORKDAYS.format(a=LOCAL.format('received_at'),
                                                    b=LOCAL.format('first_response_at'))} <= {RESPONSE_NORM} AS on_time
               FROM stg_complaint WHERE {LOCAL.format('received_at')} {period}),
        c1 AS (SELECT *, open AND ((first_response_at IS NULL AND age > {RESPONSE_NORM})
                                   OR age > {RESOLUTION_NORM}) AS late FROM c0),
        c AS (SELECT opd_code, count(*) AS received, count(*) FILTER (WHERE on_time AND NOT late) AS in_sla,
                count(*) FILTER (WHERE NOT (open AND first_response_at IS NULL AND NOT late)) AS judged
              FROM c1 GROUP BY 1),
        s AS (SELECT opd_code, count(*) AS n, count(*) FILTER (WHERE sentiment = 'positive') AS pos,
                count(*) FILTER (WHERE sentiment = 'negative') AS neg
              FROM stg_comment WHERE {LOCAL.format('created_at')} {period} GROUP BY 1),
        a AS (SELECT opd_code, count(DISTINCT platform) AS have FROM ref_account
              WHERE platform IN ('facebook', 'instagram') GROUP BY 1)
        SELECT o.opd_code, o.short_name, coalesce(p.posts, 0), p.good, p.judged, p.eng, p.reach,
               coalesce(c.received, 0), c.in_sla, c.judged, s.n, s.pos, s.neg, coalesce(a.have, 0)
        FROM ref_opd o LEFT JOIN p USING (opd_code) LEFT JOIN c USING (opd_code) LEFT JOIN s USING (opd_code)
        LEFT JOIN a USING (opd_code) WHERE o.active""").fetchall()
    out = {}
    for code, name, posts, good, judged, eng, reach, _received, in_sla, sla_judged, n, pos, neg, have in rows:
        comp = {
            "aktivitas": min(100.0, posts / weeks / 2 * 100),
            "kualitas": 100 * good / judged if judged else None,
            "keterlibatan": min(100.0, eng / reach / 0.05 * 100) if reach else None,
            "responsivitas": 100 * in_sla / sla_judged if sla_judged else None,
            "sentimen": 100 * ((pos - neg) / n + 1) / 2 if n else None,
            "cakupan": 100 * have / 2,
        }
        used = {k: v for k, v in comp.items() if v is not None}
        comp["skor"] = sum(WEIGHTS[k] * v for k, v in used.items()) / sum(WEIGHTS[k] for k in used)
        comp["name"], comp["posts"] = name, posts
        out[code] = comp
    return out


def test_ranking_top_three_and_scores_match_sql(app, con):
    expected = components_sql(con)
    order = sorted(expected, key=lambda c: (-round(expected[c]["skor"], 9), expected[c]["name"]))
    at = app("pages/peringkat.py")
    table = at.dataframe[0].value
    assert list(table["OPD"].head(3)) == [expected[c]["name"] for c in order[:3]]
    shown = dict(zip(table["OPD"], table["Skor"], strict=True))
    for code in order:
        assert shown[expected[code]["name"]] == pytest.approx(expected[code]["skor"], abs=1e-6)
    assert list(table["Peringkat"].head(3)) == [1, 2, 3]
    top = at.selectbox(key="peringkat_opd").value
    assert at.subheader[0].value == f"Mengapa {expected[top]['name']} di peringkat 1?"


def test_ranking_filters_change_the_table(app, con):
    at = app("pages/peringkat.py", jenis="kewilayahan")
    kinds = dict(con.execute("SELECT short_name, kind FROM ref_opd").fetchall())
    assert {kinds[n] for n in at.dataframe[0].value["OPD"]} <= {"kecamatan", "kelurahan"}
    at.radio(key="peringkat_mode").set_value("sejenis").run()
    assert set(at.dataframe[0].value["Kelompok"]) == {"Kecamatan & kelurahan"}


def passive_sql(con) -> set[str]:
    weeks = 30 / 7
    comp = components_sql(con)
    silent = con.execute(f"""
        SELECT DISTINCT a.opd_code FROM ref_account a
        LEFT JOIN (SELECT platform, handle, max({LOCAL.format('published_at')}) AS last FROM stg_post
                   WHERE {LOCAL.format('published_at')} <= DATE '{END}' GROUP BY ALL) p USING (platform, handle)
        WHERE a.platform IN ('facebook', 'instagram') AND (p.last IS NULL OR DATE '{END}' - p.last >= 14)
    """).fetchall()
    ceremonial = con.execute(f"""SELECT opd_code FROM stg_post WHERE {LOCAL.format('published_at')}
        BETWEEN DATE '{START}' AND DATE '{END}' GROUP BY 1
        HAVING count(*) >= 3 AND avg((content_type = 'seremonial')::INT) >= 0.8""").fetchall()
    codes = {c for c, v in comp.items() if v["cakupan"] < 100 or v["posts"] / weeks < 2}
    codes |= {r[0] for r in silent + ceremonial}  # overdue complaints make an OPD slow, not passive
    return {comp[c]["name"] for c in codes if c in comp}


def test_passive_opd_are_the_ones_sql_finds(app, con):
    at = app("pages/opd_pasif.py")
    expected = passive_sql(con)
    assert set(at.dataframe[0].value["OPD"]) == expected
    assert at.metric[0].value == str(len(expected))
    reminder = at.code[0].value
    assert reminder.startswith("Yth. Bapak/Ibu Kepala ") and "Kabupaten Sukamaju" in reminder
    at.number_input(key="ps_pekan").set_value(0.0).run()  # only missing or silent accounts,
    at.number_input(key="ps_hari").set_value(365).run()  # ceremonial posts and overdue complaints remain
    assert 0 < int(at.metric[0].value) < len(expected)


def test_briefing_figures_match_sql(app, con):
    at = app()
    metrics = {m.label: m for m in at.metric}
    assert metrics["Lewat batas kini (semua periode)"].value == f"{overdue_sql(con):,}".replace(",", ".")
    neg, total = con.execute(f"""SELECT count(*) FILTER (WHERE sentiment = 'negative'), count(*) FROM stg_comment
        WHERE {LOCAL.format('created_at')} BETWEEN DATE '2026-11-14' AND DATE '{END}'""").fetchall()[0]
    assert metrics["Komentar negatif 7 hari terakhir"].value == f"{100 * neg / total:.1f}%".replace(".", ",")
    comp = components_sql(con)
    active = sum(1 for v in comp.values() if v["posts"] > 0)
    assert metrics["OPD aktif"].value == f"{round(100 * active / len(comp))}%"
    points = next(m.value for m in at.markdown if m.value.startswith("1. ")).splitlines()
    assert 4 <= len(points) <= 8
    assert points[0].startswith(f"1. {active} dari {len(comp)} OPD")
    rising = next(p for p in points if "Pengaduan " in p and "→" in p)
    before, now = (int(x) for x in re.search(r"\((\d+) → (\d+)\)", rising).groups())
    counts = dict(con.execute(f"""SELECT topic, count(*) FROM stg_complaint
        WHERE {LOCAL.format('received_at')} BETWEEN DATE '{START}' AND DATE '{END}' GROUP BY 1""").fetchall())
    earlier = dict(con.execute(f"""SELECT topic, count(*) FROM stg_complaint
        WHERE {LOCAL.format('received_at')} BETWEEN DATE '2026-09-22' AND DATE '2026-10-21' GROUP BY 1""").fetchall())
    grew = {t: (earlier.get(t, 0), n) for t, n in counts.items() if n >= 5 and n > earlier.get(t, 0)}
    best = max(grew, key=lambda t: ((grew[t][1] - grew[t][0]) / grew[t][0] if grew[t][0] else float("inf"), grew[t][1]))
    assert (before, now) == grew[best]


def test_briefing_without_baseline_says_so(app):
    at = app(dari="2025-11-21", sampai="2025-11-27")  # the sample's first week: nothing before it
    metrics = {m.label: m for m in at.metric}
    assert metrics["Unggahan"].delta == "— belum ada pembanding"
    assert metrics["OPD aktif"].delta == "— belum ada pembanding"


def test_url_reproduces_the_view_and_filters_carry_across_pages(app):
    at = app(None, opd="DINKES,DLH", jenis="semua")
    assert at.sidebar.multiselect[0].value == ["DINKES", "DLH"]
    at.switch_page("pages/peringkat.py").run()
    assert set(at.dataframe[0].value["OPD"]) == {"Dinkes", "DLH"}
    assert at.query_params["opd"] == ["DINKES,DLH"] or at.query_params["opd"] == "DINKES,DLH"


def test_profile_shows_one_opd(app, con):
    at = app("pages/profil_opd.py", kode="DINKES")
    posts = con.execute(f"""SELECT count(*) FROM stg_post WHERE opd_code = 'DINKES'
        AND {LOCAL.format('published_at')} BETWEEN DATE '{START}' AND DATE '{END}'""").fetchall()[0][0]
    received = con.execute(f"""SELECT count(*) FROM stg_complaint WHERE opd_code = 'DINKES'
        AND {LOCAL.format('received_at')} BETWEEN DATE '{START}' AND DATE '{END}'""").fetchall()[0][0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Unggahan"] == str(posts) and metrics["Pengaduan masuk"] == str(received)
    assert at.selectbox(key="profil_kode").value == "DINKES"


def test_briefing_in_english(app):
    at = app(bahasa="en")
    labels = {m.label for m in at.metric}
    assert {"Active agencies", "Posts", "Overdue now (all periods)"} <= labels
    points = next(m.value for m in at.markdown if m.value.startswith("1. ")).splitlines()
    assert " agencies (" in points[0] and "posted in this period" in points[0]
    assert at.title[0].value == "Briefing"
    assert leftover_indonesian(at) == []


def test_ranking_in_english_shows_the_same_scores(app, con):
    expected = components_sql(con)
    at = app("pages/peringkat.py", bahasa="en")
    assert leftover_indonesian(at) == []
    table = at.dataframe[0].value
    assert {"Rank", "Score", "Activity", "Content quality", "Posts"} <= set(table.columns)
    shown = dict(zip(table["OPD"], table["Score"], strict=True))
    assert all(shown[v["name"]] == pytest.approx(v["skor"], abs=1e-6) for v in expected.values())
    top = at.selectbox(key="peringkat_opd").value
    assert at.subheader[0].value == f"Why is {expected[top]['name']} ranked 1?"
    basis = at.dataframe[1].value["Basis"]
    assert basis.str.contains("posts/week").any() and not basis.str.contains("unggahan").any()


def test_passive_in_english_same_agencies_reminder_stays_indonesian(app, con):
    at = app("pages/opd_pasif.py", bahasa="en")
    assert leftover_indonesian(at) == []
    assert set(at.dataframe[0].value["OPD"]) == passive_sql(con)
    reasons = " ".join(at.dataframe[0].value["Reasons"])
    assert "posts per week" in reasons and "unggahan" not in reasons
    assert at.code[0].value.startswith("Yth. Bapak/Ibu Kepala ")  # sent to the OPD as written
    assert "unggahan per pekan" in at.code[0].value


def test_profile_in_english(app):
    at = app("pages/profil_opd.py", kode="DINKES", bahasa="en")
    assert leftover_indonesian(at) == []
    indonesian = app("pages/profil_opd.py", kode="DINKES")
    assert at.metric[0].label == "Posts" and at.metric[0].value == indonesian.metric[0].value


def test_profile_pickers_open_the_rows_behind_the_charts(app, con):
    """What a click on the weekly charts sets (the browser test clicks): posts and comments of one week."""
    at = app("pages/profil_opd.py", kode="DINKES")
    at.selectbox(key="pf_week").set_value("2026-11-09")
    at.selectbox(key="pf_content").set_value("kinerja").run()
    posts = con.execute(f"""SELECT count(*) FROM stg_post WHERE opd_code = 'DINKES' AND content_type = 'kinerja'
        AND {LOCAL.format('published_at')} BETWEEN DATE '2026-11-09' AND DATE '2026-11-15'""").fetchall()[0][0]
    table = next(d.value for d in at.dataframe if "Keterangan" in d.value.columns)
    assert len(table) == posts > 0 and set(table["Jenis"]) <= {"Kinerja", "Perlu dicek"}
    assert table["Tautan"].str.startswith("https://").all()
    at.selectbox(key="pf_cweek").set_value("2026-11-16")
    at.selectbox(key="pf_sentiment").set_value("negative").run()
    negative = con.execute(f"""SELECT count(*) FROM stg_comment WHERE opd_code = 'DINKES' AND sentiment = 'negative'
        AND {LOCAL.format('created_at')} BETWEEN DATE '2026-11-16' AND DATE '{END}'""").fetchall()[0][0]
    texts = next(d.value for d in at.dataframe if "Teks" in d.value.columns)
    assert len(texts) == negative and set(texts["Sentimen"]) <= {"Negatif", "Perlu dicek"}
    assert any(c.value.startswith(f"{negative} teks") for c in at.caption)
    assert at.selectbox(key="pf_rank_end").value == END  # the current period's score by default
    at.selectbox(key="pf_rank_end").set_value("2026-10-21").run()
    assert not at.exception and len(next(d.value for d in at.dataframe if "Komponen" in d.value.columns)) == 6
