"""The normalisation of each kind of date expression to a TIMEX3 value.

``KINDS`` maps the ``kind`` a rule declares (``rules/<lang>/dates.toml``) to its function;
each takes the resolver's state through the ``Context`` protocol, so that this module
and ``dates_calendar`` never import the resolver (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from . import timex
from .dates_calendar import calendar, daypart
from .dates_types import Context, Hit, Val


def weekday(r: Context, hit: Hit) -> Val | None:
    """A weekday: the last or next one by tense, or in a named week."""
    g = hit.g
    wd = r.look("date_weekday", g["weekday"])
    a = r.anchor_day()
    if wd is None:
        return None
    if a is None:
        return Val(None, unresolved=True, mod=r.mod(g))
    if "relweek" in g:
        d = timex.weekday_in_week(a, wd, r.look("date_rel", g["relweek"]) or 0)
    elif "rel" in g and r.look("date_rel", g["rel"]):
        # "the previous Friday" counts from the day the text is at, "last Friday" from today
        base = r.last_day if r.last_day and " ".join(g["rel"].split()).casefold() in r.pack.words("date_rel_anaphoric") else a
        d = timex.weekday_rel(base, wd, r.look("date_rel", g["rel"]))
    else:
        d = timex.weekday_near(a, wd, r.day_tense(hit))
    return Val(daypart(r, g, d), mod=r.mod(g), point=d, unit="D", day=d)

def deictic(r: Context, hit: Hit) -> Val | None:
    """Today, yesterday, tomorrow (with a part of the day)."""
    g = hit.g
    word = g.get("word") or str(hit.data.get("word", ""))
    offset = r.look("date_deictic", word)
    if offset is None:
        return None
    if r.narrative and offset == 0:
        return Val("PRESENT_REF")
    a = r.anchor_day()
    if a is None:
        return Val(None, unresolved=True)
    d = a + timedelta(days=offset)
    part = r.look("date_deictic_daypart", word)
    value = f"{d.isoformat()}T{part}" if part else daypart(r, g, d)
    return Val(value, mod=r.mod(g), point=d, unit="D", day=d)

def relative(r: Context, hit: Hit) -> Val | None:
    """Last week, this year, next month, last summer, the latest quarter."""
    g = hit.g
    a = r.anchor()
    mod = r.mod(g)
    if "word" in g:
        unit, offset, word_mod = r.look("date_relword", g["word"])
        mod = word_mod or mod
    elif "season" in g:
        season = r.look("date_season", g["season"])
        if a is None:
            return Val(None, unresolved=True, mod=mod)
        year = timex.season_year(a, season, r.look("date_rel", g["rel"]) or 0)
        return Val(f"{timex.year_str(year)}-{season}", mod=mod, point=date(year, timex.SEASON_MONTH[season], 1), unit="M")
    else:
        unit, offset = r.look("date_unit_rel", g["unit"]), r.look("date_rel", g["rel"]) if "rel" in g else 0
    if a is None:
        return Val(None, unresolved=True, mod=mod)
    if mod == "END" and offset == 0 and "prep" in g and r.look("date_prep", g["prep"]) == "past":
        offset = -1  # "since year-end", "seit Jahresende": the end of this period is still ahead
    d = timex.shift(a, unit, offset)
    return Val(timex.fmt(d, unit), mod=mod, point=d, unit=unit)

def weekend(r: Context, hit: Hit) -> Val | None:
    """The weekend meant: the current, last or next one."""
    a = r.anchor_day()
    if a is None:
        return Val(None, unresolved=True)
    rel = r.look("date_rel", hit.g["rel"]) if "rel" in hit.g else None
    d = timex.weekend(a, r.day_tense(hit), rel)
    return Val(timex.fmt(d, "WE"), mod=r.mod(hit.g), point=d, unit="W")

def shift(r: Context, hit: Hit) -> Val | None:
    """N units ago / in N units, counted from the reference."""
    g = hit.g
    sign = int(hit.data.get("sign", -1))
    unit = r.look("date_unit", g["unit"]) or r.look("date_unit_plural", g["unit"])
    n = r.num(g["num"]) if "num" in g else "X"
    if n is None or unit is None:
        return None
    if n == "X":
        return Val("PAST_REF" if sign < 0 else "FUTURE_REF")
    if sign > 0 and unit in ("H", "MIN", "S"):
        # "in sechseinhalb Stunden nach Paris": in hours, a length (the day would be all a point says)
        return Val(timex.duration(n, unit), "duration")
    a = r.ref if not r.narrative else r.anchor()
    if a is None:
        return Val(None, unresolved=True)
    qual = r.look("date_qualifier", g["qual"]) if "qual" in g else None
    mod = {"MORE_THAN": "BEFORE" if sign < 0 else "AFTER", "APPROX": "APPROX"}.get(qual or "")
    if unit == "Y" and (q := r.quarter_back(hit, sign * float(n), int(hit.data.get("quarter_window", 3)))) is not None:
        return q
    d, gran = shift_n(a, unit, sign * float(n))
    return Val(timex.fmt(d, gran), mod=mod, point=d, unit=gran, day=d if gran == "D" else None)

def anaphor(r: Context, hit: Hit) -> Val | None:
    """Counted from the last date mentioned: the next day, a year earlier, the quarter."""
    g = hit.g
    if "word" in g:
        found = r.look(str(hit.data.get("map", "date_anaphor")), g["word"])
        if found is None:
            return None
        unit, offset = found
    else:
        unit = r.look("date_unit", g["unit"])
        n = r.num(g["num"])
        direction = r.look("date_anaphor_dir", g["dir"])
        if n == "X" and unit is not None:  # "a few days later": a vague length, no day to count to
            return Val(timex.duration("X", unit), "duration")
        if unit is None or not isinstance(n, (int, float)) or direction is None:
            return None
        offset = n * direction
    window = int(hit.data.get("quarter_window", 3))
    if unit == "Y" and offset and (q := r.quarter_back(hit, float(offset), window)) is not None:
        return q
    if hit.data.get("needs_last") == "Q":
        # "the quarter": the quarter the report named, else the last one completed
        if r.last_quarter:
            return r.quarter_back(hit, offset, window)
        a = r.anchor()
        d = timex.shift(a, "Q", -1) if a else None
        return Val(timex.fmt(d, "Q"), point=d, unit="Q") if d else Val(None, unresolved=True)
    base = (r.last_day if unit == "D" else (r.last[0] if r.last else None)) or r.anchor_day()
    if base is None:
        return Val(None, unresolved=True)
    d, gran = shift_n(base, unit, float(offset))
    return Val(timex.fmt(d, gran), point=d, unit=gran, day=d if gran == "D" else None)

def duration(r: Context, hit: Hit) -> Val | None:
    """A length of time: P3Y, PT24H, PXW."""
    g = hit.g
    if "word" in g:
        return Val(r.look("date_duration_word", g["word"]), "duration")
    unit = next((u for n in ("date_unit", "date_unit_plural", "date_unit_compound", "date_unit_adjective") if (u := r.look(n, g["unit"]))), None)
    n = r.num(g["num"]) if "num" in g else hit.data.get("num", "X")
    if unit is None or n is None:
        return None
    if hit.data.get("plus_half") and isinstance(n, (int, float)):
        n = n + 0.5  # "a year and a half"
    mod = r.look("date_qualifier", g["qual"]) or None if "qual" in g else None
    return Val(timex.duration(n, unit), "duration", mod)

def set_(r: Context, hit: Hit) -> Val | None:
    """A recurrence: P1D, XXXX-WXX-1."""
    g = hit.g
    if "word" in g:
        return Val(r.look("date_set", g["word"]), "set")
    if "unit" in g:
        return Val(r.look("date_set_unit", g["unit"]), "set")
    if "month" in g:  # "each July"
        month = r.look("date_month", g["month"])
        return Val(f"XXXX-{month:02d}", "set") if month else None
    day = g.get("weekday") or g.get("weekday_part")  # "every Monday", "Tuesday nights"
    wd = r.look("date_weekday", day) if day else r.look("date_weekday_set", g.get("weekday_set", ""))
    return Val(f"XXXX-WXX-{wd}", "set") if wd else None

def vague(r: Context, hit: Hit) -> Val | None:
    """PAST_REF, PRESENT_REF, FUTURE_REF (from the rule's ``map``, by default date_vague)."""
    value = r.look(str(hit.data.get("map", "date_vague")), hit.g["word"])
    return Val(value) if value else None

def time(r: Context, hit: Hit, day: date | None = None, unresolved: bool = False) -> Val | None:
    """A time of day on the day given, the last day mentioned or the reference day."""
    g = hit.g
    if "clock" in hit.data:
        hour, minute = (int(x) for x in str(hit.data["clock"]).split(":"))
    else:
        hour = int(g["hour"])
        minute = int(g.get("minute") or g.get("minute2") or 0)
        ampm = str(r.look("date_ampm", g["ampm"]) or g["ampm"]).casefold() if "ampm" in g else ""
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    day = day or r.last_day or r.anchor_day()
    if day is None or unresolved:
        return Val(None, "time", r.mod(g), unresolved=True)
    return Val(f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time", r.mod(g), point=day, unit="D", day=day)


def shift_n(d: date, unit: str, n: float) -> tuple[date, str]:
    """``d`` moved by ``n`` units (fractions via months or days); the unit the value is written in."""
    if unit in ("H", "MIN", "S"):
        return d, "D"
    if n.is_integer():
        return timex.shift(d, unit, int(n)), unit
    months = {"Y": 12, "HALF": 6, "Q": 3, "M": 1, "DE": 120}.get(unit)
    if months:
        return timex.shift(d, "M", round(n * months)), unit
    days = {"W": 7, "WE": 7, "D": 1}.get(unit, 1)
    return d + timedelta(days=round(n * days)), unit


def offset(r: Context, hit: Hit) -> Val | None:
    """A count of units before or after a day ("two days before yesterday", "the day before
    last Tuesday"): that day, moved. A count that is no whole number leaves the day as is."""
    base = KINDS[hit.partner.kind](r, hit.partner) if hit.partner is not None and hit.partner.kind in KINDS else None
    if base is None or base.day is None:
        return base
    g = hit.g
    if "offset_dir" in g:
        unit = next((u for n in ("date_unit", "date_unit_plural") if (u := r.look(n, g["unit"]))), None)
        n, sign = r.num(g["num"]), r.look("date_offset_dir", g["offset_dir"])
    else:
        unit, n = r.look("date_anaphor", g["word"]) or (None, None)
        sign = 1
    if unit not in ("D", "W", "M", "Y") or not isinstance(n, (int, float)) or not float(n).is_integer() or not sign:
        return base
    d = timex.shift(base.day, unit, int(n) * int(sign))
    return Val(d.isoformat(), mod=base.mod, point=d, unit="D", day=d)

KINDS: dict[str, Callable[[Context, Hit], Val | None]] = {
    "offset": offset,
    "calendar": calendar,
    "weekday": weekday,
    "deictic": deictic,
    "relative": relative,
    "weekend": weekend,
    "shift": shift,
    "anaphor": anaphor,
    "duration": duration,
    "set": set_,
    "vague": vague,
    "time": time,
}
