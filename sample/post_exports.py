"""Post export files in each platform's own layout (Meta, X, TikTok Studio, YouTube Studio)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import formatid as fid
from . import writers as wr
from .posts import Posts, growth

FB_TYPES = np.array(["Photos", "Videos", "Reels", "Links"], dtype=object)
IG_TYPES = np.array(["IG image", "IG carousel", "IG reel", "IG image"], dtype=object)
YT_METRICS = ["Views", "Watch time (hours)", "Subscribers", "Impressions", "Impressions click-through rate (%)",
              "Average view duration", "Average percentage viewed (%)", "Likes", "Comments added", "Shares"]
X_LEGACY_EXTRA = ["app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
                  "media engagements"]
X_PROMOTED = ["promoted impressions", "promoted engagements", "promoted engagement rate", "promoted retweets",
              "promoted replies", "promoted likes", "promoted user profile clicks", "promoted url clicks",
              "promoted hashtag clicks", "promoted detail expands", "promoted permalink clicks",
              "promoted app opens", "promoted app installs", "promoted follows", "promoted email tweet",
              "promoted dial phone", "promoted media views", "promoted media engagements"]


def add_months(day: dt.date, k: int) -> dt.date:
    m = day.month - 1 + k
    y, m = day.year + m // 12, m % 12 + 1
    for d in range(day.day, 27, -1):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    return dt.date(y, m, day.day)


def snapshot(p: Posts, idx: np.ndarray, snap: np.datetime64) -> dict[str, np.ndarray]:
    """Lifetime metrics of posts idx as seen by an export taken at `snap`."""
    age = (snap - p.waktu[idx]).astype("timedelta64[s]").astype(np.int64) / 86400
    g = growth(age)
    out = {k: np.floor(getattr(p, k)[idx] * g).astype(np.int64)
           for k in ("reach", "views", "reactions", "shares", "clicks", "saves")}
    out["comments"] = np.floor(p.comments[idx] * 1.15 * g).astype(np.int64)
    return out


def _select(p: Posts, akun: pd.DataFrame, platform: str, lo: dt.date, hi: dt.date,
            snap: np.datetime64) -> np.ndarray:
    plat = akun["platform"].to_numpy()[p.akun_i]
    t = p.waktu
    m = (plat == platform) & (t >= np.datetime64(lo)) & (t < np.datetime64(hi + dt.timedelta(days=1)))
    m &= t <= snap
    idx = np.flatnonzero(m)
    return idx[np.argsort(t[idx], kind="stable")]


def _opt(values: np.ndarray, mask: np.ndarray) -> pa.Array:
    return pa.array(np.where(mask, values, 0), mask=~mask)


def _caps(p: Posts, idx: np.ndarray) -> list[str]:
    return [p.caption[i] for i in idx.tolist()]


def title(caption: str, limit: int) -> str:
    """A short title from a caption: its first sentence, cut at a word boundary."""
    line = caption.split("\n")[0]
    cut = line.find(". ")
    if 0 < cut < limit:
        return line[:cut]
    if len(line) <= limit:
        return line.rstrip(".")
    return line[: line.rfind(" ", 0, limit - 1)] + "…"


def facebook(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path, rng: np.random.Generator) -> int:
    data = _facebook_table(p, akun, lo, hi, rng)[0]
    return wr.write_csv(out / f"facebook_posts_{lo}_{hi}.csv", data, hi, bom=True)


_PFBID = np.array(list("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"), dtype=object)


def facebook_excel(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path,
                   rng: np.random.Generator) -> tuple[str, int]:
    """A Meta export opened and saved again by Excel on an Indonesian PC: `;` between fields, CRLF,
    Publish time rewritten day first (dd/mm/yyyy HH:MM) and the 18-digit Post ID saved as Excel shows
    it, 1,221E+17. Each row's permalink still holds the full id, except one row whose permalink is a
    pfbid link: that row cannot be restored and is rejected (id_rusak_excel). Page ID is left intact
    (the admin had widened that column)."""
    data, idx = _facebook_table(p, akun, lo, hi, rng)
    records = data.to_pylist()
    link_col = "Permalink"
    plain = [i for i, r in enumerate(records) if "/posts/" in r[link_col]]
    broken = plain[len(plain) // 2] if plain else None
    when = fid.strftime(p.waktu[idx], "%d/%m/%Y %H:%M").to_pylist()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(data.column_names)
    for i, r in enumerate(records):
        r["Post ID"] = fid.excel_general(r["Post ID"])
        r["Publish time"] = when[i]
        if i == broken:
            r[link_col] = f"https://www.facebook.com/{r['Page ID']}/posts/pfbid0{''.join(rng.choice(_PFBID, 45))}"
        w.writerow(["" if v is None else v for v in r.values()])
    name = f"facebook_posts_excel_{lo}_{hi}.csv"
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    wr.touch(path, hi)
    return name, len(records)


def _facebook_table(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date,
                    rng: np.random.Generator) -> tuple[pa.Table, np.ndarray]:
    snap = np.datetime64(hi) + np.timedelta64(18, "h")
    idx = _select(p, akun, "facebook", lo, hi, snap)
    m = snapshot(p, idx, snap)
    a = p.akun_i[idx]
    tipe = p.tipe[idx]
    video = (tipe == 1) | (tipe == 2)
    caps = _caps(p, idx)
    titles = [title(c, 80) if v and r < 0.5 else "" for c, v, r in
             zip(caps, video.tolist(), rng.random(len(idx)).tolist())]
    empty = pa.nulls(len(idx), pa.string())
    data = wr.table({
        "Post ID": [p.pid[i] for i in idx.tolist()],
        "Page ID": akun["id_akun"].to_numpy()[a],
        "Page name": akun["nama_tampilan"].to_numpy()[a],
        "Title": titles,
        "Description": caps,
        "Duration (sec)": _opt(p.durasi[idx], video),
        "Publish time": fid.strftime(p.waktu[idx], "%m/%d/%Y %H:%M"),
        "Caption type": empty,
        "Permalink": [p.link[i] for i in idx.tolist()],
        "Post type": FB_TYPES[tipe],
        "Languages": empty,
        "Custom labels": empty,
        "Funded content status": empty,
        "Data comment": empty,
        "Date": np.full(len(idx), "Lifetime", dtype=object),
        "Views": m["views"],
        "Reach": m["reach"],
        "Reactions, Comments and Shares": m["reactions"] + m["comments"] + m["shares"],
        "Reactions": m["reactions"],
        "Comments": m["comments"],
        "Shares": m["shares"],
        "Total clicks": m["clicks"],
        "Seconds viewed": _opt(m["views"] * p.tonton[idx], video),
        "Average Seconds viewed": _opt(p.tonton[idx], video),
        "Negative feedback from users: Hide all": (m["reach"] * 0.0006).astype(np.int64),
        "Negative feedback from users: Hide": (m["reach"] * 0.001).astype(np.int64),
    })
    return data, idx


def instagram(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path) -> int:
    snap = np.datetime64(hi) + np.timedelta64(18, "h")
    idx = _select(p, akun, "instagram", lo, hi, snap)
    m = snapshot(p, idx, snap)
    a = p.akun_i[idx]
    reel = p.tipe[idx] == 2
    data = wr.table({
        "Post ID": [p.pid[i] for i in idx.tolist()],
        "Account ID": akun["id_akun"].to_numpy()[a],
        "Account username": akun["akun"].to_numpy()[a],
        "Account name": akun["nama_tampilan"].to_numpy()[a],
        "Description": _caps(p, idx),
        "Duration (sec)": _opt(p.durasi[idx], reel),
        "Publish time": fid.strftime(p.waktu[idx], "%m/%d/%Y %H:%M"),
        "Permalink": [p.link[i] for i in idx.tolist()],
        "Post type": IG_TYPES[p.tipe[idx]],
        "Data comment": pa.nulls(len(idx), pa.string()),
        "Date": np.full(len(idx), "Lifetime", dtype=object),
        "Views": m["views"],
        "Reach": m["reach"],
        "Likes": m["reactions"],
        "Shares": m["shares"],
        "Follows": (m["reach"] * 0.002).astype(np.int64),
        "Comments": m["comments"],
        "Saves": m["saves"],
    })
    return wr.write_csv(out / f"instagram_posts_{lo}_{hi}.csv", data, hi, bom=True)


def _per_account(p: Posts, akun: pd.DataFrame, platform: str, lo: dt.date, hi: dt.date):
    snap = np.datetime64(hi) + np.timedelta64(18, "h")
    idx = _select(p, akun, platform, lo, hi, snap)
    a = p.akun_i[idx]
    for acc in np.unique(a).tolist():
        sel = idx[a == acc]
        yield acc, akun["akun"].iat[acc], sel, snapshot(p, sel, snap)


def x_files(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path) -> dict[str, int]:
    rows = {}
    for n_file, (_, handle, idx, m) in enumerate(_per_account(p, akun, "x", lo, hi)):
        legacy = n_file % 3 == 1  # about a third of the accounts still export the old layout
        text = [c[:280] for c in _caps(p, idx)]
        eng = m["reactions"] + m["comments"] + m["shares"] + m["clicks"]
        if legacy:
            name = f"tweet_activity_metrics_{handle}_{lo:%Y%m%d}_{hi:%Y%m%d}_en.csv"
            rows[f"posts/x/{name}"] = _x_legacy(p, idx, m, eng, text, out / name, hi)
        else:
            name = f"account_analytics_content_{lo}_{hi}_{handle}.csv"
            rows[f"posts/x/{name}"] = _x_current(p, idx, m, eng, text, out / name, hi)
    return rows


def _x_current(p: Posts, idx: np.ndarray, m: dict, eng: np.ndarray, text: list[str], path: Path,
               hi: dt.date) -> int:
    data = wr.table({
        "Post id": [p.pid[i] for i in idx.tolist()],
        "Date": fid.en_date(p.waktu[idx] - np.timedelta64(7, "h"), weekday=True),  # X dates a post by its UTC day
        "Post text": text,
        "Post Link": [p.link[i] for i in idx.tolist()],
        "Impressions": m["views"], "Likes": m["reactions"], "Engagements": eng,
        "Bookmarks": m["saves"], "Shares": m["shares"] // 4, "New follows": m["reach"] // 900,
        "Replies": m["comments"], "Reposts": m["shares"], "Profile visits": m["clicks"] // 2,
        "Detail Expands": m["clicks"], "URL Clicks": m["clicks"] // 3, "Hashtag Clicks": m["clicks"] // 9,
        "Permalink Clicks": m["clicks"] // 5,
    })
    return wr.write_csv(path, data, hi)


def _x_legacy(p: Posts, idx: np.ndarray, m: dict, eng: np.ndarray, text: list[str], path: Path,
              hi: dt.date) -> int:
    utc = p.waktu[idx] - np.timedelta64(7, "h")
    views = np.maximum(m["views"], 1)
    cols = {
        "Tweet id": [p.pid[i] for i in idx.tolist()],
        "Tweet permalink": [p.link[i].replace("https://x.com/", "https://twitter.com/") for i in idx.tolist()],
        "Tweet text": text,
        "time": fid.join(fid.strftime(utc, "%Y-%m-%d %H:%M"), " +0000"),
        "impressions": m["views"], "engagements": eng, "engagement rate": np.round(eng / views, 6),
        "retweets": m["shares"], "replies": m["comments"], "likes": m["reactions"],
        "user profile clicks": m["clicks"] // 2, "url clicks": m["clicks"] // 3,
        "hashtag clicks": m["clicks"] // 9, "detail expands": m["clicks"], "permalink clicks": m["clicks"] // 5,
    }
    zeros = np.zeros(len(idx), dtype=np.int64)
    cols.update({k: zeros for k in X_LEGACY_EXTRA})
    cols["media views"] = m["views"] // 3
    cols["media engagements"] = m["clicks"] // 4
    dash = np.full(len(idx), "-", dtype=object)
    cols.update({k: dash for k in X_PROMOTED})
    return wr.write_csv(path, wr.table(cols), hi)


def year_windows(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Export periods of at most 12 months ending at `hi`, back to `lo` (newest first).

    TikTok Studio writes Post time without a year ("November 4"); the loader takes the latest such
    day not after the export day, so one file must never hold posts from more than a year before it.
    """
    out = []
    while hi >= lo:
        w_lo = max(lo, add_months(hi, -12) + dt.timedelta(days=1))
        out.append((w_lo, hi))
        hi = w_lo - dt.timedelta(days=1)
    return out


def tiktok_files(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path, xlsx_max: int) -> dict[str, int]:
    """One Content_<handle>.zip per account, as TikTok Studio's Download data gives it: no date in the
    name (the export day is the members' time stamp), Content.csv (UTF-8 with BOM, every field quoted)
    or, for a few accounts, Content.xlsx; Post time without a year, in the language of the admin's UI."""
    rows = {}
    for k, (w_lo, w_hi) in enumerate(year_windows(lo, hi)):
        suffix = f" ({k})" if k else ""  # an older download of the same account, renamed by the browser
        for n_file, (_, handle, idx, m) in enumerate(_per_account(p, akun, "tiktok", w_lo, w_hi)):
            indonesian = n_file % 4 == 2  # this admin's TikTok Studio is in Bahasa Indonesia
            views = np.maximum(m["views"], m["reactions"])
            watch = p.tonton[idx]
            full = np.clip(watch / np.maximum(p.durasi[idx], 1) * 60 + 5, 3, 95).astype(int)
            cols = {
                "Video title": [c[:150] for c in _caps(p, idx)],
                "Video link": [p.link[i] for i in idx.tolist()],
                "Post time": fid.month_day(p.waktu[idx], indonesian),
                "Total likes": fid.k_format(m["reactions"]),
                "Total comments": fid.k_format(m["comments"]),
                "Total shares": fid.k_format(m["shares"]),
                "Total views": [fid.ribuan(v) if indonesian else f"{v:,}" for v in views.tolist()],
                "Total play time": [f"{s // 3600}h:{s // 60 % 60}m:{s % 60}s" for s in (views * watch).tolist()],
                "Average watch time": fid.mmss(watch),
                "Watched full video": [f"{x}%" for x in full.tolist()],
                "Add to favorites": fid.k_format(m["saves"]),
            }
            if n_file % 5 == 1 and n_file < 12 and len(idx) <= xlsx_max:
                body = list(zip(*[c.to_pylist() if isinstance(c, pa.Array) else c for c in cols.values()]))
                member, n = wr.xlsx_bytes(list(cols), body, w_hi, "Data")
                members = [("Content.xlsx", member)]
            else:
                data = wr.table(cols)
                members, n = [("Content.csv", wr.csv_bytes(data, bom=True, quote_all=True))], data.num_rows
            name = f"Content_{handle}{suffix}.zip"
            wr.write_zip(out / name, members, w_hi)
            rows[f"posts/tiktok/{name}"] = n
    return rows


YT_TABLE_ID = ["Konten", "Judul video", "Waktu publikasi video", "Durasi", "Penayangan", "Waktu tonton (jam)",
               "Subscriber", "Tayangan", "Rasio klik-tayang dari tayangan (%)"]
CHART_VIDEOS = 5  # YouTube Studio's chart plots the first rows of the table (the most viewed) by default
_FILE_SAFE = re.compile(r"[\w][\w .,()&'-]*")


def daily_views(p: Posts, idx: np.ndarray, lo: dt.date, hi: dt.date, views: np.ndarray) -> tuple[np.ndarray,
                                                                                                np.ndarray]:
    """Views per video (rows) per day lo..hi (columns) that add up exactly to `views`, each video's
    views at the export (18:00 on `hi`): the same growth curve as the lifetime metrics, cut at midnights."""
    days = np.arange(np.datetime64(lo), np.datetime64(hi) + 1)
    ends = (days + 1).astype("datetime64[s]")
    ends[-1] = np.datetime64(hi) + np.timedelta64(18, "h")
    age = (ends[None, :] - p.waktu[idx][:, None]).astype("timedelta64[s]").astype(np.int64) / 86400
    cum = np.floor(p.views[idx][:, None] * growth(age)).astype(np.int64)
    cum[:, -1] = views
    cum = np.minimum(np.maximum.accumulate(cum, axis=1), views[:, None])
    return days, np.diff(cum, axis=1, prepend=0)


def _youtube_named(akun: pd.DataFrame) -> set[int]:
    """Channels whose display name can stand in YouTube's own zip name and find the channel again
    (unique among YouTube channels, written in the registry)."""
    yt = akun[akun["platform"] == "youtube"]
    names = yt["nama_tampilan"].fillna("").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    ok = (yt["terdaftar"].astype(bool) & ~names.duplicated(keep=False) & (names != "")
          & yt["nama_tampilan"].fillna("").map(lambda x: bool(_FILE_SAFE.fullmatch(x))))
    return set(yt.index[ok.to_numpy()].tolist())


def youtube_files(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path) -> dict[str, int]:
    """YouTube Studio's Advanced-mode download per channel: a zip of Table data.csv (first row Total),
    Chart data.csv (views per day of the most viewed videos) and Totals.csv (views per day, all videos;
    they add up to the Total row). The first channel that can be is named as YouTube names the download
    (Content <lo>_<hi> <channel name>.zip), the next one is exported from the Indonesian interface
    (Data tabel.csv), the others are renamed youtube@<handle>_<hi>.zip by the admin."""
    rows = {}
    named = _youtube_named(akun)
    own_name_done = indonesian_done = False
    for acc, handle, idx, m in _per_account(p, akun, "youtube", lo, hi):
        order = np.argsort(-m["views"], kind="stable")
        idx = idx[order]
        m = {k: v[order] for k, v in m.items()}
        dur = p.durasi[idx]
        avg = p.tonton[idx]
        hours = np.round(m["views"] * avg / 3600, 4)
        subs = m["views"] // 150
        imp = m["views"] * 9 + 40
        ctr = np.round(m["views"] / imp * 100, 2)
        pct = np.round(avg / np.maximum(dur, 1) * 100, 2)
        tot_views = int(m["views"].sum())
        tot_ctr = round(tot_views / max(int(imp.sum()), 1) * 100, 2)
        tot_avg = int((m["views"] * avg).sum() / max(tot_views, 1))
        ids = [p.pid[i] for i in idx.tolist()]
        titles = [title(c, 100) for c in _caps(p, idx)]
        published = fid.en_date(p.waktu[idx], weekday=False).to_pylist()
        days, daily = daily_views(p, idx, lo, hi, m["views"])
        if not own_name_done and acc in named:
            own_name_done, indonesian = True, False
            name = f"Content {lo}_{hi} {akun['nama_tampilan'].iat[acc].strip()}.zip"
        else:
            indonesian = not indonesian_done
            indonesian_done = True
            name = f"youtube@{handle}_{hi}.zip"
        if indonesian:
            cols = {
                "Konten": ["Total", *ids],
                "Judul video": ["", *titles],
                "Waktu publikasi video": ["", *fid.id_short_date(p.waktu[idx])],
                "Durasi": ["", *dur.astype(str).tolist()],
                "Penayangan": [tot_views, *m["views"].tolist()],
                "Waktu tonton (jam)": [round(float(hours.sum()), 4), *hours.tolist()],
                "Subscriber": [int(subs.sum()), *subs.tolist()],
                "Tayangan": [int(imp.sum()), *imp.tolist()],
                "Rasio klik-tayang dari tayangan (%)": [tot_ctr, *ctr.tolist()],
            }
            table_name = "Data tabel.csv"
        else:
            total = [tot_views, round(float(hours.sum()), 4), int(subs.sum()), int(imp.sum()), tot_ctr,
                     fid.hmmss(np.array([tot_avg]))[0], round(float(pct.mean()) if len(pct) else 0, 2),
                     int(m["reactions"].sum()), int(m["comments"].sum()), int(m["shares"].sum())]
            body = [m["views"].tolist(), hours.tolist(), subs.tolist(), imp.tolist(), ctr.tolist(), fid.hmmss(avg),
                    pct.tolist(), m["reactions"].tolist(), m["comments"].tolist(), m["shares"].tolist()]
            cols = {"Content": ["Total", *ids], "Video title": ["", *titles], "Video publish time": ["", *published],
                    "Duration": ["", *dur.astype(str).tolist()]}
            cols.update({col: [t, *b] for col, t, b in zip(YT_METRICS, total, body)})
            table_name = "Table data.csv"
        table = wr.table(cols)
        iso = np.datetime_as_string(days, unit="D")
        totals = wr.table({"Date": iso, "Views": daily.sum(axis=0)})
        members = [("Chart data.csv", wr.csv_bytes(_chart(idx, ids, titles, published, dur, p, days, daily, iso))),
                   (table_name, wr.csv_bytes(table)), ("Totals.csv", wr.csv_bytes(totals))]
        wr.write_zip(out / name, members, hi)
        rows[f"posts/youtube/{name}"] = table.num_rows
    return rows


def _chart(idx: np.ndarray, ids: list[str], titles: list[str], published: list[str], dur: np.ndarray, p: Posts,
           days: np.ndarray, daily: np.ndarray, iso: np.ndarray) -> pa.Table:
    """Chart data.csv: one row per charted video per day from the day it was published."""
    first = np.searchsorted(days, p.waktu[idx].astype("datetime64[D]"))
    parts: dict[str, list] = {"Date": [], "Content": [], "Video title": [], "Video publish time": [],
                              "Duration": [], "Views": []}
    for j in range(min(CHART_VIDEOS, len(idx))):
        n = len(days) - int(first[j])
        parts["Date"].extend(iso[first[j]:].tolist())
        parts["Content"].extend([ids[j]] * n)
        parts["Video title"].extend([titles[j]] * n)
        parts["Video publish time"].extend([published[j]] * n)
        parts["Duration"].extend([int(dur[j])] * n)
        parts["Views"].extend(daily[j, first[j]:].tolist())
    return wr.table({k: pa.array(v, pa.int64() if k in ("Duration", "Views") else pa.string())
                     for k, v in parts.items()})
