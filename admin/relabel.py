"""Labels set by older classifiers, and relabelling them from the Data page (``python -m etl rescore``).

After the models are retrained, a load labels only its new rows: the warehouse then mixes two models' labels,
and so do its sentiment, content-type and topic figures, until every row is relabelled.
"""

from __future__ import annotations

from pathlib import Path

from etl.classify import older_labels, rescore_warehouse
from etl.errors import DataCheckFailed
from warehouse_file import open_read_only


def older(db: Path) -> int:
    """How many rows carry labels of classifiers other than the shipped ones (0 without a warehouse)."""
    if not db.exists():
        return 0
    con = open_read_only(db)
    try:
        return sum(older_labels(con).values())
    finally:
        con.close()


def relabel(db: Path) -> tuple[int, str | None]:
    """Relabel those rows with the shipped classifiers in one atomic update: (rows changed, None), or (0, why) when
    a data check refused the result and the warehouse stayed as it was."""
    try:
        return sum(rescore_warehouse(db).values()), None
    except DataCheckFailed as err:
        return 0, str(err)
