"""TIMEX3 values: calendar arithmetic and formatting for the dates extractor.

Units are short codes shared with the rule data: Y (year), HALF, Q (quarter), M (month),
W (week), WE (weekend), D (day), H (hour), MIN, S, DE (decade), CE (century). A date at a
unit's granularity formats as that unit's TIMEX3 value: 2024, 2024-H1, 2024-Q1, 2024-02,
2024-W09, 2024-W09-WE, 2024-02-12, 202, 20.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"] | None

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
# the month a season starts in, for "last winter" / "next winter" (winter 2024 = Dec 2024 - Feb 2025)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DURATION = {"Y": "Y", "M": "M", "W": "W", "D": "D", "DE": "DE", "CE": "CE", "Q": "Q", "WE": "WE", "HALF": "HALF"}
_DURATION_T = {"H": "H", "MIN": "M", "S": "S"}


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months; the day is clamped (31 Jan + 1 month = 29 Feb in a leap year)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (hours and smaller leave the day as it is)."""
    if unit in ("D",):
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "HALF": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    return add_months(d, n * months) if months else d


def fmt(d: date, unit: str) -> str:
    """The TIMEX3 value of the ``unit``-long period that holds ``d``."""
    if unit == "Y":
        return year_str(d.year)
    if unit == "M":
        return f"{year_str(d.year)}-{d.month:02d}"
    if unit in ("W", "WE"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "Q":
        return f"{year_str(d.year)}-Q{(d.month - 1) // 3 + 1}"
    if unit == "HALF":
        return f"{year_str(d.year)}-H{1 if d.month <= 6 else 2}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def year_str(y: int, bc: bool = False) -> str:
    """A year as TIMEX3 writes it: 2024, 0490, BC0490."""
    return f"BC{y:04d}" if bc else f"{y:04d}"


def duration(n: float | str, unit: str) -> str:
    """A TIMEX3 duration: 3 Y -> P3Y, 24 H -> PT24H, X W -> PXW, 1.5 Y -> P1Y6M, 0.5 H -> PT30M, 2 DE -> P20Y."""
    if not isinstance(n, str) and not float(n).is_integer():
        whole, frac = int(n), float(n) - int(n)
        smaller = {"Y": ("M", 12), "DE": ("Y", 10), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}.get(unit)
        if smaller:
            rest = duration(round(frac * smaller[1]), smaller[0])
            if not whole:
                return rest
            head = duration(whole, unit)
            if "T" in rest and "T" not in head:
                return head + rest[1:]
            return head + rest[2:] if "T" in rest else head + rest[1:]
    if unit in ("DE", "CE") and not isinstance(n, str):
        # TimeML writes counted decades and centuries in years: "two decades" P20Y, "a century" P100Y
        return duration(float(n) * (10 if unit == "DE" else 100), "Y")
    num = n if isinstance(n, str) else str(int(n)) if float(n).is_integer() else f"{n:g}"
    if unit in _DURATION_T:
        return f"PT{num}{_DURATION_T[unit]}"
    if unit == "HALF":
        return f"P{num if isinstance(n, str) else int(float(n) * 6)}M"
    return f"P{num}{_DURATION.get(unit, unit)}"


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar; anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


_MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_DAYS = {d: i for i, d in enumerate(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], 1)}


def holiday(spec: str, year: int) -> date | None:
    """The day of a holiday rule in ``year``: "12-25", "E+1" (Easter Monday), "NOV-4-THU", "MAY-L-MON",
    "NOV-4-THU+1" (the day after), "L-11-26-SUN" (the last Sunday on or before 26 November)."""
    if spec.startswith("E"):
        return easter(year) + timedelta(days=int(spec[1:]))
    if "+" in spec:
        base, days = spec.split("+")
        found = holiday(base, year)
        return found + timedelta(days=int(days)) if found else None
    parts = spec.split("-")
    if len(parts) == 4 and parts[0] == "L":  # the last weekday on or before a day: "L-11-26-SUN" (Totensonntag)
        limit = date(year, int(parts[1]), int(parts[2]))
        return limit - timedelta(days=(limit.isoweekday() - _DAYS[parts[3]]) % 7)
    if len(parts) == 2:
        return date(year, int(parts[0]), int(parts[1]))
    if len(parts) == 3 and parts[0] in _MONTHS:
        month, nth, dow = _MONTHS[parts[0]], parts[1], _DAYS[parts[2]]
        if nth == "L":
            nxt = date(year + month // 12, month % 12 + 1, 1)
            last = nxt - timedelta(days=1)
            return last - timedelta(days=(last.isoweekday() - dow) % 7)
        first = date(year, month, 1)
        return first + timedelta(days=(dow - first.isoweekday()) % 7, weeks=int(nth) - 1)
    return None


def weekday_near(ref: date, weekday: int, tense: Tense) -> date:
    """The weekday (1 = Monday) on or before ``ref`` in past context, on or after it in future context."""
    back = (ref.isoweekday() - weekday) % 7
    if tense == "future":
        return ref + timedelta(days=(weekday - ref.isoweekday()) % 7)
    return ref - timedelta(days=back)


def weekday_rel(ref: date, weekday: int, rel: int) -> date:
    """'last Monday' (rel -1) is strictly before ``ref``, 'next Monday' (+1) strictly after it."""
    if rel < 0:
        return ref - timedelta(days=(ref.isoweekday() - weekday) % 7 or 7)
    return ref + timedelta(days=(weekday - ref.isoweekday()) % 7 or 7)


def weekday_in_week(ref: date, weekday: int, weeks: int) -> date:
    """That weekday in the ISO week ``weeks`` away from ref's week ('Montag vergangener Woche')."""
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=weeks)
    return monday + timedelta(days=weekday - 1)


def weekend(ref: date, tense: Tense, rel: int | None) -> date:
    """A day in the weekend meant: the current one on Sat/Sun, else the last or next by tense."""
    if rel is not None and rel != 0:
        base = ref + timedelta(weeks=rel)
        return base - timedelta(days=base.isoweekday() - 6)
    if ref.isoweekday() >= 6 or rel == 0 or tense == "future":
        return ref + timedelta(days=6 - ref.isoweekday()) if ref.isoweekday() < 6 else ref
    return ref - timedelta(days=ref.isoweekday() + 1)


def infer_year(ref: date, month: int, day: int | None, tense: Tense, strict: bool = False) -> int:
    """The year of a date given without one: the reference year unless tense or month say otherwise.

    Past context and a later month (or day) than the reference: the previous year; future
    context and an earlier one: the next year. Without a tense cue the reference year,
    unless the month is more than eight months away across the new year (a December read
    in January is last December, a January read in December the next one).
    """
    here = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if strict and tense is not None:  # "last May", "next March": the direction is written
        return ref.year - 1 if tense == "past" and here >= now else ref.year + 1 if tense == "future" and here <= now else ref.year
    if tense == "past" and here > now:
        # ...unless last year's date is almost a year back and this year's only weeks ahead:
        # news give the year of a date that long ago ("on Feb. 9" read on 20 January)
        return ref.year if _soon(ref, month, day, ref.year, ahead=True) else ref.year - 1
    if tense == "future" and here < now:
        return ref.year if _soon(ref, month, day, ref.year, ahead=False) else ref.year + 1
    if tense is not None:
        return ref.year
    delta = month - ref.month
    if delta > 8:
        return ref.year - 1
    if delta < -8:
        return ref.year + 1
    return ref.year


def _soon(ref: date, month: int, day: int | None, year: int, ahead: bool) -> bool:
    """Whether month/day in ``year`` lies within 60 days after (or before) ``ref``."""
    if day is not None and not valid_day(year, month, day):
        return False
    if ahead:
        first = date(year, month, day or 1)
        return 0 <= (first - ref).days <= 60
    last = date(year, month, day or calendar.monthrange(year, month)[1])
    return 0 <= (ref - last).days <= 60


def valid_day(year: int, month: int, day: int) -> bool:
    """Whether year-month-day exists (29 February only in leap years)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def season_year(ref: date, season: str, rel: int) -> int:
    """The year of 'letzten Sommer' (rel -1), 'diesen Sommer' (0), 'nächsten Sommer' (+1)."""
    start = SEASON_START[season]
    y = ref.year
    if rel < 0:
        # the last season that is already over (summer ends with August, winter with February)
        if season == "WI":
            return y - 1 if ref.month >= 3 else y - 2
        return y if ref.month > start + 2 else y - 1
    if rel > 0:
        return y if ref.month < start else y + 1
    return y
