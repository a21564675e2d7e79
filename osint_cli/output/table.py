"""Rich tables for the terminal: a metadata panel, then experts, figures, dates, sources.

Article text reaches rich only as ``rich.text.Text``, never as a markup string: a quote
with ``[/x]`` would raise MarkupError, ``[link=...]`` would become a link and
"[die Regierung]" would vanish. Control characters (terminal escapes) are removed first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Failure, Report
from .rows import clean, first_quote, fmt_value


def _t(v: object, style: str = "") -> Text:
    """Plain, inert text for rich."""
    return Text(clean(fmt_value(v)), style=style)


def _table(title: str, columns: tuple[str, ...]) -> Table:
    t = Table(title=Text(title), title_justify="left", show_lines=False, expand=True)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _meta(rec: Report) -> Text:
    a = rec.article
    meta = Text()
    for k, v in (("Source", rec.source), ("URL", a.url), ("Site", a.sitename), ("Author", a.author),
                 ("Published", a.date), ("Reference date", rec.reference_date), ("Language", a.lang)):
        if v:
            if meta:
                meta.append("\n")
            meta.append(f"{k}:", style="bold").append(" ").append_text(_t(v))
    return meta


def write(records: Iterable[Report | Failure], stream: TextIO) -> None:
    """Print each record as a panel and tables (rich honours NO_COLOR)."""
    console = Console(file=stream, soft_wrap=False)
    for rec in records:
        if isinstance(rec, Failure):
            console.print(Panel(Text.assemble(_t(rec.type, "bold red"), ": ", _t(rec.message)), title=_t(rec.source)))
            continue
        f = rec.findings
        console.print(Panel(_meta(rec), title=_t(rec.article.title or rec.source), title_align="left"))
        t = _table(f"Experts ({len(f.experts)})", ("Name", "Kind", "Role", "Affiliation", "First quote"))
        for e in f.experts:
            t.add_row(*map(_t, (e.name, e.kind, e.role, e.affiliation, first_quote(e))))
        console.print(t)
        t = _table(f"Figures ({len(f.figures)})", ("Text", "Value", "Unit", "Qualifier", "What"))
        for g in f.figures:
            value = fmt_value(g.value) + (f"–{fmt_value(g.value_max)}" if g.value_max is not None else "")
            t.add_row(*map(_t, (g.text, value, g.unit, g.qualifier, g.about)))
        console.print(t)
        t = _table(f"Dates ({len(f.dates)})", ("Text", "Value", "Type", "Mod"))
        for d in f.dates:
            t.add_row(*map(_t, (d.text, d.value or "(unresolved)", d.type, d.mod)))
        console.print(t)
        t = _table(f"Sources ({len(f.sources)})", ("Name", "Count"))
        for s in f.sources:
            t.add_row(_t(s.name), _t(s.count))
        console.print(t)
