"""How a page's drill-down choices are written in its link: codes, not labels in the viewer's language, so a
link opens the same view in Indonesian and in English (``ui.filters.url_choice(..., to_url=...)``)."""

from __future__ import annotations

from collections.abc import Callable

from analytics.complaint_trends import UNKNOWN_AREA
from analytics.i18n import translate
from analytics.labels import TOPICS, UNKNOWN, topic

UNKNOWN_CODE = "tidak_diketahui"
BUCKETS = {"received": "masuk", "resolved": "selesai"}  # a trend point: "masuk:2026-11-09"


def topic_code(lang: str) -> Callable[[str], str]:
    """A complaint topic's label ("Sampah & kebersihan", "Waste & cleanliness") → its code (sampah_kebersihan)."""
    codes = {topic(code, lang): code for code in TOPICS} | {translate(UNKNOWN, lang): UNKNOWN_CODE}
    return lambda label: codes.get(label, label)


def area_code(lang: str) -> Callable[[str], str]:
    """A kecamatan as the Pengaduan page names it → its URL text: the registered name, or tidak_diketahui."""
    unknown = translate(UNKNOWN_AREA, lang)
    return lambda name: UNKNOWN_CODE if name == unknown else name


def bucket_code(key: str) -> str:
    """A trend point's key ("received:2026-11-09") → "masuk:2026-11-09"."""
    kind, _, first = key.partition(":")
    return f"{BUCKETS.get(kind, kind)}:{first}"
