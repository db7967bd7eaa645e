"""Comment texts: slot fills plus informal variations (case, emoji, greetings, letter stretching)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import pribadi
from . import template_komentar as tk

KATEGORI = (tk.POSITIF, tk.NEGATIF, tk.NETRAL, tk.SALAM, tk.JAWA, tk.SUNDA, tk.MENTION,
            tk.BALASAN_ADMIN, tk.BALASAN_WARGA, tk.HARI)
POS, NEG, NET, SALAM, JAWA, SUNDA, MENTION, ADMIN, WARGA, HARI = range(10)
_OPD = ["min", "tim", "pemkab", "bapak ibu petugas", "semua petugas", "admin"]
# category mix of comments by post type (kinerja, layanan, seremonial, holiday greeting)
MIX_CAT = np.array([POS, NEG, NET, SALAM, JAWA, SUNDA, HARI])
MIX = np.array([
    [.36, .20, .14, .18, .06, .06, 0],
    [.20, .22, .34, .12, .06, .06, 0],
    [.24, .08, .06, .50, .06, .06, 0],
    [.14, .07, .04, .20, .05, .05, .45],
])


def _vary(text: str, r: int, category: int) -> str:
    if category in (ADMIN, MENTION):
        return text
    if r % 4 == 0 and category in (NEG, NET):
        text = tk.SAPA[(r >> 3) % len(tk.SAPA)] + text[0].lower() + text[1:]
    if r % 5 == 0:
        text = text.lower()
    if r % 6 == 1:
        text = f"{text} {tk.EMOJI[(r >> 5) % len(tk.EMOJI)]}"
    if r % 11 == 2 and text[-1:].isalpha():
        text = text + text[-1] * (2 + r % 3)
    if r % 13 == 3 and category == NEG:
        text = text.upper()
    return text


def render(category: np.ndarray, desa: list[str], kec: list[str], kab: str, rng: np.random.Generator) -> list[str]:
    """One text per entry of `category` (mention texts keep a literal {akun} placeholder)."""
    n = len(category)
    r = rng.integers(0, 2**31, (n, 6))
    out = []
    for i, c in enumerate(category.tolist()):
        tpl = KATEGORI[c][int(r[i, 0]) % len(KATEGORI[c])]
        if "{" in tpl:
            d, k = desa[int(r[i, 1]) % len(desa)], kec[int(r[i, 2]) % len(kec)]
            jalan = tk.JALAN[int(r[i, 3]) % len(tk.JALAN)].format(desa=d, kec=k)
            tpl = tpl.format(desa=d, kec=k, kab=kab, jalan=jalan, opd=_OPD[int(r[i, 4]) % len(_OPD)],
                             n=2 + int(r[i, 4]) % 14, waktu=tk.WAKTU[int(r[i, 5]) % len(tk.WAKTU)],
                             akun="{akun}", hari="{hari}")
        text = _vary(tpl, int(r[i, 5]), c)
        if c in (NEG, NET, WARGA) and (int(r[i, 1]) >> 16) % 25 == 0:  # a few write their number, NIK …
            text = pribadi.add(text, pribadi.COMMENT, int(r[i, 2]) >> 8)
        out.append(text)
    return out


class TextPool:
    """Pre-rendered texts per category (size>0), or one fresh render per row (size=0)."""

    def __init__(self, size: int, desa: list[str], kec: list[str], kab: str, rng: np.random.Generator) -> None:
        self.args = (desa, kec, kab)
        self.size = size
        if size:
            weights = np.array([.22, .22, .2, .14, .05, .05, .05, .03, .02, .02])
            counts = np.maximum((weights * size).astype(int), 50)
            cats = np.repeat(np.arange(len(KATEGORI)), counts)
            self.offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
            self.counts = counts
            self.pool = pa.array(render(cats, *self.args, rng))

    def texts(self, category: np.ndarray, rng: np.random.Generator) -> pa.Array:
        if not self.size:
            return pa.array(render(category, *self.args, rng))
        pick = self.offsets[category] + rng.integers(0, 1 << 30, len(category)) % self.counts[category]
        return self.pool.take(pa.array(pick))
