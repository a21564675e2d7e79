"""Flat rows for tabular formats (CSV, Markdown): one row per finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Failure, Report

COLUMNS = (
    "source", "category", "text", "value", "value_max", "unit", "qualifier", "about",
    "kind", "role", "affiliation", "mod", "start", "end", "rule", "sentence",
)


def fmt_value(v: Any) -> str:
    """Numbers without a spurious .0; None as empty."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def first_quote(expert: Any) -> str:
    """The first quote of an expert, for one-line views."""
    return expert.quotes[0].text if expert.quotes else ""


def rows(record: Report | Failure) -> Iterator[dict[str, Any]]:
    """Every finding of a report as a flat dict with COLUMNS keys."""
    if isinstance(record, Failure):
        yield {"source": record.source, "category": "error", "text": record.message, "kind": record.type}
        return
    f = record.findings
    for e in f.experts:
        yield {"source": record.source, "category": "expert", "text": e.name, "kind": e.kind, "role": e.role,
               "affiliation": e.affiliation, "about": first_quote(e), "start": e.start, "end": e.end,
               "rule": e.rule, "sentence": e.sentence}
    for g in f.figures:
        yield {"source": record.source, "category": "figure", "text": g.text, "value": fmt_value(g.value),
               "value_max": fmt_value(g.value_max), "unit": g.unit, "qualifier": g.qualifier, "about": g.about,
               "start": g.start, "end": g.end, "rule": g.rule, "sentence": g.sentence}
    for d in f.dates:
        yield {"source": record.source, "category": "date", "text": d.text, "value": d.value, "kind": d.type,
               "mod": d.mod, "start": d.start, "end": d.end, "rule": d.rule, "sentence": d.sentence}
    for s in f.sources:
        yield {"source": record.source, "category": "source", "text": s.name, "value": s.count,
               "start": s.start, "end": s.end, "rule": s.rule, "sentence": s.sentence}
