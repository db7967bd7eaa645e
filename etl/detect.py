"""Recognise a file's format from its header row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.formats import FORMATS, Format


def normalize_header(cell: object) -> str:
    text = "" if cell is None else str(cell)
    text = text.replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).lower()


@dataclass(frozen=True)
class Match:
    format: Format
    positions: dict[str, int]  # field → column index in the file
    headers: tuple[str, ...]  # the file's header cells as written

    def header_of(self, field: str) -> str:
        """The header as written in the file, for messages."""
        pos = self.positions.get(field)
        if pos is None:
            return field
        return self.headers[pos]


def _positions(fmt: Format, normalized: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, name in enumerate(normalized):
        index.setdefault(name, i)  # the first of duplicate headers wins
    found: dict[str, int] = {}
    for column in fmt.columns:
        for alias in column.headers:
            pos = index.get(normalize_header(alias))
            if pos is not None:
                found[column.field] = pos
                break
    return found


def _exclusive_ok(fmt: Format, normalized: list[str]) -> bool:
    """An exclusive layout (a two-column total) must not claim a wider file that merely shares its names."""
    if not fmt.exclusive:
        return True
    known = {normalize_header(a) for c in fmt.columns for a in c.headers}
    return all(n in known for n in normalized if n)


def match_format(headers: list[str]) -> Match | None:
    """The format whose required columns are all present: a layout recognised in order to refuse it
    (its required columns are its signature), then the one with most required columns, then the one
    matching most columns, then the first declared."""
    normalized = [normalize_header(h) for h in headers]
    best: tuple[tuple[bool, int, int], Match] | None = None
    for fmt in FORMATS:
        found = _positions(fmt, normalized)
        if all(c.field in found for c in fmt.required) and _exclusive_ok(fmt, normalized):
            score = (fmt.refuse is not None, len(fmt.required), len(found))
            if best is None or score > best[0]:
                best = (score, Match(fmt, found, tuple(str(h).strip() for h in headers)))
    return best[1] if best else None


def closest_format(headers: list[str]) -> tuple[Format, list[str]]:
    """The format missing the fewest required columns, and those columns."""
    normalized = [normalize_header(h) for h in headers]
    ranked = []
    for order, fmt in enumerate(FORMATS):
        if fmt.dataset == "reference":
            continue
        found = _positions(fmt, normalized)
        missing = [c.headers[0] for c in fmt.required if c.field not in found]
        ranked.append((len(missing), -len(found), order, fmt, missing))
    ranked.sort(key=lambda r: r[:3])
    return ranked[0][3], ranked[0][4]


def expected_layouts() -> str:
    """One line per accepted format with its required columns."""
    lines = []
    for fmt in FORMATS:
        if fmt.dataset == "reference":
            continue
        needed = ", ".join(c.headers[0] for c in fmt.required)
        lines.append(f"  - {fmt.label}: {needed}")
    return "\n".join(lines)


def unknown_layout_message(file_name: str, headers: list[str]) -> str:
    shown = ", ".join(h for h in (str(x).strip() for x in headers) if h)[:300] or "(kosong)"
    fmt, missing = closest_format(headers)
    return (
        f"{file_name}: format berkas tidak dikenali. Kolom yang ditemukan: {shown}.\n"
        f"Paling mirip «{fmt.label}», tetapi kolom wajib tidak ada: {', '.join(missing)}.\n"
        "Jika ini ekspor resmi sebuah platform dalam bahasa lain (mis. Meta Business Suite berbahasa "
        "Indonesia), ubah bahasa antarmuka platform ke English lalu ekspor ulang, dan kirim daftar kolom di "
        "atas ke pengelola Sorot agar formatnya ditambahkan.\n"
        f"Format yang diterima (kolom wajib):\n{expected_layouts()}"
    )
