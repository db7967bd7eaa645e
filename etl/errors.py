"""Errors that refuse a whole file, with a message in Bahasa Indonesia for the admin."""

from __future__ import annotations


class FileRefused(Exception):
    """The whole file is refused; nothing from it is loaded."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


class DataCheckFailed(Exception):
    """A data check failed on the newly loaded copy: it does not replace the warehouse in use (etl/checks.py)."""

    def __init__(self, message: str, failures: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.failures = failures  # one line per failed check: model.column, rows, examples (Bahasa Indonesia)


class RegistryError(Exception):
    """The registry in data/ is inconsistent; no load can proceed until it is fixed."""
