"""CSV: one row per finding across all reports, with a header."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..model import Failure, Report
from .rows import COLUMNS, rows


def write(records: Iterable[Report | Failure], stream: TextIO) -> None:
    """Write every finding of every record as CSV rows."""
    w = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for record in records:
        for row in rows(record):
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        stream.flush()
