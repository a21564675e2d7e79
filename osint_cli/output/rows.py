"""Flat rows for tabular formats (CSV, Markdown): one row per finding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Failure, Report

COLUMNS = (
    "source", "category", "text", "value", "value_max", "unit", "qualifier", "about",
    "kind", "role", "affiliation", "mod", "start", "end", "rule", "sentence",
)


# C0 and C1 controls (ESC starts terminal escape sequences), DEL, and the bidi overrides
# that make a terminal show text in another order than it is stored ("Trojan source")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]+")
# a spreadsheet evaluates a cell that starts with one of these (CSV injection); \t and \r
# never start a cleaned cell
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def clean(text: str) -> str:
    """Article text made safe for a terminal or a table cell: one line, no control characters."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def defuse(cell: str) -> str:
    """A CSV cell that a spreadsheet would run as a formula, prefixed with ' (numbers stay as they are)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


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
