"""Public sentiment: comments and mentions per OPD (and, in trends, per week, platform and topic)."""

from __future__ import annotations

import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.opd import daily_rows, opd_frame, per_opd_and_period

SENTIMENTS = ("positive", "negative", "neutral")


def sentiment_per_opd(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """opd_code, positive, negative, neutral, total, negative_share, net (= (pos − neg) / total)."""
    out = sentiment_by_period(wh, filters, scope, 1).drop(columns="period")
    return out[out["total"] > 0].reset_index(drop=True)


def sentiment_by_period(wh: Warehouse, filters: Filters, scope: Scope, periods: int) -> pd.DataFrame:
    """sentiment_per_opd for every OPD of the view and the current and earlier periods (``period``)."""
    d = daily_rows(wh.mart_comment_day, wh, filters, scope, periods)
    agg = wh.frame(d.group_by(["opd_code", "period"]).aggregate(
        **{s: d.n.sum(where=d.sentiment == s) for s in SENTIMENTS}))
    return shares(per_opd_and_period(opd_frame(wh, filters, scope)[["opd_code"]], agg, periods))


def shares(out: pd.DataFrame) -> pd.DataFrame:
    """From positive/negative/neutral counts: ``total``, each ``*_share`` and ``net`` = (pos − neg) ÷ total —
    the one definition of the sentiment figures (NaN where there is nothing to divide)."""
    out[list(SENTIMENTS)] = out[list(SENTIMENTS)].fillna(0).astype("int64")
    out["total"] = out[list(SENTIMENTS)].sum(axis=1)
    for s in SENTIMENTS:
        out[f"{s}_share"] = (out[s] / out["total"]).where(out["total"] > 0)
    out["net"] = ((out["positive"] - out["negative"]) / out["total"]).where(out["total"] > 0)
    return out
