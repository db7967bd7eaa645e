"""The Tren Sentimen page on the sample warehouse (AppTest): figures shown equal plain SQL, filters and the URL."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.fmt import number, percent
from analytics.labels import CHANNELS, REVIEW_BELOW, SENTIMENTS
from analytics.sentiment_trends import drill, week_label
from tests.apptest import logged_in
from tests.english import leftover_indonesian

pytestmark = pytest.mark.xdist_group("sample")

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
WEEK = (TODAY - timedelta(days=6), TODAY)  # "this week": the 7 local days ending today (default period ends today)
LOCAL = "CAST(timezone('Asia/Jakarta', created_at) AS DATE)"


@pytest.fixture
def env(sample_db, con, monkeypatch):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY.isoformat())
    return con


def page(**params: str | list[str]) -> AppTest:
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    at.query_params.update(params)
    at.switch_page("pages/sentimen.py")  # the file name is the page's url_path, so no first run is needed
    at.run()
    assert not at.exception, at.exception
    return at


# AppTest gives a table's data with its own column names (the column_config labels are the browser's).


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def comments_week(con, where: str = "TRUE") -> tuple[str, str]:
    """Negative share and count of comments and mentions in WEEK, from stg_comment (corrected labels)."""
    neg, total = con.execute(f"""
        SELECT count(*) FILTER (WHERE sentiment = 'negative'),
               count(*) FILTER (WHERE sentiment IN ('positive', 'negative', 'neutral'))
        FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ? AND {where}""", list(WEEK)).fetchone()
    return percent(neg / total, 1), number(total)


def test_last_week_negative_share_equals_sql(env):
    at = page()
    shown = metrics(at)
    share, total = comments_week(env)
    assert shown["Komentar negatif 7 hari terakhir"] == share
    assert shown["Komentar 7 hari terakhir"] == total
    assert at.title[0].value == "Tren Sentimen"
    assert at.radio(key="url_skala").value == "hari"  # 30-day period: daily by default
    texts = at.dataframe[-1].value
    assert len(texts) and texts["akun"].str.contains("***", regex=False).all()
    assert not {"name", "phone", "nama", "telepon"} & set(texts.columns)


def test_opd_and_platform_filters_change_the_figures(env):
    at = page()
    everyone = metrics(at)["Komentar negatif 7 hari terakhir"]
    at.multiselect(key="w_opd").set_value(["DINKES"]).run()
    assert not at.exception
    dinkes = metrics(at)
    assert (dinkes["Komentar negatif 7 hari terakhir"], dinkes["Komentar 7 hari terakhir"]) == \
        comments_week(env, "opd_code = 'DINKES'")
    assert at.query_params["opd"] == "DINKES"
    at.multiselect(key="w_opd").set_value([]).run()
    at.multiselect(key="w_platform").set_value(["instagram"]).run()
    insta = metrics(at)
    assert (insta["Komentar negatif 7 hari terakhir"], insta["Komentar 7 hari terakhir"]) == \
        comments_week(env, "platform = 'instagram'")
    assert len({everyone, dinkes["Komentar negatif 7 hari terakhir"], insta["Komentar negatif 7 hari terakhir"]}) == 3
    at.selectbox(key="url_rinci").set_value("platform").run()
    table = at.dataframe[0].value
    assert table["Platform"].tolist() == ["Instagram"]
    assert at.query_params["rinci"] == "platform"


def test_a_url_reproduces_the_view(env):
    week_end = TODAY - timedelta(days=7)
    at = page(periode="90h", sumber="pengaduan", rinci="kanal", skala="pekan", pekan=week_end.isoformat(),
              teks_opd="DPUPR", teks_sentimen=["negative", "neutral"])
    assert at.segmented_control(key="url_sumber").value == "pengaduan"
    assert at.selectbox(key="url_rinci").value == "kanal"
    assert at.radio(key="url_skala").value == "pekan"
    assert at.selectbox(key="url_pekan").value == week_end.isoformat()
    assert at.selectbox(key="url_teks_opd").value == "DPUPR"
    assert at.segmented_control(key="url_teks_sentimen").value == ["negative", "neutral"]
    start = TODAY - timedelta(days=89)
    per_channel = dict(env.execute("""SELECT channel, count(*) FROM mart_complaint
                                      WHERE received_day BETWEEN ? AND ? AND sentiment IS NOT NULL GROUP BY 1""",
                                   [start, TODAY]).fetchall())
    table = at.dataframe[0].value
    assert dict(zip(table["Kanal"], table["jumlah"])) == {CHANNELS[k]: v for k, v in per_channel.items()}
    n = env.execute("""SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN ? AND ?
                       AND opd_code = 'DPUPR' AND sentiment IN ('negative', 'neutral')""",
                    [week_end - timedelta(days=6), week_end]).fetchone()[0]
    texts = at.dataframe[-1].value
    short = env.execute("SELECT short_name FROM ref_opd WHERE opd_code = 'DPUPR'").fetchone()[0]
    assert len(texts) == n > 0 and set(texts["OPD"]) == {short}
    assert not {"akun", "author", "name", "phone"} & set(texts.columns)  # complaint reporters are never shown
    assert at.query_params["sumber"] == "pengaduan" and at.query_params["pekan"] == week_end.isoformat()


def test_english_page_shows_the_same_figures(env):
    indonesian = page(rinci="opd")
    english = page(bahasa="en", rinci="opd")
    assert leftover_indonesian(english) == []
    assert english.title[0].value == "Sentiment trends"
    shown = metrics(english)
    share, total = comments_week(env)
    assert metrics(indonesian)["Komentar negatif 7 hari terakhir"] == share
    assert shown["Negative comments, last 7 days"] == share.replace(",", ".")  # English decimal point
    assert shown["Comments, last 7 days"].replace(",", "") == total.replace(".", "")
    assert english.selectbox(key="url_rinci").label == "Break down by"
    assert english.selectbox(key="url_pekan").label == "Week"
    assert [s.value for s in english.subheader] == ["Negative spikes", "Comment & mention texts"]
    by_opd, ind = english.dataframe[0].value, indonesian.dataframe[0].value
    assert by_opd.columns.tolist() == ["Agency (OPD)", "count", "positive", "negative", "neutral", "net sentiment"]
    assert by_opd["count"].tolist() == ind["jumlah"].tolist() and by_opd["Agency (OPD)"].tolist() == ind["OPD"].tolist()
    texts, ind_texts = english.dataframe[-1].value, indonesian.dataframe[-1].value
    assert len(texts) == len(ind_texts) > 0
    assert "Negative" in set(texts["sentiment"]) <= {"Negative", "To check"}
    assert texts["sentiment"].eq("To check").tolist() == ind_texts["sentimen"].eq("Perlu dicek").tolist()
    assert set(texts["kind"]) <= {"comment", "reply", "mention"}
    complaints = page(bahasa="en", sumber="pengaduan", periode="90h")
    assert leftover_indonesian(complaints) == []
    assert "Complaints, last 7 days" in metrics(complaints)


def test_the_texts_follow_the_week_sentiment_and_opd_a_click_picks(env):
    """What a click on the chart picks (analytics.sentiment_trends.drill) lands in the texts' pickers and table. The
    click is on the oldest week's OPD and sentiment with most labels below the review threshold."""
    at = page()
    day_clicked = TODAY - timedelta(days=29)  # the period's first day: the oldest week
    week = drill({"x": day_clicked.isoformat(), "customdata": [day_clicked.isoformat(), "positive", "DINSOS"]},
                 TODAY)["pekan"]
    first, last = date.fromisoformat(week) - timedelta(days=6), date.fromisoformat(week)
    opd, sentiment = env.execute(f"""SELECT opd_code, sentiment FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ?
                                     AND sentiment_confidence < ? GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1""",
                                 [first, last, REVIEW_BELOW]).fetchone()
    picked = drill({"x": day_clicked.isoformat(), "customdata": [day_clicked.isoformat(), sentiment, opd]}, TODAY)
    assert picked["pekan"] == week
    shown = [o.removesuffix(" ⚠") for o in at.selectbox(key="url_pekan").options]  # AppTest gives the labels
    assert shown[-1] == week_label(first, last) and first <= day_clicked <= last
    for name, value in picked.items():  # as the page's on_point callback does, before the rerun
        at.session_state[f"url_{name}"] = value
    at.run()
    assert not at.exception
    assert at.selectbox(key="url_pekan").value == picked["pekan"]
    assert at.selectbox(key="url_teks_opd").value == opd
    assert at.segmented_control(key="url_teks_sentimen").value == [sentiment]
    n = env.execute(f"""SELECT count(*) FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ?
                        AND opd_code = ? AND sentiment = ?""", [first, last, opd, sentiment]).fetchone()[0]
    texts = at.dataframe[-1].value
    assert len(texts) == n > 0 and SENTIMENTS[sentiment] in set(texts["sentimen"]) <= {SENTIMENTS[sentiment],
                                                                                       "Perlu dicek"}
    assert texts["tautan"].str.startswith("http").all()
    # a label below the review threshold reads "Perlu dicek", and the caption counts them
    unsure = env.execute(f"""SELECT count(*) FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ? AND opd_code = ?
                             AND sentiment = ? AND sentiment_confidence < ?""",
                         [first, last, opd, sentiment, REVIEW_BELOW]).fetchone()[0]
    assert (texts["sentimen"] == "Perlu dicek").sum() == unsure
    assert texts["sentimen"].eq("Perlu dicek").tolist() == (texts["yakin"] < REVIEW_BELOW).tolist()
    assert unsure > 0 and [c for c in at.caption if c.value.startswith(f"{unsure} label diberikan")]
    assert at.query_params["pekan"] == picked["pekan"] and at.query_params["teks_opd"] == opd
