"""Renderers: each takes Reports (and Failures) and a text stream; nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..model import Failure, Report

FORMATS = ("table", "json", "jsonl", "csv", "markdown")

Record = Report | Failure


def render(records: Iterable[Record], fmt: str, stream: TextIO, include_text: bool = False, csv_raw: bool = False) -> None:
    """Write ``records`` to ``stream`` in format ``fmt`` (one of FORMATS); ``csv_raw`` keeps formula-like CSV cells."""
    # each renderer imported when chosen: rich (table) costs ~0.1 s that JSON output never needs
    if fmt == "json":
        from . import json

        json.write_document(records, stream, include_text)
    elif fmt == "jsonl":
        from . import json

        json.write_lines(records, stream, include_text)
    elif fmt == "csv":
        from . import csv

        csv.write(records, stream, csv_raw)
    elif fmt == "markdown":
        from . import markdown

        markdown.write(records, stream)
    elif fmt == "table":
        from . import table

        table.write(records, stream)
    else:  # the CLI validates formats; a library caller gets a clear error
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
