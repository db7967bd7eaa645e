"""The pre-assembly briefing: headline figures against the previous period, top and bottom OPD,
passive OPD, sentiment this week vs last, rising complaint topics, overdue complaints, data
freshness, and 4–8 talking points in plain Indonesian built from those figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import ibis
import pandas as pd

from analytics import activity, complaint_trends, complaints, loads, passive, ranking, sentiment_trends
from analytics.complaint_trends import UNKNOWN_AREA, kecamatan_names, kecamatan_of
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import number, percent
from analytics.i18n import translate
from analytics.labels import source_name, topic
from analytics.metrics import metric
from analytics.norms import Norms
from analytics.opd import between, in_view

# The Ringkasan's six headline figures, in the page's order: (Briefing.figures key, metric id, what the change is
# against — a text of locale/en, "{}" = the period's days). The page, the deck and the pack read them from here.
HEADLINE = (("active_share", "active_opd_share", "vs periode lalu"), ("posts", "posts", "vs periode lalu"),
            ("received", "complaints_received", "vs periode lalu"),
            ("in_sla_share", "complaints_in_sla_share", "vs periode lalu"),
            ("negative_share", "negative_share_7d", "vs 7 hari sebelumnya"),
            ("overdue", "complaints_overdue", "vs {} hari lalu"))
MIN_TOPIC_COMPLAINTS = 5  # a topic rises only from at least this many complaints


@dataclass(frozen=True)
class Figure:
    value: float | None
    previous: float | None  # None = no baseline (never a false 0%)

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Briefing:
    figures: dict[str, Figure]
    league: pd.DataFrame
    passive: pd.DataFrame
    rising: pd.DataFrame
    overdue: pd.Series  # open complaints past their deadline today, per OPD
    freshness: pd.DataFrame
    points: list[str]

    @property
    def complaints_held(self) -> bool:
        """The warehouse holds complaint data (else "overdue: 0" would be no figure at all)."""
        return bool((self.freshness["source"].eq("pengaduan") & self.freshness["latest"].notna()).any())

    @property
    def has_period_data(self) -> bool:
        """The period itself has posts, comments or complaints (open complaints today are not a figure of it)."""
        f, received = self.figures, self.figures["received"]
        return (f["posts"].value is not None or f["negative_share"].value is not None
                or (received.value is not None and (received.value > 0 or received.previous is not None)))


def activity_figures(league: pd.DataFrame, norms: Norms) -> dict[str, float | None]:
    """Posts, the share of OPD that posted and the share meeting the posting norm (catalog: posts,
    active_opd_share, norm_opd_share) from a league table; None without OPD."""
    n = len(league)
    if not n:
        return {"posts": None, "active_share": None, "norm_share": None}
    return {"posts": float(league["posts"].sum()), "active_share": float((league["posts"] > 0).mean()),
            "norm_share": float((league["posts_per_week"] >= norms.posts_per_week).mean())}


def rising_topics(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Complaint topics in the period vs the previous one, biggest rise first, with the top kecamatan."""
    def counts(f: Filters) -> pd.DataFrame:
        c = in_view(wh.mart_complaint, wh, f, scope)
        c = c.filter(between(c.received_day, f))
        return wh.frame(c.group_by(["topic", "area"]).aggregate(n=ibis._.count()))

    now, before = counts(filters), counts(filters.previous())
    per_topic = now.groupby("topic")["n"].sum().rename("now").to_frame()
    per_topic["before"] = before.groupby("topic")["n"].sum()
    per_topic = per_topic.fillna({"before": 0}).reset_index()
    names = kecamatan_names(wh)
    now["area"] = now["area"].map({a: kecamatan_of(a, names) for a in now["area"].unique()})  # each string once
    now = now.groupby(["topic", "area"], as_index=False)["n"].sum()
    top_area = now[now["area"] != UNKNOWN_AREA].sort_values(["n", "area"], ascending=[False, True])
    top_area = top_area.drop_duplicates("topic")
    per_topic["top_area"] = per_topic["topic"].map(top_area.set_index("topic")["area"])
    per_topic["change"] = ((per_topic["now"] - per_topic["before"]) / per_topic["before"]).where(
        per_topic["before"] > 0)
    rising = per_topic[(per_topic["now"] >= MIN_TOPIC_COMPLAINTS) & (per_topic["now"] > per_topic["before"])]
    return rising.sort_values(["change", "now"], ascending=False, na_position="first", ignore_index=True)


def with_data(league: pd.DataFrame) -> pd.DataFrame:
    """The OPD of a league table that can be ranked on this period's data: a score and at least one post,
    complaint or comment in the period (account coverage alone is not a period's performance)."""
    return league[league["skor"].notna()
                  & ((league["posts"] > 0) | (league["received"] > 0) | (league["comments_n"] > 0))]


def _figure(now: dict | None, before: dict | None, key: str) -> Figure:
    value = (now or {}).get(key)
    return Figure(None if value is None else float(value), None if before is None or before.get(key) is None
                  else float(before[key]))


def briefing(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date, lang: str = "id") -> Briefing:
    """Every figure comes from the function the metric catalog names, the same ones the other pages call."""
    league, previous = ranking.league_and_previous(wh, filters, scope, norms, today)
    posted = activity.covered(wh, filters)  # else "no posts" would be a statement the data cannot make
    now_act = activity_figures(league, norms) if posted else {}
    before_act = activity_figures(previous, norms) if activity.covered(wh, filters.previous()) else {}
    complaint = complaint_trends.headline(wh, filters, scope, norms, today)
    senti = sentiment_trends.headline(wh, filters, scope, "komentar")
    figures = {
        **{k: _figure(now_act, before_act, k) for k in ("posts", "active_share", "norm_share")},
        "received": _figure(complaint["now"], complaint["previous"], "received"),
        "in_sla_share": _figure(complaint["now"], complaint["previous"], "in_sla_share"),
        "negative_share": _figure(senti["this"], senti["previous"], "negative_share"),
        "overdue": Figure(float(complaint["overdue"]), complaint["overdue_before"]),
    }
    late = complaints.overdue_by_opd(wh, filters, scope, norms, today)
    quiet = passive.passive_opd(wh, filters, scope, norms, today, table=league, lang=lang)
    rising = rising_topics(wh, filters, scope)
    fresh = loads.freshness(wh, today)
    points = talking_points(league if posted else league.iloc[:0], quiet, rising, late, fresh, figures, norms, lang)
    return Briefing(figures, league, quiet, rising, late, fresh, points)


# Talking-point sentences in Bahasa Indonesia (English in locale/en/briefing.toml), ``str.format`` fields
# filled from the data.
SENTENCES = {
    "active": "{active} dari {n} OPD ({share}) mengunggah konten dalam periode ini; {meets} OPD memenuhi norma "
              "≥ {norm} unggahan per pekan.",
    "silent": "{name} belum mengunggah konten selama {days} hari.",
    "no_account": "{name} belum memiliki akun media sosial resmi di platform wajib.",
    "never": "{name} belum pernah mengunggah konten.",
    "top": "Tiga OPD teratas periode ini: {top}.",
    "rising": "Pengaduan {topic} naik {change} dibanding periode sebelumnya ({before} → {now}){where}.",
    "new_topic": "Pengaduan {topic} muncul {now} kali (periode sebelumnya tidak ada){where}.",
    "where": ", terbanyak di Kecamatan {area}",
    "overdue": "{n} pengaduan terbuka lewat batas waktu, kapan pun diterima; terbanyak di {name} ({worst}).",
    "negative": "Porsi komentar negatif 7 hari terakhir {share}{before}.",
    "negative_before": " (7 hari sebelumnya {share})",
    "ceremonial": "{k} OPD didominasi konten seremonial (≥ {limit}), mis. {name}.",
    "no_data": "Data {source} {name} belum ada; mohon unggah ekspornya.",
    "stale": "Data {source} {name} terakhir {days} hari lalu; mohon perbarui ekspor.",
}


def talking_points(league: pd.DataFrame, quiet: pd.DataFrame, rising: pd.DataFrame, late: pd.Series,
                   fresh: pd.DataFrame, figures: dict[str, Figure], norms: Norms, lang: str = "id") -> list[str]:
    """4–8 plain sentences, most important first, each from a figure on this page."""
    say = {key: translate(text, lang) for key, text in SENTENCES.items()}
    points: list[str] = []
    n = len(league)
    if n:
        active = int((league["posts"] > 0).sum())
        meets = int((league["posts_per_week"] >= norms.posts_per_week).sum())
        share = metric("active_opd_share").format(active / n, lang)
        points.append(say["active"].format(active=active, n=n, share=share, meets=meets,
                                           norm=number(norms.posts_per_week, lang=lang)))
    silent = league[league["posts"] == 0].merge(quiet[["opd_code", "days_since_last_post"]], on="opd_code")
    silent = silent.sort_values("days_since_last_post", ascending=False, na_position="first").head(2)
    for _, row in silent.iterrows():
        days = row["days_since_last_post"]
        kind = "silent" if pd.notna(days) else "no_account" if row["coverage"] == 0 else "never"
        points.append(say[kind].format(name=row["name"], days=int(days) if pd.notna(days) else ""))
    ranked = with_data(league)
    if len(ranked) >= 3:
        points.append(say["top"].format(top=", ".join(ranked["short_name"].head(3))))
    if len(rising):
        r = rising.iloc[0]
        where = say["where"].format(area=r["top_area"]) if isinstance(r["top_area"], str) else ""
        points.append(say["rising" if pd.notna(r["change"]) else "new_topic"].format(
            topic=topic(r["topic"], lang).lower(), change=percent(r["change"], lang=lang), before=int(r["before"]),
            now=int(r["now"]), where=where))
    worst = late[late.index.notna()]
    if len(worst):
        name = league.set_index("opd_code")["short_name"].get(worst.index[0], worst.index[0])
        points.append(say["overdue"].format(n=metric("complaints_overdue").format(figures["overdue"].value, lang),
                                            name=name,
                                            worst=number(int(worst.iloc[0]), lang=lang)))
    neg = figures["negative_share"]
    if neg.value is not None:
        share = metric("negative_share_7d").format
        before = say["negative_before"].format(share=share(neg.previous, lang)) if neg.previous is not None else ""
        points.append(say["negative"].format(share=share(neg.value, lang), before=before))
    ceremonial = quiet[quiet["ceremonial"].fillna(False).astype(bool)] if len(quiet) else quiet
    if len(ceremonial):
        limit = percent(norms.passive_ceremonial_share, lang=lang)
        points.append(say["ceremonial"].format(k=len(ceremonial), limit=limit, name=ceremonial["short_name"].iloc[0]))
    stale = fresh[fresh["stale"]]
    if len(stale):
        s = stale.sort_values("days_behind", ascending=False, na_position="first").iloc[0]
        source = translate(s["source"], lang)
        points.append(say["no_data" if pd.isna(s["days_behind"]) else "stale"].format(
            source=source, name=source_name(s["name"], lang), days=s["days_behind"]))
    return points[:8]
