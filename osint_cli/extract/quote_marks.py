"""Quotation marks paired by context into quotation spans.

Marks: „ “ ” " « » ‹ › for quotes, ‚ ‘ ’ ' inside them or for short quotes. Whether a
mark opens or closes is read from its neighbours (space before and a letter after
opens), so German „…“, Swiss «…», German »…«, English “…” and straight quotes all pair.
A quote that is still open at a line break ends there (English multi-paragraph quotes
open every paragraph and close only the last).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_MARKS = re.compile(r"[„“”\"«»‹›‚‘’']")
_DOUBLE = "„“”\"«»‹›"
_OPEN_BEFORE = " \t\n([{—–-/:"
_SENT_PUNCT = re.compile(r"[.!?…]")


@dataclass(slots=True)
class QuoteSpan:
    """A quotation: outer span (with marks) and inner text span."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True

    def words(self, text: str) -> list[str]:
        """The words inside the marks."""
        return text[self.inner_start : self.inner_end].split()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text`` (titles such as «Korea Times» are left out)."""
    doubles = _pair(text, [m for m in _MARKS.finditer(text) if m.group() in _DOUBLE], single=False)
    # doubles come out in text order and do not overlap: one bisect finds the one that may hold a mark
    starts = [q.start for q in doubles]
    singles = [m for m in _MARKS.finditer(text) if m.group() not in _DOUBLE and holding(doubles, starts, m.start()) is None]
    spans = doubles + _pair(text, singles, single=True)
    spans.sort(key=lambda q: q.start)
    return [q for q in spans if not _is_title(text, q)]


def holding(spans: list[QuoteSpan], starts: list[int], pos: int) -> QuoteSpan | None:
    """The span of ``spans`` (sorted, not overlapping; ``starts`` their starts) that holds ``pos``."""
    i = bisect.bisect_right(starts, pos) - 1
    return spans[i] if i >= 0 and spans[i].start <= pos < spans[i].end else None


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'both' for the mark at ``i``, from its neighbours."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c in "„‚":
        return "open"
    opens = (before in _OPEN_BEFORE or before in _DOUBLE) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}-–—―…" or after in _DOUBLE or after in "‘’'")
    if c in "‘’'" and before.isalpha() and after.isalpha():
        return "none"  # an apostrophe: it's, Jong-un's, O'Brien
    if c in "“”\"«»‹›" and after in ",.;:!?" and before == "\n":
        return "close"  # a closing mark that starts a line: "\n“, sagt Dr. Georg Schneider"
    if opens and closes:
        return "both"
    return "open" if opens else "close" if closes else "none"


def _pair(text: str, marks: list[re.Match[str]], single: bool) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    open_at: int | None = None
    for m in marks:
        i = m.start()
        role = _role(text, i)
        if role == "none":
            continue
        if open_at is not None:
            # a mark alone on its line ("„\nWer optimal schützen will ...\n“, sagt ...") still pairs
            gap = text[open_at + 1 : i]
            gap = gap.removeprefix("\n")
            if gap.endswith("\n") and role == "close":
                gap = gap[:-1]
            if "\n" in gap:
                # an unclosed quote ends at its line break (doubles only; a single one was an apostrophe)
                if not single:
                    nl = text.index("\n", open_at)
                    out.append(QuoteSpan(open_at, nl, open_at + 1, nl, False))
                open_at = None
            elif single and i - open_at > 300:
                open_at = None
        if open_at is None:
            if role in ("open", "both"):
                open_at = i
            continue
        if role in ("close", "both"):
            if i > open_at + 1:
                out.append(QuoteSpan(open_at, i + 1, open_at + 1, i))
            open_at = None
        elif role == "open" and not single:
            open_at = i  # the earlier mark was stray
    if open_at is not None and not single:
        nl = text.find("\n", open_at)
        nl = len(text) if nl < 0 else nl
        if nl > open_at + 1:
            out.append(QuoteSpan(open_at, nl, open_at + 1, nl, False))
    return out


def _is_title(text: str, q: QuoteSpan) -> bool:
    # «Korea Times», „Daily NK“, "Stage 3": capitalised words without sentence punctuation
    inner = text[q.inner_start : q.inner_end].strip()
    words = inner.split()
    if not words or len(words) > 5 or _SENT_PUNCT.search(inner):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "the", "and", "des", "der", "für", "und", "de"} for w in words) and len(words) > 1
