"""HTML: one self-contained file (inline CSS and SVG, no script, nothing fetched), readable on a phone and a desktop.

Every text from an article passes through ``esc`` (html.escape, quotes too); links are
only ever http(s) addresses; a Content-Security-Policy forbids loading anything, so even
a mistake cannot make the file reach the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TextIO

from . import chart, fmt
from .model import Claim, Person, ReportSet

CSS = """
:root{color-scheme:light;--line:#d0d4da;--muted:#5b6470;--bad:#b3261e;--badbg:#fdecea}
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:78rem;padding:1rem;color:#15191e}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem;border-bottom:2px solid var(--line)}
.summary{color:var(--muted)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7;position:sticky;top:0}
td{overflow-wrap:break-word;hyphens:auto}
table.people td:nth-child(2),table.articles td:first-child,table.timeline td:first-child{white-space:nowrap}
ul.quotes{margin:0;padding-left:1rem}ul.quotes li{margin:.2rem 0}
.muted,.where{color:var(--muted);font-size:.85rem}
tr.conflict td{background:var(--badbg)}
.badge{display:inline-block;background:var(--bad);color:#fff;border-radius:.6rem;padding:0 .45rem;font-size:.78rem;font-weight:600}
svg.chart{width:100%;height:auto;font:11px system-ui,sans-serif;background:#fbfcfd;border:1px solid var(--line)}
svg.chart .tick{stroke:#e1e4e8}svg.chart text.on{fill:#fff;font-weight:600}svg.chart .axis{fill:var(--muted);text-anchor:middle}
@media (max-width:40rem){body{padding:.5rem;font-size:15px}
 table,tbody,tr,td{display:block;width:100%}thead{display:none}tr{border-bottom:2px solid var(--line);padding:.3rem 0}
 td{border:0;padding:.15rem .2rem;white-space:normal!important}td:empty{display:none}
 td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted);text-transform:uppercase}}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(text: object) -> str:
    """HTML-escaped text, quotes included."""
    return escape("" if text is None else str(text), quote=True)


def _a(href: str | None, text: str) -> str:
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{esc(text)}</a>' if href else esc(text)


Row = tuple[str, Sequence[str]]  # a row's class ("" for none) and its cells as HTML


def _row(head: Sequence[str], row: Row) -> str:
    cls = f' class="{row[0]}"' if row[0] else ""
    cells = "".join(f'<td data-label="{esc(h)}">{c}</td>' for h, c in zip(head, row[1], strict=True))
    return f"<tr{cls}>{cells}</tr>"


def _table(cls: str, head: Sequence[str], rows: Iterable[Row]) -> str:
    """A table; each cell carries its column name, so a phone can show rows as labelled cards."""
    body = "".join(_row(head, r) for r in rows)
    if not body:
        return '<p class="muted">none</p>'
    heads = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>'


def _articles(rs: ReportSet) -> Iterable[Row]:
    for a in rs.articles:
        copies = "".join(f"<li>{_a(fmt.link(c.url, c.source), c.outlet or c.source)} "
                         f'<span class="muted">(same {esc(c.reason)})</span></li>' for c in a.copies)
        yield "", (esc(a.published), esc(a.outlet), _a(fmt.link(a.url, a.source), a.title or a.source),
                   f'<ul class="quotes">{copies}</ul>' if copies else "")


def _person(p: Person, links: dict[str, str | None]) -> Row:
    quotes = "".join(f"<li>«{esc(q.text)}» <span class=where>— {_a(links.get(q.source), fmt.where(q.outlet, q.published, q.source))}"
                     f"</span></li>" for q in p.quotes)
    aliases = f' <span class="muted">({esc(", ".join(p.aliases))})</span>' if p.aliases else ""
    return "", (f"<strong>{esc(p.name)}</strong>{aliases}", esc(p.kind), esc("; ".join(p.roles)), esc("; ".join(p.affiliations)),
                f"{len(p.outlets)} <span class=muted>{esc(', '.join(p.outlets))}</span>", f'<ul class="quotes">{quotes}</ul>')


def _claim(c: Claim, links: dict[str, str | None]) -> Row:
    values = "".join(f"<li><strong>{esc(fmt.value(v))}</strong> «{esc(v.text)}»"
                     f"{' — ' + esc(v.speaker) if v.speaker else ''} <span class=where>"
                     f"{_a(links.get(v.source), fmt.where(v.outlet, v.published, v.source))}</span></li>" for v in c.values)
    flag = '<span class="badge">conflict</span> ' if c.conflict else ""
    return ("conflict" if c.conflict else ""), (f"{flag}{esc(c.about)}", esc(c.unit), f'<ul class="quotes">{values}</ul>')


def _timeline(rs: ReportSet, links: dict[str, str | None]) -> str:
    rows = (("", (esc(fmt.when(e)), esc(e.text), esc(e.sentence), _a(links.get(e.source), e.outlet or e.source))) for e in rs.timeline)
    return chart.svg(rs.timeline, esc) + _table("timeline", ("When", "Expression", "Sentence", "Article"), rows)


def _contents(sections: list[tuple[str, str]]) -> str:
    """Links to the sections, so a phone reader can jump past a long table."""
    links = " · ".join(f'<a href="#{esc(h.split()[0].lower())}">{esc(h)}</a>' for h, _ in sections)
    return f'<nav class="muted">{links}</nav>'


def document(rs: ReportSet, title: str = "osint report") -> str:
    """The whole HTML document."""
    links = {a.source: fmt.link(a.url, a.source) for a in rs.articles}
    conflicts = len(rs.conflicts)
    sections = [
        ("Articles", _table("articles", ("Published", "Outlet", "Article", "Copies"), _articles(rs))),
        ("People", _table("people", ("Name", "Kind", "Roles", "Affiliations", "Outlets", "Quotes"),
                          (_person(p, links) for p in rs.people))),
        (f"Claims ({conflicts} in conflict)", _table("claims", ("What", "Unit", "Values"), (_claim(c, links) for c in rs.claims))),
        ("Timeline", _timeline(rs, links)),
        ("Outlets", _table("outlets", ("Outlet", "Articles", "Copies carried"),
                           (("", (esc(o.name), str(o.articles), str(o.copies))) for o in rs.outlets))),
        ("Cited sources", _table("sources", ("Source", "Articles", "Mentions"),
                                 (("", (esc(s.name), str(s.articles), str(s.mentions))) for s in rs.sources))),
        ("Errors", _table("errors", ("Source", "Type", "Message"),
                          (("", (esc(e.source), esc(e.type), esc(e.message))) for e in rs.errors))),
    ]
    body = "".join(f'<section id="{esc(h.split()[0].lower())}"><h2>{esc(h)}</h2>{html}</section>' for h, html in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{esc(title)}</h1><p class=summary>{esc(fmt.summary(rs))}</p>{_contents(sections)}{body}</body></html>\n")


def write(rs: ReportSet, stream: TextIO) -> None:
    """Write the HTML document."""
    stream.write(document(rs))
