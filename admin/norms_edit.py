"""Saving the norms file edited on the Data page, only once it parses."""

from __future__ import annotations

import tomllib
from pathlib import Path

from admin.files import write_atomic
from analytics.norms import Norms, NormsError, parse


def save_norms(path: Path, text: str) -> Norms:
    """Write the norms file if ``text`` is valid TOML that analytics.norms.parse accepts; else NormsError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise NormsError(f"bukan TOML yang sah ({err}).") from err
    norms = parse(data)
    write_atomic(path, text)
    return norms
