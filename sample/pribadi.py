"""Fictional personal data written into some texts, so that masking is exercised end to end.

Citizens do write their number, NIK, e-mail or address into a comment or a complaint, and an OPD sometimes
posts a caption naming a person with a number. Everything here is made up and recognisably so: NIK of the
sample's own regency 32.99 (a valid structure, a regency that does not exist), mobile numbers 0812-0000-xxxx,
e-mail addresses at example.com (RFC 2606), streets with house numbers and RT/RW. Each piece is chosen from a
number the caller already drew (no extra draw: the rest of the sample stays as it was).
"""

from __future__ import annotations

from . import nama

DOMAIN = "example.com"


def nik(x: int) -> str:
    """A NIK of the fictional regency 32.99: district, birth date (women +40), serial."""
    district = 1 + x % 12
    day = 1 + (x >> 4) % 28 + (40 if (x >> 9) & 1 else 0)
    month = 1 + (x >> 10) % 12
    year = (60 + (x >> 14) % 46) % 100
    serial = 1 + (x >> 20) % 9000
    return f"3299{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"


def phone(x: int) -> str:
    return f"0812-0000-{x % 10000:04d}"


def person(x: int) -> str:
    return f"{nama.DEPAN[x % len(nama.DEPAN)]} {nama.BELAKANG[(x >> 6) % len(nama.BELAKANG)]}"


def email(x: int) -> str:
    first, last = person(x).lower().split(" ")
    return f"{first}.{last}{x % 100}@{DOMAIN}"


def street(x: int) -> str:
    streets = ("Jl. Melati", "Jl. Kenanga", "Jl. Pahlawan", "Gg. Mawar", "Jl. Cempaka Putih")
    return (f"{streets[x % len(streets)]} No. {1 + (x >> 3) % 120}, RT {1 + (x >> 10) % 9:02d}/"
            f"RW {1 + (x >> 14) % 12:02d}")


# What a citizen adds to a comment ({…} filled from the number drawn).
COMMENT = (
    " WA sy {phone} min",
    " ini no hp saya {phone}, tolong dihubungi",
    " email sy {email}",
    " rumah sy di {street}",
    " NIK saya {nik} kok gak terdaftar?",
)

# What a reporter adds to a complaint.
COMPLAINT = (
    " Mohon hubungi saya di {phone}.",
    " Nama saya {person}, NIK {nik}.",
    " Alamat saya {street}, Desa {desa}.",
    " Tanggapan mohon dikirim ke email {email}.",
    " Bisa konfirmasi ke Bapak {person} ({phone}).",
)

# What an OPD's caption sometimes says about a person.
CAPTION = (
    " Narahubung: Ibu {person} ({phone}).",
    " Pendaftaran melalui email {email}.",
    " Penerima atas nama {person}, NIK {nik}.",
    " Lokasi kegiatan: {street}, Desa {desa}.",
)


def add(text: str, templates: tuple[str, ...], x: int, desa: str = "Sukajadi") -> str:
    """``text`` with one of ``templates`` appended, chosen and filled from ``x``."""
    extra = templates[x % len(templates)]
    y = x // len(templates)
    return text + extra.format(phone=phone(y), email=email(y), street=street(y), nik=nik(y), person=person(y),
                               desa=desa)
