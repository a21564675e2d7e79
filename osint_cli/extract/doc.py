"""Doc: the article text prepared once for every extractor (sentences, claimed spans)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from ..rules import RulePack

# a sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before
# white space and an upper-case letter, a digit or an opening quote; or at a line break
_END = re.compile(r"""[.!?…]+["»«“”‘’'‹›)\]]*(?=\s+["„“»«‚‘'‹(\[]?[A-ZÄÖÜÀ-Þ0-9])|\n+""")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


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

    @classmethod
    def build(cls, text: str, pack: RulePack, reference: date | None = None) -> Doc:
        """Split ``text`` into sentences with the pack's abbreviations."""
        doc = cls(text=text, lang=pack.lang, pack=pack, reference=reference)
        abbrevs = pack.words("abbreviations")
        start = 0
        for m in _END.finditer(text):
            if m.group().startswith("."):
                # look back a short window only: searching from 0 would be quadratic
                before = _TOKEN_BEFORE.search(text, max(0, m.start() - 40), m.start())
                tok = before.group(1) if before else ""
                if tok.casefold() + "." in abbrevs or _is_ordinal_or_initial(tok):
                    continue
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
        if end > start:
            self.starts.append(start)
            self.ends.append(end)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans as (start, end) pairs."""
        return list(zip(self.starts, self.ends, strict=True))

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding character ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``."""
        i = self.sentence_index(pos)
        return (self.starts[i], self.ends[i]) if self.starts else (0, len(self.text))

    def sentence_at(self, pos: int) -> str:
        """Text of the sentence holding ``pos``."""
        s, e = self.sentence_span(pos)
        return self.text[s:e]

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


def _is_ordinal_or_initial(tok: str) -> bool:
    # "12. Februar", "3. Platz" (German ordinals), "J. R. R." (initials)
    core = tok.lstrip("(„“\"'«»")
    return (core.isdigit() and len(core) <= 2) or (len(core) == 1 and core.isalpha())
