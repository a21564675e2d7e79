"""Terminal (rich) and Markdown views of a report set.

Article text never reaches rich as markup: every cell is a ``rich.text.Text``, so a quote
containing ``[bold]`` or ``[link=...]`` prints as written. Markdown cells escape HTML and
Markdown's own characters, so a page cannot inject tags or links into a rendered file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from . import fmt
from .model import ReportSet

_WIDE = ("Title", "Quotes", "Values", "Sentence", "Message", "Copies")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # inside a table cell only these act


def _sections(rs: ReportSet) -> Iterable[tuple[str, Sequence[str], list[list[str]], list[bool]]]:
    """Each section as title, column heads, rows of plain text, and which rows are conflicts."""
    yield ("Articles", ("Published", "Outlet", "Title", "Source", "Copies"),
           [[a.published or "", a.outlet or "", a.title or "", a.source, "\n".join(f"{c.source} (same {c.reason})" for c in a.copies)]
            for a in rs.articles], [False] * len(rs.articles))
    yield ("People", ("Name", "Kind", "Roles", "Affiliations", "Outlets", "Quotes"),
           [[p.name + (f" ({', '.join(p.aliases)})" if p.aliases else ""), p.kind, "; ".join(p.roles), "; ".join(p.affiliations),
             f"{len(p.outlets)}: {', '.join(p.outlets)}" if p.outlets else "0",
             "\n".join(f"«{q.text}» ({fmt.where(q.outlet, q.published, q.source)})" for q in p.quotes)]
            for p in rs.people], [False] * len(rs.people))
    yield ("Claims", ("What", "Unit", "Conflict", "Values"),
           [[c.about, c.unit or "", "CONFLICT" if c.conflict else "",
             "\n".join(f"{fmt.value(v)} «{v.text}»{' — ' + v.speaker if v.speaker else ''} ({fmt.where(v.outlet, v.published, v.source)})"
                       for v in c.values)] for c in rs.claims], [c.conflict for c in rs.claims])
    yield ("Timeline", ("When", "Expression", "Sentence", "Outlet"),
           [[fmt.when(e), e.text, e.sentence, e.outlet or e.source] for e in rs.timeline], [False] * len(rs.timeline))
    yield ("Outlets", ("Outlet", "Articles", "Copies carried"),
           [[o.name, str(o.articles), str(o.copies)] for o in rs.outlets], [False] * len(rs.outlets))
    yield ("Cited sources", ("Source", "Articles", "Mentions"),
           [[s.name, str(s.articles), str(s.mentions)] for s in rs.sources], [False] * len(rs.sources))
    yield ("Errors", ("Source", "Type", "Message"), [[e.source, e.type, e.message] for e in rs.errors], [False] * len(rs.errors))


def write_table(rs: ReportSet, stream: TextIO) -> None:
    """Rich tables, one per section, conflicts in bold red."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    console.print(Text(fmt.summary(rs), style="bold"))
    for title, head, rows, bad in _sections(rs):
        if not rows:
            continue
        table = Table(title=Text(title), show_lines=True, expand=True)
        for h in head:  # the long texts get the room
            table.add_column(Text(h), overflow="fold", ratio=3 if h in _WIDE else 1)
        for row, conflict in zip(rows, bad, strict=True):
            table.add_row(*(Text(cell) for cell in row), style="bold red" if conflict else None)
        console.print(table)


def md(text: str) -> str:
    """A Markdown table cell: HTML and Markdown characters escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", "<br>")


def write_markdown(rs: ReportSet, stream: TextIO) -> None:
    """A Markdown document: a table per section, conflicts marked."""
    stream.write(f"# osint report\n\n{md(fmt.summary(rs))}\n\n")
    for title, head, rows, bad in _sections(rs):
        stream.write(f"## {title}\n\n")
        if not rows:
            stream.write("_none_\n\n")
            continue
        stream.write("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n")
        for row, conflict in zip(rows, bad, strict=True):
            cells = [md(c) for c in row]
            if conflict:
                cells[0] = f"**⚠ {cells[0]}**"
            stream.write("| " + " | ".join(cells) + " |\n")
        stream.write("\n")
