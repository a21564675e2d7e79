"""Unit and counted noun of a figure: what it measures and what it counts.

``unit`` is an ISO 4217 code for money, ``%`` and ``pp`` for percent and percentage
points, otherwise the unit as written ("40 yards", "300 kilowatts", "50 times");
``about`` is what is counted, as written: the noun phrase after the number ("12
hospitals across the region" counts "hospitals"). A figure without a unit of its own
may take one from its neighbours: the target of a change ("from 19 to 7 percent") or
the figure before it in a list ("65 percent were white, and 7.3 of another race").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .figures_lang import fold

if TYPE_CHECKING:
    from .figures_candidate import Candidate

_HYPHEN_WORD = re.compile(r"-([^\W\d_][\w-]*)")
_FIRST_WORD = re.compile(r"\s*\S+")
_WORD = re.compile(r"[^\W\d_]+")
_LOOKAHEAD = 300  # no counted noun phrase is longer


def read_unit(c: Candidate, grp: str | None) -> tuple[str | None, float, str | None, int | None]:
    """(unit, factor, kind, end): from the currency before or the unit group after the number."""
    lang = c.lang
    cur = c.g("cur")
    code = lang.m("fig_currency_symbol").get(fold(cur)) if cur else None
    u = c.g(grp) if grp else None
    none = (code, 1.0, "money", None) if code else (None, 1.0, None, None)
    if u is None or grp is None:
        prev = c.ctx.prev_word(c.m.start())
        before = lang.m("fig_unit_before").get(fold(prev[0])) if prev and not code else None
        return (str(before), 1.0, "unit", None) if before else none
    word = u.lstrip(" -\u00a0")
    key = fold(word)
    uend = c.m.end(grp)
    sensitive = lang.raw("fig_case_sensitive")
    if key in {fold(w) for w in sensitive} and word not in sensitive:
        return none
    if key in lang.m("fig_percent"):
        return "%", 1.0, "percent", uend
    if key in lang.m("fig_pp"):
        if key in lang.m("fig_pp_needs_cue") and not c.ctx.sentence_has(c.m.start(), "fig_pp_cue"):
            return "points", 1.0, "unit", uend
        return "pp", 1.0, "percent", uend
    weight = lang.m("fig_currency_or_weight").get(key)
    if weight and c.scale == 1.0 and (u.startswith("-") or c.ctx.sentence_has(c.m.start(), "fig_weight_cue")):
        return str(weight), 1.0, "unit", uend  # "a 10-pound bag", "weighed 25 pounds": a weight
    if key in lang.m("fig_currency"):
        return lang.m("fig_currency")[key], float(lang.m("fig_currency_factor").get(key, 1.0)), "money", uend
    if key in lang.m("fig_clock"):
        return None, 1.0, "clock", uend
    if key in lang.m("fig_time_unit"):
        return word, 1.0, "time", uend
    if key in lang.m("fig_multiplier"):
        return str(lang.m("fig_multiplier")[key]), 1.0, "unit", uend
    if code:
        return code, 1.0, "money", None
    return str(lang.m("fig_unit").get(key, word)), 1.0, "unit", uend


def about(c: Candidate, tail_end: int, end: int) -> tuple[str | None, int, bool]:
    """What is counted, the span end (the counted noun joins the span if it follows
    directly), and whether it does."""
    lang, text = c.lang, c.text
    hy = _HYPHEN_WORD.match(text, tail_end)
    if hy is not None:
        return hy.group(1), hy.end(), True
    if c.age or lang.about is None or end != tail_end:
        return None, end, False
    a = lang.about.match(text, end, min(len(text), end + _LOOKAHEAD))
    if a is None or "\n" in a.group(0):
        return None, end, False
    noun_end = a.end()
    words = a.group("noun").split()
    if len(words) > 1 and lang.plural(words[0]):
        # "12 hospitals across the region": a plural noun ends the phrase
        noun_end = a.start("noun") + _FIRST_WORD.match(a.group("noun")).end()  # type: ignore[union-attr]
        words = words[:1]
    noun = " ".join(words)
    if a.group("conn") is None:
        if c.unit is not None and not lang.conf.get("about_after_unit"):
            return None, end, False
        return noun, noun_end, True
    return noun, end, False


def unit_ahead(c: Candidate, end: int) -> str | None:
    """"von 19 auf sieben Prozent", "from 19 to 7 percent": the start of a change
    takes the percent or currency unit of its target."""
    lang, text = c.lang, c.text
    a = lang.change_to.match(text, end) if lang.change_to else None
    if a is None:
        return None
    m2 = lang.master.match(text, a.end())
    if m2 is None or m2.group("r_figure") is None:
        return None
    cur = m2.group("cur")
    if cur is not None:
        return lang.m("fig_currency_symbol").get(fold(cur))
    key = fold((m2.group("unit") or "").lstrip(" -\u00a0"))
    if key in lang.m("fig_percent"):
        return "%"
    if key in lang.m("fig_pp") and key not in lang.m("fig_pp_needs_cue"):
        return "pp"
    if key in lang.m("fig_currency") and key not in lang.m("fig_currency_factor"):
        return str(lang.m("fig_currency")[key])
    return None


def is_currency(c: Candidate, unit: str) -> bool:
    """Whether a unit is a currency code of the pack."""
    return unit in c.lang.m("fig_currency_symbol").values() or unit in c.lang.m("fig_currency").values()


def currency_noun(c: Candidate, noun: str) -> str | None:
    """"ein Zehntel eines Bitcoins": the counted thing is a currency."""
    cur = c.lang.m("fig_currency")
    word = fold(noun.split()[-1])
    for cand in (word, word.removesuffix("s"), word.removesuffix("es")):
        if cand in cur and cand not in c.lang.m("fig_currency_factor"):
            return str(cur[cand])
    return None


def ellipsis_unit(c: Candidate, start: int) -> str | None:
    """"65 percent were white, ... and 7.3 of another race": the unit carries over;
    a currency only to a scaled amount ("1,5 Milliarden Euro, davon 200 Mio.")."""
    prev = c.prev
    if prev is None or start - prev.end > 60:
        return None
    money = prev.unit is not None and c.scale != 1.0 and is_currency(c, prev.unit)
    if prev.unit not in ("%", "pp") and not money:
        return None
    between = c.text[prev.end : start]
    if "\n" in between or any(ch.isdigit() for ch in between) or "," not in between:
        return None
    if any(fold(w) in c.lang.m("fig_ellipsis_block") for w in _WORD.findall(between)):
        return None
    s, _ = c.ctx.doc.sentence_span(start)
    return prev.unit if prev.start >= s else None
