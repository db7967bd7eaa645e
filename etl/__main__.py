"""Command line: python -m etl load|status|rescore|correct|corrections|templates|schema-doc.

The sample regency's export files are written by ``python -m sample`` (sample/), not by the ETL.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl import warehouse
from etl.errors import DataCheckFailed, RegistryError


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _progress(i: int, total: int, r) -> None:
    """The load report of one file: layout, counts, snapshot, assumptions, reject groups and what to do."""
    head = f"[{i}/{total}] {r.name}"
    if r.outcome == "ditolak":
        print(f"{head}: DITOLAK — {r.message}", file=sys.stderr)
        return
    language = {"id": "Bahasa Indonesia", "en": "Inggris"}.get(r.language or "", r.language)
    print(f"{head}: {r.outcome} — {r.layout} ({r.kind}; judul kolom {language})\n"
          f"    {_fmt(r.rows_loaded)} baris diterima: {_fmt(r.rows_new)} baru, {_fmt(r.rows_duplicate)} sudah ada "
          f"(dilewati); {_fmt(r.rows_rejected)} baris ditolak [{r.seconds:.2f} s]\n"
          f"    tanggal ekspor: {r.snapshot[:10] if r.snapshot else '-'} (dari {r.snapshot_source})", file=sys.stderr)
    for note in r.notes:
        print(f"    catatan: {note}", file=sys.stderr)
    for g in r.groups:
        print(f"    {_fmt(g.rows)} baris ditolak [{g.code}]: {g.reason}\n      → {g.todo}", file=sys.stderr)
    for row, column, _value, reason in r.rejects[:3]:  # the cell itself is left out: it may be personal data
        print(f"    baris {row}, kolom «{column}»: {reason}", file=sys.stderr)


def _starting(i: int, total: int, batch: list) -> None:
    size = sum(p.path.stat().st_size for p in batch)
    if size > 20 << 20:  # say something before a long batch, not only after it
        names = batch[0].result.name + (f" dan {len(batch) - 1} berkas lain" if len(batch) > 1 else "")
        print(f"[{i}/{total}] memuat {names} ({size / (1 << 20):,.0f} MB) …", file=sys.stderr, flush=True)


def cmd_load(args: argparse.Namespace) -> int:
    from etl.load import error_log, load, log_unexpected

    try:
        results = load([Path(p) for p in args.paths], Path(args.db), Path(args.registry),
                       Path(args.holidays), account=args.account, progress=_progress, starting=_starting)
    except (RegistryError, FileNotFoundError) as err:
        print(f"Gagal: {err}", file=sys.stderr)
        return 2
    except DataCheckFailed as err:  # the loaded copy failed a data check: it did not replace the warehouse
        print(f"Gagal: {err.message}\n(tercatat juga di {error_log(Path(args.db))})", file=sys.stderr)
        return 2
    except Exception as err:  # never a traceback for the admin: the details go to the log
        print(f"Gagal: kesalahan tak terduga ({log_unexpected(Path(args.db), 'load', err)}). "
              "Gudang data tidak berubah.", file=sys.stderr)
        return 2
    skipped = [r for r in results if r.outcome == "dilewati"]
    for r in skipped:
        print(f"{r.name}: dilewati — {r.message}", file=sys.stderr)
    refused = [r for r in results if r.outcome == "ditolak"]
    loaded = sum(r.rows_loaded for r in results if r.outcome != "dilewati")
    rejected = sum(r.rows_rejected for r in results)
    print(f"Selesai: {len(results)} berkas, {_fmt(loaded)} baris dimuat, {_fmt(rejected)} baris ditolak, "
          f"{len(refused)} berkas ditolak, {len(skipped)} dilewati. Gudang data: {args.db}")
    return 1 if refused else 0


def cmd_status(args: argparse.Namespace) -> int:
    from etl.status import status

    info = status(Path(args.db))
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return 0
    if not info["exists"]:
        print(f"Gudang data belum ada: {args.db}")
        return 0
    print(f"Gudang data: {info['db']}")
    print(f"OPD: {info['opd']}; komentar/mention: {_fmt(info['comments'])}; baris ditolak: {_fmt(info['rejects'])}")
    print("Postingan per platform: " + ", ".join(f"{k} {_fmt(v)}" for k, v in info["posts_by_platform"].items()))
    print("Pengaduan per kanal: " + ", ".join(f"{k} {_fmt(v)}" for k, v in info["complaints_by_channel"].items()))
    if info["older_labels"]:
        print("Label dari model klasifikasi lama (angka mencampur dua model; jalankan python -m etl rescore): "
              + ", ".join(f"{k} {_fmt(v)} baris" for k, v in info["older_labels"].items()))
    if info["unknown_accounts"]:
        print("Akun belum terdaftar (tambahkan ke data/registry/akun.csv):")
        for u in info["unknown_accounts"]:
            print(f"  {u['platform']} @{u['account']}: {_fmt(u['rows'])} baris ({u['files']})")
    print("Riwayat muat (terbaru dulu):")
    for row in info["loads"][:20]:
        print(f"  #{row['load_id']} {row['file']}: {row['outcome']}, {_fmt(row['rows_loaded'])} dimuat, "
              f"{_fmt(row['rows_rejected'])} ditolak" + (f" — {row['message']}" if row["message"] else ""))
    return 0


def cmd_rescore(args: argparse.Namespace) -> int:
    from etl.classify import rescore_warehouse

    db = Path(args.db)
    if not db.exists():
        print(f"Gagal: gudang data belum ada: {db}", file=sys.stderr)
        return 2
    changed = rescore_warehouse(db, everything=args.all)
    print("Diklasifikasi ulang: " + ", ".join(f"{t} {_fmt(n)} baris" for t, n in changed.items()))
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from etl import corrections

    db = Path(args.db)
    try:
        if args.file:
            items = corrections.read_file(Path(args.file))
        elif args.task and args.key and (args.label or args.remove):
            items = [corrections.Correction(args.task, args.key, args.label or "", args.by, args.note)]
        else:
            print("Gagal: sebutkan TUGAS KUNCI LABEL, atau --file berkas.csv.", file=sys.stderr)
            return 2
        if not db.exists():
            raise corrections.CorrectionError(f"gudang data belum ada: {db}")
        n = corrections.apply(db, items, remove=args.remove)
    except corrections.CorrectionError as err:
        print(f"Gagal: {err} Tidak ada koreksi yang disimpan.", file=sys.stderr)
        return 2
    print(f"{n} koreksi {'dihapus' if args.remove else 'disimpan'}. Koreksi mengalahkan label model, juga "
          "setelah rescore.")
    return 0


def cmd_corrections(args: argparse.Namespace) -> int:
    from etl.corrections import export

    counts = export(Path(args.db), Path(args.out))
    print(f"Koreksi ditulis ke {args.out}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


def cmd_schema_doc(_: argparse.Namespace) -> int:
    from etl.schema import markdown

    sys.stdout.write(markdown())
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from etl.templates import write_templates

    for path in write_templates(Path(args.out)):
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description="Sorot ETL")
    sub = p.add_subparsers(dest="command", required=True)
    db_help = "gudang data DuckDB (bawaan: $SOROT_DB atau data/warehouse.duckdb)"

    ld = sub.add_parser("load", help="muat berkas/folder ekspor ke gudang data")
    ld.add_argument("paths", nargs="+", help="berkas, folder atau arsip .zip")
    ld.add_argument("--db", default=str(warehouse.default_db()), help=db_help)
    ld.add_argument("--registry", default=str(warehouse.DEFAULT_REGISTRY), help="folder registri OPD/akun")
    ld.add_argument("--holidays", default=str(warehouse.DEFAULT_HOLIDAYS), help="kalender libur (CSV)")
    ld.add_argument("--account", help="akun untuk ekspor yang tidak menyebut akunnya (YouTube)")
    ld.set_defaults(func=cmd_load)

    st = sub.add_parser("status", help="ringkasan isi gudang data")
    st.add_argument("--db", default=str(warehouse.default_db()), help=db_help)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)

    rs = sub.add_parser("rescore", help="klasifikasi ulang setelah model berganti")
    rs.add_argument("--db", default=str(warehouse.default_db()), help=db_help)
    rs.add_argument("--all", action="store_true", help="semua baris, bukan hanya yang versinya lain")
    rs.set_defaults(func=cmd_rescore)

    co = sub.add_parser("correct", help="koreksi label (sentimen, konten, topik) oleh admin")
    co.add_argument("task", nargs="?", help="sentimen | konten | topik")
    co.add_argument("key", nargs="?", help="comment_key, complaint_key atau platform:post_id")
    co.add_argument("label", nargs="?", help="label yang benar")
    co.add_argument("--file", help="CSV berkolom tugas, kunci, label (oleh, catatan opsional)")
    co.add_argument("--by", help="nama admin")
    co.add_argument("--note", help="alasan")
    co.add_argument("--remove", action="store_true", help="hapus koreksi (label model berlaku lagi)")
    co.add_argument("--db", default=str(warehouse.default_db()), help=db_help)
    co.set_defaults(func=cmd_correct)

    ce = sub.add_parser("corrections", help="tulis koreksi sebagai data latih (teks,label)")
    ce.add_argument("--out", default=str(warehouse.ROOT / "data" / "nlp" / "koreksi"))
    ce.add_argument("--db", default=str(warehouse.default_db()), help=db_help)
    ce.set_defaults(func=cmd_corrections)

    tp = sub.add_parser("templates", help="tulis templat CSV/XLSX dan panduannya")
    tp.add_argument("--out", default=str(warehouse.ROOT / "data" / "templates"))
    tp.set_defaults(func=cmd_templates)

    sd = sub.add_parser("schema-doc", help="cetak docs/warehouse.md")
    sd.set_defaults(func=cmd_schema_doc)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
