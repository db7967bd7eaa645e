"""Posting activity per OPD: how often, what kind of content, how much engagement, which accounts."""

from __future__ import annotations

import json
from datetime import date

import ibis
import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.opd import daily_rows, in_view, opd_frame, per_opd_and_period

CONTENT_TYPES = ("kinerja", "layanan", "seremonial", "lainnya")


def posts_per_opd(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """opd_code, posts, posts per content type, engagements, reach (every OPD of the view, zeros included)."""
    return posts_by_period(wh, filters, scope, 1).drop(columns="period")


def posts_by_period(wh: Warehouse, filters: Filters, scope: Scope, periods: int) -> pd.DataFrame:
    """posts_per_opd for the current period and ``periods - 1`` before it (column ``period``: 0, 1, …)."""
    d = daily_rows(wh.mart_opd_day_posts, wh, filters, scope, periods)
    per_type = {t: d.posts.sum(where=d.content_type == t) for t in CONTENT_TYPES}
    agg = wh.frame(d.group_by(["opd_code", "period"]).aggregate(
        posts=d.posts.sum(), **per_type,
        engagements=(d.reactions.fill_null(0) + d.comments.fill_null(0) + d.shares.fill_null(0)).sum(),
        reach=ibis.coalesce(d.reach, d.views).sum(),
    ))
    out = per_opd_and_period(opd_frame(wh, filters, scope)[["opd_code"]], agg, periods)
    counts = ["posts", *CONTENT_TYPES, "engagements"]
    out[counts] = out[counts].fillna(0).astype("int64")
    return out


def covered(wh: Warehouse, filters: Filters) -> bool:
    """Whether the warehouse holds any post of the period (any OPD; the platform filter applies): without one,
    the data does not cover the period, and "no posts" says nothing about any OPD."""
    p = wh.mart_opd_day_posts
    p = p.filter(p.day.between(ibis.literal(filters.start), ibis.literal(filters.end)))
    if filters.platforms:
        p = p.filter(p.platform.isin(list(filters.platforms)))
    return bool(wh.frame(p.limit(1).aggregate(n=ibis._.count()))["n"].iloc[0])


def required_platforms(wh: Warehouse) -> list[str]:
    raw = wh.setting("platform_wajib")
    return json.loads(raw) if raw else []


def accounts(wh: Warehouse, filters: Filters, scope: Scope, as_of: date) -> pd.DataFrame:
    """Every registered account of the view's OPD with its last post up to ``as_of`` and days since."""
    a = in_view(wh.ref_account, wh, filters, scope)
    if filters.platforms:
        a = a.filter(a.platform.isin(list(filters.platforms)))
    p = wh.mart_post
    last = p.filter(p.day <= ibis.literal(as_of)).group_by(["platform", "handle"]).aggregate(
        last_day=p.day.max(), last_permalink=p.permalink.argmax(p.published_at))
    out = wh.frame(a.left_join(last, ["platform", "handle"]).select(
        a.opd_code, a.platform, a.handle, a.url, last.last_day, last.last_permalink))
    out["last_day"] = pd.to_datetime(out["last_day"]).dt.date
    out["days_since"] = [(as_of - d).days if pd.notna(d) else None for d in out["last_day"]]
    return out.sort_values(["opd_code", "platform"], ignore_index=True)


def coverage(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """opd_code, missing (required platforms without a registered account), coverage 0–1."""
    required = required_platforms(wh)
    a = in_view(wh.ref_account, wh, filters, scope)
    have = wh.frame(a.select("opd_code", "platform").distinct())
    opd = opd_frame(wh, filters, scope)[["opd_code"]].copy()
    owned = have.groupby("opd_code")["platform"].agg(set).to_dict()
    opd["missing"] = [[p for p in required if p not in owned.get(code, set())] for code in opd["opd_code"]]
    opd["coverage"] = [1 - len(m) / len(required) if required else 1.0 for m in opd["missing"]]
    return opd
