"""Platform-like identifiers, built vectorised from times and a seeded generator."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_B64 = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", dtype=np.uint8)
_TWITTER_EPOCH_MS = 1288834974657
_WIB = np.timedelta64(7, "h")


def unix_seconds(local: np.ndarray) -> np.ndarray:
    """Unix seconds of naive WIB datetimes."""
    return (local.astype("datetime64[s]") - _WIB).astype(np.int64)


def snowflake(local: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """X/Twitter ids: milliseconds since the Twitter epoch << 22, plus random low bits."""
    ms = unix_seconds(local) * 1000 + rng.integers(0, 1000, len(local))
    return ((ms - _TWITTER_EPOCH_MS) << 22) | rng.integers(0, 1 << 22, len(local))


def tiktok_id(local: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return (unix_seconds(local) << 32) | rng.integers(0, 1 << 32, len(local))


def unique_numbers(n: int, base: int, rng: np.random.Generator, gap: int = 1000) -> np.ndarray:
    """n increasing unique integers from base (random gaps)."""
    return base + np.cumsum(rng.integers(1, gap, n, dtype=np.int64))


def b64(n: int, width: int, rng: np.random.Generator, prefix: str = "") -> pa.Array:
    """n random url-safe base64 strings (IG shortcodes, YouTube ids) as an Arrow string array."""
    chars = _B64[rng.integers(0, 64, (n, width), dtype=np.uint8)]
    raw = np.ascontiguousarray(chars).view(f"S{width}").ravel()
    arr = pa.array(raw, type=pa.binary(width)).cast(pa.string())
    if prefix:
        arr = pc.binary_join_element_wise(prefix, arr, "")
    return arr


def as_str(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(np.int64)).cast(pa.string())


def masked_phones(n: int, rng: np.random.Generator) -> np.ndarray:
    """0812****4567 style masked mobile numbers."""
    pre = np.array(["0812", "0813", "0821", "0852", "0857", "0878", "0896", "0838"], dtype=object)
    head = pre[rng.integers(0, len(pre), n)]
    tail = rng.integers(0, 10000, n)
    return np.array([f"{h}****{t:04d}" for h, t in zip(head, tail.tolist())], dtype=object)


REPORTER_PREFIXES = ("0813", "0821", "0852", "0857", "0878", "0896", "0838", "0822")  # never 0811/0812: see below


def reporter_phones(n: int, rng: np.random.Generator, international: bool = False) -> np.ndarray:
    """Reporters' mobile numbers in clear, as the local app and hand-kept sheets give them: ``0857-0000-4567``
    (``+62 857 0000 4567`` when ``international``). Fictional (``-0000-``) and apart from the numbers the sample
    writes into texts (0812-0000-…) and captions (0811-…), so a reporter's number found anywhere but the contact
    table is a leak. Draws from ``rng`` exactly as ``masked_phones`` does."""
    head = np.array(REPORTER_PREFIXES, dtype=object)[rng.integers(0, len(REPORTER_PREFIXES), n)]
    tail = rng.integers(0, 10000, n)
    if international:
        return np.array([f"+62 {h[1:]} 0000 {t:04d}" for h, t in zip(head, tail.tolist())], dtype=object)
    return np.array([f"{h}-0000-{t:04d}" for h, t in zip(head, tail.tolist())], dtype=object)
