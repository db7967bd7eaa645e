"""What a load reads: the files given, folders walked, and ``.zip`` archives opened member by member.

Every data file becomes a ``Source``: a file on disk (an archive member is streamed into a
temporary folder first, so no member is ever held in memory whole) with the name the admin
sees (``archive.zip › folder/member.csv``). Members that are not data (images, ``.DS_Store``,
``__MACOSX``) are listed as skipped, never dropped in silence; archives beyond the limits below
are refused with a reason.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from etl.errors import FileRefused

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}
ARCHIVE_SUFFIXES = {".zip"}
ACCEPTED_SUFFIXES = DATA_SUFFIXES | ARCHIVE_SUFFIXES
SKIPPED_FOLDERS = {"registry", "__pycache__"}
SEPARATOR = " › "

MAX_MEMBERS = 2000  # a platform export holds a handful; thousands means something else
MAX_MEMBER_BYTES = 2 << 30  # one member, uncompressed
MAX_ARCHIVE_BYTES = 4 << 30  # all members, uncompressed
MAX_RATIO = 200  # uncompressed / compressed of one member: above this it is a zip bomb, not a CSV
MAX_DEPTH = 2  # a zip inside a zip is opened; deeper nesting is refused


@dataclass
class Source:
    """One data file to load."""

    path: Path  # readable file on disk (an extracted copy for an archive member)
    name: str  # as shown: "x.csv" or "x.zip › folder/y.csv"
    where: str  # as logged: the given path, with " › member" for an archive member
    given: Path  # the file or archive the admin gave
    context: tuple[str, ...] = ()  # names around it (member, archive, folders), nearest first
    archive_time: datetime | None = None  # the member's time stamp inside its archive
    digest: str = ""

    @property
    def folder_key(self) -> str:
        """Files of one export (the same archive or folder) share this key."""
        return self.where.rsplit(SEPARATOR, 1)[0] if SEPARATOR in self.where else str(self.path.parent)


@dataclass
class Refusal:
    """A file or member not read, and why (outcome ``ditolak`` or ``dilewati``)."""

    name: str
    where: str
    given: Path
    outcome: str
    message: str


@dataclass
class Found:
    sources: list[Source] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    extracted: int = 0  # members written to the work folder so far (names their copies)


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(x.startswith(".") or x in SKIPPED_FOLDERS or x == "__MACOSX" for x in parts)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def _walk(folder: Path) -> list[Path]:
    found = []
    for f in sorted(folder.rglob("*")):
        if _hidden(f.relative_to(folder).parts):
            continue
        if f.is_file() and f.suffix.lower() in ACCEPTED_SUFFIXES:
            found.append(f)
    return found


def discover(paths: list[Path], workdir: Path) -> Found:
    """Sources for the given files and folders; archives extracted member by member into ``workdir``."""
    out = Found()
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"{p}: berkas tidak ditemukan.")
        for f in _walk(p) if p.is_dir() else [p]:
            context = tuple(x.name for x in (f, *f.parents) if x.name)[:4]
            if f.suffix.lower() in ARCHIVE_SUFFIXES:
                _open_archive(f, f.name, str(f), f, context, workdir, out, depth=1)
            else:
                out.sources.append(Source(f, f.name, str(f), f, context))
    return out


def _limits_problem(infos: list[zipfile.ZipInfo]) -> str | None:
    if len(infos) > MAX_MEMBERS:
        return f"arsip berisi {len(infos):,} berkas (batas {MAX_MEMBERS:,})".replace(",", ".")
    total = sum(i.file_size for i in infos)
    if total > MAX_ARCHIVE_BYTES:
        return f"isi arsip {total / (1 << 30):.1f} GB setelah dibuka (batas {MAX_ARCHIVE_BYTES >> 30} GB)"
    for i in infos:
        if i.file_size > MAX_MEMBER_BYTES:
            return f"«{i.filename}» berukuran {i.file_size / (1 << 30):.1f} GB (batas {MAX_MEMBER_BYTES >> 30} GB)"
        if i.compress_size and i.file_size > 1 << 20 and i.file_size / i.compress_size > MAX_RATIO:
            return f"«{i.filename}» memuai {i.file_size // i.compress_size}× saat dibuka (arsip berbahaya?)"
    return None


def _open_archive(zpath: Path, name: str, where: str, given: Path, context: tuple[str, ...], workdir: Path,
                  out: Found, depth: int) -> None:
    from etl import textio  # here: textio reads this module's suffix lists

    try:
        problem = textio.archive_problem(zpath, nested=False) if depth == 0 else None  # the upload check's rules
        with zipfile.ZipFile(zpath) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            problem = problem or _limits_problem(infos)
            if problem is None and depth > MAX_DEPTH:
                problem = "arsip di dalam arsip di dalam arsip"
            if problem:
                out.refused.append(Refusal(name, where, given, "ditolak",
                                           f"{name}: arsip ditolak — {problem}. Tidak ada isinya yang dimuat."))
                return
            if not infos:
                out.refused.append(Refusal(name, where, given, "ditolak", f"{name}: arsip kosong."))
                return
            for info in sorted(infos, key=lambda i: i.filename):
                _member(zf, info, name, where, given, context, workdir, out, depth)
    except FileRefused as err:
        out.refused.append(Refusal(name, where, given, "ditolak", f"{name}: arsip ditolak — {err}. Tidak ada isinya "
                                                                  "yang dimuat."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, zlib.error,
            EOFError) as err:
        out.refused.append(Refusal(name, where, given, "ditolak",
                                   f"{name}: arsip ZIP rusak atau terkunci sandi ({err}). Unduh ulang berkasnya."))


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, where: str, given: Path,
            context: tuple[str, ...], workdir: Path, out: Found, depth: int) -> None:
    inner = PurePosixPath(info.filename.replace("\\", "/"))
    shown, logged = f"{name}{SEPARATOR}{inner}", f"{where}{SEPARATOR}{inner}"
    suffix = inner.suffix.lower()
    if _hidden(inner.parts) or suffix not in ACCEPTED_SUFFIXES:
        out.refused.append(Refusal(shown, logged, given, "dilewati", "bukan berkas data (dilewati)"))
        return
    out.extracted += 1
    target = workdir / f"{out.extracted:05d}{suffix}"
    from etl import textio  # here: textio reads this module's suffix lists

    with zf.open(info) as src, target.open("wb") as dst:
        textio.copy_capped(src, dst, info.file_size, shown)  # streamed, never past the size the archive declares
    stamp = datetime(*info.date_time) if info.date_time[0] >= 1990 else None
    member_context = (inner.name, *[p for p in reversed(inner.parent.parts)], *context)[:6]
    if suffix in ARCHIVE_SUFFIXES:
        _open_archive(target, shown, logged, given, member_context, workdir, out, depth + 1)
        return
    out.sources.append(Source(target, shown, logged, given, member_context, stamp))
