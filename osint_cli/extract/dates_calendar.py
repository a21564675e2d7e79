"""Normalisation of written calendar dates: whole or partial, holidays, related years.

They read the resolver's state (reference date, dates mentioned so far) through the
``Context`` protocol of ``dates_types``: no import of ``dates_resolve``, no cycle.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import timex
from .dates_types import Context, Hit, Val


def calendar(r: Context, hit: Hit) -> Val | None:
    """A written calendar date, whole or partial (day, week, month, season, quarter, year...)."""
    g = hit.g
    mod = r.mod(g)
    if {"decade", "decade2", "decade_word", "century", "century_word", "century_hundreds"} & g.keys():
        return _era(r, g, mod)
    year = _year(r, g)
    if year == -1:
        return Val(None, unresolved=True, mod=mod)
    if "holiday" in g:
        return _holiday(r, hit, g, year, mod)
    if "bc" in g and year is not None:
        return Val(timex.year_str(year, bc=True), mod=mod)
    if hit.data.get("period") and year is not None and (q := r.report_period(year)) is not None:
        return q  # "the 1988 period" in a report: the quarter (or half) reported, in that year
    month = _month(r, g)
    day = int(g["day"]) if "day" in g else None
    season = r.look("date_season", g["season"]) if "season" in g else None
    quarter = int(g["quarter"]) if "quarter" in g else r.look("date_ordinal", g["quarter_word"]) if "quarter_word" in g else None
    half = _half(r, g)
    week = int(g["week"]) if "week" in g else None
    if month is not None and not 1 <= month <= 12 or quarter is not None and not 1 <= quarter <= 4:
        return None
    if half is not None and half not in (1, 2) or week is not None and not 1 <= week <= 53:
        return None
    # a year written here anchors year-less dates later in the sentence, unless it is a
    # bare number without a preposition ("seinen 1994 gestorbenen Großvater am 15. April")
    written = year if year is not None and g.keys() - {"year", "art", "qual", "part"} else None
    if year is None and month is None and (quarter or half) and not _sentence_year(r, hit):
        year = _period_year(r, hit, quarter * 3 - 2 if quarter else (half or 1) * 6 - 5)
    if year is None:
        approx = month or (season and timex.SEASON_MONTH[season]) or (quarter and quarter * 3 - 2) or (half and half * 6 - 5)
        year = r.infer_year(hit, approx or None, day)
        if year is None:
            return Val(None, unresolved=True, mod=mod)
    if day is not None and month is not None:
        if not timex.valid_day(year, month, day):
            if year == written or (month, day) != (2, 29):
                return None
            while not timex.valid_day(year, 2, 29):  # 29 February without a year: the last leap year
                year -= 1
        d = date(year, month, day)
        if hit.data.get("week_of") or hit.data.get("quarter_ending"):
            return _period_of_day(r, hit, d, mod, written)
        value = daypart(r, g, d)
        if "hour" in g:
            value += f"T{int(g['hour']):02d}:{int(g.get('minute', 0)):02d}"
        return Val(value, "time" if "hour" in g else "date", mod, point=d, unit="D", year=written, day=d)
    y = timex.year_str(year)
    if week is not None:
        return Val(f"{y}-W{week:02d}", mod=mod, point=date.fromisocalendar(year, min(week, 52), 1), unit="W", year=written)
    if month is not None:
        return Val(f"{y}-{month:02d}", mod=mod, point=date(year, month, 1), unit="M", year=written)
    if season is not None:
        return Val(f"{y}-{season}", mod=mod, point=date(year, timex.SEASON_MONTH[season], 1), unit="M", year=written)
    if quarter is not None:
        return Val(f"{y}-Q{quarter}", mod=mod, point=date(year, quarter * 3 - 2, 1), unit="Q", year=written)
    if half is not None:
        return Val(f"{y}-H{half}", mod=mod, point=date(year, half * 6 - 5, 1), unit="HALF", year=written)
    return Val(y, mod=mod, point=date(year, 1, 1), unit="Y", year=written)


def _period_of_day(r: Context, hit: Hit, end: date, mod: str | None, written: int | None) -> Val | None:
    """The week that holds the day ("the week of March 6"), or the quarter that ends on it
    ("the quarter ended July 31": the quarter holding most of the three months, May to
    July is Q2, unless the report named its own quarter before: "the fiscal first quarter
    ... the quarter ended Sept. 30" keeps the report's label)."""
    if hit.data.get("week_of"):
        return Val(timex.fmt(end, "W"), mod=mod, point=end, unit="W", year=written)
    if r.last_quarter is not None and (named := r.quarter_back(hit, 0, 1000)) is not None:
        return named
    mid = end - timedelta(days=45)
    return Val(timex.fmt(mid, "Q"), mod=mod, point=date(mid.year, (mid.month - 1) // 3 * 3 + 1, 1), unit="Q", year=written)


def _half(r: Context, g: dict[str, str]) -> int | None:
    """Which half of the year: "H2", "the second half", "the last half", "the first two quarters"."""
    if "half" in g:
        return int(g["half"])
    word = g.get("half_word") or g.get("half_q")
    return (r.look("date_half", word) or r.look("date_ordinal", word)) if word else None


def _sentence_year(r: Context, hit: Hit) -> bool:
    return r.sent_year is not None and r.sent_year[0] == r.doc.sentence_index(hit.start)


def _period_year(r: Context, hit: Hit, first_month: int) -> int | None:
    """The year of a quarter or half without one: reports speak of the current year's
    periods whatever the verb ("expects third-quarter results" read in November); a
    period that starts more than three months after the reference is last year's in past
    context ("the fourth quarter" read in February)."""
    a = r.anchor()
    if a is None:
        return None
    if first_month > a.month + 3 and r.year_tense(hit) == "past":
        return a.year - 1
    return a.year


def _era(r: Context, g: dict[str, str], mod: str | None) -> Val | None:
    """Decades (1990er, the '90s, the nineties -> 199) and centuries (19. Jahrhundert, the 1300s)."""
    if "decade" in g:
        d = int(g["decade"])
        return Val(f"{d:03d}", mod=mod, point=date(d * 10, 1, 1), unit="DE")
    if "decade2" in g or "decade_word" in g:
        digit = int(g["decade2"][0]) if "decade2" in g else int(r.look("date_decade_word", g["decade_word"]))
        a = r.anchor()
        base = a.year if a else 1999
        d = (base // 100) * 10 + digit  # the latest such decade that has begun: '90s -> 199, '20s -> 202
        if d * 10 > base:
            d -= 10
        return Val(f"{d:03d}", mod=mod, point=date(d * 10, 1, 1), unit="DE")
    if "century_hundreds" in g:
        return Val(g["century_hundreds"], mod=mod)
    n = int(g["century"]) if "century" in g else int(r.look("date_ordinal", g["century_word"]) or 0)
    if not 1 <= n <= 21:
        return None
    return Val(("BC" if "bc" in g else "") + f"{n - 1:02d}", mod=mod)


def _year(r: Context, g: dict[str, str]) -> int | None:
    """The year written or named ("vergangenen Jahres"); None if none; -1 if it cannot be resolved."""
    if "yrel" in g or "yanaphor" in g or "yword" in g:
        found = _related_year(r, g)
        return -1 if found is None else found
    if "year" in g:
        return int(g["year"])
    if "year_hi" in g or "year_k" in g:
        return _year_words(r, g)
    if "yy" in g:  # 1.9.39: the century of the reference, unless that puts it in the future
        a = r.anchor()
        base = a.year if a else 2000
        year = base // 100 * 100 + int(g["yy"])
        return year - 100 if year > base + 10 else year
    return None


def _year_words(r: Context, g: dict[str, str]) -> int | None:
    """A year spoken as words: "nineteen ninety-one" (hundreds, tens, ones) or "two thousand and five"."""
    parts = [r.num(g[k]) for k in ("year_tens", "year_one", "year_rest") if k in g]
    low = sum(int(p) for p in parts if isinstance(p, (int, float)))
    if "year_k" in g:
        return 2000 + low
    hi = r.num(g["year_hi"])
    return int(hi) * 100 + low if isinstance(hi, (int, float)) else None


def _related_year(r: Context, g: dict[str, str]) -> int | None:
    """'im Mai vergangenen Jahres' (relative to the reference), 'im Mai desselben Jahres' (to the last date)."""
    if "yrel" in g or "yword" in g:
        a = r.anchor()
        rel = r.look("date_rel", g["yrel"]) if "yrel" in g else (r.look("date_relword", g["yword"]) or [None, None])[1]
        return a.year + rel if a is not None and rel is not None else None
    offset = r.look("date_year_anaphor", g["yanaphor"])
    base = r.last[0] if r.last else r.anchor()
    return base.year + offset if base is not None and offset is not None else None


def _holiday(r: Context, hit: Hit, g: dict[str, str], year: int | None, mod: str | None) -> Val | None:
    """Weihnachten, Ostern 2024, Thanksgiving: the day in the written or inferred year."""
    spec = r.look("date_holiday", g["holiday"])
    if spec is None:
        return None
    if len(spec) == 10:  # a fixed day ("D-Day")
        fixed = date.fromisoformat(spec)
        return Val(fixed.isoformat(), mod=mod, point=fixed, unit="D", day=fixed)
    explicit = year is not None
    if year is None:
        a = r.anchor()
        guess = timex.holiday(spec, a.year) if a else None
        year = r.infer_year(hit, guess.month, guess.day) if guess else None
        if year is None:
            return Val(None, unresolved=True, mod=mod)
    d = timex.holiday(spec, year)
    if d is None:
        return None
    if hit.data.get("week_of"):  # "Easter week", "Christmas week": the (ISO) week that holds the day
        return Val(timex.fmt(d, "W"), mod=mod, point=d, unit="W", year=year if explicit else None)
    return Val(daypart(r, g, d), mod=mod, point=d, unit="D", year=year if explicit else None, day=d)


def _month(r: Context, g: dict[str, str]) -> int | None:
    if "month" not in g:
        return None
    s = g["month"]
    return int(s) if s.isdigit() else r.look("date_month", s)  # type: ignore[no-any-return]


def daypart(r: Context, g: dict[str, str], d: date) -> str:
    """The date, with its part of the day when one is written ("2024-03-04TEV")."""
    part = g.get("daypart") or g.get("daypart2")
    code = r.look("date_daypart", part) if part else None
    return f"{d.isoformat()}T{code}" if code else d.isoformat()
