"""Formatting helpers: Indonesian dates and numbers, vectorised timestamp strings."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MON_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]
_DAY_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def tanggal(d: dt.date) -> str:
    """12 Oktober 2026"""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def ribuan(n: int) -> str:
    """1.245 (Indonesian thousands separator)"""
    return f"{n:,}".replace(",", ".")


def to_arrow_ts(t: np.ndarray) -> pa.Array:
    return pa.array(t.astype("datetime64[s]"), type=pa.timestamp("s"))


_WIDTH = {"Y": 4, "m": 2, "d": 2, "H": 2, "M": 2, "S": 2}
_DIGITS2 = np.frombuffer("".join(f"{i:02d}" for i in range(100)).encode(), np.uint8).reshape(100, 2)
_DIGITS4 = np.frombuffer("".join(f"{i:04d}" for i in range(10000)).encode(), np.uint8).reshape(10000, 4)


def _fields(t: np.ndarray) -> dict[str, np.ndarray]:
    sec = t.astype("datetime64[s]").astype(np.int64)
    day = sec // 86400
    tod = (sec - day * 86400).astype(np.int32)
    month = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    mday = (day - month.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)).astype(np.int32)
    return {"Y": month // 12 + 1970, "m": month % 12 + 1, "d": mday + 1, "H": tod // 3600,
            "M": tod // 60 % 60, "S": tod % 60}


def strftime(t: np.ndarray, fmt: str) -> pa.Array:
    """Vectorised strftime of naive datetime64 values for numeric fields (%Y %m %d %H %M %S);
    NaT gives null. Builds fixed-width bytes with numpy (much faster than Arrow's strftime)."""
    nat = np.isnat(t)
    f = _fields(np.where(nat, np.datetime64("2000-01-01", "s"), t.astype("datetime64[s]")))
    parts, i = [], 0
    while i < len(fmt):
        if fmt[i] == "%":
            parts.append(fmt[i + 1])
            i += 2
        else:
            parts.append(("lit", fmt[i]))
            i += 1
    width = sum(_WIDTH[x] if isinstance(x, str) else 1 for x in parts)
    buf = np.empty((len(t), width), dtype=np.uint8)
    col = 0
    for x in parts:
        if isinstance(x, tuple):
            buf[:, col] = ord(x[1])
            col += 1
            continue
        w = _WIDTH[x]
        buf[:, col:col + w] = (_DIGITS4 if w == 4 else _DIGITS2)[f[x]]
        col += w
    return fixed_strings(buf, nat)


def fixed_strings(buf: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """Arrow strings from an (n, width) uint8 array of ASCII bytes, without copying row by row."""
    n, width = buf.shape
    offsets = pa.py_buffer((np.arange(n + 1, dtype=np.int32) * width).tobytes())
    data = pa.py_buffer(np.ascontiguousarray(buf).tobytes())
    validity = None
    if null is not None and null.any():
        validity = pa.py_buffer(np.packbits(~null, bitorder="little").tobytes())
    return pa.StringArray.from_buffers(n, offsets, data, validity)


def _parts(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    days = t.astype("datetime64[D]")
    y = days.astype("datetime64[Y]").astype(int) + 1970
    m = days.astype("datetime64[M]").astype(int) % 12
    d = (days - days.astype("datetime64[M]")).astype(int) + 1
    wd = (days.astype(int) + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    return y, m, d, wd


def join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def en_date(t: np.ndarray, weekday: bool) -> pa.Array:
    """Sat, Sep 12, 2026 (weekday=True) or Sep 12, 2026."""
    y, m, d, wd = _parts(t)
    mon = pa.array(np.array(_MON_EN, dtype=object)[m])
    base = join(mon, " ", pa.array(d.astype(str)), ", ", pa.array(y.astype(str)))
    if not weekday:
        return base
    return join(pa.array(np.array(_DAY_EN, dtype=object)[wd]), ", ", base)


def month_day(t: np.ndarray, indonesian: bool) -> pa.Array:
    """A date without its year, as TikTok Studio writes Post time: November 4 (English UI) or
    27 Oktober (Indonesian UI)."""
    _, m, d, _ = _parts(t)
    day = pa.array(d.astype(str))
    if indonesian:
        return join(day, " ", pa.array(np.array(BULAN, dtype=object)[m]))
    return join(pa.array(np.array(MONTH_EN, dtype=object)[m]), " ", day)


def id_short_date(t: np.ndarray) -> list[str]:
    """2 Nov 2026, 17 Agu 2026 (Indonesian short month names)."""
    y, m, d, _ = _parts(t)
    return [f"{a} {BULAN_PENDEK[b]} {c}" for a, b, c in zip(d.tolist(), m.tolist(), y.tolist())]


def excel_general(digits: str, decimal: str = ",") -> str:
    """A long number as Excel's General format shows (and a CSV saved from Excel keeps) it:
    122100048352991839 -> 1,221E+17 on an Indonesian PC (5 significant decimals at most)."""
    if len(digits) <= 11:
        return digits
    mantissa, exponent = f"{int(digits):.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E+{int(exponent):02d}".replace(".", decimal)


def id_long(t: np.ndarray) -> pa.Array:
    """Senin, 21 November 2026 08:30"""
    y, m, d, wd = _parts(t)
    hm = strftime(t, "%H:%M")
    return join(pa.array(np.array(HARI, dtype=object)[wd]), ", ", pa.array(d.astype(str)), " ",
                pa.array(np.array(BULAN, dtype=object)[m]), " ", pa.array(y.astype(str)), " ", hm)


def id_mixed(t: np.ndarray, style: np.ndarray) -> pa.Array:
    """Indonesian timestamps in three hand-typed styles; NaT -> null.

    style 0: 21/11/2026 08:30, 1: 21-11-2026 08.30, 2: Senin, 21 November 2026 08:30
    """
    out = pc.if_else(pa.array(style == 0), strftime(t, "%d/%m/%Y %H:%M"),
                     pc.if_else(pa.array(style == 1), strftime(t, "%d-%m-%Y %H.%M"), id_long(t)))
    return pc.if_else(pa.array(np.isnat(t)), pa.scalar(None, pa.string()), out)


def k_format(v: np.ndarray) -> list[str]:
    """TikTok-style counts: 987, 1.2K, 18.4K, 1.1M."""
    out = []
    for x in v.tolist():
        if x >= 1_000_000:
            out.append(f"{x / 1_000_000:.1f}M".replace(".0M", "M"))
        elif x >= 1000:
            out.append(f"{x / 1000:.1f}K".replace(".0K", "K"))
        else:
            out.append(str(x))
    return out


def mmss(seconds: np.ndarray) -> list[str]:
    return [f"{s // 60}:{s % 60:02d}" for s in seconds.astype(int).tolist()]


def hmmss(seconds: np.ndarray) -> list[str]:
    return [f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds.astype(int).tolist()]
