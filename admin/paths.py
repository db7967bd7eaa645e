"""The files the Data page acts on, resolved at call time so tests (and a second region) can point them
elsewhere: SOROT_REGISTRY, SOROT_HOLIDAYS, SOROT_NORMS (SOROT_DB: warehouse_file.default_db)."""

from __future__ import annotations

import os
from pathlib import Path

from analytics.norms import NORMS_FILE
from etl.warehouse import DEFAULT_HOLIDAYS, DEFAULT_REGISTRY


def registry_dir() -> Path:
    return Path(os.environ.get("SOROT_REGISTRY") or DEFAULT_REGISTRY)


def holidays_file() -> Path:
    return Path(os.environ.get("SOROT_HOLIDAYS") or DEFAULT_HOLIDAYS)


def norms_file() -> Path:
    return Path(os.environ.get("SOROT_NORMS") or NORMS_FILE)
