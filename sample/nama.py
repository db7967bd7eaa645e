"""Name pools: regions, villages, people, commenters (all fictional)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Unit:
    kode: str
    daerah: str
    kota: bool = False
    provinsi: bool = False
    n_kec: int = 0


PROVINSI = Unit("PROV", "Provinsi Pasundan Raya", provinsi=True)

_KAB = ["Sukamaju", "Tanjungwangi", "Girimukti", "Pasirlaya", "Karangsirna", "Ciwidara", "Margajati",
        "Sindangkasih", "Talagamurni", "Rancaputih", "Bojongkaso", "Leuwimanik", "Sirnasari",
        "Cikalongwangi", "Pangandaran Kidul", "Jatiluhung", "Sagaranten Raya", "Mandalagiri"]
_KOTA = ["Banjaranom", "Pakuan Raya", "Cipamali", "Sindangbarang", "Wiralaga", "Sukamulya", "Parakanmuncang"]
_PRE = ["Ci", "Suka", "Pasir", "Karang", "Tanjung", "Sindang", "Marga", "Mekar", "Ranca", "Bojong",
        "Leuwi", "Talaga", "Sirna", "Jaya", "Gunung", "Panca", "Cibeu", "Giri", "Wangun", "Kerta",
        "Situ", "Cikal", "Cinta", "Padaja"]
_SUF = ["jaya", "mulya", "sari", "wangi", "raja", "luyu", "resmi", "mukti", "galih", "asih", "mekar",
        "laksana", "rahayu", "harja", "kerta", "nagara", "wening", "manah", "jadi", "asri", "layang",
        "saba", "bungur", "peundeuy", "kalong", "tenjo", "ranji", "kawung"]
DESA = ["Sukajadi", "Mekarsari", "Cibodas", "Sukamulya", "Jayamekar", "Margamulya", "Sindanglaya",
        "Cipanas", "Neglasari", "Sukarame", "Bojongsari", "Pasirhalang", "Cikadu", "Girimekar",
        "Mekarwangi", "Sirnagalih", "Tanjungwangi", "Karyamukti", "Sukamanah", "Wangunsari",
        "Citeureup", "Sukahurip", "Cibeureum", "Gunungsari", "Rancamulya", "Sindangsari", "Cijeruk",
        "Pagerwangi", "Cikahuripan", "Babakan", "Mandalawangi", "Sukasari", "Cigadog", "Jatimekar",
        "Lembangsari", "Nagrak", "Panyirapan", "Sukagalih", "Tegalwaru", "Cipeundeuy", "Karangsari",
        "Mekarjaya", "Padasuka", "Cisarua", "Sukaluyu", "Cilame", "Wargaluyu", "Pangauban",
        "Sirnajaya", "Cikoneng", "Ciburial", "Situsari", "Sukawening", "Bojongloa", "Kertamulya",
        "Tanjunglaya", "Ciherang", "Sukadana", "Margajaya", "Pasirbiru", "Leuwisari", "Jayagiri",
        "Rawabogo", "Sukarasa", "Cimekar", "Cijambu", "Sindangkerta", "Mekarmanik", "Sukatani",
        "Cibunar", "Pamulihan", "Karangmulya", "Sukawangi", "Talagamukti", "Cikembang", "Haurwangi",
        "Cipicung", "Sukamekar", "Rancasari", "Kutamandiri", "Gunungmanik", "Cilembu", "Sayang",
        "Cinanggerang", "Hegarmanah", "Cintamulya", "Linggajaya", "Bangbayang", "Sawahdadap"]

DEPAN = ["Asep", "Ujang", "Dede", "Cecep", "Euis", "Neng", "Iis", "Yayat", "Dadang", "Entin",
         "Siti", "Dewi", "Rina", "Budi", "Agus", "Eko", "Sri", "Wahyu", "Joko", "Tri", "Rudi", "Andi",
         "Fitri", "Nur", "Ahmad", "Muhammad", "Rizki", "Fajar", "Putri", "Ayu", "Indah", "Yuni",
         "Hendra", "Irfan", "Dian", "Wulan", "Lilis", "Engkus", "Apip", "Ade", "Teguh", "Bambang",
         "Slamet", "Sumarni", "Tuti", "Rahmat", "Ilham", "Nanda", "Salsa", "Kevin", "Dimas", "Bayu"]
BELAKANG = ["Saepudin", "Supriatna", "Kurniawan", "Lestari", "Hidayat", "Rahmawati", "Permana",
            "Nugraha", "Setiawan", "Wijaya", "Suryana", "Kusnadi", "Maulana", "Sulastri", "Purnama",
            "Gunawan", "Hermawan", "Santoso", "Wibowo", "Pratama", "Handayani", "Susanti",
            "Firmansyah", "Ramdani", "Sopian", "Komarudin", "Mulyani", "Suhendar", "Juhana", "Iskandar"]
_USER_A = ["warga", "wargi", "urang", "akang", "teteh", "mamah", "bunda", "ayah", "abah", "mas",
           "mbak", "bang", "kang", "neng", "si", "pejuang", "anak", "orang", "real", "the", "mak"]
_USER_B = ["sukamaju", "cibeunying", "cikaret", "kidul", "kaler", "pasundan", "rantau", "ojol",
           "guru", "petani", "umkm", "berdaya", "kece", "santuy", "gabut", "receh", "bahagia",
           "official", "asli", "lokal", "bageur", "kasep", "geulis", "kopi", "senja", "motor"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def account_url(platform: str, handle: str) -> str:
    return {
        "facebook": f"https://www.facebook.com/{handle}",
        "instagram": f"https://www.instagram.com/{handle}/",
        "x": f"https://x.com/{handle}",
        "tiktok": f"https://www.tiktok.com/@{handle}",
        "youtube": f"https://www.youtube.com/@{handle}",
    }[platform]


def kabkota(n: int, rng: np.random.Generator) -> list[Unit]:
    """n kabupaten/kota (about 1 in 4 a kota) with unique 3-letter codes."""
    n_kota = min(len(_KOTA), n // 4)
    names = [(k, False) for k in _KAB[: n - n_kota]] + [(k, True) for k in _KOTA[:n_kota]]
    units, used = [], set()
    for name, kota in names:
        code = slug(name)[:3].upper()
        i = 3
        while code in used:
            code = (slug(name)[:2] + slug(name)[i]).upper()
            i += 1
        used.add(code)
        n_kec = int(rng.integers(5, 12)) if kota else int(rng.integers(10, 24))
        units.append(Unit(code, f"{'Kota' if kota else 'Kabupaten'} {name}", kota, False, n_kec))
    return units


def kecamatan_names(n: int, rng: np.random.Generator) -> list[str]:
    """n distinct kecamatan names (unique across the province)."""
    combos = [f"{p}{s}" for p in _PRE for s in _SUF]
    order = rng.permutation(len(combos))
    return [combos[i] for i in order[:n]]


def desa_names(n: int, rng: np.random.Generator) -> list[str]:
    return [DESA[i] for i in rng.choice(len(DESA), size=n, replace=False)]


def people(n: int, rng: np.random.Generator) -> np.ndarray:
    first = rng.integers(0, len(DEPAN), n)
    last = rng.integers(0, len(BELAKANG), n)
    return np.array([f"{DEPAN[a]} {BELAKANG[b]}" for a, b in zip(first, last)], dtype=object)


def usernames(n: int, rng: np.random.Generator) -> np.ndarray:
    """n fake commenter handles, e.g. warga_sukamaju88, dewi.lestari_, kang_ojol."""
    kind = rng.integers(0, 5, n)
    a, b = rng.integers(0, len(_USER_A), n), rng.integers(0, len(_USER_B), n)
    f, g = rng.integers(0, len(DEPAN), n), rng.integers(0, len(BELAKANG), n)
    num = rng.integers(1, 2000, n)
    out = []
    for i in range(n):
        if kind[i] == 0:
            s = f"{_USER_A[a[i]]}_{_USER_B[b[i]]}{num[i] % 100}"
        elif kind[i] == 1:
            s = f"{DEPAN[f[i]].lower()}.{BELAKANG[g[i]].lower()}"
        elif kind[i] == 2:
            s = f"{DEPAN[f[i]].lower()}{BELAKANG[g[i]][:3].lower()}{num[i]}"
        elif kind[i] == 3:
            s = f"{_USER_A[a[i]]}.{DEPAN[f[i]].lower()}_"
        else:
            s = f"{DEPAN[f[i]].lower()}_{_USER_B[b[i]]}"
        out.append(s)
    return np.array(out, dtype=object)
