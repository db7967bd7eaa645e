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
    """Complaints of the view (received in the period unless ``period=False``) with SLA columns."""
    c = in_view(wh.mart_complaint, wh, filters, scope)
    if period:
        c = c.filter(between(c.received_day, filters))
    response_norm, resolution_norm = _response_norm(c, norms), _resolution_norm(c, norms)
    age = workday_no(wh, today) - c.received_wd
    return c.mutate(
        response_norm=response_norm, resolution_norm=resolution_norm, age_days=age,
        in_sla=c.response_days <= response_norm,
        overdue=c.is_open & ((c.first_response_at.isnull() & (age > response_norm))
                             | (c.resolved_at.isnull() & (age > resolution_norm))),
    )


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
    c = c.mutate(period=period_of(c.received_day, filters))
    agg = wh.frame(c.group_by(["opd_code", "period"]).aggregate(
        received=c.count(), responded=c.first_response_at.count(), in_sla=c.in_sla.fill_null(False).sum(),
        median_response_days=c.response_days.median(), median_resolution_days=c.resolution_days.median(),
        resolved=c.resolved_at.count()))
    late = complaints(wh, filters, scope, norms, today, period=False)
    late = wh.frame(late.filter(late.overdue).group_by("opd_code").aggregate(overdue=ibis._.count()))
    out = per_opd_and_period(opd_frame(wh, filters, scope)[["opd_code"]], agg.dropna(subset=["opd_code"]), periods)
    out = out.merge(late.assign(period=0), on=["opd_code", "period"], how="left")
    counts = ["received", "responded", "in_sla", "resolved", "overdue"]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["in_sla_share"] = (out["in_sla"] / out["received"]).where(out["received"] > 0)
    out["resolution_rate"] = (out["resolved"] / out["received"]).where(out["received"] > 0)
    return out


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
