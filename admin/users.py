"""Command line for accounts: python -m admin users add|list|disable|enable|reset-password|remove|logout|audit.

    printf '%s\\n' "$PW" | python -m admin users add budi --role opd --opd DINKES --password-stdin
    python -m admin users list
    python -m admin users audit --limit 20 --lang en

A password is never an argument (it would show in ``ps`` and the shell history): with ``--password-stdin`` it is
the first line of stdin; at a terminal it is asked twice with ``getpass``. Messages are in Indonesian
(``--lang en`` for English). Exit codes: 0 done, 2 usage or refused (bad role, short password, unknown user,
duplicate…), 1 the account file cannot be opened or written. Changes are audited with the actor
``cli:<$SUDO_USER or $USER>``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from analytics.i18n import LANGUAGES, translate
from auth import ROLES, AuthError, AuthStore, StoreError, first_admin_hint, normalize, wib

PROG = "python -m admin users"


def actor() -> str:
    """"cli", plus who ran it when the environment says (sudo's caller first)."""
    who = os.environ.get("SUDO_USER") or os.environ.get("USER") or ""
    return f"cli:{who}" if who else "cli"


def language(argv: Sequence[str]) -> str:
    """The --lang given anywhere on the line (so help and errors of the parser come in it too)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default="id")
    try:
        return pre.parse_known_args(list(argv))[0].lang
    except SystemExit:
        return "id"


def parser(lang: str = "id") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=translate("bahasa pesan: id (bawaan) atau en", lang))
    p = argparse.ArgumentParser(prog=PROG, parents=[common],
                                description=translate("Sorot: akun pengguna dan log audit", lang))
    p.set_defaults(lang="id")
    sub = p.add_subparsers(dest="command", required=True, metavar="{add,list,disable,enable,reset-password,"
                                                                    "remove,logout,audit}")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text, description=text)

    def username(q: argparse.ArgumentParser) -> None:
        q.add_argument("username", metavar=translate("NAMA", lang), help=translate("nama pengguna", lang))

    def password(q: argparse.ArgumentParser) -> None:
        q.add_argument("--password-stdin", action="store_true",
                       help=translate("baca kata sandi dari baris pertama stdin (tanpa ini: ditanyakan dua kali "
                                      "di terminal)", lang))

    q = command("add", translate("tambah pengguna", lang))
    username(q)
    q.add_argument("--role", required=True, metavar=translate("PERAN", lang),
                   help=translate("peran: {roles}", lang, roles=", ".join(ROLES)))
    q.add_argument("--opd", metavar=translate("KODE", lang), help=translate("kode OPD (hanya untuk peran opd)", lang))
    password(q)
    command("list", translate("daftar pengguna", lang))
    username(command("disable", translate("nonaktifkan pengguna (semua sesinya berakhir)", lang)))
    username(command("enable", translate("aktifkan kembali pengguna (juga membuka kuncian)", lang)))
    q = command("reset-password", translate("ganti kata sandi pengguna (semua sesinya berakhir)", lang))
    username(q)
    password(q)
    username(command("remove", translate("hapus pengguna (entri auditnya tetap)", lang)))
    username(command("logout", translate("akhiri semua sesi pengguna di semua perangkat", lang)))
    q = command("audit", translate("tampilkan entri log audit terbaru", lang))
    q.add_argument("--limit", type=int, default=50, metavar="N",
                   help=translate("jumlah entri (bawaan 50)", lang))
    q.add_argument("--actor", help=translate("hanya entri pelaku ini", lang))
    q.add_argument("--action", help=translate("hanya entri tindakan ini (mis. login_failed)", lang))
    return p


def read_password(from_stdin: bool, lang: str, stdin: TextIO) -> str:
    """The new password: asked twice at a terminal, else the first line of stdin (``--password-stdin``)."""
    if stdin.isatty():
        first = getpass.getpass(translate("Kata sandi baru: ", lang))
        if getpass.getpass(translate("Ulangi kata sandi: ", lang)) != first:
            raise AuthError(translate("Kedua kata sandi tidak sama.", lang))
        return first
    if not from_stdin:
        raise AuthError(translate("Tanpa terminal, berikan kata sandi lewat stdin dengan --password-stdin.", lang))
    return stdin.readline().removesuffix("\n").removesuffix("\r")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows)]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)


def run(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    lang, who = args.lang, actor()
    store = AuthStore(lang=lang)
    name = getattr(args, "username", None)
    if args.command == "add":
        user = store.add_user(name, args.role, read_password(args.password_stdin, lang, stdin), args.opd, who,
                              lang=lang)
        text = (translate("Pengguna {name} ditambahkan: peran {role}, OPD {opd}.", lang, name=user.username,
                          role=user.role, opd=user.opd) if user.opd else
                translate("Pengguna {name} ditambahkan: peran {role}.", lang, name=user.username, role=user.role))
        print(text, file=out)
    elif args.command == "list":
        users = store.users()
        if not users:
            print(first_admin_hint(lang), file=out)
            return 0
        now = store.now()
        yes, no = translate("ya", lang), translate("tidak", lang)
        header = [translate("Nama pengguna", lang), translate("Peran", lang), translate("OPD", lang),
                  translate("Aktif", lang), translate("Terkunci sampai", lang), translate("Dibuat pada", lang)]
        rows = [[u.username, u.role, u.opd or "—", yes if u.active else no,
                 wib(u.locked_until, lang) if u.locked(now) else "—", wib(u.created_at, lang)] for u in users]
        print(table(header, rows), file=out)
    elif args.command in ("disable", "enable"):
        user = store.set_active(name, args.command == "enable", who, lang=lang)
        print(translate("Pengguna {name} diaktifkan kembali.", lang, name=user.username) if user.active else
              translate("Pengguna {name} dinonaktifkan; semua sesinya berakhir.", lang, name=user.username), file=out)
    elif args.command == "reset-password":
        user = store.get(name)
        if user is None:  # before asking for a password that would be thrown away
            raise AuthError(translate("Pengguna {name} tidak ada.", lang, name=name))
        user = store.reset_password(name, read_password(args.password_stdin, lang, stdin), who, lang=lang)
        print(translate("Kata sandi {name} diganti; semua sesinya berakhir.", lang, name=user.username), file=out)
    elif args.command == "remove":
        store.remove(name, who, lang=lang)
        print(translate("Pengguna {name} dihapus; semua sesinya berakhir.", lang, name=normalize(name)),
              file=out)
    elif args.command == "logout":
        user = store.logout_everywhere(name, who, lang=lang)
        print(translate("Semua sesi {name} diakhiri.", lang, name=user.username), file=out)
    elif args.command == "audit":
        if args.limit < 1:
            raise AuthError(translate("--limit harus 1 atau lebih.", lang))
        entries = store.audit_log(args.limit, args.actor, args.action)
        if not entries:
            print(translate("Log audit masih kosong.", lang), file=out)
            return 0
        header = [translate("Waktu", lang), translate("Pelaku", lang), translate("Tindakan", lang),
                  translate("Sasaran", lang), translate("Rincian", lang)]
        print(table(header, [[wib(e.at, lang), e.actor, e.action, e.target or "—", e.detail or "—"]
                             for e in entries]), file=out)
    return 0


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    lang = language(argv)
    try:
        args = parser(lang).parse_args(argv)
    except SystemExit as done:  # argparse: 0 after --help, 2 for a usage error (already printed)
        return int(done.code or 0)
    try:
        return run(args, stdin, stdout)
    except AuthError as err:
        print(translate("Gagal: {error}", lang, error=err), file=stderr)
        return 2
    except StoreError as err:
        print(translate("Gagal: {error}", lang, error=err), file=stderr)
        return 1
    except KeyboardInterrupt:
        print(file=stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
