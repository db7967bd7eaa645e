"""Sentiment over time: shares per day or week, net sentiment, negative spikes, the texts behind them.

Weeks are 7-day windows counted back from the last day of the period (week 0 = the last 7 days,
week 1 = the 7 days before …), so "this week" in the headline is the same window the spike rule
judges. Two sources are kept apart: comments and mentions (``mart_comment_day``) and complaints
(``mart_complaint``; complaints without a sentiment label are not counted).

Spike rule (``data/norma.toml`` [sentimen]): a week's negative share is a spike when it is above
mean + K·sd of the negative shares of the previous N weeks. Only weeks with at least
``minimal_komentar`` texts are judged or used as a baseline, and a week needs at least
``MIN_BASELINE`` such baseline weeks to be judged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import ibis
import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day, number, percent
from analytics.i18n import translate
from analytics.labels import unsure
from analytics.norms import Norms
from analytics.opd import between, in_view
from analytics.privacy import mask_author, mask_series, mask_text  # noqa: F401  (mask_text: re-exported)
from analytics.sentiment import SENTIMENTS, shares

SOURCES = ("komentar", "pengaduan")
BREAKDOWNS = {"komentar": ("opd", "platform"), "pengaduan": ("opd", "topik", "kanal")}
COLUMN = {"opd": "opd_code", "platform": "platform", "topik": "topic", "kanal": "channel"}
GRAINS = ("hari", "pekan")
MIN_BASELINE = 4
TEXT_LIMIT = 500


def _rows(wh: Warehouse, filters: Filters, scope: Scope, source: str) -> ibis.Table:
    """day, opd_code, platform/topic/channel, sentiment, n — the source's rows in the view and period."""
    if source == "komentar":
        d = wh.mart_comment_day
        d = d.filter(between(d.day, filters))
        if filters.platforms:
            d = d.filter(d.platform.isin(list(filters.platforms)))
        return in_view(d, wh, filters, scope).select("day", "opd_code", "platform", "sentiment", "n")
    c = wh.mart_complaint
    c = c.filter(between(c.received_day, filters), c.sentiment.notnull())
    c = in_view(c, wh, filters, scope)
    return c.select(day=c.received_day, opd_code=c.opd_code, topic=c.topic, channel=c.channel,
                    sentiment=c.sentiment, n=ibis.literal(1))


def trend(wh: Warehouse, filters: Filters, scope: Scope, source: str = "komentar", grain: str = "pekan",
          by: str | None = None) -> pd.DataFrame:
    """Per day or week (and group): start, end, positive, negative, neutral, total, *_share, net.

    Week ``k`` ends ``filters.end − 7k``; the oldest week is cut at ``filters.start`` (its start shows it).
    """
    r = _rows(wh, filters, scope, source)
    group = [COLUMN[by]] if by else []
    end = ibis.literal(filters.end)
    bucket = end.delta(r.day, unit="day") // 7 if grain == "pekan" else end.delta(r.day, unit="day")
    r = r.mutate(k=bucket)
    agg = r.group_by(["k", *group]).aggregate(**{s: ibis._.n.sum(where=ibis._.sentiment == s) for s in SENTIMENTS})
    out = wh.frame(agg)
    width = 7 if grain == "pekan" else 1
    out["end"] = [filters.end - timedelta(days=width * int(k)) for k in out["k"]]
    out["start"] = [max(e - timedelta(days=width - 1), filters.start) for e in out["end"]]
    out = shares(out)
    cols = [*group, "start", "end", *SENTIMENTS, "total", *(f"{s}_share" for s in SENTIMENTS), "net"]
    return out.sort_values([*group, "end"], ignore_index=True)[cols]


def summary(wh: Warehouse, filters: Filters, scope: Scope, source: str, by: str) -> pd.DataFrame:
    """Per group over the whole period: counts, shares and net, largest groups first."""
    r = _rows(wh, filters, scope, source)
    col = COLUMN[by]
    out = shares(wh.frame(r.group_by(col).aggregate(
        **{s: ibis._.n.sum(where=ibis._.sentiment == s) for s in SENTIMENTS})))
    return out.sort_values(["total", col], ascending=[False, True], ignore_index=True)


def flag_spikes(weeks: pd.DataFrame, norms: Norms, group: str | None = None) -> pd.DataFrame:
    """Add baseline_n, baseline_mean, baseline_sd, threshold, judged, spike to weekly rows (start, end,
    negative, total) — per ``group`` when given. Missing weeks count as weeks without enough texts."""
    out = weeks.assign(_end=pd.to_datetime(weeks["end"]),
                       _g=weeks[group].astype(object).where(weeks[group].notna(), "") if group else "")
    if out.empty:
        return out.drop(columns=["_end", "_g"]).assign(baseline_n=0, baseline_mean=None, baseline_sd=None,
                                                       threshold=None, judged=False, spike=False)
    ends = pd.date_range(out["_end"].min(), out["_end"].max(), freq="7D")
    total = out.pivot_table(index="_end", columns="_g", values="total", aggfunc="sum").reindex(ends).fillna(0)
    negative = out.pivot_table(index="_end", columns="_g", values="negative", aggfunc="sum").reindex(ends)
    past = (negative / total).where(total >= norms.spike_min_comments).shift(1).rolling(
        norms.baseline_weeks, min_periods=1)
    stats = pd.concat({"baseline_n": past.count(), "baseline_mean": past.mean(), "baseline_sd": past.std()}, axis=1)
    stats = stats.stack("_g", future_stack=True).rename_axis(["_end", "_g"]).reset_index()
    out = out.merge(stats, on=["_end", "_g"], how="left").drop(columns=["_end", "_g"])
    out["baseline_n"] = out["baseline_n"].fillna(0).astype("int64")
    out["threshold"] = out["baseline_mean"] + norms.spike_sd * out["baseline_sd"]
    out["judged"] = (out["total"] >= norms.spike_min_comments) & (out["baseline_n"] >= MIN_BASELINE)
    out["spike"] = out["judged"] & (out["negative"] / out["total"] > out["threshold"])
    return out


def weekly_judged(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, source: str = "komentar",
                  by: str | None = None) -> pd.DataFrame:
    """Weeks ending in the period, counted over full 7-day windows, with the spike rule applied."""
    weeks_in = (filters.days - 1) // 7 + 1
    wide = replace(filters, start=filters.end - timedelta(days=7 * (weeks_in + norms.baseline_weeks) - 1))
    out = flag_spikes(trend(wh, wide, scope, source, "pekan", by), norms, COLUMN[by] if by else None)
    return out[out["end"] >= filters.start].reset_index(drop=True)


def spikes(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, source: str = "komentar") -> pd.DataFrame:
    """Spike weeks for the whole view (opd_code None) and per OPD, newest first."""
    whole = weekly_judged(wh, filters, scope, norms, source).assign(opd_code=None)
    per_opd = weekly_judged(wh, filters, scope, norms, source, "opd")
    per_opd = per_opd[per_opd["opd_code"].notna()]  # complaints not yet assigned to an OPD
    out = pd.concat([whole[whole["spike"]], per_opd[per_opd["spike"]]], ignore_index=True)
    cols = ["end", "start", "opd_code", "negative_share", "baseline_mean", "baseline_sd", "threshold",
            "baseline_n", "negative", "total"]
    return out.sort_values(["end", "opd_code"], ascending=[False, True], na_position="first",
                           ignore_index=True)[cols]


def week_span(end: date | str) -> tuple[date, date]:
    """First and last day of the 7-day window ending ``end`` (a date or ISO text)."""
    end = date.fromisoformat(end) if isinstance(end, str) else end
    return end - timedelta(days=6), end


def week_label(start: date, end: date, lang: str = "id") -> str:
    return f"{day(start, lang=lang)} – {day(end, lang=lang)}"


def week_ends(start: date, end: date) -> list[date]:
    """Ends of the 7-day windows counted back from ``end`` that end in start..end, newest first — the weeks
    of ``weekly_judged``, with or without texts, so every day of the period lies in one of them."""
    return [end - timedelta(days=7 * k) for k in range((end - start).days // 7 + 1)]


def week_of(when: date, end: date) -> date:
    """End of the 7-day window (counted back from ``end``) that holds ``when``."""
    return end - timedelta(days=7 * max(0, (end - when).days // 7))


def drill(point: dict[str, Any], end: date) -> dict[str, str | list[str]]:
    """What a click on a trend or spike chart point picks for the texts below it, by URL name.

    The point's customdata is ``[ISO day, sentiment, OPD code]``, shorter when the point does not stand for
    one: the day gives ``pekan`` (the week holding it); a sentiment gives ``teks_sentimen`` ("" = all
    sentiments); an OPD gives ``teks_opd`` ("" = all OPDs). Without customdata the point's x is the day.
    """
    data = point.get("customdata")
    data = list(data) if isinstance(data, list | tuple) else [] if data is None else [data]
    when = data[0] if data else point.get("x")
    if not when:
        return {}
    out: dict[str, str | list[str]] = {"pekan": week_of(date.fromisoformat(str(when)[:10]), end).isoformat()}
    if len(data) > 1 and data[1] is not None:
        out["teks_sentimen"] = [data[1]] if data[1] in SENTIMENTS else list(SENTIMENTS)
    if len(data) > 2 and data[2] is not None:
        out["teks_opd"] = str(data[2])
    return out


SPIKE_HEADERS = {"week": "pekan", "opd": "OPD", "negative_share": "porsi negatif",
                 "baseline": "pembanding (rata-rata ± sd)", "total": "jumlah"}  # texts of locale/en


def spike_table(found: pd.DataFrame, names: dict[str, str], lang: str = "id") -> pd.DataFrame:
    """The spikes for people (columns of SPIKE_HEADERS): week, OPD name, negative share and texts counted as
    numbers, the baseline's mean ± sd as words."""
    everyone = translate("Semua OPD", lang)
    return pd.DataFrame({
        "week": [week_label(a, b, lang) for a, b in zip(found["start"], found["end"])],
        "opd": [names.get(c, c) if c else everyone for c in found["opd_code"]],
        "negative_share": found["negative_share"].astype(float).tolist(),
        "baseline": [translate("{mean} ± {sd} poin", lang, mean=percent(m, 1, lang=lang),
                               sd=number(sd * 100, 1, lang=lang))
                     for m, sd in zip(found["baseline_mean"], found["baseline_sd"])],
        "total": found["total"].astype(int).tolist()})


def spike_list(found: pd.DataFrame, names: dict[str, str], lang: str = "id") -> pd.DataFrame:
    """``spike_table`` as text, under its headers in ``lang`` (for a printed page)."""
    rows = spike_table(found, names, lang)
    rows["negative_share"] = [percent(v, 1, lang=lang) for v in rows["negative_share"]]
    rows["total"] = [number(v, lang=lang) for v in rows["total"]]
    return rows.rename(columns={c: translate(h, lang) for c, h in SPIKE_HEADERS.items()})


def headline(wh: Warehouse, filters: Filters, scope: Scope, source: str = "komentar") -> dict[str, dict | None]:
    """The last 7 days of the period (``this``) and the 7 days before (``previous``, None when empty)."""
    two = replace(filters, start=filters.end - timedelta(days=13))
    weeks = trend(wh, two, scope, source, "pekan")
    rows = {r["end"]: r for r in weeks.to_dict("records")}
    empty = {"start": filters.end - timedelta(days=6), "end": filters.end, "total": 0,
             "negative_share": None, "net": None, **dict.fromkeys(SENTIMENTS, 0)}
    clean = {end: {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}
             for end, row in rows.items() if row["total"]}
    return {"this": clean.get(filters.end, empty), "previous": clean.get(filters.end - timedelta(days=7))}


# --- texts behind a figure ------------------------------------------------------------------------

def _tz(wh: Warehouse) -> ZoneInfo:
    return ZoneInfo(wh.setting("zona_waktu", "Asia/Jakarta") or "Asia/Jakarta")


def texts(wh: Warehouse, filters: Filters, scope: Scope, source: str, start: date, end: date,
          opd: str | None = None, sentiments: tuple[str, ...] = SENTIMENTS,
          limit: int = TEXT_LIMIT) -> tuple[pd.DataFrame, int]:
    """Comments/mentions (or complaints) of local days start..end, newest first, personal data masked
    (``analytics.privacy``: texts and account names); with the number of matching rows. Complaint reporters are
    never read. A label the model was unsure of reads "perlu_dicek" (``analytics.labels.unsure``)."""
    window = replace(filters, start=start, end=end)
    if source == "komentar":
        tz = _tz(wh)
        lo = ibis.literal(datetime.combine(start, time(), tz))
        hi = ibis.literal(datetime.combine(end + timedelta(days=1), time(), tz))
        t = wh.stg_comment
        t = t.filter(t.created_at >= lo, t.created_at < hi)
        if filters.platforms:
            t = t.filter(t.platform.isin(list(filters.platforms)))
        when = t.created_at
    else:
        t = wh.mart_complaint
        t = t.filter(between(t.received_day, window))
        when = t.received_at
    t = in_view(t, wh, filters, scope)
    t = t.filter(t.sentiment.isin(list(sentiments)))
    if opd:
        t = t.filter(t.opd_code == opd)
    total = int(wh.frame(t.aggregate(n=ibis._.count()))["n"].iloc[0])
    if source == "komentar":
        sel = t.select(when=when, platform=t.platform, kind=t.kind, opd_code=t.opd_code, sentiment=t.sentiment,
                       confidence=t.sentiment_confidence, author=t.author, text=t.text,
                       permalink=ibis.coalesce(t.permalink, t.post_permalink))
    else:
        sel = t.select(when=when, channel=t.channel, topic=t.topic, opd_code=t.opd_code, sentiment=t.sentiment,
                       confidence=t.sentiment_confidence,
                       text=ibis.coalesce(t.title + ibis.literal(" — "), ibis.literal("")) + t.text.fill_null(""),
                       permalink=t.permalink)
    # Not ORDER BY … LIMIT: DuckDB 2.0 drops the LIMIT over the stg_* views' LEFT JOIN on an empty
    # nlp_correction (cf. duckdb/duckdb#24542); a row_number filter is kept.
    ranked = sel.mutate(_rn=ibis.row_number().over(order_by=ibis.desc("when")))
    out = wh.frame(ranked.filter(ranked._rn < limit).drop("_rn")).sort_values("when", ascending=False,
                                                                                  ignore_index=True)
    out["when"] = pd.to_datetime(out["when"], utc=True).dt.tz_convert(_tz(wh)).dt.date
    out["sentiment"] = unsure(out["sentiment"], out["confidence"])
    out["text"] = mask_series(out["text"])
    if "author" in out:
        out["author"] = mask_series(out["author"], author=True)
    return out.rename(columns={"when": "day"}), total


def updated(wh: Warehouse, source: str) -> datetime | None:
    """When the source's data was last loaded (local time)."""
    e = wh.etl_load
    dataset = "comments" if source == "komentar" else "complaints"
    e = e.filter(e.dataset == dataset, e.rows_loaded > 0)
    value = wh.frame(e.aggregate(at=ibis._.finished_at.max()))["at"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value).tz_convert(_tz(wh)).to_pydatetime()
