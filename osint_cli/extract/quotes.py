"""Direct quotes: the speaker of each quotation (quote_marks.py pairs the marks).

A quote's speaker comes, in this order, from a cue right after it ("…“, sagte Yang"),
a cue right before it that ends in a colon ("Ms Persson said: …"), a cue in the same
sentence, the quote before it in the same paragraph, or a cue in the next sentence.
"""

from __future__ import annotations

import bisect
import re

from .cues import Cue, Speaker, citations
from .doc import Doc
from .lexicon import lexicon
from .quote_marks import QuoteSpan, find_quotes, holding

__all__ = ["QuoteSpan", "attribute", "clause_end", "find_quotes", "holding"]

_NEAR = 400  # characters around a quote in which a same-sentence cue is looked for
_BETWEEN_AFTER = re.compile(r"[\s,;–—-]*")
_BETWEEN_BEFORE = re.compile(r"[^.!?„“”\"«»\n]{0,120}:\s*|\s*,?\s*")


class _CueIndex:
    """The cues sorted by where they begin, by where they end and by position, so that a
    quote looks only at the cues near it (linear in the text, not quotes x cues)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.by_first = sorted(cues, key=lambda c: c.first)
        self.firsts = [c.first for c in self.by_first]
        self.by_last = sorted(cues, key=lambda c: c.last)
        self.lasts = [c.last for c in self.by_last]
        self.by_start = sorted(cues, key=lambda c: c.start)
        self.starts = [c.start for c in self.by_start]

    def starting_in(self, lo: int, hi: int) -> list[Cue]:
        """Cues whose own start lies in [lo, hi)."""
        return self.by_start[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]


def attribute(doc: Doc, quotes: list[QuoteSpan], cues: list[Cue]) -> list[tuple[QuoteSpan, Speaker | None, str, Cue | None]]:
    """Each quote with its speaker, how it was found, and the cue that gave it."""
    text = doc.text
    index = _CueIndex(cues)
    out: list[tuple[QuoteSpan, Speaker | None, str, Cue | None]] = []
    for q in quotes:
        cue = _adjacent_after(text, q, index) or _adjacent_before(text, q, index)
        how = "adjacent"
        if cue is None:
            cue = _same_sentence(doc, q, index, quotes)
            how = "sentence"
        if cue is not None:
            out.append((q, cue.speaker, how, cue))
            continue
        intro = _colon_intro(doc, q)
        if intro is not None:
            out.append((q, intro, "colon", None))
            continue
        prev = out[-1] if out else None
        if prev and prev[1] and _continues(doc, prev[0], q):
            out.append((q, prev[1], "continued", prev[3]))
            continue
        nxt = _next_sentence(doc, q, index, quotes)
        out.append((q, nxt.speaker if nxt else None, "next" if nxt else "none", nxt))
    return out


def _colon_intro(doc: Doc, q: QuoteSpan) -> Speaker | None:
    """The one person named in the clause that ends with a colon right before the quote
    ("Mit dabei war auch Stefan Bröckling von der Tiernothilfe: „Wir haben ...“")."""
    text = doc.text
    k = q.start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 0 or text[k] != ":":
        return None
    lo = max(doc.sentence_span(k)[0], text.rfind("\n", 0, k) + 1)
    people = citations(doc)[0]
    found = [m for m in people.within(lo, k) if not m.possessive and not people._in_pp(m)]
    if len({m.person for m in found}) != 1:
        return None
    m = found[0]
    lex = lexicon(doc.pack)
    head = text[lo : m.start].split()
    if any(w in lex.pron_m or w in lex.pron_f for w in head):
        return None  # "Dabei griff sie den Präsidenten X an: ...": the pronoun before the name is the subject
    if head and head[-1].casefold() in doc.pack.words("exp_prep"):
        return None  # "Über X sagte Y: ...": X is what the statement is about
    return Speaker("person", m.text, m.start, m.end, m)


def _adjacent_after(text: str, q: QuoteSpan, index: _CueIndex) -> Cue | None:
    i = bisect.bisect_left(index.firsts, q.end)
    while i < len(index.by_first) and index.firsts[i] <= q.end + 4:
        c = index.by_first[i]
        i += 1
        if c.side == "label" or not _BETWEEN_AFTER.fullmatch(text[q.end : c.first]):
            continue
        if _new_sentence_subject(text, q, c):
            continue
        return c
    return None


def _new_sentence_subject(text: str, q: QuoteSpan, c: Cue) -> bool:
    """A quote that ends its sentence ("...bereit.“") followed by a new sentence whose
    subject stands before its verb ("Sie glaubt, ...") is not that sentence's statement."""
    inner = text[q.inner_start : q.inner_end].rstrip()
    return inner[-1:] in ".!?" and c.speaker is not None and c.speaker.start < c.start


def _adjacent_before(text: str, q: QuoteSpan, index: _CueIndex) -> Cue | None:
    # cues ending at most 122 characters before the quote; the last one that fits wins
    lo = bisect.bisect_left(index.lasts, q.start - 122)
    hi = bisect.bisect_right(index.lasts, q.start)
    best = None
    for c in index.by_last[lo:hi]:
        if c.speaker and _BETWEEN_BEFORE.fullmatch(text[c.last : q.start]) and (best is None or c.start > best.start):
            best = c
    return best


def _same_sentence(doc: Doc, q: QuoteSpan, index: _CueIndex, quotes: list[QuoteSpan]) -> Cue | None:
    lo, hi = doc.sentence_span(q.start)
    # only cues within a few hundred characters: the nearest wins, and a run-on "sentence"
    # (a page without full stops) must not make every quote scan every cue
    lo, hi = max(lo, q.start - _NEAR), min(hi, q.end + _NEAR)
    near = [
        c
        for c in index.starting_in(lo, hi)
        if c.speaker and not (q.start <= c.start < q.end) and not _inside_any(c.start, quotes)
    ]
    return min(near, key=lambda c: min(abs(c.start - q.end), abs(q.start - c.end)), default=None)


def _inside_any(pos: int, quotes: list[QuoteSpan]) -> bool:
    # quotes are sorted by start and do not nest: only the last one starting before pos can hold it
    i = _bisect_quotes(quotes, pos)
    return i >= 0 and quotes[i].start < pos < quotes[i].end


def _bisect_quotes(quotes: list[QuoteSpan], pos: int) -> int:
    lo, hi = 0, len(quotes)
    while lo < hi:
        mid = (lo + hi) // 2
        if quotes[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _continues(doc: Doc, prev: QuoteSpan, q: QuoteSpan) -> bool:
    """Whether ``q`` goes on from ``prev``: same paragraph (or a new paragraph right after
    an unclosed one), at most one sentence between, no other text that names a speaker."""
    between = doc.text[prev.end : q.start]
    if "\n" in between:
        return not prev.closed and between.strip() == ""
    return doc.sentence_index(q.start) - doc.sentence_index(prev.end - 1) <= 1


def _next_sentence(doc: Doc, q: QuoteSpan, index: _CueIndex, quotes: list[QuoteSpan]) -> Cue | None:
    lo, hi = doc.sentence_span(q.start)
    if doc.text[lo:hi].strip(" „“”\"«».,") != doc.text[q.inner_start : q.inner_end].strip(" .,"):
        return None
    i = doc.sentence_index(q.start) + 1
    if i >= len(doc.starts) or "\n" in doc.text[hi : doc.starts[i]]:
        return None
    nlo, nhi = doc.starts[i], doc.ends[i]
    if _bisect_quotes(quotes, nhi) >= 0 and quotes[_bisect_quotes(quotes, nhi)].start >= nlo:
        return None
    return next((c for c in index.starting_in(nlo, nhi) if c.speaker and c.speaker.kind in ("person", "pronoun")), None)


def clause_end(text: str, pos: int, hi: int) -> int:
    """Where a reported clause that starts at ``pos`` ends, at most ``hi``: at a colon that
    opens a new statement after it ("Yang glaubt, dass es bald so weit sei: Seit Montag
    läuft ...": what follows the colon is the author's explanation), else at ``hi``."""
    colon = text.find(":", pos, hi)
    if colon < 0 or len(text[pos:colon].split()) < 3:
        return hi  # "sagte: ..." opens the statement; it does not end one
    k = colon + 1
    while k < hi and text[k] == " ":
        k += 1
    return colon if k < hi and text[k].isupper() else hi

