"""CSV: one row per finding across all reports, with a header; or one file per category.

Every row carries its article's ``source, url, title, published, outlet``, so a row pasted
into a spreadsheet on its own still says where it comes from. Each report also gives one
``article`` row (a page with no findings is still listed); a failed source gives an
``error`` row. ``batch`` streams JSON Lines; ``CsvStream`` turns them into rows as they come.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TextIO

from ..model import (
    Article,
    Expert,
    Failure,
    Figure,
    Findings,
    Mention,
    Quote,
    Report,
    Source,
    TimeExpr,
)
from .rows import COLUMNS, clean, defuse, rows

ARTICLE_COLUMNS = ("url", "title", "published", "outlet")
CSV_COLUMNS = ("source", *ARTICLE_COLUMNS, *(c for c in COLUMNS if c != "source"))
# the file suffix of each category with --per-category
CATEGORY_FILES = {"article": "articles", "expert": "experts", "figure": "figures", "date": "dates",
                  "source": "sources", "error": "errors"}


def record_rows(record: Report | Failure) -> Iterator[dict[str, Any]]:
    """The CSV rows of one record: an article row, then one per finding (or one error row)."""
    if isinstance(record, Failure):
        yield from rows(record)
        return
    a = record.article
    head = {"url": a.url or (record.fetch.final_url if record.fetch else None), "title": a.title,
            "published": a.date, "outlet": a.sitename}
    yield {"source": record.source, "category": "article", **head}
    for row in rows(record):
        yield {**row, **head}


def _writer(stream: TextIO) -> csv.DictWriter[str]:
    w = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    return w


def _cell(v: object, raw: bool) -> str:
    # control characters never pass; formula cells are defused unless asked for raw (--csv-raw)
    text = clean("" if v is None else str(v))
    return text if raw else defuse(text)


def _clean(row: dict[str, Any], raw: bool = False) -> dict[str, Any]:
    return {k: _cell(v, raw) for k, v in row.items()}


def write(records: Iterable[Report | Failure], stream: TextIO, raw: bool = False) -> None:
    """Write every finding of every record as CSV rows (``raw``: keep formula-like cells as they are)."""
    w = _writer(stream)
    for record in records:
        for row in record_rows(record):
            w.writerow(_clean(row, raw))
        stream.flush()


class CsvStream:
    """A text stream that takes batch JSON lines and writes them as CSV rows: to one stream, or
    to one stream per category (``streams`` keyed by category)."""

    def __init__(self, streams: Mapping[str, TextIO] | TextIO) -> None:
        self._streams = streams if isinstance(streams, Mapping) else None
        self._one = None if isinstance(streams, Mapping) else streams
        self._writers: dict[str, csv.DictWriter[str]] = {}
        self._pending = ""

    def write(self, text: str) -> int:
        """Take JSON Lines text; each complete line becomes its rows."""
        import json

        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                for row in record_rows(from_dict(json.loads(line))):
                    self._writer(row["category"]).writerow(_clean(row))
        return len(text)

    def _writer(self, category: str) -> csv.DictWriter[str]:
        key = category if self._streams is not None else ""
        w = self._writers.get(key)
        if w is None:
            stream = self._one if self._streams is None else self._streams[category]
            assert stream is not None
            w = self._writers[key] = _writer(stream)
        return w

    def flush(self) -> None:
        """Flush the underlying streams."""
        for s in self._streams.values() if self._streams is not None else (self._one,):
            if s is not None:
                s.flush()


@contextmanager
def open_csv(path: str | None, per_category: bool, stdout: TextIO | None = None) -> Iterator[CsvStream]:
    """A CsvStream to ``path`` (None or ``-``: stdout), or with ``per_category`` to ``STEM-<category>.csv`` files."""
    import sys

    with ExitStack() as stack:
        if path in (None, "-"):
            yield CsvStream(stdout or sys.stdout)
            return
        target = Path(path)
        if not per_category:
            yield CsvStream(stack.enter_context(target.open("w", encoding="utf-8", newline="")))
            return
        stem = target.with_suffix("") if target.suffix.lower() == ".csv" else target
        files = {cat: stack.enter_context(Path(f"{stem}-{name}.csv").open("w", encoding="utf-8", newline=""))
                 for cat, name in CATEGORY_FILES.items()}
        yield CsvStream(files)


def from_dict(d: dict[str, Any]) -> Report | Failure:
    """A record back from its JSON form (what batch workers send), for the row builders."""
    if "error" in d:
        return Failure(source=d["source"], type=d["error"]["type"], message=d["error"]["message"])
    meta = {k: v for k, v in d["metadata"].items() if k != "reference_date"}

    def quotes(items: list[dict[str, Any]]) -> tuple[Quote, ...]:
        return tuple(Quote(**q) for q in items)

    def mentions(items: list[dict[str, Any]]) -> tuple[Mention, ...]:
        return tuple(Mention(**m) for m in items)

    findings = Findings(
        experts=tuple(Expert(**{**e, "aliases": tuple(e["aliases"]), "quotes": quotes(e["quotes"]),
                                "mentions": mentions(e["mentions"])}) for e in d["experts"]),
        quotes=quotes(d["quotes"]),
        figures=tuple(Figure(**f) for f in d["figures"]),
        dates=tuple(TimeExpr(**t) for t in d["dates"]),
        sources=tuple(Source(**{**s, "mentions": mentions(s["mentions"])}) for s in d["sources"]),
    )
    return Report(source=d["source"], article=Article(text="", **meta), findings=findings,
                  reference_date=d["metadata"].get("reference_date"), warnings=tuple(d["warnings"]))
