"""Which OPD a view covers: active OPD in the viewer's scope, narrowed by the OPD/kind filters."""

from __future__ import annotations

from dataclasses import replace

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
    """The view's OPD (code, name, short name, kind), by code; computed once per page run."""
    return wh.memo(("opd", filters.opd, filters.kinds, scope),
                   lambda: wh.frame(opd_table(wh, filters, scope).order_by("opd_code"))).copy()


SHORT_LIST = 100  # up to this many OPD a literal list compiles faster than a semi-join


def in_view(table: ibis.Table, wh: Warehouse, filters: Filters, scope: Scope) -> ibis.Table:
    """Rows of ``table`` (with an opd_code) that belong to an OPD of the view.

    Without any restriction nothing is filtered (rows of OPD since made inactive still count in
    totals; per-OPD tables start from the active OPD).
    """
    if scope.opd is None and not filters.opd and not filters.kinds:
        return table
    codes = opd_frame(wh, filters, scope)["opd_code"].tolist()
    if len(codes) <= SHORT_LIST:
        return table.filter(table.opd_code.isin(codes or [""]))
    return table.semi_join(opd_table(wh, filters, scope), "opd_code")


def between(column: ibis.Column, filters: Filters) -> ibis.BooleanValue:
    return column.between(ibis.literal(filters.start), ibis.literal(filters.end))


def windows(filters: Filters, periods: int) -> list[Filters]:
    """The current period and the ``periods - 1`` before it (each ``previous()`` of the one after: calendar
    months stay calendar months), index 0 = current."""
    out = [filters]
    while len(out) < periods:
        out.append(out[-1].previous())
    return out


def spanning(filters: Filters, periods: int) -> Filters:
    """The current period and the ``periods - 1`` periods before it, as one range."""
    return replace(filters, start=windows(filters, periods)[-1].start)


def period_of(column: ibis.Column, filters: Filters, periods: int) -> ibis.IntegerValue:
    """0 for a day in the current period, 1 in the one before, and so on (NULL outside them)."""
    return ibis.cases(*((between(column, w), k) for k, w in enumerate(windows(filters, periods))))


def region_name(wh: Warehouse) -> str:
    """The region's name from pengaturan.toml (e.g. Kabupaten Sukamaju)."""
    return wh.setting("nama_daerah") or "Pemerintah Daerah"


def per_opd_and_period(opd: pd.DataFrame, figures: pd.DataFrame, periods: int) -> pd.DataFrame:
    """One row per OPD and period (0 … periods − 1), figures where there are any (else NaN)."""
    grid = opd[["opd_code"]].merge(pd.DataFrame({"period": range(periods)}), how="cross")
    return grid.merge(figures, on=["opd_code", "period"], how="left").sort_values(
        ["period", "opd_code"], ignore_index=True)


def daily_rows(table: ibis.Table, wh: Warehouse, filters: Filters, scope: Scope, periods: int = 1) -> ibis.Table:
    """Rows of a daily mart (``day``, ``platform``, ``opd_code``) in the view's OPD, platforms and the
    current and ``periods - 1`` earlier periods, with their ``period`` (0 = current)."""
    t = table.filter(between(table.day, spanning(filters, periods)))
    if filters.platforms:
        t = t.filter(t.platform.isin(list(filters.platforms)))
    return in_view(t, wh, filters, scope).mutate(period=period_of(t.day, filters, periods))
