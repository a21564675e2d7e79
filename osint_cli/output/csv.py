"""CSV: one row per finding across all reports, with a header."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..model import Failure, Report
from .rows import COLUMNS, clean, defuse, rows


def _cell(v: object, raw: bool) -> str:
    # control characters never pass; formula cells are defused unless asked for raw (--csv-raw)
    text = clean("" if v is None else str(v))
    return text if raw else defuse(text)


def write(records: Iterable[Report | Failure], stream: TextIO, raw: bool = False) -> None:
    """Write every finding of every record as CSV rows (``raw``: keep formula-like cells as they are)."""
    w = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for record in records:
        for row in rows(record):
            w.writerow({k: _cell(v, raw) for k, v in row.items()})
        stream.flush()
