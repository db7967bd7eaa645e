"""Comments, replies and mentions in the Sorot comment template, one file per month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import formatid as fid
from . import ids, nama
from . import komentar_teks as kt
from . import writers as wr
from .posts import PLAT, Posts

HEADER = ["platform", "akun_opd", "jenis", "id_komentar", "id_post", "tautan_post", "waktu", "penulis",
          "teks", "tautan"]
CHUNK_POSTS = 25_000  # posts per batch: bounds memory at province scale
REPLY_SHARE, MENTION_SHARE = 0.15, 0.06
FB, IG, X, TT, YT = range(5)


class MonthWriter:
    """Appends comment rows to komentar/komentar_YYYY-MM.csv; one month kept by hand in Excel
    (Windows-1252, ';'), one month as .xlsx."""

    def __init__(self, out: Path, months: list[str], end: dt.date, xlsx_max: int, expected: int) -> None:
        self.out, self.end, self.xlsx_max = out, end, xlsx_max
        self.months = months
        self.excel_csv = months[min(3, len(months) - 1)]
        small = expected / max(len(months), 1) <= xlsx_max  # a month too big for a sheet stays CSV
        self.xlsx = months[min(8, len(months) - 1)] if len(months) > 1 and small else ""
        self.rows: dict[str, int] = {}
        self.buffer: list[pa.Table] = []

    def _day(self, month: str) -> dt.date:
        y, m = map(int, month.split("-"))
        last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
        return min(last, self.end)

    def add(self, data: pa.Table, waktu: np.ndarray) -> None:
        """data sorted by waktu (datetime64[s]); rows go to the file of their month."""
        month = waktu.astype("datetime64[M]")
        for label in self.months:
            lo, hi = np.searchsorted(month, np.datetime64(label, "M"), side="left"), \
                np.searchsorted(month, np.datetime64(label, "M"), side="right")
            if hi > lo:
                self._write(label, data.slice(lo, hi - lo))

    def _write(self, month: str, part: pa.Table) -> None:
        if month == self.xlsx:
            self.buffer.append(part)
            return
        name = f"komentar/komentar_{month}.csv"
        first = name not in self.rows
        if month == self.excel_csv:
            wr.write_csv(self.out / name, _as_excel_kept(part), self._day(month), encoding="cp1252",
                         delimiter=";", crlf=True, append=not first)
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
                cols[6] = [dt.datetime.fromisoformat(v) for v in cols[6]]
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
        i = pa.array((len(self.handles) * rng.random(len(facebook)) ** 2.5).astype(np.int64))
        return pc.if_else(pa.array(facebook), self.people.take(i), self.handles.take(i))


@dataclass
class Akun:
    """Per-account columns used for every comment row (Arrow strings, platform codes)."""

    plat: np.ndarray  # index into PLAT
    plat_s: pa.Array
    handle: pa.Array
    own: pa.Array  # how the account signs its replies (page name on Facebook, else handle)
    mention: pa.Array  # how people tag it
    terdaftar: np.ndarray

    @classmethod
    def of(cls, akun: pd.DataFrame) -> Akun:
        plat = akun["platform"].map({p: i for i, p in enumerate(PLAT)}).to_numpy().astype(np.int8)
        fb = plat == FB
        name, handle = akun["nama_tampilan"].to_numpy().astype(str), akun["akun"].to_numpy().astype(str)
        return cls(plat, pa.array(akun["platform"].to_numpy().astype(str)), pa.array(handle),
                   pa.array(np.where(fb, name, handle)), pa.array(np.where(fb, name, np.char.add("@", handle))),
                   akun["terdaftar"].to_numpy().astype(bool))


def generate(p: Posts, akun: pd.DataFrame, wilayah: pd.DataFrame, kab: str, hari_label: list[str], out: Path,
             start: dt.date, end: dt.date, pool_size: int, authors_n: int, xlsx_max: int,
             rng: np.random.Generator) -> dict[str, int]:
    desa = wilayah.loc[wilayah["jenis"] != "kecamatan", "nama"].tolist()
    kec = wilayah.loc[wilayah["jenis"] == "kecamatan", "nama"].tolist()
    pool = kt.TextPool(pool_size, desa, kec, kab, rng)
    authors = Authors(authors_n, rng)
    acc = Akun.of(akun)
    expected = int(p.comments.sum() * (1 + MENTION_SHARE))
    writer = MonthWriter(out, months_between(start, end), end, xlsx_max, expected)
    pid, link = pa.array(p.pid), pa.array(p.link)
    cutoff = np.datetime64(end) + np.timedelta64(18, "h")
    base = 10**15
    for lo in range(0, len(p), CHUNK_POSTS):
        idx = np.arange(lo, min(lo + CHUNK_POSTS, len(p)))
        data, waktu, base = _chunk(p, acc, idx, pid, link, pool, authors, hari_label, cutoff, base, rng)
        writer.add(data, waktu)
    return writer.finish()


def _chunk(p: Posts, acc: Akun, idx: np.ndarray, pid: pa.Array, link: pa.Array, pool: kt.TextPool,
           authors: Authors, hari_label: list[str], cutoff: np.datetime64, base: int,
           rng: np.random.Generator) -> tuple[pa.Table, np.ndarray, int]:
    post = np.repeat(idx, p.comments[idx])
    post = post[acc.terdaftar[p.akun_i[post]]]  # the sheet is kept for the registered accounts
    k = len(post)
    reply = rng.random(k) < REPLY_SHARE
    delay = np.exp(rng.normal(np.log(2.5 * 3600), 1.5, k)) * np.where(reply, 2.0, 1.0)
    waktu = _awake(p.waktu[post] + np.minimum(delay, 45 * 86400).astype("timedelta64[s]"), rng)
    keep = waktu <= cutoff
    post, reply, waktu = post[keep], reply[keep], waktu[keep]
    k = len(post)
    a = p.akun_i[post]
    a_pa = pa.array(a)
    plat = acc.plat[a]
    admin = reply & (rng.random(k) < 0.55)
    hari = p.hari_i[post]
    row = np.where(hari >= 0, 3, p.jenis[post])
    col = (rng.random(k)[:, None] > np.cumsum(kt.MIX[row], axis=1)).sum(axis=1).clip(0, kt.MIX.shape[1] - 1)
    cat = np.where(reply, np.where(admin, kt.ADMIN, kt.WARGA), kt.MIX_CAT[col])
    author = pc.if_else(pa.array(admin), acc.own.take(a_pa), authors.pick(plat == FB, rng))
    cid = ids.unique_numbers(k, base, rng, 50_000)
    base = int(cid[-1]) if k else base
    num = np.where(plat == X, ids.snowflake(waktu, rng), np.where(plat == TT, ids.tiktok_id(waktu, rng), cid))
    num = np.where(plat == IG, cid + 17_800_000_000_000_000, num)
    post_pa = pa.array(post)
    comments = _ids(plat, ids.as_str(num), pid.take(post_pa), link.take(post_pa), author, rng)
    kind = pc.if_else(pa.array(reply), "balasan", "komentar")
    text = _holiday_names(pool.texts(cat, rng), cat == kt.HARI, hari, hari_label)
    table = _table(acc.plat_s.take(a_pa), acc.handle.take(a_pa), kind, comments, waktu, author, text)
    mentions, m_waktu = _mentions(p, acc, idx, pool, authors, cutoff, base, rng)
    base += 10**9
    both = pa.concat_tables([table, mentions])
    all_waktu = np.concatenate([waktu, m_waktu])
    order = np.argsort(all_waktu, kind="stable")
    return both.take(pa.array(order)), all_waktu[order], base


def _holiday_names(text: pa.Array, mask: np.ndarray, hari: np.ndarray, labels: list[str]) -> pa.Array:
    """Fill {hari} in replies to holiday greetings with the day's name."""
    if not mask.any():
        return text
    picked = text.filter(pa.array(mask)).to_pylist()
    names = [labels[h] for h in hari[mask].tolist()]
    new = pa.array([t.replace("{hari}", n) for t, n in zip(picked, names)], pa.string())
    return pc.replace_with_mask(text, pa.array(mask), new)


def _awake(waktu: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """People mostly sleep between midnight and 5: move most of those comments to the morning."""
    hour = waktu.astype(np.int64) % 86400 // 3600
    move = (hour < 5) & (rng.random(len(waktu)) < 0.75)
    return np.where(move, waktu + np.timedelta64(6, "h"), waktu)


def _ids(plat: np.ndarray, num: pa.Array, post_id: pa.Array, post_link: pa.Array, author: pa.Array,
         rng: np.random.Generator) -> tuple[pa.Array, pa.Array, pa.Array, pa.Array]:
    """(id_komentar, id_post, tautan_post, tautan) per platform convention."""
    j = fid.join
    fb, ig, x, yt = (pa.array(plat == v) for v in (FB, IG, X, YT))
    yt_id = ids.b64(len(plat), 23, rng, "Ugx")
    cid = pc.if_else(fb, j(post_id, "_", num), pc.if_else(yt, yt_id, num))
    tautan = pc.if_else(fb, j(post_link, "?comment_id=", num),
             pc.if_else(ig, j(post_link, "c/", num, "/"),
             pc.if_else(x, j("https://x.com/", author, "/status/", num),
             pc.if_else(yt, j("https://www.youtube.com/watch?v=", post_id, "&lc=", yt_id),
                        j(post_link, "?comment_id=", num)))))
    return cid, post_id, post_link, tautan


def _table(plat: pa.Array, handle: pa.Array, kind: pa.Array, comments: tuple, waktu: np.ndarray,
           author: pa.Array, text: pa.Array) -> pa.Table:
    cid, post_id, post_link, tautan = comments
    return pa.table({
        "platform": plat, "akun_opd": handle, "jenis": kind, "id_komentar": cid, "id_post": post_id,
        "tautan_post": post_link, "waktu": fid.strftime(waktu, "%Y-%m-%d %H:%M:%S"), "penulis": author,
        "teks": text, "tautan": tautan,
    })


def _mentions(p: Posts, acc: Akun, idx: np.ndarray, pool: kt.TextPool, authors: Authors, cutoff: np.datetime64,
              base: int, rng: np.random.Generator) -> tuple[pa.Table, np.ndarray]:
    """Mentions of OPD accounts in other people's posts: no post id of the OPD."""
    a_all = p.akun_i[idx]
    cand = idx[(acc.plat[a_all] != YT) & acc.terdaftar[a_all]]
    n = int(MENTION_SHARE * p.comments[idx].sum())
    src = cand[rng.integers(0, len(cand), n)] if len(cand) else np.zeros(0, dtype=np.int64)
    waktu = p.waktu[src] + rng.integers(-5 * 86400, 5 * 86400, len(src)).astype("timedelta64[s]")
    src, waktu = src[waktu <= cutoff], waktu[waktu <= cutoff]
    a = p.akun_i[src]
    a_pa = pa.array(a)
    plat = acc.plat[a]
    tag = acc.mention.take(a_pa).to_pylist()
    text = pool.texts(np.full(len(src), kt.MENTION), rng).to_pylist()
    text = pa.array([t.replace("{akun}", g) for t, g in zip(text, tag)], pa.string())
    author = authors.pick(plat == FB, rng)
    num = np.where(plat == X, ids.snowflake(waktu, rng), ids.unique_numbers(len(src), base, rng, 50_000))
    num_s = ids.as_str(num)
    code = ids.b64(len(src), 11, rng)
    j = fid.join
    tautan = pc.if_else(pa.array(plat == FB), j("https://www.facebook.com/permalink.php?story_fbid=", num_s),
             pc.if_else(pa.array(plat == IG), j("https://www.instagram.com/p/", code, "/"),
             pc.if_else(pa.array(plat == X), j("https://x.com/", author, "/status/", num_s),
                        j("https://www.tiktok.com/@", author, "/video/", num_s))))
    none = pa.nulls(len(src), pa.string())
    kind = pa.array(np.full(len(src), "mention"))
    table = _table(acc.plat_s.take(a_pa), acc.handle.take(a_pa), kind, (num_s, none, none, tautan), waktu,
                   author, text)
    return table, waktu
