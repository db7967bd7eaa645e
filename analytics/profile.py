"""One OPD in depth (Profil OPD): cadence, top posts, weekly sentiment, rank history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import ibis
import pandas as pd

from analytics import ranking
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.labels import unsure
from analytics.norms import Norms
from analytics.opd import between, daily_rows, in_view, windows
from analytics.privacy import mask_series


def weekly_posts(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """week, platform, content_type, posts."""
    d = daily_rows(wh.mart_opd_day_posts, wh, filters, scope)
    return wh.frame(d.group_by(["week", "platform", "content_type"]).aggregate(posts=d.posts.sum()).order_by("week"))


def top_posts(wh: Warehouse, filters: Filters, scope: Scope, n: int = 10,
              content_type: str | None = None) -> pd.DataFrame:
    """The most engaging posts of the period (reactions + comments + shares), of one content type if given;
    personal data in the captions masked (``analytics.privacy``); a content type the model was unsure of reads
    "perlu_dicek" (``analytics.labels.unsure``)."""
    p = in_view(wh.mart_post, wh, filters, scope)
    p = p.filter(between(p.day, filters))
    if filters.platforms:
        p = p.filter(p.platform.isin(list(filters.platforms)))
    if content_type:
        p = p.filter(p.content_type == content_type)
    p = p.mutate(engagements=p.reactions.fill_null(0) + p.comments.fill_null(0) + p.shares.fill_null(0))
    out = wh.frame(p.order_by([ibis.desc("engagements"), "post_id"]).limit(n).select(
        "day", "platform", "content_type", "content_confidence", "caption", "views", "engagements", "permalink"))
    sure = unsure(out["content_type"], out.pop("content_confidence"))
    return out.assign(caption=mask_series(out["caption"]), content_type=sure)


def weekly_sentiment(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """week, sentiment, n — comments and mentions."""
    d = daily_rows(wh.mart_comment_day, wh, filters, scope)
    d = d.mutate(week=d.day.truncate("W"))
    return wh.frame(d.group_by(["week", "sentiment"]).aggregate(n=d.n.sum()).order_by("week"))


def history(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
            periods: int = 6) -> pd.DataFrame:
    """Every component, figure and rank of every OPD of the view in the last ``periods`` periods of
    the current length (``end`` = the period's last day); one computation serves every OPD's profile. Ranks are
    among every OPD of the filters; a narrower scope gets its own rows only (``ranking.visible``)."""
    table = ranking.components_by_period(wh, filters, Scope.everything(), norms, today, periods)
    parts = [ranking.ranked(table[table["period"] == k]).assign(end=w.end)
             for k, w in enumerate(windows(filters, periods))]
    history = pd.concat(parts, ignore_index=True).sort_values(["opd_code", "end"], ignore_index=True)
    return ranking.visible(history, scope)


def mondays(filters: Filters) -> list[date]:
    """The Mondays of the weeks the period touches (its first week may start before it)."""
    first = filters.start - timedelta(days=filters.start.weekday())
    return [first + timedelta(weeks=k) for k in range((filters.end - first).days // 7 + 1)]


def week(filters: Filters, monday: date) -> Filters:
    """The view narrowed to one week (Monday–Sunday), clipped to the period."""
    return replace(filters, start=max(filters.start, monday), end=min(filters.end, monday + timedelta(days=6)))


def one(filters: Filters, opd_code: str) -> Filters:
    """The view narrowed to one OPD (kind filter dropped: the OPD was chosen by name)."""
    return replace(filters, opd=(opd_code,), kinds=())
