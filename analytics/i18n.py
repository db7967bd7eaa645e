"""Translations: Sorot is written in Bahasa Indonesia; ``locale/en/*.toml`` map each Indonesian text to English.

The Indonesian text is its own key (as in gettext), so code reads in the language most users see and
a text without a translation still shows, in Indonesian. Texts with ``{fields}`` are formatted after
translation. Each area of the app keeps its own catalog file; the same text must not be translated
two ways (``catalog`` raises).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("id", "en")


class CatalogError(ValueError):
    """Two catalog files translate one text differently, or a file is not valid TOML."""


@cache
def catalog(lang: str = "en") -> dict[str, str]:
    """Every Indonesian text → its translation, from all of ``locale/<lang>/*.toml``."""
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang).glob("*.toml")):
        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise CatalogError(f"{path}: bukan TOML yang sah ({err})") from err
        for text, translated in entries.items():
            if merged.get(text, translated) != translated:
                raise CatalogError(f"{path.name} dan {origin[text]} menerjemahkan {text!r} berbeda")
            merged[text], origin[text] = translated, path.name
    return merged


def translate(text: str, lang: str = "id", /, *args: object, **fields: object) -> str:
    """``text`` in ``lang`` (Indonesian is the source), then ``str.format(*args, **fields)`` if given."""
    out = text if lang == "id" else catalog(lang).get(text, text)
    return out.format(*args, **fields) if args or fields else out
