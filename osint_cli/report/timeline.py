"""The timeline: resolved dates of every article as day ranges, sorted by when they start.

TIMEX3 values do not sort as strings ("2024-Q1" after "2024-12"), so each value becomes
the first and last day it covers; values that name no period (PAST_REF, durations, sets)
stay out of the timeline.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from .compact import Strings
from .model import ArticleRef, TimelineEntry

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEARS = re.compile(r"^(\d{2,4})$")  # a year, a decade (199) or a century (18)
_WRITTEN_YEAR = re.compile(r"\d{4}")
_PARTS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
          "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into February


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def span(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers, or None when it names no period."""
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, date.fromisocalendar(int(m[1]), int(m[2]), 7)
        if m := _PART.match(value):
            return _months(int(m[1]), *_PARTS[m[2]])
        if m := _YEARS.match(value):
            digits = len(m[1])
            first = int(m[1]) * 10 ** (4 - digits)
            return date(max(first, 1), 1, 1), date(first + 10 ** (4 - digits) - 1, 12, 31)
    except ValueError:  # month 13, week 54: not a date
        return None
    return None


def iso_span(value: str) -> tuple[str, str] | None:
    """``span`` as ISO strings."""
    days = span(value)
    return (days[0].isoformat(), days[1].isoformat()) if days else None


class Timeline:
    """Collects the resolved dates of many reports."""

    def __init__(self, strings: Strings | None = None) -> None:
        self._strings = strings or Strings()
        self._entries: list[TimelineEntry] = []
        # one pair of day strings per value, shared by its entries (thousands name the same month)
        self._days: dict[str, tuple[str, str] | None] = {}

    def add(self, record: dict[str, Any], article: ArticleRef, keep: Callable[[str], bool]) -> None:
        """Add the dates of one report that name a period (each value and sentence once per report)."""
        seen: set[tuple[str, str]] = set()  # per report: no key kept for the whole set
        word = self._strings.word  # date values and expressions ("gestern", "2024") recur across articles
        for d in record.get("dates") or ():
            value, sentence, text = d.get("value"), str(d.get("sentence") or ""), str(d.get("text") or "")
            if d.get("type") not in ("date", "time") or not isinstance(value, str) or not keep(sentence or text):
                continue
            if value in self._days:
                days = self._days[value]
            else:
                days = self._days[value] = iso_span(value)
            if days is None or (value, sentence) in seen:
                continue
            seen.add((value, sentence))
            # no year written: the year (or the day) came from the reference date
            relative = article.reference_date is not None and not _WRITTEN_YEAR.search(text)
            self._entries.append(TimelineEntry(
                value=word(value), type=word(d["type"]), mod=word(d.get("mod")), start=days[0], end=days[1],
                text=word(text), sentence=self._strings.text(sentence), relative=relative,
                reference_date=article.reference_date if relative else None,
                source=article.source, outlet=article.outlet))

    def build(self) -> tuple[TimelineEntry, ...]:
        """The entries sorted by start, then the narrower period first (then by article and text)."""
        # stable sorts from the last key to the first: no key tuple per entry, when the set is at its largest
        for name in ("text", "source", "end", "start"):
            self._entries.sort(key=attrgetter(name))
        return tuple(self._entries)
