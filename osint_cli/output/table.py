"""Rich tables for the terminal: a metadata panel, then experts, figures, dates, sources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from ..model import Failure, Report
from .rows import first_quote, fmt_value


def _table(title: str, columns: tuple[str, ...]) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False, expand=True)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def write(records: Iterable[Report | Failure], stream: TextIO) -> None:
    """Print each record as a panel and tables (rich honours NO_COLOR)."""
    console = Console(file=stream, soft_wrap=False)
    for rec in records:
        if isinstance(rec, Failure):
            console.print(Panel(f"[bold red]{rec.type}[/]: {rec.message}", title=rec.source))
            continue
        a, f = rec.article, rec.findings
        meta = "\n".join(
            f"[bold]{k}:[/] {v}"
            for k, v in (("Source", rec.source), ("URL", a.url), ("Site", a.sitename), ("Author", a.author),
                         ("Published", a.date), ("Reference date", rec.reference_date), ("Language", a.lang))
            if v
        )
        console.print(Panel(meta, title=a.title or rec.source, title_align="left"))
        t = _table(f"Experts ({len(f.experts)})", ("Name", "Kind", "Role", "Affiliation", "First quote"))
        for e in f.experts:
            t.add_row(e.name, e.kind, e.role or "", e.affiliation or "", first_quote(e))
        console.print(t)
        t = _table(f"Figures ({len(f.figures)})", ("Text", "Value", "Unit", "Qualifier", "What"))
        for g in f.figures:
            value = fmt_value(g.value) + (f"–{fmt_value(g.value_max)}" if g.value_max is not None else "")
            t.add_row(g.text, value, g.unit or "", g.qualifier or "", g.about or "")
        console.print(t)
        t = _table(f"Dates ({len(f.dates)})", ("Text", "Value", "Type", "Mod"))
        for d in f.dates:
            t.add_row(d.text, d.value or "(unresolved)", d.type, d.mod or "")
        console.print(t)
        t = _table(f"Sources ({len(f.sources)})", ("Name", "Count"))
        for s in f.sources:
            t.add_row(s.name, str(s.count))
        console.print(t)
