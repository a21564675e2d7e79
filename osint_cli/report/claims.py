"""Claims: figures grouped by what they count and their unit, with conflicts flagged.

Each value stands for the interval its qualifier allows: "über drei Millionen" is
(3,000,000, inf), "rund eine Million" 1,000,000 give or take ABOUT, a plain "1.4 million"
give or take ROUNDING (news rounds), a range its two ends. A group is a conflict when no
single number lies in every interval, i.e. when the largest lower bound exceeds the
smallest upper bound: "more than three million" and "about one million" cannot both hold.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .compact import Strings
from .model import ArticleRef, Claim, ClaimValue

ABOUT = 0.2  # rund, etwa, gut, knapp, about, nearly: within a fifth either side
ROUNDING = 0.05  # an unqualified figure in news is rounded to a few per cent
_PUNCT = re.compile(r"[^\w%]+")


@lru_cache(maxsize=4096)
def about_key(about: str) -> str:
    """What a figure counts, compared case-blind and without punctuation."""
    return " ".join(_PUNCT.sub(" ", about.casefold()).split())


def interval(value: float, value_max: float | None, qualifier: str | None) -> tuple[float, float]:
    """The numbers a figure with this qualifier allows."""
    low, high = (value, value_max) if value_max is not None else (value, value)
    if qualifier in ("more_than", "at_least"):
        return low, math.inf
    if qualifier in ("less_than", "at_most"):
        return -math.inf, high
    if qualifier == "exactly":
        return low, high
    slack = ABOUT if qualifier == "about" else ROUNDING
    return low - abs(low) * slack, high + abs(high) * slack


def conflicting(values: tuple[ClaimValue, ...]) -> bool:
    """Whether no single number satisfies every value of the group."""
    bounds = [interval(float(v.value), None if v.value_max is None else float(v.value_max), v.qualifier) for v in values]
    return max(b[0] for b in bounds) > min(b[1] for b in bounds)


def _speaker(figure: dict[str, Any], quotes: list[tuple[int, int, str]], starts: list[int]) -> str | None:
    """The speaker of the quote the figure stands in, if any (quotes sorted by start)."""
    start = int(figure.get("start") or 0)
    i = bisect_right(starts, start) - 1
    if i >= 0 and quotes[i][0] <= start < quotes[i][1]:
        return quotes[i][2]
    return None


class Claims:
    """Collects the figures of many reports, grouped by (about, unit)."""

    def __init__(self, strings: Strings | None = None) -> None:
        self._strings = strings or Strings()
        self._groups: dict[tuple[str, str | None], tuple[str, str | None, list[ClaimValue]]] = {}
        self.ungrouped = 0  # figures that do not say what they count: they cannot be compared

    def add(self, record: dict[str, Any], article: ArticleRef, keep: Callable[[str], bool]) -> None:
        """Add the figures of one report."""
        text, word = self._strings.text, self._strings.word
        quotes = sorted((int(q.get("start") or 0), int(q.get("end") or 0), word(str(q["speaker"])))
                        for q in record.get("quotes") or () if q.get("speaker"))
        starts = [q[0] for q in quotes]
        for f in record.get("figures") or ():
            if not keep(str(f.get("sentence") or f.get("text") or "")) or not isinstance(f.get("value"), (int, float)):
                continue
            about = str(f.get("about") or "").strip()
            if not about_key(about):
                self.ungrouped += 1
                continue
            unit = f.get("unit")
            key = (about_key(about), unit.casefold() if isinstance(unit, str) else None)
            _, _, values = self._groups.setdefault(key, (about, unit, []))
            values.append(ClaimValue(
                value=f["value"], value_max=f.get("value_max"), qualifier=word(f.get("qualifier")), text=text(str(f.get("text") or "")),
                sentence=text(str(f.get("sentence") or "")), speaker=_speaker(f, quotes, starts),
                source=article.source, outlet=article.outlet, published=article.published))

    def build(self) -> tuple[Claim, ...]:
        """Freeze the groups: conflicts first, then by how many values a group has."""
        out = []
        for about, unit, values in self._groups.values():
            vals = tuple(values)
            out.append(Claim(about=about, unit=unit, conflict=conflicting(vals), values=vals))
        out.sort(key=lambda c: (not c.conflict, -len(c.values), c.about.casefold()))
        return tuple(out)
