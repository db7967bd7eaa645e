"""Comments, replies and mentions in the Sorot comment template, one file per month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import formatid as fid
from . import ids, nama
from . import komentar_teks as kt
from . import writers as wr
from .posts import Posts

HEADER = ["platform", "akun_opd", "jenis", "id_komentar", "id_post", "tautan_post", "waktu", "penulis",
          "teks", "tautan"]
CHUNK_POSTS = 100_000
REPLY_SHARE, MENTION_SHARE = 0.15, 0.06


class MonthWriter:
    """Appends comment rows to komentar/komentar_YYYY-MM.csv; one month kept by hand in Excel
    (Windows-1252, ';'), one month as .xlsx."""

    def __init__(self, out: Path, months: list[str], end: dt.date, xlsx_max: int) -> None:
        self.out, self.end, self.xlsx_max = out, end, xlsx_max
        self.months = months
        self.excel_csv = months[min(3, len(months) - 1)]
        self.xlsx = months[min(8, len(months) - 1)] if len(months) > 1 else ""
        self.rows: dict[str, int] = {}
        self.buffer: list[pa.Table] = []

    def _day(self, month: str) -> dt.date:
        y, m = map(int, month.split("-"))
        last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
        return min(last, self.end)

    def add(self, data: pa.Table, month_of_row: np.ndarray) -> None:
        for month in self.months:
            part = data.filter(pa.array(month_of_row == month))
            if part.num_rows == 0:
                continue
            if month == self.xlsx:
                self.buffer.append(part)
                continue
            name = f"komentar/komentar_{month}.csv"
            first = name not in self.rows
            if month == self.excel_csv:
                part = _as_excel_kept(part)
                wr.write_csv(self.out / name, part, self._day(month), encoding="cp1252", delimiter=";",
                             crlf=True, append=not first)
            else:
                wr.write_csv(self.out / name, part, self._day(month), append=not first)
            self.rows[name] = self.rows.get(name, 0) + part.num_rows

    def finish(self) -> dict[str, int]:
        if self.buffer:
            data = pa.concat_tables(self.buffer)
            day = self._day(self.xlsx)
            if data.num_rows <= self.xlsx_max:
                name = f"komentar/komentar_{self.xlsx}.xlsx"
                cols = [data[c].to_pylist() for c in HEADER]
                waktu = pd.to_datetime(pd.Series(cols[6])).dt.to_pydatetime().tolist()
                cols[6] = waktu
                self.rows[name] = wr.write_xlsx(self.out / name, HEADER, list(zip(*cols)), day, "Komentar")
            else:
                name = f"komentar/komentar_{self.xlsx}.csv"
                self.rows[name] = wr.write_csv(self.out / name, data, day)
        return dict(sorted(self.rows.items()))


def _as_excel_kept(t: pa.Table) -> pa.Table:
    """What Excel does to a sheet kept by hand: dd/mm/yyyy times, no line breaks in cells."""
    waktu = pc.strptime(t["waktu"], format="%Y-%m-%d %H:%M:%S", unit="s")
    teks = pc.replace_substring(t["teks"], "\n", " ")
    t = t.set_column(HEADER.index("waktu"), "waktu", pc.strftime(waktu, format="%d/%m/%Y %H:%M"))
    return t.set_column(HEADER.index("teks"), "teks", teks)


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out, d = [], dt.date(start.year, start.month, 1)
    while d <= end:
        out.append(f"{d:%Y-%m}")
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


class Authors:
    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.handles = pa.array(nama.usernames(n, rng))
        self.people = pa.array(nama.people(n, rng))

    def pick(self, facebook: np.ndarray, rng: np.random.Generator) -> pa.Array:
        i = (len(self.handles) * rng.random(len(facebook)) ** 2.5).astype(np.int64)
        return pc.if_else(pa.array(facebook), self.people.take(pa.array(i)), self.handles.take(pa.array(i)))


def generate(p: Posts, akun: pd.DataFrame, wilayah: pd.DataFrame, kab: str, out: Path, start: dt.date,
             end: dt.date, pool_size: int, authors_n: int, xlsx_max: int,
             rng: np.random.Generator) -> dict[str, int]:
    desa = wilayah.loc[wilayah["jenis"] != "kecamatan", "nama"].tolist()
    kec = wilayah.loc[wilayah["jenis"] == "kecamatan", "nama"].tolist()
    pool = kt.TextPool(pool_size, desa, kec, kab, rng)
    authors = Authors(authors_n, rng)
    writer = MonthWriter(out, months_between(start, end), end, xlsx_max)
    pid, link = pa.array(p.pid), pa.array(p.link)
    cutoff = np.datetime64(end) + np.timedelta64(18, "h")
    base = 10**15
    for lo in range(0, len(p), CHUNK_POSTS):
        idx = np.arange(lo, min(lo + CHUNK_POSTS, len(p)))
        data, base = _chunk(p, akun, idx, pid, link, pool, authors, cutoff, base, rng)
        month = fid.strftime(data.column("waktu_ts").to_numpy(), "%Y-%m").to_numpy(zero_copy_only=False)
        writer.add(data.drop_columns(["waktu_ts"]), month)
    return writer.finish()


def _chunk(p: Posts, akun: pd.DataFrame, idx: np.ndarray, pid: pa.Array, link: pa.Array, pool: kt.TextPool,
           authors: Authors, cutoff: np.datetime64, base: int, rng: np.random.Generator) -> tuple[pa.Table, int]:
    post = np.repeat(idx, p.comments[idx])
    k = len(post)
    reply = rng.random(k) < REPLY_SHARE
    delay = np.exp(rng.normal(np.log(2.5 * 3600), 1.5, k)) * np.where(reply, 2.0, 1.0)
    waktu = p.waktu[post] + np.minimum(delay, 45 * 86400).astype("timedelta64[s]")
    waktu = _awake(waktu, rng)
    keep = waktu <= cutoff
    post, reply, waktu = post[keep], reply[keep], waktu[keep]
    k = len(post)
    acc = p.akun_i[post]
    plat = akun["platform"].to_numpy()[acc]
    admin = reply & (rng.random(k) < 0.55)
    u = rng.random(k)
    cat = (u[:, None] > np.cumsum(kt.MIX[p.jenis[post]], axis=1)).sum(axis=1).clip(0, 5)
    cat = np.where(reply, np.where(admin, kt.ADMIN, kt.WARGA), cat)
    author = authors.pick(plat == "facebook", rng)
    own = np.where(plat == "facebook", akun["nama_tampilan"].to_numpy()[acc], akun["akun"].to_numpy()[acc])
    author = pc.if_else(pa.array(admin), pa.array(own.astype(str)), author)
    cid = ids.unique_numbers(k, base, rng, 50_000)
    base = int(cid[-1]) if k else base
    num = np.where(plat == "x", ids.snowflake(waktu, rng), np.where(plat == "tiktok", ids.tiktok_id(waktu, rng), cid))
    num = np.where(plat == "instagram", cid + 17_800_000_000_000_000, num)
    comments = _ids(plat, ids.as_str(num), pid.take(pa.array(post)), link.take(pa.array(post)), author, rng)
    table = _table(plat, akun["akun"].to_numpy()[acc], "komentar", reply, comments, waktu, author,
                   pool.texts(cat, rng))
    mentions = _mentions(p, akun, idx, pool, authors, cutoff, base, rng)
    base += 10**9
    both = pa.concat_tables([table, mentions])
    order = pc.sort_indices(both, sort_keys=[("waktu_ts", "ascending"), ("id_komentar", "ascending")])
    return both.take(order), base


def _awake(waktu: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """People mostly sleep between midnight and 5: move most of those comments to the morning."""
    hour = (waktu.astype("datetime64[h]") - waktu.astype("datetime64[D]")).astype(int)
    move = (hour < 5) & (rng.random(len(waktu)) < 0.75)
    return np.where(move, waktu + np.timedelta64(6, "h"), waktu)


def _ids(plat: np.ndarray, num: pa.Array, post_id: pa.Array, post_link: pa.Array, author: pa.Array,
         rng: np.random.Generator) -> tuple[pa.Array, pa.Array, pa.Array, pa.Array]:
    """(id_komentar, id_post, tautan_post, tautan) per platform convention."""
    j = fid.join
    fb, ig, x, yt = (pa.array(plat == v) for v in ("facebook", "instagram", "x", "youtube"))
    yt_id = ids.b64(len(plat), 23, rng, "Ugx")
    cid = pc.if_else(fb, j(post_id, "_", num), pc.if_else(yt, yt_id, num))
    tautan = pc.if_else(fb, j(post_link, "?comment_id=", num),
             pc.if_else(ig, j(post_link, "c/", num, "/"),
             pc.if_else(x, j("https://x.com/", author, "/status/", num),
             pc.if_else(yt, j("https://www.youtube.com/watch?v=", post_id, "&lc=", yt_id),
                        j(post_link, "?comment_id=", num)))))
    return cid, post_id, post_link, tautan


def _table(plat: np.ndarray, handle: np.ndarray, jenis: str, reply: np.ndarray | None, comments: tuple,
           waktu: np.ndarray, author: pa.Array, text: pa.Array) -> pa.Table:
    kind = np.full(len(plat), jenis, dtype=object)
    if reply is not None:
        kind = np.where(reply, "balasan", kind)
    cid, post_id, post_link, tautan = comments
    return pa.table({
        "platform": pa.array(plat.astype(str)), "akun_opd": pa.array(handle.astype(str)),
        "jenis": pa.array(kind.astype(str)), "id_komentar": cid, "id_post": post_id, "tautan_post": post_link,
        "waktu": fid.strftime(waktu, "%Y-%m-%d %H:%M:%S"), "penulis": author, "teks": text, "tautan": tautan,
        "waktu_ts": fid.to_arrow_ts(waktu),
    })


def _mentions(p: Posts, akun: pd.DataFrame, idx: np.ndarray, pool: kt.TextPool, authors: Authors,
              cutoff: np.datetime64, base: int, rng: np.random.Generator) -> pa.Table:
    """Mentions of OPD accounts in other people's posts: no post id of the OPD."""
    plat_all = akun["platform"].to_numpy()[p.akun_i[idx]]
    cand = idx[(plat_all != "youtube") & akun["terdaftar"].to_numpy()[p.akun_i[idx]]]
    n = int(MENTION_SHARE * p.comments[idx].sum())
    src = cand[rng.integers(0, len(cand), n)] if len(cand) else np.zeros(0, dtype=np.int64)
    waktu = p.waktu[src] + rng.integers(-5 * 86400, 5 * 86400, len(src)).astype("timedelta64[s]")
    src, waktu = src[waktu <= cutoff], waktu[waktu <= cutoff]
    acc = p.akun_i[src]
    plat = akun["platform"].to_numpy()[acc]
    handle = akun["akun"].to_numpy()[acc]
    tag = np.where(plat == "facebook", akun["nama_tampilan"].to_numpy()[acc], "@" + handle.astype(str))
    text = pool.texts(np.full(len(src), kt.MENTION), rng).to_pylist()
    text = pa.array([t.replace("{akun}", g) for t, g in zip(text, tag.tolist())], pa.string())
    author = authors.pick(plat == "facebook", rng)
    num = np.where(plat == "x", ids.snowflake(waktu, rng), ids.unique_numbers(len(src), base, rng, 50_000))
    num_s = ids.as_str(num)
    code = ids.b64(len(src), 11, rng)
    j = fid.join
    tautan = pc.if_else(pa.array(plat == "facebook"), j("https://www.facebook.com/permalink.php?story_fbid=", num_s),
             pc.if_else(pa.array(plat == "instagram"), j("https://www.instagram.com/p/", code, "/"),
             pc.if_else(pa.array(plat == "x"), j("https://x.com/", author, "/status/", num_s),
                        j("https://www.tiktok.com/@", author, "/video/", num_s))))
    none = pa.nulls(len(src), pa.string())
    return _table(plat, handle, "mention", None, (num_s, none, none, tautan), waktu, author, text)
