"""Doc: the article text prepared once for every extractor.

Sentences are split once (``Doc.build``; a stretch without sentence ends is cut into pieces
of at most ``MAX_SENTENCE`` characters, which bounds every per-sentence scan of every
extractor) and the list of spans is built once; tokens
(offsets, folded form, shape) are made on first use and shared by every extractor, with
token windows instead of fixed character windows; ``sentence_at`` gives a bounded excerpt
(a sentence up to ``MAX_EXCERPT`` characters, else a shared window of ``EXCERPT_WINDOW``),
so a page without sentence ends never makes every finding copy the whole text; quotation marks and the possessive come from ``rules/common/marks.toml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from ..rules import RulePack, cached_regex

# a sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before
# white space and an upper-case letter, a digit or an opening quote; or at a line break.
# The quotation marks are the pack's (rules/common/marks.toml); these are the defaults.
# (Written to begin with one character class, "[.!?…]+...|\n+" as the engine can skip to:
# it then tests one character at most places instead of trying both alternatives.)
_END_FORM = r"""[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])[.!?…]*[{close})\]]*(?=\s+[{open}(\[]?[A-ZÄÖÜÀ-Þ0-9]))"""
_CLOSE = "\"»«“”‘’'‹›"
_OPEN = "\"„“»«‚‘'‹›"
# initials written together, "R.J" before its last period: a name goes on after them
_JOINED_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,2}[^\W\d_]")
# numbers with their separators ("3,5", "1.200"), words with inner hyphens and apostrophes
# ("Jong-woo", "O'Brien", "Smith's"), and every other non-space character on its own
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]")
_SHAPE = re.compile(r"(.)\1+")
# a stretch without sentence ends is cut into sentences at most this long (see Doc._add)
MAX_SENTENCE = 1000
# a sentence up to this long is a finding's excerpt whole (issue 12: bounded output per finding)
MAX_EXCERPT = 400
# in a longer sentence a finding gets a window from a grid of _STEP-character blocks: _LEAD
# characters before its block, _TAIL after it (sized so that even a figure every 24 characters
# stays under 20 output bytes per input byte)
_LEAD, _STEP, _TAIL = 40, 100, 80
EXCERPT_WINDOW = _LEAD + _STEP + _TAIL
ELLIPSIS = "…"


class Token(NamedTuple):
    """One token: its span, text, case-folded form and shape (``Xx``, ``d``, ``X.X.``)."""

    start: int
    end: int
    text: str
    fold: str
    shape: str


def shape(word: str) -> str:
    """The shape of a word: upper X, lower x, digit d, others as they are, runs collapsed."""
    mapped = "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word)
    return _SHAPE.sub(r"\1", mapped)


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a candidate was kept or dropped: the named check that decided it (``--explain``)."""

    category: str  # "figures", "dates", "experts", "sources", "quotes"
    start: int
    end: int
    text: str
    check: str  # a stable name, e.g. "figures.designation" or "experts.no-cue"
    kept: bool


@dataclass
class Doc:
    """Article text with sentence boundaries and the spans already claimed by an extractor.

    Dates run first and claim their spans, so that the figures extractor never reads a
    number inside a date as a figure.
    """

    text: str
    lang: str
    pack: RulePack
    reference: date | None = None
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)
    # decisions recorded for ``--explain``; None (the default) records nothing and costs nothing
    trace: list[Decision] | None = None
    # excerpts made so far by their span: equal excerpts are one string object
    _excerpts: dict[tuple[int, int], str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, text: str, pack: RulePack, reference: date | None = None) -> Doc:
        """Split ``text`` into sentences with the pack's abbreviations."""
        doc = cls(text=text, lang=pack.lang, pack=pack, reference=reference)
        abbrevs = pack.words("abbreviations")
        lead = "(" + _marks(pack)[0]  # what may stand before an ordinal or initial: „12. or (J.
        start = 0
        for m in _sentence_end(pack).finditer(text):
            if m.group().startswith("."):
                # look back a short window only: searching from 0 would be quadratic
                before = _token_before(text, max(0, m.start() - 40), m.start())
                tok = text[before[0] : before[1]] if before else ""
                if tok.casefold() + "." in abbrevs or _is_ordinal_or_initial(tok.lstrip(lead)):
                    continue
                if before and _JOINED_INITIALS.fullmatch(tok.lstrip(lead)) and not text[max(0, before[0] - 3) : before[0]].rstrip().endswith(","):
                    continue  # "Navy Secretary R.J. Holloway"; not "Washington, D.C. Officials said"
            end = m.end() if not m.group().startswith("\n") else m.start()
            doc._add(text, start, end)
            start = m.end()
        doc._add(text, start, len(text))
        return doc

    def _add(self, text: str, start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while end - start > MAX_SENTENCE:
            # no real sentence is this long (the dev corpus's longest: 394 characters); a page
            # without sentence ends is cut into pieces, so that every extractor's work per
            # candidate within its sentence stays bounded and the whole stays linear
            cut = _soft_cut(text, start, start + MAX_SENTENCE)
            self._add(text, start, cut)
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            self.starts.append(start)
            self.ends.append(end)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans as (start, end) pairs (built once: callers index it in loops)."""
        return list(zip(self.starts, self.ends, strict=True))

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """All tokens of the text, made once on first use."""
        return tuple(Token(m.start(), m.end(), m.group(), m.group().casefold(), shape(m.group()))
                     for m in _TOKEN.finditer(self.text))

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_index(self, pos: int) -> int:
        """Index of the first token that ends after ``pos`` (the token at or after it)."""
        i = bisect.bisect_right(self._token_starts, pos) - 1
        if i >= 0 and self.tokens[i].end > pos:
            return i
        return i + 1

    def tokens_before(self, pos: int, n: int) -> Sequence[Token]:
        """Up to ``n`` tokens ending at or before ``pos``, in text order."""
        i = self.token_index(pos)
        return self.tokens[max(0, i - n) : i]

    def tokens_after(self, pos: int, n: int) -> Sequence[Token]:
        """Up to ``n`` tokens starting at or after ``pos``."""
        i = bisect.bisect_left(self._token_starts, pos)
        return self.tokens[i : i + n]

    def window(self, start: int, end: int, before: int, after: int) -> Sequence[Token]:
        """The tokens of ``[start, end)`` with ``before`` tokens left of it and ``after`` right of it."""
        i = max(0, self.token_index(start) - before)
        j = bisect.bisect_left(self._token_starts, end) + after
        return self.tokens[i:j]

    @cached_property
    def quote_open(self) -> frozenset[str]:
        """Opening quotation marks (rules/common/marks.toml)."""
        return frozenset(self.pack.lists.get("quote_open", ()))

    @cached_property
    def quote_close(self) -> frozenset[str]:
        """Closing quotation marks (rules/common/marks.toml)."""
        return frozenset(self.pack.lists.get("quote_close", ()))

    @cached_property
    def _possessive(self) -> re.Pattern[str]:
        frag = self.pack.patterns.get("possessive", "(?!)")
        return cached_regex(f"(?:{frag})\\Z")

    def possessive(self, word: str) -> str | None:
        """``word`` without its possessive ending ("Smith's" -> "Smith"), or None if it has none."""
        m = self._possessive.search(word)
        return word[: m.start()] if m and m.start() > 0 else None

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding character ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``."""
        i = self.sentence_index(pos)
        return (self.starts[i], self.ends[i]) if self.starts else (0, len(self.text))

    def sentence_at(self, pos: int, end: int | None = None) -> str:
        """The sentence holding ``[pos, end)``: whole up to ``MAX_EXCERPT`` characters, else a window
        of about ``EXCERPT_WINDOW`` around ``pos``, cut at word boundaries and marked with ellipses.

        Equal excerpts are one string object (findings in one sentence, or in one window of a
        long sentence, share it), so memory stays linear however dense the findings are.
        """
        s, e = self.excerpt_span(pos, end)
        got = self._excerpts.get((s, e))
        if got is None:
            lo, hi = self.sentence_span(pos)
            got = (ELLIPSIS if s > lo else "") + self.text[s:e] + (ELLIPSIS if e < hi else "")
            self._excerpts[(s, e)] = got
        return got

    def excerpt_span(self, pos: int, end: int | None = None) -> tuple[int, int]:
        """Offsets of the text ``sentence_at`` returns (without its ellipses).

        In a sentence over ``MAX_EXCERPT`` characters the window is taken from a fixed grid:
        every ``pos`` in one ``_STEP``-character block of the sentence gets the same window
        (``_LEAD`` characters before the block, ``_TAIL`` after it), so findings close to each
        other share one excerpt, and a page without sentence ends costs a bounded number of
        excerpt bytes per finding (issue 12: output at most 20x the input). The excerpt reaches
        to ``end`` if that is at most ``_STEP + _TAIL`` past ``pos`` (a longer finding is cut:
        its ``text`` is whole).
        """
        lo, hi = self.sentence_span(pos)
        # a finding across the end of a sentence cut by MAX_SENTENCE is shown whole (bounded)
        end = max(pos, min(end if end is not None else pos, pos + _STEP + _TAIL))
        if hi - lo <= MAX_EXCERPT:
            return lo, max(hi, end)
        block = lo + (min(max(pos, lo), hi) - lo) // _STEP * _STEP
        s = max(lo, block - _LEAD)
        e = min(hi, block + _STEP + _TAIL)
        if s > lo:  # start after a space before the block, if there is one
            cut = self.text.find(" ", s, block)
            s = cut + 1 if cut >= 0 else s
        if e < hi:  # end before a space after the block, if there is one
            cut = self.text.rfind(" ", block + _STEP, e)
            e = cut if cut >= 0 else e
        return s, max(e, end)

    def note(self, category: str, start: int, end: int, check: str, kept: bool) -> None:
        """Record that the named ``check`` kept or dropped the candidate ``[start, end)``.

        Extractors call this at each decision; it does nothing unless tracing is on.
        """
        if self.trace is not None:
            self.trace.append(Decision(category, start, end, self.text[start:end], check, kept))

    def claim(self, start: int, end: int) -> None:
        """Mark a span as taken by an extractor."""
        bisect.insort(self.claimed, (start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a claimed span."""
        i = bisect.bisect_left(self.claimed, (end, end))
        for s, e in self.claimed[max(0, i - 8) : i + 1]:
            if s < end and start < e:
                return True
        return False


def _token_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The span of the token that ends ``text[lo:end]`` (a final line break left out), as
    ``re.search(r"(\\S+)$", text[lo:end])`` finds it: a loop back over its few characters
    costs less than the regex trying every start in the window."""
    if end > lo and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    start = end
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return (start, end) if start < end else None


def _soft_cut(text: str, lo: int, hi: int) -> int:
    """Where to cut an over-long sentence ``[lo, hi)``: after the last clause mark or space
    of its second half, else at ``hi`` (a text without spaces)."""
    mid = lo + (hi - lo) // 2
    for mark in ("; ", ": ", ", ", " "):
        i = text.rfind(mark, mid, hi)
        if i >= 0:
            return i + len(mark.rstrip()) if mark != " " else i
    return hi


def _is_ordinal_or_initial(core: str) -> bool:
    # "12. Februar", "3. Platz" (German ordinals), "J. R. R." (initials)
    return (core.isdigit() and len(core) <= 2) or (len(core) == 1 and core.isalpha())


def _marks(pack: RulePack) -> tuple[str, str]:
    """The pack's opening and closing quotation marks as strings (defaults without a pack)."""
    opening = "".join(sorted(pack.lists.get("quote_open", ()))) or _OPEN
    closing = "".join(sorted(pack.lists.get("quote_close", ()))) or _CLOSE
    return opening, closing


def _sentence_end(pack: RulePack) -> re.Pattern[str]:
    """The sentence-end pattern with the pack's quotation marks (built once per pack)."""
    def build() -> re.Pattern[str]:
        opening, closing = _marks(pack)
        return cached_regex(_END_FORM.format(open=re.escape(opening), close=re.escape(closing)))
    return pack.memo("doc:sentence-end", build)
