"""The OPD league table: a transparent composite of six components, each scaled 0–100.

- aktivitas: posts per week against the norm (≥ 2 per week = 100)
- kualitas: share of kinerja + layanan among kinerja, layanan and seremonial posts
- keterlibatan: (reactions + comments + shares) / reach against the target rate (= 100)
- responsivitas: share of complaints received in the period answered within the SLA
- sentimen: (net sentiment + 1) / 2 of comments and mentions
- cakupan: share of the required platforms on which the OPD has a registered account

The score is the weighted mean (weights from data/norma.toml) of the components that have data;
a component without data (no posts, no complaints, no comments) is left out, not counted as 0.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import activity, complaints, sentiment
from analytics.context import KIND_GROUPS, Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import number, percent
from analytics.i18n import translate
from analytics.norms import COMPONENTS, Norms
from analytics.opd import opd_frame, windows

GROUP_OF_KIND = {kind: group for group, kinds in KIND_GROUPS.items() for kind in kinds}


def _clip(values: pd.Series) -> pd.Series:
    return values.clip(lower=0, upper=100)


def components(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> pd.DataFrame:
    """One row per OPD of the view: raw figures, the six components and the score."""
    return components_by_period(wh, filters, scope, norms, today, 1).drop(columns="period")


def components_by_period(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                         periods: int) -> pd.DataFrame:
    """``components`` of the current period and the ``periods - 1`` before it (``period`` 0, 1, …),
    each figure computed for all periods in one query."""
    opd = opd_frame(wh, filters, scope)
    posts = activity.posts_by_period(wh, filters, scope, periods)
    sla = complaints.sla_by_period(wh, filters, scope, norms, today, periods)
    senti = sentiment.sentiment_by_period(wh, filters, scope, periods)
    cover = activity.coverage(wh, filters, scope)
    keys = ["opd_code", "period"]
    df = (posts.merge(opd, on="opd_code")
          .merge(sla[[*keys, "received", "judged", "in_sla", "in_sla_share", "median_response_days", "overdue"]],
                 on=keys)
          .merge(senti[[*keys, "total", "net", "negative_share"]].rename(columns={"total": "comments_n"}), on=keys)
          .merge(cover[["opd_code", "missing", "coverage"]], on="opd_code", how="left"))
    weeks = df["period"].map({k: w.days / 7 for k, w in enumerate(windows(filters, periods))})
    df["posts_per_week"] = df["posts"] / weeks
    judged = df["kinerja"] + df["layanan"] + df["seremonial"]
    rate = (df["engagements"] / df["reach"].astype("float64")).where(df["reach"].astype("float64") > 0)
    df["engagement_rate"] = rate
    df["aktivitas"] = _clip(df["posts_per_week"] / norms.posts_per_week * 100) if norms.posts_per_week else 100.0
    df["quality_share"] = ((df["kinerja"] + df["layanan"]) / judged).where(judged > 0)
    df["kualitas"] = 100 * df["quality_share"]
    df["keterlibatan"] = _clip(rate / norms.engagement_target * 100) if norms.engagement_target else np.nan
    df["responsivitas"] = 100 * df["in_sla_share"].where(df["received"] > 0)
    df["sentimen"] = (100 * (df["net"] + 1) / 2).where(df["comments_n"] > 0)
    df["cakupan"] = 100 * df["coverage"]
    df["skor"] = score(df, norms)
    df["group"] = df["kind"].map(GROUP_OF_KIND).fillna("dinas_badan")
    return df


def score(df: pd.DataFrame, norms: Norms) -> pd.Series:
    """The weighted mean of the components that have data (a component without data is left out, not 0)."""
    values = df[list(COMPONENTS)].astype("float64")
    weights = pd.Series(norms.weights)[list(COMPONENTS)]
    present = values.notna()
    total = (values.fillna(0) * weights).sum(axis=1)
    used = (present * weights).sum(axis=1)
    return (total / used).where(used > 0)


def ranked(df: pd.DataFrame) -> pd.DataFrame:
    """Rank 1 = best score; ties share the better rank; OPD without a score are ranked last."""
    df = df.copy()
    score = df["skor"].fillna(-1)
    df["rank"] = score.rank(method="min", ascending=False).astype("int64")
    df["rank_group"] = score.groupby(df["group"]).rank(method="min", ascending=False).astype("int64")
    return df


def league(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> pd.DataFrame:
    """The league table (best first) with the rank in the previous period of equal length."""
    return league_and_previous(wh, filters, scope, norms, today)[0]


def league_and_previous(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms,
                        today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The league table and the previous period's components (for comparisons). Ranks are among every OPD of
    the filters; a viewer with a narrower scope (an OPD head) gets only their own rows, with their place among
    all (``ranked_of`` says among how many) — never another OPD's name or score."""
    both = components_by_period(wh, filters, Scope.everything(), norms, today, 2)
    now = ranked(both[both["period"] == 0].drop(columns="period"))
    previous = visible(ranked(both[both["period"] == 1].drop(columns="period")), scope)
    before = previous[["opd_code", "rank", "rank_group", "skor"]].rename(
        columns={"rank": "rank_prev", "rank_group": "rank_group_prev", "skor": "skor_prev"})
    out = now.merge(before, on="opd_code", how="left")
    has_before = out["skor_prev"].notna()
    out["rank_change"] = (out["rank_prev"] - out["rank"]).where(has_before)  # + = moved up
    out["rank_group_change"] = (out["rank_group_prev"] - out["rank_group"]).where(has_before)
    out["ranked_of"] = len(out)
    return visible(out, scope).sort_values(["rank", "short_name"], ignore_index=True), previous


def visible(df: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The rows of OPD the viewer may see."""
    return df if scope.opd is None else df[df["opd_code"].isin(scope.opd)].reset_index(drop=True)


def breakdown(row: pd.Series, norms: Norms, lang: str = "id") -> pd.DataFrame:
    """'Why this rank': each component, its weight, the figure behind it and its share of the score."""
    weights = {c: norms.weights[c] for c in COMPONENTS if pd.notna(row[c])}
    used = sum(weights.values()) or 1.0
    basis = {
        "aktivitas": ("{rate} unggahan/pekan (norma {norm})",
                      {"rate": number(row["posts_per_week"], 1, lang=lang),
                       "norm": number(norms.posts_per_week, 1, lang=lang)}),
        "kualitas": ("{kinerja} kinerja + {layanan} layanan dari {n} unggahan bernilai",
                     {"kinerja": int(row["kinerja"]), "layanan": int(row["layanan"]),
                      "n": int(row["kinerja"] + row["layanan"] + row["seremonial"])}),
        "keterlibatan": ("{rate} per jangkauan (target {target})",
                         {"rate": percent(row["engagement_rate"], 1, lang=lang),
                          "target": percent(norms.engagement_target, lang=lang)}),
        "responsivitas": ("{n} dari {total} pengaduan yang sudah bisa dinilai ditanggapi sesuai SLA",
                          {"n": int(row["in_sla"]), "total": int(row["judged"])})
                         if row["judged"] else ("belum ada pengaduan dalam periode", {}) if not row["received"]
                         else ("pengaduan periode ini belum bisa dinilai (masih dalam batas)", {}),
        "sentimen": ("{n} komentar, sentimen bersih {net}",
                     {"n": int(row["comments_n"]), "net": number(row["net"], 2, lang=lang)})
                    if row["comments_n"] else ("belum ada komentar", {}),
        "cakupan": ("semua platform wajib ada", {}) if not row["missing"] else
                   ("belum ada: {missing}", {"missing": ", ".join(row["missing"])}),
    }
    return pd.DataFrame([{
        "komponen": c, "nilai": row[c], "bobot": norms.weights[c],
        "sumbangan": row[c] * weights[c] / used if c in weights else None,
        "dasar": translate(basis[c][0], lang, **basis[c][1]),
    } for c in COMPONENTS])
