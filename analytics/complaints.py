"""Complaint handling per OPD, in working days: first response within SLA, resolution, overdue.

Working days come from ``mart_workday`` (weekends, national holidays and cuti bersama of
``data/kalender/libur.csv`` excluded); the days between two dates are the difference of their
``workday_no``. SLA norms come from ``data/norma.toml`` (the strictest applicable one: the
default, the channel's or the topic's).
"""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import COMPLEXITIES, Norms
from analytics.opd import between, in_view, opd_frame, per_opd_and_period, period_of, spanning


def workday_no(wh: Warehouse, day: date) -> int:
    """The running working-day number of a date (mart_workday)."""
    def lookup() -> int:
        w = wh.mart_workday
        return int(wh.frame(w.filter(w.day == ibis.literal(day)).select("workday_no"))["workday_no"].iloc[0])
    return wh.memo(("workday_no", day), lookup)


def _response_norm(c: ibis.Table, norms: Norms) -> ibis.Value:
    norm = ibis.literal(norms.first_response_days)
    for channel, days in norms.response_by_channel.items():
        norm = ibis.ifelse(c.channel == channel, ibis.least(norm, days), norm)
    for topic, days in norms.response_by_topic.items():
        norm = ibis.ifelse(c.topic == topic, ibis.least(norm, days), norm)
    return norm


def _resolution_norm(c: ibis.Table, norms: Norms) -> ibis.Value:
    branches = [(c.complexity == k, norms.resolution_days[k]) for k in COMPLEXITIES]
    return ibis.cases(*branches, else_=norms.resolution_days["lainnya"])


def complaints(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
               period: bool = True) -> ibis.Table:
    """Complaints of the view (received in the period unless ``period=False``) with their SLA columns as of
    the end of ``today`` (``with_sla``)."""
    c = in_view(wh.mart_complaint, wh, filters, scope)
    if period:
        c = c.filter(between(c.received_day, filters))
    return with_sla(c, wh, norms, today)


def with_sla(c: ibis.Table, wh: Warehouse, norms: Norms, as_of: date) -> ibis.Table:
    """The one definition of every complaint's standing at the end of ``as_of`` (working days):

    - ``overdue``: still open (not resolved by then; a closed status without a resolution time counts as
      closed) and either unanswered past the response norm or unresolved past the resolution norm;
    - ``in_sla``: answered within the response norm and not overdue (an open ticket past its resolution
      norm is not "within SLA", however fast its first answer was);
    - ``pending``: open, unanswered and still within its norms — not yet judgeable, so left out of the
      SLA share's denominator.
    """
    response_norm, resolution_norm = _response_norm(c, norms), _resolution_norm(c, norms)
    day = ibis.literal(as_of)
    age = workday_no(wh, as_of) - c.received_wd
    answered = c.first_response_day.notnull() & (c.first_response_day <= day)
    closed = ((c.resolved_day.notnull() & (c.resolved_day <= day))
              | (~c.is_open.fill_null(True) & c.resolved_day.isnull()))
    is_open = (c.received_day <= day) & ~closed
    overdue = is_open & ((~answered & (age > response_norm)) | (age > resolution_norm))
    return c.mutate(
        response_norm=response_norm, resolution_norm=resolution_norm, age_days=age, overdue=overdue,
        in_sla=answered & (c.response_days <= response_norm) & ~overdue,
        pending=is_open & ~answered & ~overdue,
    )


def figures(c: ibis.Table) -> dict[str, ibis.Value]:
    """The aggregations behind the complaint figures of ``METRICS`` (per group or in total)."""
    return {"received": c.count(), "judged": c.count(where=~c.pending), "in_sla": c.count(where=c.in_sla),
            "responded": c.first_response_at.count(), "resolved": c.resolved_at.count(),
            "median_response_days": c.response_days.median(), "median_resolution_days": c.resolution_days.median()}


COUNTS = ("received", "judged", "in_sla", "responded", "resolved")


def shares(df: pd.DataFrame) -> pd.DataFrame:
    """Adds ``in_sla_share`` (answered within SLA ÷ judgeable) and ``resolution_rate`` (resolved ÷ received)."""
    counts = [c for c in (*COUNTS, "overdue") if c in df]
    df[counts] = df[counts].fillna(0).astype("int64")
    df["in_sla_share"] = (df["in_sla"] / df["judged"]).where(df["judged"] > 0)
    df["resolution_rate"] = (df["resolved"] / df["received"]).where(df["received"] > 0)
    return df


def totals(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> dict:
    """The period's complaint figures over the whole view — complaints not yet assigned to an OPD included
    (unless an OPD or kind filter is set): received, judged, in_sla, in_sla_share, median_response_days, …
    and ``unassigned``, those not counted in any active OPD's row of the per-OPD tables."""
    c = complaints(wh, filters, scope, norms, today)
    listed = opd_frame(wh, filters, scope)["opd_code"].tolist() or [""]
    unassigned = c.count(where=c.opd_code.isnull() | ~c.opd_code.isin(listed))
    out = shares(wh.frame(c.aggregate(**figures(c), unassigned=unassigned))).iloc[0].to_dict()
    return {k: None if isinstance(v, float) and v != v else v for k, v in out.items()}


def overdue_count(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, as_of: date) -> int:
    """Open complaints of the view past their deadline at the end of ``as_of``, whenever received."""
    c = complaints(wh, filters, scope, norms, as_of, period=False)
    return int(wh.frame(c.filter(c.overdue).aggregate(n=ibis._.count()))["n"].iloc[0])


def sla_per_opd(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> pd.DataFrame:
    """Per OPD: received in the period, first response within SLA (share), median working days to
    first response and to resolution, resolution rate; ``overdue`` counts every open complaint past
    its deadline today, whenever it was received."""
    out = sla_by_period(wh, filters, scope, norms, today, 1).drop(columns="period")
    return out[(out["received"] > 0) | (out["overdue"] > 0)].reset_index(drop=True)


def sla_by_period(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                  periods: int) -> pd.DataFrame:
    """sla_per_opd for every OPD of the view and the current and ``periods - 1`` earlier periods
    (``period`` 0, 1, …); overdue (a figure of today) is on period 0."""
    c = complaints(wh, spanning(filters, periods), scope, norms, today)
    c = c.mutate(period=period_of(c.received_day, filters, periods))
    agg = wh.frame(c.group_by(["opd_code", "period"]).aggregate(**figures(c)))
    late = complaints(wh, filters, scope, norms, today, period=False)
    late = wh.frame(late.filter(late.overdue).group_by("opd_code").aggregate(overdue=ibis._.count()))
    out = per_opd_and_period(opd_frame(wh, filters, scope)[["opd_code"]], agg.dropna(subset=["opd_code"]), periods)
    out = out.merge(late.assign(period=0), on=["opd_code", "period"], how="left")
    return shares(out)


OVERDUE_COLUMNS = ("complaint_key", "channel", "complaint_id", "opd_code", "topic", "area", "status",
                   "received_day", "age_days", "response_norm", "resolution_norm", "first_response_at", "permalink")


def overdue(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
            limit: int | None = None) -> pd.DataFrame:
    """Open complaints past their deadline today (the period filter never hides them), oldest first
    (the ``limit`` oldest, if given)."""
    c = complaints(wh, filters, scope, norms, today, period=False)
    rows = c.filter(c.overdue).select(*OVERDUE_COLUMNS).order_by([c.received_day, c.complaint_key])
    return wh.frame(rows.limit(limit) if limit else rows)


def overdue_by_opd(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> pd.Series:
    """How many open complaints are past their deadline today, per OPD (None = not yet assigned)."""
    c = complaints(wh, filters, scope, norms, today, period=False)
    counts = wh.frame(c.filter(c.overdue).group_by("opd_code").aggregate(n=ibis._.count()))
    return counts.set_index("opd_code")["n"].astype("int64").sort_values(ascending=False)
