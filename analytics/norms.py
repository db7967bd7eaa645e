"""Norms, thresholds and weights from ``data/norma.toml`` (editable by the admin, also in the app)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

NORMS_FILE = Path(os.environ.get("SOROT_NORMS") or Path(__file__).resolve().parent.parent / "data" / "norma.toml")
COMPONENTS = ("aktivitas", "kualitas", "keterlibatan", "responsivitas", "sentimen", "cakupan")
COMPLEXITIES = ("ringan", "normatif", "tanpa_audit", "audit")


class NormsError(ValueError):
    """The norms file is wrong; the message names the key and what was expected."""


@dataclass(frozen=True)
class Norms:
    posts_per_week: float = 2.0
    passive_days: int = 14
    passive_posts_per_week: float = 2.0
    passive_ceremonial_share: float = 0.8
    passive_overdue: int = 5
    weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(COMPONENTS, 1.0))
    engagement_target: float = 0.05
    first_response_days: int = 3
    resolution_days: dict[str, int] = field(default_factory=lambda: {
        "ringan": 2, "normatif": 5, "tanpa_audit": 14, "audit": 60, "lainnya": 14})
    response_by_channel: dict[str, int] = field(default_factory=dict)
    response_by_topic: dict[str, int] = field(default_factory=dict)
    baseline_weeks: int = 8
    spike_sd: float = 2.0
    spike_min_comments: int = 20


def _number(section: dict, key: str, where: str, kind: type = float) -> float:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise NormsError(f"{where}.{key}: perlu angka ≥ 0, tertulis «{value}».")
    return kind(value)


def parse(data: dict) -> Norms:
    """Norms from the parsed TOML; a missing or wrong value is an error naming its key."""
    try:
        act, pas, score, sla, senti = (data[k] for k in ("aktivitas", "pasif", "skor", "sla", "sentimen"))
    except KeyError as err:
        raise NormsError(f"bagian [{err.args[0]}] tidak ada.") from err
    by = {name: {str(k): _number(sla.get(name, {}), k, f"sla.{name}", int) for k in sla.get(name, {})}
          for name in ("tanggapan_per_kanal", "tanggapan_per_topik")}
    return Norms(
        posts_per_week=_number(act, "post_per_pekan", "aktivitas"),
        passive_days=_number(pas, "hari_tanpa_post", "pasif", int),
        passive_posts_per_week=_number(pas, "post_per_pekan_minimal", "pasif"),
        passive_ceremonial_share=_number(pas, "porsi_seremonial_maks", "pasif"),
        passive_overdue=_number(pas, "pengaduan_lewat_sla", "pasif", int),
        weights={c: _number(score, f"bobot_{c}", "skor") for c in COMPONENTS},
        engagement_target=_number(score, "keterlibatan_target", "skor"),
        first_response_days=_number(sla, "tanggapan_pertama", "sla", int),
        resolution_days={c: _number(sla, f"selesai_{c}", "sla", int) for c in (*COMPLEXITIES, "lainnya")},
        response_by_channel=by["tanggapan_per_kanal"],
        response_by_topic=by["tanggapan_per_topik"],
        baseline_weeks=_number(senti, "pekan_dasar", "sentimen", int),
        spike_sd=_number(senti, "ambang_sd", "sentimen"),
        spike_min_comments=_number(senti, "minimal_komentar", "sentimen", int),
    )


def read_norms(path: Path = NORMS_FILE) -> Norms:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Norms()
    except tomllib.TOMLDecodeError as err:
        raise NormsError(f"{path.name}: bukan TOML yang sah ({err}).") from err
    try:
        return parse(data)
    except NormsError as err:
        raise NormsError(f"{path.name}: {err}") from err
