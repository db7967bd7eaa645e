"""The metric catalog: the one place a figure is defined — its label (id/en), definition, unit, format, the
function that computes it and its caveats. Pages, talking points and exports take labels, help texts and
formats from here; ``docs/metrics.md`` is generated from it (``python -m analytics.metrics``).

Plain data, in the spirit of dbt's MetricFlow / Lightdash metric declarations but without a framework:
the computation stays in ordinary analytics functions, each named by ``compute``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from analytics.fmt import duration, number, percent
from analytics.i18n import translate

UNITS = {  # unit → (how a value is written, how a change is written)
    "count": "jumlah", "share": "porsi (%)", "days": "hari kerja", "score": "skor 0–100", "rate": "per pekan",
    "net": "−1 … +1", "rank": "peringkat", "day_count": "hari kalender",
}


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # Bahasa Indonesia, as shown
    label_en: str
    definition: str  # one sentence, Bahasa Indonesia (the help text)
    definition_en: str
    unit: str  # a key of UNITS
    decimals: int
    compute: str  # "module.function" that computes it — the only one
    column: str  # its name in that function's result
    caveat: str = ""
    caveat_en: str = ""
    polarity: str = "up"  # up: higher is better; down: lower is better; neutral: neither
    short: str = ""  # a table header, when the label is too long for one (id / en)
    short_en: str = ""

    def label_in(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label

    def header(self, lang: str = "id") -> str:
        """The column header of a table of this figure."""
        return (self.short_en if lang == "en" else self.short) or self.label_in(lang)

    def help(self, lang: str = "id") -> str:
        """Definition and caveat, for a tooltip."""
        text, caveat = (self.definition_en, self.caveat_en) if lang == "en" else (self.definition, self.caveat)
        return f"{text} {caveat}".strip()

    def format(self, value: float | None, lang: str = "id") -> str:
        """The value as every page and export writes it ("—" when there is none)."""
        if self.unit == "share":
            return percent(value, self.decimals, lang=lang)
        if self.unit == "rank":
            return number(value, 0, lang=lang)
        if self.unit == "days":  # "3,5 hari kerja"
            return duration(value, self.decimals, lang=lang)
        return number(value, self.decimals, lang=lang)

    def change(self, now: float | None, before: float | None, lang: str = "id") -> str | None:
        """The change against a baseline as written beside the value ("+3", "-1,5 poin"); None without one."""
        if now is None or before is None or now != now or before != before:
            return None
        diff = (now - before) * (100 if self.unit == "share" else 1)
        sign = "+" if diff > 0 else "-" if diff < 0 else "±"
        unit = translate({"share": " poin", "days": " hari kerja"}.get(self.unit, ""), lang)
        return f"{sign}{number(abs(diff), self.decimals if self.unit != 'count' else 0, lang=lang)}{unit}"


def _m(*args: object, **kw: object) -> Metric:
    return Metric(*args, **kw)  # type: ignore[arg-type]


_ALL_COMPLAINTS = ("Tanpa saringan OPD/jenis, termasuk pengaduan yang belum didisposisikan ke OPD aktif; tabel "
                   "per OPD hanya menghitung yang sudah.")
_ALL_COMPLAINTS_EN = ("Without an OPD/kind filter this includes complaints not yet assigned to an active OPD; "
                      "per-OPD tables count only assigned ones.")
_LAST_7 = ("7 hari terakhir periode, dibanding 7 hari sebelumnya (jendela yang sama dengan aturan lonjakan).")
_LAST_7_EN = "The last 7 days of the period, against the 7 days before (the window the spike rule judges)."

METRICS: tuple[Metric, ...] = (
    # --- complaints -------------------------------------------------------------------------------
    _m("complaints_received", "Pengaduan masuk", "Complaints received",
       "Pengaduan dari semua kanal yang diterima dalam periode.",
       "Complaints from every channel received in the period.",
       "count", 0, "analytics.complaints.figures", "received", _ALL_COMPLAINTS, _ALL_COMPLAINTS_EN,
       polarity="neutral", short="Masuk", short_en="Received"),
    _m("complaints_in_sla_share", "Ditanggapi sesuai SLA", "Answered within SLA",
       "Dari pengaduan masuk dalam periode yang sudah bisa dinilai, porsi yang ditanggapi pertama kali dalam "
       "batas norma (hari kerja) dan tidak sedang lewat batas.",
       "Of the complaints received in the period that can be judged, the share first answered within the norm "
       "(working days) and not overdue now.",
       "share", 1, "analytics.complaints.shares", "in_sla_share",
       "Pengaduan terbuka yang belum ditanggapi tetapi masih dalam batas belum dinilai; yang lewat batas "
       "dihitung tidak sesuai.",
       "Open complaints not yet answered but still within their norm are not judged yet; overdue ones count "
       "as missed.", short="Sesuai SLA", short_en="Within SLA"),
    _m("complaints_overdue", "Lewat batas kini (semua periode)", "Overdue now (all periods)",
       "Pengaduan terbuka yang hari ini melewati batas tanggapan atau penyelesaian (hari kerja), kapan pun "
       "diterima.",
       "Open complaints past their response or resolution deadline today (working days), whenever received.",
       "count", 0, "analytics.complaints.with_sla", "overdue",
       "Saringan periode tidak berlaku: pengaduan lama yang belum selesai tetap dihitung.",
       "The period filter does not apply: old complaints still open are counted.", polarity="down",
       short="Lewat batas kini", short_en="Overdue now"),
    _m("complaints_median_response_days", "Median tanggapan", "Median response",
       "Median hari kerja sejak diterima sampai tanggapan pertama, dari pengaduan masuk dalam periode yang "
       "sudah ditanggapi.",
       "Median working days from receipt to first response, of the complaints received in the period that "
       "were answered.",
       "days", 1, "analytics.complaints.figures", "median_response_days", polarity="down"),
    _m("complaints_median_resolution_days", "Median selesai", "Median resolution",
       "Median hari kerja sejak diterima sampai selesai, dari pengaduan masuk dalam periode yang sudah selesai.",
       "Median working days from receipt to resolution, of the complaints received in the period that were "
       "resolved.",
       "days", 1, "analytics.complaints.figures", "median_resolution_days", polarity="down"),
    _m("complaints_resolution_rate", "Tingkat selesai", "Resolution rate",
       "Porsi pengaduan masuk dalam periode yang sudah diselesaikan.",
       "Share of the complaints received in the period that have been resolved.",
       "share", 1, "analytics.complaints.shares", "resolution_rate"),
    _m("complaints_unassigned", "Belum didisposisikan", "Not yet assigned",
       "Pengaduan masuk dalam periode yang belum didisposisikan ke OPD aktif.",
       "Complaints received in the period not yet assigned to an active OPD.",
       "count", 0, "analytics.complaints.totals", "unassigned", polarity="down"),
    _m("slow_opd", "OPD lambat menanggapi pengaduan", "Agencies slow to answer complaints",
       "OPD dengan pengaduan lewat batas kini sebanyak ambang norma atau lebih.",
       "OPD with at least the norm's number of complaints overdue now.",
       "count", 0, "analytics.passive.slow_opd", "slow",
       "Terpisah dari OPD pasif: pasif hanya menilai unggahan.",
       "Separate from passive OPD: passive judges posting only.", polarity="down"),
    # --- posting ----------------------------------------------------------------------------------
    _m("posts", "Unggahan", "Posts",
       "Unggahan akun resmi OPD yang dilihat dalam periode (saringan platform berlaku).",
       "Posts of the viewed OPD's official accounts in the period (the platform filter applies).",
       "count", 0, "analytics.activity.posts_by_period", "posts"),
    _m("posts_per_week", "Unggahan per pekan", "Posts per week",
       "Unggahan dalam periode dibagi jumlah pekan periode.", "Posts in the period divided by its weeks.",
       "rate", 1, "analytics.ranking.components_by_period", "posts_per_week"),
    _m("active_opd_share", "OPD aktif", "Active agencies",
       "Porsi OPD yang dilihat yang mengunggah sedikitnya sekali dalam periode.",
       "Share of the viewed OPD that posted at least once in the period.",
       "share", 0, "analytics.briefing.activity_figures", "active_share"),
    _m("norm_opd_share", "OPD memenuhi norma unggahan", "Agencies meeting the posting norm",
       "Porsi OPD yang dilihat dengan unggahan per pekan sedikitnya norma (data/norma.toml).",
       "Share of the viewed OPD posting at least the norm per week (data/norma.toml).",
       "share", 0, "analytics.briefing.activity_figures", "norm_share"),
    _m("passive_opd", "OPD pasif", "Passive agencies",
       "OPD yang tidak memenuhi sedikitnya satu kriteria unggahan: akun platform wajib ada dan tidak diam "
       "≥ ambang hari, unggahan per pekan ≥ ambang, porsi seremonial < ambang.",
       "OPD failing at least one posting criterion: required-platform accounts exist and none silent for the "
       "threshold days, posts per week at least the threshold, ceremonial share below the limit.",
       "count", 0, "analytics.passive.passive_opd", "reasons",
       "Satu akun wajib yang diam sudah membuat OPD pasif, walau akun lain memenuhi norma.",
       "One silent required account makes an OPD passive even if its other accounts meet the norm.",
       polarity="down"),
    _m("content_quality_share", "Kinerja + layanan", "Performance + service",
       "Porsi unggahan kinerja dan layanan di antara unggahan kinerja, layanan dan seremonial dalam periode.",
       "Share of performance and service posts among performance, service and ceremonial posts in the period.",
       "share", 0, "analytics.ranking.components_by_period", "quality_share",
       "Unggahan 'lainnya' tidak dihitung.", "Posts classed 'other' are left out."),
    _m("engagement_rate", "Keterlibatan per jangkauan", "Engagement per reach",
       "(Reaksi + komentar + bagikan) dibagi jangkauan (atau tayangan bila jangkauan tidak ada).",
       "(Reactions + comments + shares) divided by reach (or views where reach is missing).",
       "share", 1, "analytics.ranking.components_by_period", "engagement_rate"),
    _m("days_since_last_post", "Hari sejak unggahan terakhir", "Days since last post",
       "Hari kalender dari unggahan terakhir akun mana pun milik OPD sampai akhir periode.",
       "Calendar days from the OPD's latest post on any account to the end of the period.",
       "day_count", 0, "analytics.activity.accounts", "days_since", polarity="down"),
    # --- sentiment ----------------------------------------------------------------------------------
    _m("negative_share_7d", "Komentar negatif 7 hari terakhir", "Negative comments, last 7 days",
       "Porsi komentar & mention berlabel negatif di antara semua yang berlabel.",
       "Share of comments & mentions labelled negative among all labelled.",
       "share", 1, "analytics.sentiment.shares", "negative_share", _LAST_7, _LAST_7_EN, polarity="down"),
    _m("net_sentiment_7d", "Sentimen bersih 7 hari terakhir", "Net sentiment, last 7 days",
       "(Positif − negatif) ÷ jumlah komentar & mention, dari −1 sampai +1.",
       "(Positive − negative) ÷ all comments & mentions, from −1 to +1.",
       "net", 2, "analytics.sentiment.shares", "net", _LAST_7, _LAST_7_EN),
    _m("comments_7d", "Komentar 7 hari terakhir", "Comments, last 7 days",
       "Komentar & mention berlabel sentimen.", "Comments & mentions with a sentiment label.",
       "count", 0, "analytics.sentiment.shares", "total", _LAST_7, _LAST_7_EN, polarity="neutral"),
    _m("complaint_negative_share_7d", "Pengaduan negatif 7 hari terakhir", "Negative complaints, last 7 days",
       "Porsi pengaduan berlabel negatif di antara pengaduan berlabel sentimen.",
       "Share of complaints labelled negative among complaints with a sentiment label.",
       "share", 1, "analytics.sentiment.shares", "negative_share", _LAST_7, _LAST_7_EN, polarity="down"),
    _m("complaint_net_sentiment_7d", "Sentimen bersih pengaduan 7 hari terakhir",
       "Net complaint sentiment, last 7 days",
       "(Positif − negatif) ÷ jumlah pengaduan berlabel, dari −1 sampai +1.",
       "(Positive − negative) ÷ labelled complaints, from −1 to +1.",
       "net", 2, "analytics.sentiment.shares", "net", _LAST_7, _LAST_7_EN),
    _m("complaints_7d", "Pengaduan 7 hari terakhir", "Complaints, last 7 days",
       "Pengaduan berlabel sentimen.", "Complaints with a sentiment label.",
       "count", 0, "analytics.sentiment.shares", "total", _LAST_7, _LAST_7_EN, polarity="neutral"),
    _m("negative_share", "Komentar negatif", "Negative comments",
       "Porsi komentar & mention negatif dalam periode.", "Share of negative comments & mentions in the period.",
       "share", 1, "analytics.sentiment.shares", "negative_share", polarity="down"),
    _m("negative_spikes", "Lonjakan negatif", "Negative spikes",
       "Pekan dalam periode yang porsi negatifnya di atas rata-rata + K·sd pekan-pekan sebelumnya, semua OPD "
       "dan per OPD.",
       "Weeks of the period whose negative share is above mean + K·sd of the weeks before, all OPD and per OPD.",
       "count", 0, "analytics.sentiment_trends.flag_spikes", "spike", polarity="down"),
    # --- score --------------------------------------------------------------------------------------
    _m("score", "Skor", "Score",
       "Rata-rata berbobot komponen yang punya data (bobot dari data/norma.toml).",
       "Weighted mean of the components that have data (weights from data/norma.toml).",
       "score", 0, "analytics.ranking.components_by_period", "skor",
       "Komponen tanpa data tidak dihitung, bukan dianggap 0.", "A component without data is left out, not 0."),
    _m("rank", "Peringkat", "Rank",
       "Urutan skor di antara OPD yang dilihat (1 = terbaik; skor sama berbagi peringkat).",
       "Order of score among the viewed OPD (1 = best; equal scores share a rank).",
       "rank", 0, "analytics.ranking.ranked", "rank", polarity="down"),
)

BY_ID = {m.id: m for m in METRICS}


def metric(metric_id: str) -> Metric:
    return BY_ID[metric_id]


def markdown() -> str:
    """docs/metrics.md: one row per metric."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["# Metric catalog", "",
             "Generated from `analytics/metrics.py` by `python -m analytics.metrics` — edit the catalog, not this "
             "file. Every figure a page, a talking point or an export shows is defined here once; a test fails "
             "when a page shows a metric label that is not in the catalog, or when a second function computes "
             "one of these columns.", "",
             "| id | label (id / en) | definition | unit · decimals | computed by | caveats |",
             "|---|---|---|---|---|---|"]
    for m in METRICS:
        lines.append(f"| `{m.id}` | {cell(m.label)} / {cell(m.label_en)} | {cell(m.definition_en)} | "
                     f"{m.unit} · {m.decimals} | `{m.compute}` → `{m.column}` | {cell(m.caveat_en)} |")
    return "\n".join(lines) + "\n"


DOC = Path(__file__).resolve().parent.parent / "docs" / "metrics.md"

if __name__ == "__main__":
    DOC.write_text(markdown(), encoding="utf-8")
    sys.stdout.write(f"{DOC} written ({len(METRICS)} metrics)\n")
