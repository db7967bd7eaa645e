"""Post export files in each platform's own layout (Meta, X, TikTok Studio, YouTube Studio)."""

from __future__ import annotations

import datetime as dt
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
    return wr.write_csv(out / f"facebook_posts_{lo}_{hi}.csv", data, hi, bom=True)


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
        "Date": fid.en_date(p.waktu[idx], weekday=True),
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


def tiktok_files(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path, xlsx_max: int) -> dict[str, int]:
    rows = {}
    for n_file, (_, handle, idx, m) in enumerate(_per_account(p, akun, "tiktok", lo, hi)):
        views = np.maximum(m["views"], m["reactions"])
        watch = p.tonton[idx]
        full = np.clip(watch / np.maximum(p.durasi[idx], 1) * 60 + 5, 3, 95).astype(int)
        cols = {
            "Video title": [c[:150] for c in _caps(p, idx)],
            "Video link": [p.link[i] for i in idx.tolist()],
            "Post time": fid.strftime(p.waktu[idx], "%Y-%m-%d %H:%M"),
            "Total likes": fid.k_format(m["reactions"]),
            "Total comments": fid.k_format(m["comments"]),
            "Total shares": fid.k_format(m["shares"]),
            "Total views": [f"{v:,}" for v in views.tolist()],
            "Total play time": [f"{s // 3600}h:{s // 60 % 60}m:{s % 60}s" for s in (views * watch).tolist()],
            "Average watch time": fid.mmss(watch),
            "Watched full video": [f"{x}%" for x in full.tolist()],
            "Add to favorites": fid.k_format(m["saves"]),
        }
        if n_file % 5 == 1 and n_file < 12 and len(idx) <= xlsx_max:
            name = f"tiktok_{handle}_{hi}.xlsx"
            body = list(zip(*[c.to_pylist() if isinstance(c, pa.Array) else c for c in cols.values()]))
            rows[f"posts/tiktok/{name}"] = wr.write_xlsx(out / name, list(cols), body, hi, "Data")
        else:
            name = f"tiktok_{handle}_{hi}.csv"
            rows[f"posts/tiktok/{name}"] = wr.write_csv(out / name, wr.table(cols), hi)
    return rows


def youtube_files(p: Posts, akun: pd.DataFrame, lo: dt.date, hi: dt.date, out: Path) -> dict[str, int]:
    rows = {}
    for _, handle, idx, m in _per_account(p, akun, "youtube", lo, hi):
        order = np.argsort(-m["views"], kind="stable")
        idx = idx[order]
        m = {k: v[order] for k, v in m.items()}
        dur = p.durasi[idx]
        avg = p.tonton[idx]
        hours = np.round(m["views"] * avg / 3600, 4)
        imp = m["views"] * 9 + 40
        pct = np.round(avg / np.maximum(dur, 1) * 100, 2)
        tot_views = int(m["views"].sum())
        tot_avg = int((m["views"] * avg).sum() / max(tot_views, 1))
        total = [int(m["views"].sum()), round(float(hours.sum()), 4), int((m["views"] // 150).sum()),
                 int(imp.sum()), round(tot_views / max(int(imp.sum()), 1) * 100, 2), fid.hmmss(np.array([tot_avg]))[0],
                 round(float(pct.mean()) if len(pct) else 0, 2), int(m["reactions"].sum()),
                 int(m["comments"].sum()), int(m["shares"].sum())]
        body = [m["views"].tolist(), hours.tolist(), (m["views"] // 150).tolist(), imp.tolist(),
                np.round(m["views"] / imp * 100, 2).tolist(), fid.hmmss(avg), pct.tolist(), m["reactions"].tolist(),
                m["comments"].tolist(), m["shares"].tolist()]
        cols = {
            "Content": ["Total", *(p.pid[i] for i in idx.tolist())],
            "Video title": ["", *(title(c, 100) for c in _caps(p, idx))],
            "Video publish time": ["", *fid.en_date(p.waktu[idx], weekday=False).to_pylist()],
            "Duration": ["", *dur.astype(str).tolist()],
        }
        cols.update({name: [t, *b] for name, t, b in zip(YT_METRICS, total, body)})
        name = f"youtube@{handle}_{hi}.csv"
        rows[f"posts/youtube/{name}"] = wr.write_csv(out / name, wr.table(cols), hi)
    return rows
