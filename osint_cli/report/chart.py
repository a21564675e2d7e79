"""The timeline as plain inline SVG: no script, no library, nothing fetched, so the HTML file works offline.

A charting library would embed a megabyte of JavaScript for what is a row of bars on a
date axis; SVG elements render in every browser, print, and need no code to run. Every
text is HTML-escaped by the caller's ``esc``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from .model import TimelineEntry

WIDTH, ROW, TOP, MAX_ROWS = 1000, 22, 30, 200
CHAR = 6.2  # the width of a character of the 11px label font, in chart units
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


def _ticks(first: date, last: date) -> list[date]:
    """Year starts, or month starts when the span is short."""
    if last.year - first.year >= 3:
        return [date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
    out, (y, m) = [], (first.year, first.month)
    while date(y, m, 1) <= last:
        if date(y, m, 1) > first:
            out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = max(1, len(out) // 12)
    return out[::step]


def _label_at(start: float, end: float, chars: int) -> tuple[float, str, str]:
    """Where a bar's label fits: after the bar, else before it, else on it in white."""
    room = CHAR * chars + 6
    if end + room <= WIDTH:
        return end + 6, "start", ""
    if start - room >= 0:
        return start - 6, "end", ""
    return start + 4, "start", ' class="on"'


def svg(entries: Sequence[TimelineEntry], esc: Callable[[str], str]) -> str:
    """The chart: one bar per dated sentence (up to MAX_ROWS), coloured by outlet, with its sentence as tooltip."""
    shown = list(entries[:MAX_ROWS])
    if not shown:
        return ""
    first = min(date.fromisoformat(e.start) for e in shown)
    last = max(date.fromisoformat(e.end) for e in shown)
    days = max((last - first).days, 1)

    def x(d: date) -> float:
        return 10 + (WIDTH - 20) * (d - first).days / days

    outlets = list(dict.fromkeys(e.outlet or e.source for e in shown))
    height = TOP + ROW * len(shown) + 10
    head = (f'<svg class="chart" role="img" aria-label="timeline of {len(shown)} dates" viewBox="0 0 {WIDTH} {height}" '
            f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">')
    parts = [head]
    for t in _ticks(first, last):
        parts.append(f'<line x1="{x(t):.1f}" y1="{TOP - 8}" x2="{x(t):.1f}" y2="{height}" class="tick"/>'
                     f'<text x="{x(t):.1f}" y="{TOP - 12}" class="axis">{esc(t.isoformat()[:7] if t.month != 1 else str(t.year))}</text>')
    for i, e in enumerate(shown):
        start, end = x(date.fromisoformat(e.start)), x(date.fromisoformat(e.end))
        y = TOP + i * ROW
        colour = COLOURS[outlets.index(e.outlet or e.source) % len(COLOURS)]
        label = f"{e.value} · {e.text} · {e.outlet or e.source}"
        tx, anchor, cls = _label_at(start, max(end, start + 4), len(label))
        parts.append(f'<g class="bar"><title>{esc(e.sentence or e.text)}</title>'
                     f'<rect x="{start:.1f}" y="{y + 4}" width="{max(end - start, 4):.1f}" height="{ROW - 8}" fill="{colour}"/>'
                     f'<text x="{tx:.1f}" y="{y + ROW - 7}" text-anchor="{anchor}"{cls}>{esc(label)}</text></g>')
    parts.append("</svg>")
    if len(entries) > MAX_ROWS:
        parts.append(f'<p class="muted">The chart shows the first {MAX_ROWS} of {len(entries)} dates; the table lists all.</p>')
    return "".join(parts)
