"""Exports from the command line.

    python -m reports brief --db W --period P --out FILE [--opd CODE] [--format pptx|pdf|xlsx|txt] [--lang id|en]
                            [--url URL]
    python -m reports send --period P [--to A,B …] [--attach pptx,…] [--config FILE] [--db W] [--opd CODE]
                           [--lang id|en] [--url URL] [--dry-run [--out FILE]]

``brief`` writes the Paket Briefing Apel of a period (``reports.pack``): the slide deck (``pptx``), the PDF (``pdf``),
the workbook (``xlsx``) or the WhatsApp digest (``txt``).
``send`` e-mails the Paket Briefing Apel through the pemda's SMTP server (``reports.send``, settings in
``data/kirim.toml``); ``--dry-run`` writes the message as an .eml instead.
Messages are in the ``--lang`` language (Bahasa Indonesia by default).

Exit codes: 0 written (sent); 1 the warehouse is missing or cannot be read, or the output cannot be written;
2 a usage error (an unknown period, OPD or format; for ``send``, wrong settings);
3 (``send``) the e-mail could not be delivered.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn

import duckdb
from ibis.common.exceptions import TableNotFound

import warehouse_file
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import number
from analytics.i18n import translate
from analytics.norms import Norms, NormsError, read_norms
from reports import pack
from reports import send as sending
from reports.mail import ConfigError
from reports.pack import FORMATS
from reports.periods import FORMS, PeriodError, parse_period, today

USAGE, UNREADABLE = 2, 1
CODES_SHOWN = 8  # valid OPD codes named when one is unknown


ARGPARSE = (  # argparse's own English messages, in the --lang language
    (r"the following arguments are required: (.*)", "argumen wajib belum diberikan: {}"),
    (r"unrecognized arguments: (.*)", "argumen tidak dikenal: {}"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", "argumen {}: pilihan {} tidak ada (pilih dari {})"),
    (r"argument (\S+): expected one argument", "argumen {} memerlukan satu nilai"),
)


class Parser(argparse.ArgumentParser):
    """argparse, with its error messages in the language asked for (exit code 2 as argparse's)."""

    def __init__(self, *args: object, lang: str = "id", **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.lang = lang

    def error(self, message: str) -> NoReturn:
        for pattern, text in ARGPARSE:
            if found := re.fullmatch(pattern, message):
                message = translate(text, self.lang, *found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {translate('kesalahan', self.lang)}: {message}\n")


def parser(lang: str = "id") -> argparse.ArgumentParser:
    def t(text: str, /, *args: object, **fields: object) -> str:
        return translate(text, lang, *args, **fields)

    top = Parser(prog="python -m reports", description=t("Ekspor Sorot dari baris perintah."), lang=lang)
    commands = top.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    brief = commands.add_parser(
        "brief", lang=lang, help=t("Paket Briefing Apel satu periode (PPTX, PDF, XLSX atau ringkasan WhatsApp)"),
        description=t("Paket Briefing Apel satu periode, dengan angka yang sama dengan halaman Ringkasan Apel: "
                      "salindia (pptx), PDF (pdf), buku kerja (xlsx) atau ringkasan WhatsApp (txt)."))
    _view_options(brief, t)
    brief.add_argument("--out", required=True, metavar="BERKAS", help=t("berkas yang ditulis; - = ke layar (stdout)"))
    brief.add_argument("--format", choices=FORMATS,
                       help=t("pptx = salindia 16:9, pdf = A4 mendatar (halaman pertama ringkasan), xlsx = buku "
                              "kerja, txt = ringkasan WhatsApp (≤ 1.500 karakter). Bawaan: dari akhiran --out, selain "
                              "itu txt"))
    send = commands.add_parser(
        "send", lang=lang, help=t("Kirim Paket Briefing Apel lewat e-mail (server SMTP pemda)"),
        description=t("Kirim Paket Briefing Apel satu periode lewat e-mail: ringkasan WhatsApp sebagai isi pesan, "
                      "paket sebagai lampiran, lewat server SMTP pemda (pengaturan di data/kirim.toml). Kode keluar: "
                      "0 terkirim, 1 gudang data tidak terbaca, 2 kesalahan perintah atau pengaturan, 3 gagal "
                      "terkirim."))
    _view_options(send, t)
    send.add_argument("--to", action="append", metavar="ALAMAT",
                      help=t("penerima, dipisah koma (boleh diulang); bawaan: «penerima.kepada» di pengaturan"))
    send.add_argument("--attach", metavar="FORMAT",
                      help=t("format lampiran, dipisah koma (mis. pptx); bawaan: «pesan.lampiran» di pengaturan, "
                             "selain itu pdf,pptx"))
    send.add_argument("--config", type=Path, metavar="BERKAS",
                      help=t("berkas pengaturan pengiriman (bawaan: $SOROT_MAIL_CONFIG, atau data/kirim.toml)"))
    send.add_argument("--dry-run", action="store_true",
                      help=t("jangan kirim: tulis pesannya sebagai .eml (ke --out, atau ke layar) untuk diperiksa"))
    send.add_argument("--out", metavar="BERKAS", help=t("dengan --dry-run: berkas .eml yang ditulis; - = ke layar"))
    return top


def _view_options(command: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """The options every command shares: the warehouse, the period, the OPD, the language, the dashboard link."""
    command.add_argument("--db", type=Path, metavar="GUDANG", default=warehouse_file.default_db(),
                         help=t("berkas gudang data (bawaan: $SOROT_DB, atau data/warehouse.duckdb)"))
    command.add_argument("--period", required=True, metavar="PERIODE", help=t("periode: {}", t(FORMS)))
    command.add_argument("--opd", metavar="KODE", help=t("hanya satu OPD, dengan kodenya (mis. DINKES)"))
    command.add_argument("--lang", choices=("id", "en"), default="id",
                         help=t("bahasa ringkasan dan pesan (bawaan: id)"))
    command.add_argument("--url", help=t("alamat dasbor untuk tautan di ringkasan (bawaan: $SOROT_URL; tanpa tautan "
                                         "bila tidak ada)"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    pairs = zip(argv, [*argv[1:], ""])  # the language is looked up before parsing: parsing speaks it
    lang = "en" if any(a == "--lang=en" or (a, nxt) == ("--lang", "en") for a, nxt in pairs) else "id"
    args = parser(lang).parse_args(argv)  # a usage error exits with 2
    return send(args) if args.command == "send" else brief(args)


@dataclass(frozen=True)
class Request:
    """What a command asked for, checked: the warehouse opened read-only, the view's filters and the norms."""

    wh: Warehouse
    filters: Filters
    norms: Norms
    today: date
    db: Path


def say(text: str) -> None:
    """A message for the person at the terminal (stderr: stdout may carry the file)."""
    sys.stderr.write(text.rstrip("\n") + "\n")


def prepare(args: argparse.Namespace) -> Request | int:
    """The period, warehouse and OPD of ``args`` checked (``--period``, ``--db``, ``--opd``, ``--lang``); an exit
    code after saying what is wrong when one is not."""
    lang, day = args.lang, today()
    try:
        start, end = parse_period(args.period, day, lang)
    except PeriodError as err:
        say(str(err))
        return USAGE
    db = Path(args.db)
    if not db.is_file():
        say(translate("Gudang data «{path}» tidak ada. Buat dengan `make run` atau `python -m etl load FOLDER "
                      "--db {path}`, atau pilih berkasnya dengan --db.", lang, path=db))
        return UNREADABLE
    try:
        cursor = warehouse_file.read_cursor(warehouse_file.open_read_only(db))
        codes = [c for (c,) in cursor.execute("SELECT opd_code FROM ref_opd WHERE active ORDER BY opd_code").fetchall()]
    except duckdb.Error as err:
        say(unreadable(db, err, lang))
        return UNREADABLE
    opd: tuple[str, ...] = ()
    if args.opd:
        found = {c.upper(): c for c in codes}.get(args.opd.strip().upper())
        if found is None:
            say(_unknown_opd(args.opd, codes, lang))
            return USAGE
        opd = (found,)
    try:
        norms = read_norms()
    except NormsError as err:
        say(translate("Berkas norma salah, nilai bawaan dipakai: {}", lang, err))
        norms = Norms()
    return Request(Warehouse(cursor), Filters(start, end, opd), norms, day, db)


def unreadable(db: Path, err: Exception, lang: str) -> str:
    return translate("Gudang data «{path}» tidak bisa dibaca: {error}", lang, path=db, error=_first_line(err))


def build(request: Request, fmt: str, lang: str, url: str | None = None) -> bytes | int:
    """The pack in ``fmt`` for the request (``reports.pack``), or exit code 1 when the warehouse fails."""
    try:
        return pack.make(fmt, request.wh, request.filters, Scope.everything(), request.norms, request.today, lang,
                         url)
    except (duckdb.Error, TableNotFound) as err:
        say(unreadable(request.db, err, lang))
        return UNREADABLE


def brief(args: argparse.Namespace) -> int:
    lang = args.lang
    fmt = args.format or next((f for f in FORMATS if args.out.lower().endswith(f".{f}")), "txt")
    request = prepare(args)
    if isinstance(request, int):
        return request
    made = build(request, fmt, lang, args.url)
    if isinstance(made, int):
        return made
    if args.out == "-":
        sys.stdout.buffer.write(made)
        sys.stdout.flush()
        return 0
    try:
        Path(args.out).write_bytes(made)
    except OSError as err:
        say(translate("Berkas «{path}» tidak bisa ditulis: {error}", lang, path=args.out, error=err.strerror or err))
        return UNREADABLE
    if fmt == "txt":
        say(translate("Ringkasan WhatsApp ditulis ke {path} ({n} karakter).", lang, path=args.out,
                      n=number(len(made.decode("utf-8").rstrip("\n")), lang=lang)))
    else:
        say(translate("Paket Briefing Apel ({format}) ditulis ke {path}.", lang, format=fmt.upper(), path=args.out))
    return 0


def send(args: argparse.Namespace) -> int:
    """The pack e-mailed (``reports.send``): the settings and options checked before the warehouse is opened,
    the pack built once, then sent — or with ``--dry-run`` written as an .eml. 0, 1, 2 or 3 (``sending``)."""
    lang = args.lang
    try:
        plan = sending.plan(args)
    except ConfigError as err:
        say(str(err))
        return USAGE
    request = prepare(args)
    if isinstance(request, int):
        return request
    files: dict[str, bytes] = {}
    for fmt in ("txt", *plan.formats):  # the digest (txt) is the message's text
        made = build(request, fmt, lang, args.url)
        if isinstance(made, int):
            return made
        files[fmt] = made
    message = sending.compose(plan, request.filters, files, lang)
    if args.dry_run:
        return sending.write_eml(plan, message, args.out, lang)
    return sending.deliver(plan, message, lang)


def _unknown_opd(code: str, codes: list[str], lang: str) -> str:
    """Names the code, the closest valid ones if any, and a few valid codes."""
    close = difflib.get_close_matches(code.upper(), codes, n=3, cutoff=0.6)
    hint = translate(" Mungkin maksud Anda: {}.", lang, ", ".join(close)) if close else ""
    return translate("OPD «{code}» tidak dikenal.{hint} Kode yang ada, mis.: {codes} ({n} OPD aktif; daftar lengkap "
                     "di data/registry/opd.csv).", lang, code=code, hint=hint,
                     codes=", ".join(codes[:CODES_SHOWN]) + (", …" if len(codes) > CODES_SHOWN else ""),
                     n=number(len(codes), lang=lang))


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


if __name__ == "__main__":
    sys.exit(main())
