"""The two ways an account operation fails: refused (``AuthError``) or the account file is unusable (``StoreError``)."""

from __future__ import annotations


class AuthError(ValueError):
    """A refusal the person can act on (bad role, short password, unknown user, duplicate name…).

    The message is already in the language the caller asked for (``lang=``); the command line exits with 2.
    """


class StoreError(RuntimeError):
    """The account file cannot be created, opened, read or written (permissions, disk, a corrupt file).

    The command line exits with 1; the app should show it and refuse every login (fail closed).
    """
