"""The ordered, named checks that tell a number that quantifies from one that does not.

Each check looks at one trap (a year, a day next to a month, a designation like
"Section 230", an ordinal, the article "ein/one", ...) and says True to drop the
candidate. ``first_drop`` runs them in order and returns the name of the first that
drops it ("figures.year"); the extractor reports it through ``Doc.note`` so that
``osint summarize --explain`` says why a number was dropped. Words come from the pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .figures_lang import fold

if TYPE_CHECKING:
    from .figures_candidate import Candidate

_YEAR = re.compile(r"(19|20)\d\d")
_OLD_YEAR = re.compile(r"1\d\d\d")
_PLAIN_INT = re.compile(r"\d{1,4}")
_LEADING_ZERO = re.compile(r"0\d+")
_ORDINAL_DOT = re.compile(r"\.[ \t\u00a0]+\w")
_HYPHEN_WORD = re.compile(r"-([^\W\d_][\w-]*)")
_QUOTES = "\"„“”«»‚‘’‹›"


def _prev_word(c: Candidate) -> str:
    prev = c.ctx.prev_word(c.m.start())
    return prev[0].rstrip(".,") if prev else ""


def _digits(c: Candidate) -> bool:
    return c.how == "digits"


def letter_scale(c: Candidate) -> bool:
    """"1500b", "100m": a letter scale off money is a unit, unless a count follows ("3m people")."""
    sc = fold((c.g("sc1") or "").strip(" -"))
    return c.ukind != "money" and sc in c.lang.m("fig_scale_money_only") and not _counted_after_letter_scale(c)


def _counted_after_letter_scale(c: Candidate) -> bool:
    end = c.m.end("sc1")
    if c.text[end : end + 1] != " ":
        return False
    nxt = c.ctx.next_word(end).rstrip(".,;:!?")
    word = fold(nxt)
    lang = c.lang
    if not nxt[:1].islower() or word in lang.m("fig_stop") or word in lang.m("fig_letter_scale_block"):
        return False
    if any(word.startswith(t) for t in lang.m("fig_time_unit")):
        return False
    return word in lang.m("fig_count_noun") or lang.plural(word)


def clock(c: Candidate) -> bool:
    """"14.30 Uhr", "6 p.m.": a time of day."""
    return c.ukind == "clock"


def claimed(c: Candidate) -> bool:
    """Inside a date expression that the dates extractor took."""
    return c.claimed(c.num_end)


def duration(c: Candidate) -> bool:
    """"36 Stunden", "10 days": a length of time (a date expression), unless an age."""
    return c.ukind == "time" and not c.age


def age_context(c: Candidate) -> bool:
    """"36 Jahre alt", "auf 36 Jahre geschätzt" after "Alter": a duration that is an age."""
    lang = c.lang
    if fold(c.ctx.next_word(c.end).rstrip(".,;:!?")) in lang.m("fig_age_after"):
        return True
    return any(w in lang.m("fig_age_cue") for w in c.ctx.words_before(c.m.start(), 50))


def glued(c: Candidate) -> bool:
    """219a, 3rd, 1990er, 5G: letters glued to the digits."""
    end = c.tail_end
    return _digits(c) and c.text[end : end + 1].isalnum() and c.text[end - 1 : end].isdigit()


def month_day(c: Candidate) -> bool:
    """12. Februar, Dec. 19, 15 April: a day of a month."""
    n1e = c.m.end("n1")
    return _digits(c) and (c.lang.is_month(_prev_word(c)) or c.lang.is_month(c.ctx.next_word(n1e).rstrip(".")))


def year(c: Candidate) -> bool:
    """2019, "in 1884": a year standing as a year."""
    if not _digits(c) or (c.measured and c.ukind != "time") or c.g("qual") is not None:
        return False
    cue = fold(_prev_word(c)) in c.lang.m("fig_year_cue")
    return bool(_YEAR.fullmatch(c.n1) or (_OLD_YEAR.fullmatch(c.n1) and cue)) and not _counted_year(c, cue)


def _counted_year(c: Candidate, cue: bool) -> bool:
    """German "2000 Menschen": a noun after it, no "seit/im" before it, makes it a count."""
    end = c.tail_end
    if cue or not c.lang.conf.get("nouns_capitalized") or c.text[end : end + 1] != " ":
        return False
    nxt = c.ctx.next_word(end)
    return nxt[:1].isupper() and not c.lang.is_month(nxt)


def qualified_year(c: Candidate) -> bool:
    """"über 2023 hinaus", "until at least 2021": a qualified year."""
    q = _digits(c) and c.g("qual") is not None and bool(_YEAR.fullmatch(c.n1))
    return q and not c.measured and not noun_follows(c, c.tail_end)


def leading_zero(c: Candidate) -> bool:
    """Codes and phone fragments with a leading zero."""
    return _digits(c) and bool(_LEADING_ZERO.fullmatch(c.n1))


def _plain_before_stop(c: Candidate) -> bool:
    n1e = c.m.end("n1")
    plain = _digits(c) and bool(_PLAIN_INT.fullmatch(c.n1))
    return plain and not c.measured and c.text[n1e : n1e + 1] in ".)" and c.m.end() == n1e


def ordinal_dot(c: Candidate) -> bool:
    """"3. Platz": a German ordinal."""
    n1e = c.m.end("n1")
    return _plain_before_stop(c) and bool(c.lang.conf.get("ordinal_dot")) and bool(_ORDINAL_DOT.match(c.text, n1e))


def list_number(c: Candidate) -> bool:
    """"1. Einleitung", "2) Methods" at the start of a line: list numbering."""
    if not _plain_before_stop(c):
        return False
    lo = max(0, c.m.start() - 200)
    nl = c.text.rfind("\n", lo, c.m.start())
    if nl < 0 and lo > 0:
        return False  # 200 characters of the line before it: running text
    return not c.text[nl + 1 : c.m.start()].strip(" \t-•*")


def vague(c: Candidate) -> bool:
    """"einige hundert", "a few thousand": a vague multiple."""
    prev = c.ctx.prev_word(c.m.start())
    return prev is not None and fold(prev[0]) in c.lang.m("fig_vague")


def bare_hundred(c: Candidate) -> bool:
    """English "hundred" or "thousand" alone is no numeral."""
    if c.how != "words" or c.lang.conf.get("bare_hundreds", True):
        return False
    first = fold(c.n1).split()[0]
    return first in c.lang.m("fig_hundred") or first in c.lang.m("fig_thousand")


def fraction_ordinal(c: Candidate) -> bool:
    """"a third case", "a fifth season": ordinals that look like fractions."""
    fr = c.g("fr1")
    if fr is None or c.g("sc3") is not None or fold(fr.lstrip(" -")) not in c.lang.m("fig_fraction_ordinal") or c.ukind is not None:
        return False
    if _HYPHEN_WORD.match(c.text, c.tail_end):
        return True  # "a third-generation farmer", "a quarter-final"
    nxt = c.ctx.next_word(c.tail_end)
    return bool(nxt) and fold(nxt) not in c.lang.m("fig_half_follow")


def article(c: Candidate) -> bool:
    """"ein", "one", "a" without a scale, fraction, sign, currency or percent: an article."""
    if fold(c.n1) not in c.lang.m("fig_needs_scale") or c.g("neg") is not None:
        return False
    return c.scale == 1.0 and c.frac == 1.0 and c.ukind not in ("money", "percent")


def _multiple(c: Candidate) -> bool:
    return fold(c.n1) in c.lang.m("fig_multiple") or fold(c.n1) in c.lang.m("fig_multiple_adv")


def multiple_compound(c: Candidate) -> bool:
    """"twice-divorced": a multiple glued to a word."""
    return _multiple(c) and c.text[c.tail_end : c.tail_end + 1] == "-"


def _glued_age(c: Candidate) -> bool:
    n1e = c.m.end("n1")
    return c.how == "words" and c.g("agesuf") is not None and c.text[n1e : n1e + 1].isalpha()


def glued_length(c: Candidate) -> bool:
    """"eine dreijährige Ausbildung": a length as often as an age."""
    return _glued_age(c) and not c.n1[:1].isupper()


def capitalised_word(c: Candidate) -> bool:
    """"außer Acht lassen", "die Elf", „Drei Engel für Charlie“: a capitalised number word
    inside a sentence where number words are lower case (a numeral noun is not)."""
    lang, n1s = c.lang, c.m.start("n1")
    if c.how != "words" or not lang.conf.get("words_lowercase") or not c.n1[:1].isupper():
        return False
    if c.qualified or _multiple(c) or _glued_age(c) or fold(c.n1) in lang.m("fig_numeral_noun"):
        return False
    if not c.ctx.starts_sentence(n1s):
        return True
    quoted = c.text[n1s - 1 : n1s] in _QUOTES
    return quoted and any(q in c.text[n1s : n1s + 40].split("\n")[0] for q in _QUOTES)


def designation(c: Candidate) -> bool:
    """Section 230, KW 10, Frontal 21, iPhone 14: a name with a number, not an amount."""
    prev = c.ctx.prev_word(c.m.start())
    plain = _digits(c) and bool(_PLAIN_INT.fullmatch(c.n1))
    if c.qualified or prev is None or not (plain or c.how == "words") or c.score_like:
        return False
    word, wstart = prev
    lang = c.lang
    if fold(word) in lang.m("fig_designation") or fold(word.rstrip(".")) in lang.m("fig_designation"):
        return True
    if c.measured or not any(ch.isupper() for ch in word) or not word[0].isalpha() and word[0] not in "§#":
        return False
    if lang.is_month(word.rstrip(".,")):
        return False
    if c.ctx.starts_sentence(wstart):
        # "Insgesamt 500 Menschen" says nothing in German; in English a sentence-initial
        # capitalised word with a bare number and no noun after it is a name ("Nature 574,")
        if lang.conf.get("nouns_capitalized") or fold(word) in lang.m("fig_stop"):
            return False
        nxt = c.ctx.next_word(c.tail_end)
        return not (nxt[:1].islower() and c.text[c.tail_end : c.tail_end + 1].isspace())
    if not word[-1].isalnum():
        return False  # "Infizierte. Neun sind": the word ends a clause, it names nothing
    if lang.conf.get("nouns_capitalized"):
        # "Straßenreinigung 13 Infizierte" counts; "Frontal 21 vorliegen" names
        return not c.ctx.next_word(c.tail_end)[:1].isupper()
    return True


def named_number(c: Candidate) -> bool:
    """"known as 121102", "rebels in area 55", "911 calls": a bare number that names;
    a counted noun after it ("called 12 witnesses") keeps it."""
    if not (_digits(c) and c.n1.isdigit()) or c.qualified or c.measured:
        return False
    lang, text, end = c.lang, c.text, c.tail_end
    prev_word = fold(_prev_word(c))
    if c.n1 in lang.m("fig_emergency"):
        nxt = fold(c.ctx.next_word(end).rstrip(".,;:"))
        if nxt in lang.m("fig_emergency_context") or prev_word in lang.m("fig_emergency_context"):
            return True
    if noun_follows(c, end):
        return False
    if prev_word in lang.m("fig_designation_bare"):
        return True
    line = text.rfind("\n", max(0, c.m.start() - 40), c.m.start()) + 1
    return lang.name_cue is not None and lang.name_cue.search(text, max(line, c.m.start() - 40), c.m.start()) is not None


def noun_follows(c: Candidate, end: int) -> bool:
    """"mehr als 2000 Menschen", "over 2000 people": a counted noun right after the number."""
    if c.text[end : end + 1] != " ":
        return False
    nxt = c.ctx.next_word(end)
    if not nxt or c.lang.is_month(nxt):
        return False
    if c.lang.conf.get("nouns_capitalized"):
        return nxt[:1].isupper()
    return nxt[:1].islower() and fold(nxt) not in c.lang.m("fig_stop")


def half_block(c: Candidate) -> bool:
    """"the second half of": a half that is a part, not a fraction."""
    if c.g("fr1") is not None or fold(c.n1).split()[-1] not in c.lang.m("fig_half_noun"):
        return False
    prev = c.ctx.prev_word(c.m.start())
    return prev is not None and fold(prev[0]) in c.lang.m("fig_half_block")


def hyphen_compound(c: Candidate) -> bool:
    """"Drei-Punkte-Plan", "24-Stundenfrist": a number that is part of a compound name."""
    hy = _HYPHEN_WORD.match(c.text, c.tail_end)
    if hy is None or c.measured:
        return False
    word = fold(hy.group(1))
    return not c.lang.conf.get("hyphen_compounds") or any(word.startswith(t) for t in c.lang.m("fig_time_unit"))


def chrome(c: Candidate) -> bool:
    """"5 Kommentare", "3 min read": page furniture."""
    return fold(c.ctx.next_word(c.tail_end)) in c.lang.m("fig_chrome")


# the order matters: the first check that drops a candidate names the reason
CHECKS: tuple[tuple[str, Callable[[Candidate], bool]], ...] = (
    ("figures.letter-scale", letter_scale),
    ("figures.clock", clock),
    ("figures.claimed", claimed),
    ("figures.duration", duration),
    ("figures.glued", glued),
    ("figures.month-day", month_day),
    ("figures.year", year),
    ("figures.qualified-year", qualified_year),
    ("figures.leading-zero", leading_zero),
    ("figures.ordinal", ordinal_dot),
    ("figures.list-number", list_number),
    ("figures.vague", vague),
    ("figures.bare-hundred", bare_hundred),
    ("figures.fraction-ordinal", fraction_ordinal),
    ("figures.article", article),
    ("figures.multiple-compound", multiple_compound),
    ("figures.glued-length", glued_length),
    ("figures.capitalised-word", capitalised_word),
    ("figures.designation", designation),
    ("figures.named-number", named_number),
    ("figures.half-block", half_block),
    ("figures.hyphen-compound", hyphen_compound),
    ("figures.chrome", chrome),
)


def first_drop(c: Candidate) -> str | None:
    """The name of the first check that drops the candidate, or None to keep it."""
    for name, check in CHECKS:
        if check(c):
            return name
    return None
