"""Markdown: a section per article with tables for experts, figures, dates and sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from ..model import Failure, Report
from .rows import first_quote, fmt_value


def _cell(v: object) -> str:
    return fmt_value(v).replace("|", "\\|").replace("\n", " ")


def _table(stream: TextIO, head: Sequence[str], body: Iterable[Sequence[object]]) -> None:
    lines = [list(map(_cell, r)) for r in body]
    if not lines:
        stream.write("_none found_\n\n")
        return
    stream.write("| " + " | ".join(head) + " |\n")
    stream.write("|" + "---|" * len(head) + "\n")
    for r in lines:
        stream.write("| " + " | ".join(r) + " |\n")
    stream.write("\n")


def write(records: Iterable[Report | Failure], stream: TextIO) -> None:
    """Write each record as a Markdown section."""
    for rec in records:
        if isinstance(rec, Failure):
            stream.write(f"## {rec.source}\n\n**Error ({rec.type}):** {rec.message}\n\n")
            continue
        a, f = rec.article, rec.findings
        stream.write(f"## {a.title or rec.source}\n\n")
        for label, value in (("Source", rec.source), ("URL", a.url), ("Site", a.sitename), ("Author", a.author),
                             ("Published", a.date), ("Reference date", rec.reference_date), ("Language", a.lang)):
            if value:
                stream.write(f"- **{label}:** {value}\n")
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
