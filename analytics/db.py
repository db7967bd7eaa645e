"""The warehouse as Ibis tables (DuckDB backend over the app's read-only connection)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any

import duckdb
import ibis
import pandas as pd


class Warehouse:
    """Ibis view of one read-only DuckDB connection (or cursor); tables are looked up once."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._tables: dict[str, ibis.Table] = {}
        self._memo: dict[Hashable, Any] = {}

    @cached_property
    def backend(self) -> ibis.BaseBackend:
        return ibis.duckdb.from_connection(self.con)

    def __getattr__(self, name: str) -> ibis.Table:
        """``wh.mart_post`` → the Ibis table of that name."""
        if name.startswith(("mart_", "ref_", "stg_", "raw_", "etl_", "nlp_")):
            if name not in self._tables:
                self._tables[name] = self.backend.table(name)
            return self._tables[name]
        raise AttributeError(name)

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A small result computed once per Warehouse object (one page run)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def frame(self, expr: ibis.Expr) -> pd.DataFrame:
        return expr.to_pandas()

    def setting(self, key: str, default: str | None = None) -> str | None:
        t = self.ref_setting
        rows = self.frame(t.filter(t.key == key).select("value"))
        return rows["value"].iloc[0] if len(rows) else default
