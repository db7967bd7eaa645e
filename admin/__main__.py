"""Command line for Diskominfo admins: ``python -m admin users …`` (accounts and the audit log, admin/users.py).

Loading and editing the registry and norms run in the app's Data page; this entry point holds what must work on
the server without the app — creating the first admin account, for one.
"""

from __future__ import annotations

import sys

from analytics.i18n import translate


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from admin import users

    if argv[:1] == ["users"]:
        return users.main(argv[1:])
    lang = users.language(argv)
    asked = argv[:1] in (["-h"], ["--help"])
    print(translate("Pemakaian: python -m admin users PERINTAH … — perintah: add, list, disable, enable, "
                    "reset-password, remove, logout, audit (bantuan: python -m admin users --help)", lang),
          file=sys.stdout if asked else sys.stderr)
    return 0 if asked else 2


if __name__ == "__main__":
    sys.exit(main())
