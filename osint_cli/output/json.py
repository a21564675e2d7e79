"""JSON (one document) and JSON Lines (one record per line, flushed as it is written)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..model import Failure, Report


def to_dict(record: Report | Failure, include_text: bool = False) -> dict[str, Any]:
    """A record as JSON-ready data."""
    return record.to_dict(include_text) if isinstance(record, Report) else record.to_dict()


def dumps(record: Report | Failure, include_text: bool = False) -> str:
    """One record as a single line of JSON."""
    return json.dumps(to_dict(record, include_text), ensure_ascii=False, separators=(",", ":"))


def write_lines(records: Iterable[Report | Failure], stream: TextIO, include_text: bool = False) -> None:
    """JSON Lines: each record whole on its own line, flushed at once."""
    for record in records:
        stream.write(dumps(record, include_text) + "\n")
        stream.flush()


def write_document(records: Iterable[Report | Failure], stream: TextIO, include_text: bool = False) -> None:
    """One JSON document: the record itself for one source, an array for several."""
    items = [to_dict(r, include_text) for r in records]
    doc: Any = items[0] if len(items) == 1 else items
    json.dump(doc, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
