"""The pemda's brand on every export: name, logo, colours, footer — from ``data/branding/merek.toml``
(``SOROT_BRANDING`` points elsewhere), editable by the Diskominfo admin."""

from __future__ import annotations

import base64
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BRANDING_FILE = Path(__file__).resolve().parent.parent / "data" / "branding" / "merek.toml"
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class BrandingError(ValueError):
    """The branding file is wrong; the message names the key and what was expected (Bahasa Indonesia)."""


@dataclass(frozen=True)
class Branding:
    name: str = "Sorot"
    short: str = "Sorot"
    logo: Path | None = None
    primary: str = "#0072B2"
    accent: str = "#E69F00"
    footer: str = "Dibuat dengan Sorot"

    def logo_data_uri(self) -> str | None:
        """The logo as a data: URI (plotly layout images, offline)."""
        if self.logo is None:
            return None
        return "data:image/png;base64," + base64.b64encode(self.logo.read_bytes()).decode("ascii")


def _text(data: dict, key: str, default: str, where: Path) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise BrandingError(f"{where.name}: «{key}» perlu teks, tertulis «{value}».")
    return value.strip()


def parse(data: dict, where: Path) -> Branding:
    """A Branding from the parsed TOML (missing keys keep Sorot's defaults; wrong ones are errors)."""
    base = Branding()
    colors = {k: _text(data, k, d, where) for k, d in (("warna_utama", base.primary), ("warna_aksen", base.accent))}
    for key, value in colors.items():
        if not _COLOR.match(value):
            raise BrandingError(f"{where.name}: «{key}» perlu warna #RRGGBB, tertulis «{value}».")
    logo = None
    if data.get("logo"):
        logo = (where.parent / str(data["logo"])).resolve()
        if not logo.is_file() or logo.suffix.lower() != ".png":
            raise BrandingError(f"{where.name}: logo «{data['logo']}» tidak ditemukan atau bukan PNG.")
    name = _text(data, "nama", base.name, where)
    return Branding(name=name, short=_text(data, "singkatan", name, where), logo=logo,
                    primary=colors["warna_utama"], accent=colors["warna_aksen"],
                    footer=_text(data, "catatan_kaki", base.footer, where))


def branding_file() -> Path:
    return Path(os.environ.get("SOROT_BRANDING") or BRANDING_FILE)


@cache
def _read(path: Path, stamp: float) -> Branding:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise BrandingError(f"{path.name}: bukan TOML yang sah ({err}).") from err
    return parse(data, path)


def branding() -> Branding:
    """The install's branding (Sorot's defaults when there is no file)."""
    path = branding_file()
    return _read(path, path.stat().st_mtime) if path.exists() else Branding()
