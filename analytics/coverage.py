"""How far back the warehouse holds data: a custom period is kept from its first day (a link asking for
1900–2100 is narrowed to the data, and the pages compute one year rather than a century)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

from analytics.db import Warehouse


def first_day(wh: Warehouse) -> date | None:
    """The earliest day with a post, a complaint received or a comment; None for an empty warehouse."""
    days = [wh.frame(table.aggregate(first=getattr(ibis._, column).min()))["first"].iloc[0]
            for table, column in ((wh.mart_post, "day"), (wh.mart_complaint, "received_day"),
                                  (wh.mart_comment_day, "day"))]
    return min((pd.Timestamp(d).date() for d in days if d is not None and not pd.isna(d)), default=None)
