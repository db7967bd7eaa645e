"""Render post captions from the templates: slot fills from the OPD, its region and the date."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass

import numpy as np

from . import formatid as fid
from . import kosakata, nama, pribadi
from . import template_post as tp
from .kalender import Hari

KINERJA, LAYANAN, SEREMONIAL = 0, 1, 2
JENIS = ("kinerja", "layanan", "seremonial")
# Words that mark a ceremonial caption (used by tests and documentation).
CEREMONIAL_RE = re.compile(r"\b(selamat|dirgahayu|berduka|innalillahi|marhaban|minal aidin|sugeng|"
                           r"semangat pagi|wilujeng)\b", re.IGNORECASE)
_VOCAB_SLOTS = {"program", "kegiatan", "penerima", "bantuan", "tindak", "masalah", "proyek", "layanan",
                "syarat", "inovasi", "mitra", "tips", "imbauan", "aplikasi", "penghargaan"}
_NESTED = {"lokasi": tp.LOKASI, "pejabat": tp.PEJABAT, "tokoh": tp.TOKOH, "tokoh2": tp.TOKOH2}
_PLAIN = {"tamu": tp.TAMU, "lembaga": tp.LEMBAGA, "juara": tp.JUARA}
_JAM = ["07.30", "08.00", "08.30", "09.00", "13.00"]
_JAM2 = ["12.00", "14.00", "15.00", "15.30", "16.00"]
_RP = ["125 juta", "350 juta", "480 juta", "1,2 miliar", "2,7 miliar", "860 juta", "4,1 miliar", "95 juta"]
_HUT = {"hut_ri": 1945, "hari_jadi": 1819, "sumpah_pemuda": 1928, "harkitnas": 1908, "hkn": 1964,
        "korpri": 1971, "satpol": 1950}


@dataclass(frozen=True)
class Template:
    text: str
    slots: tuple[str, ...]


def _compile(texts: list[str]) -> list[Template]:
    out = []
    for t in texts:
        slots = tuple(dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(t) if f))
        out.append(Template(t, slots))
    return out


def _numbers(rng: np.random.Generator) -> list[str]:
    raw = np.exp(rng.normal(5.0, 1.3, 512)).astype(int) + 12
    return [fid.ribuan(int(x)) for x in raw]


@dataclass
class Konteks:
    """What a caption may mention about its OPD."""

    opd: str
    daerah: str
    kab: str
    sektor: str
    desa: list[tuple[str, str]]  # (desa, kecamatan) pairs nearby
    telp: str


class CaptionMaker:
    """Renders captions; one instance per sample run (templates compiled once)."""

    def __init__(self, hari: list[Hari], rng: np.random.Generator) -> None:
        self.kinerja = _compile(tp.KINERJA)
        self.layanan = _compile(tp.LAYANAN)
        self.seremonial = _compile(tp.SEREMONIAL)
        self.hari_tpl = {k: _compile(v) for k, v in tp.HARI.items()}
        self.umum_hari = _compile(tp.UMUM_HARI)
        self.campuran = _compile(tp.CAMPURAN)
        self.hari = hari
        self.angka = _numbers(rng)

    def pick(self, jenis: int, hari_i: int, r: int) -> Template:
        if hari_i >= 0:
            own = self.hari_tpl.get(self.hari[hari_i].kunci, [])
            pool = own + self.umum_hari if own else self.umum_hari
            if r % 10 == 0:
                pool = self.campuran
            return pool[(r >> 4) % len(pool)]
        pool = (self.kinerja, self.layanan, self.seremonial)[jenis]
        return pool[(r >> 4) % len(pool)]

    def render(self, k: Konteks, jenis: int, hari_i: int, day: dt.date, r: np.ndarray) -> str:
        tpl = self.pick(jenis, hari_i, int(r[0]))
        desa, kec = k.desa[int(r[1]) % len(k.desa)]
        base = {"opd": k.opd, "daerah": k.daerah, "kab": k.kab, "desa": desa, "kec": kec,
                "nama": f"{nama.DEPAN[int(r[2]) % 52]} {nama.BELAKANG[int(r[3]) % 30]}"}
        vals = {}
        for j, slot in enumerate(tpl.slots):
            vals[slot] = self._slot(slot, k, base, hari_i, day, int(r[4 + j % 8]))
        text = tpl.text.format_map(vals)
        if (int(r[12]) >> 23) % 20 == 0:  # now and then a caption names a person with a number, an address …
            text = pribadi.add(text, pribadi.CAPTION, int(r[11]), desa)
        if k.kab != "Sukamaju" and "Sukamaju" in text:
            text = text.replace("Sukamaju", k.kab)
        return self._decorate(text, k, int(r[12]))

    def _slot(self, slot: str, k: Konteks, base: dict, hari_i: int, day: dt.date, r: int) -> str:
        if slot in base:
            return base[slot]
        if slot in _VOCAB_SLOTS:
            values = kosakata.vocab(k.sektor, slot)
            return values[r % len(values)]
        if slot in _NESTED:
            values = _NESTED[slot]
            return values[r % len(values)].format_map(base)
        if slot in _PLAIN:
            return _PLAIN[slot][r % len(_PLAIN[slot])]
        return self._value(slot, k, hari_i, day, r)

    def _value(self, slot: str, k: Konteks, hari_i: int, day: dt.date, r: int) -> str:
        if slot == "n":
            return self.angka[r % 512]
        if slot in ("tanggal", "hari", "tanggal2"):
            when = day + dt.timedelta(days=1 + r % 6 + (10 if slot == "tanggal2" else 0))
            return fid.HARI[when.weekday()] if slot == "hari" else fid.tanggal(when)
        if slot == "tanggal_lalu":
            return fid.tanggal(day - dt.timedelta(days=1 + r % 6))
        if slot == "ke":
            if hari_i >= 0 and self.hari[hari_i].kunci in _HUT:
                return str(day.year - _HUT[self.hari[hari_i].kunci])
            return str(2 + r % 10)
        simple = {
            "km": lambda: f"{(3 + r % 45) / 10:.1f}".replace(".", ","),
            "persen": lambda: str(55 + r % 45),
            "rp": lambda: _RP[r % len(_RP)],
            "jam": lambda: _JAM[r % 5],
            "jam2": lambda: _JAM2[r % 5],
            "bulan": lambda: fid.BULAN[(day.month - 1 - (r % 2)) % 12],
            "bulan_depan": lambda: fid.BULAN[day.month % 12],
            "tahun": lambda: str(day.year),
            "tahun_lalu": lambda: str(day.year - 1),
            "hijri": lambda: str(self.hari[hari_i].tahun_hijriah) if hari_i >= 0 else "1447",
            "label": lambda: self.hari[hari_i].label if hari_i >= 0 else "Hari Jadi",
            "hari_kerja": lambda: str(1 + r % 5),
            "n_lokasi": lambda: str(3 + r % 22),
            "menit": lambda: str(8 + r % 40),
            "ikm": lambda: f"{82 + r % 15},{r % 10}",
            "triwulan": lambda: ("I", "II", "III", "IV")[(day.month - 1) // 3],
            "telp": lambda: k.telp,
        }
        return simple[slot]()

    def _decorate(self, text: str, k: Konteks, r: int) -> str:
        if r % 5 == 0:
            text = f"{tp.EMOJI[(r >> 3) % len(tp.EMOJI)]} {text}"
        if r % 7 < 2:
            text = f"{text} {tp.EMOJI[(r >> 6) % len(tp.EMOJI)]}"
        if r % 3 == 0:
            tags = [tp.HASHTAG[(r >> s) % len(tp.HASHTAG)] for s in (9, 13, 17)]
            tag = " ".join(dict.fromkeys(tags))
            tag = tag.replace("{kab}", nama.slug(k.kab).title()).replace("{opd_tag}", _tag(k.opd))
            text = f"{text}\n\n{tag}"
        return text


def _tag(opd: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", opd)
