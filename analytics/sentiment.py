"""Public sentiment: comments and mentions per OPD (and, in trends, per week, platform and topic)."""

from __future__ import annotations

import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.opd import between, in_view

SENTIMENTS = ("positive", "negative", "neutral")


def sentiment_per_opd(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """opd_code, positive, negative, neutral, total, negative_share, net (= (pos − neg) / total)."""
    d = wh.mart_comment_day
    d = d.filter(between(d.day, filters))
    if filters.platforms:
        d = d.filter(d.platform.isin(list(filters.platforms)))
    d = in_view(d, wh, filters, scope)
    out = wh.frame(d.group_by("opd_code").aggregate(**{s: d.n.sum(where=d.sentiment == s) for s in SENTIMENTS}))
    out[list(SENTIMENTS)] = out[list(SENTIMENTS)].fillna(0).astype("int64")
    out["total"] = out[list(SENTIMENTS)].sum(axis=1)
    out["negative_share"] = out["negative"] / out["total"]
    out["net"] = (out["positive"] - out["negative"]) / out["total"]
    return out.sort_values("opd_code", ignore_index=True)
