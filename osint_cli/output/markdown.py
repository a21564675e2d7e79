"""Markdown: a section per article with tables for experts, figures, dates and sources.

Article text is data, never markup: control characters go, HTML is escaped (``<script>``
shows as text) and the characters that make links, emphasis or table cells are
backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from ..model import Failure, Report
from .rows import clean, first_quote, fmt_value

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# CommonMark inline syntax: code, emphasis, links and images, table cells, strike-through, escapes
_MARKUP = re.compile(r"[\\`*_\[\]|~!#]|[&<>]")


def text(v: object) -> str:
    """Any value as one line of inert Markdown."""
    return _MARKUP.sub(lambda m: _HTML.get(m.group(), "\\" + m.group()), clean(fmt_value(v)))


def _table(stream: TextIO, head: Sequence[str], body: Iterable[Sequence[object]]) -> None:
    lines = [list(map(text, r)) for r in body]
    if not lines:
        stream.write("_none found_\n\n")
        return
    stream.write("| " + " | ".join(head) + " |\n")
    stream.write("|" + "---|" * len(head) + "\n")
    stream.writelines("| " + " | ".join(r) + " |\n" for r in lines)
    stream.write("\n")


def write(records: Iterable[Report | Failure], stream: TextIO) -> None:
    """Write each record as a Markdown section."""
    for rec in records:
        if isinstance(rec, Failure):
            stream.write(f"## {text(rec.source)}\n\n**Error ({text(rec.type)}):** {text(rec.message)}\n\n")
            continue
        a, f = rec.article, rec.findings
        stream.write(f"## {text(a.title or rec.source)}\n\n")
        for label, value in (("Source", rec.source), ("URL", a.url), ("Site", a.sitename), ("Author", a.author),
                             ("Published", a.date), ("Reference date", rec.reference_date), ("Language", a.lang)):
            if value:
                stream.write(f"- **{label}:** {text(value)}\n")
        stream.write("\n### Experts\n\n")
        _table(stream, ("Name", "Kind", "Role", "Affiliation", "First quote"),
               ((e.name, e.kind, e.role, e.affiliation, first_quote(e)) for e in f.experts))
        stream.write("### Figures\n\n")
        _table(stream, ("Text", "Value", "Unit", "Qualifier", "What"),
               ((g.text, g.value if g.value_max is None else f"{fmt_value(g.value)}–{fmt_value(g.value_max)}",
                 g.unit, g.qualifier, g.about) for g in f.figures))
        stream.write("### Dates\n\n")
        _table(stream, ("Text", "Value", "Type", "Mod"), ((d.text, d.value, d.type, d.mod) for d in f.dates))
        stream.write("### Sources\n\n")
        _table(stream, ("Name", "Count"), ((s.name, s.count) for s in f.sources))
