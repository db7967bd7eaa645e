"""YouTube Studio's Advanced-mode download: ``Table data.csv`` checked against ``Totals.csv``.

The table's first row (``Total``) is skipped as data; its views must equal the sum of the daily
views in ``Totals.csv`` of the same download (same archive or folder). ``Totals.csv`` itself is
never loaded: it holds no per-video figure.
"""

from __future__ import annotations

from collections import defaultdict

from etl.batch import Planned
from etl.parse import parse_count
from etl.textio import Sniffed, read_text_rows


def _views(rows: list[list[str]], sniffed: Sniffed, total_only: bool) -> int | None:
    pos = sniffed.match.positions.get("views")
    key = sniffed.match.positions.get("post_id")
    if pos is None:
        return None
    values = []
    for row in rows:
        if pos >= len(row):
            continue
        if total_only:
            if key is not None and key < len(row) and row[key].strip().lower() == "total":
                return parse_count(row[pos])
            continue
        values.append(parse_count(row[pos]))
    return None if total_only or None in values else sum(values)


def youtube_totals(planned: list[Planned]) -> None:
    groups: dict[str, list[Planned]] = defaultdict(list)
    for p in planned:
        fmt = p.sniffed.match.format if p.sniffed else None
        if fmt and fmt.platform == "youtube" and fmt.dataset in ("posts", "reference") and not p.result.message:
            groups[p.source.folder_key].append(p)
    for group in groups.values():
        tables = [p for p in group if p.sniffed.match.format.dataset == "posts"]
        totals = [p for p in group if p.sniffed.match.format.dataset == "reference"]
        for t in totals:
            t.result.outcome = "dilewati"
            t.result.message = (f"{t.result.name}: total harian semua video (Totals.csv) — tidak dimuat; dipakai "
                                "untuk memeriksa baris «Total» pada Table data.csv dari unduhan yang sama.")
        if len(tables) == 1 and len(totals) == 1:
            _compare(tables[0], totals[0])


def _compare(table: Planned, totals: Planned) -> None:
    shown = _views(read_text_rows(table.sniffed, limit=5), table.sniffed, total_only=True)
    summed = _views(read_text_rows(totals.sniffed), totals.sniffed, total_only=False)
    if shown is None or summed is None:
        return
    if shown == summed:
        table.result.notes.append(f"baris «Total» ({shown:,} penayangan) cocok dengan Totals.csv".replace(",", "."))
    else:
        table.result.notes.append(
            f"PERHATIAN: baris «Total» ({shown:,}) tidak sama dengan jumlah Totals.csv ({summed:,}); pastikan kedua "
            "berkas berasal dari unduhan yang sama".replace(",", "."))

