"""Which OPD a view covers: active OPD in the viewer's scope, narrowed by the OPD/kind filters."""

from __future__ import annotations

import ibis
import pandas as pd

from analytics.context import Filters, Scope
from analytics.db import Warehouse


def opd_table(wh: Warehouse, filters: Filters, scope: Scope) -> ibis.Table:
    t = wh.ref_opd.filter(wh.ref_opd.active)
    if scope.opd is not None:
        t = t.filter(t.opd_code.isin(sorted(scope.opd)))
    if filters.opd:
        t = t.filter(t.opd_code.isin(list(filters.opd)))
    if filters.kinds:
        t = t.filter(t.kind.isin(list(filters.kinds)))
    return t.select("opd_code", "name", "short_name", "kind")


def opd_frame(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    return wh.frame(opd_table(wh, filters, scope).order_by("opd_code"))


SHORT_LIST = 100  # up to this many OPD a literal list compiles faster than a semi-join


def in_view(table: ibis.Table, wh: Warehouse, filters: Filters, scope: Scope) -> ibis.Table:
    """Rows of ``table`` (with an opd_code) that belong to an OPD of the view.

    Without any restriction nothing is filtered (rows of OPD since made inactive still count in
    totals; per-OPD tables start from the active OPD).
    """
    if scope.opd is None and not filters.opd and not filters.kinds:
        return table
    codes = wh.memo(("opd_codes", filters.opd, filters.kinds, scope),
                    lambda: opd_frame(wh, filters, scope)["opd_code"].tolist())
    if len(codes) <= SHORT_LIST:
        return table.filter(table.opd_code.isin(codes or [""]))
    return table.semi_join(opd_table(wh, filters, scope), "opd_code")


def between(column: ibis.Column, filters: Filters) -> ibis.BooleanValue:
    return column.between(ibis.literal(filters.start), ibis.literal(filters.end))


def region_name(wh: Warehouse) -> str:
    """The region's name from pengaturan.toml (e.g. Kabupaten Sukamaju)."""
    return wh.setting("nama_daerah") or "Pemerintah Daerah"
